import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TemplateChoice } from '../templates/match';
import type { Template, TemplateSection } from '../templates/template';
import type { SectionKind } from '../templates/vocabulary';
import type { TextSearch } from './textSearch';
import type { ParsedTimestamp } from './time';

/** A postmortem as the rules and features see it; every range is an LSP (UTF-16) range into `document`. */
export interface PostmortemDocument {
  document: TextDocument;
  /** The template the document is held to: the configured one, or for `auto` the one it follows (`none` for none). */
  template: Template;
  templateChoice: TemplateChoice;
  title?: Title;
  frontMatter?: FrontMatter;
  incidentDate?: IncidentDate;
  /** Every heading but the title, in document order (a flat list; `parent` gives the nesting). */
  sections: Section[];
  /** Every timeline entry of every timeline, in document order. */
  timeline: TimelineEntry[];
  /** The timelines: each list, table, run of timestamp headings or run of timestamped lines; `TimelineEntry.timelineId` indexes it. */
  timelines: Timeline[];
  /** Headings, bold lines and list items that only state a date (`### 2021-01-30`, `**Saturday 30 January**`). */
  dateHeadings: DateHeading[];
  /** The zone the document says its times are in ("All times are UTC", front matter `timezone:`). */
  declaredZone?: DeclaredZone;
  /** Times metadata lines state for the incident's start, detection and end (`**Started:** 09:41 UTC`). */
  statedTimes: StatedTime[];
  actionItems: ActionItem[];
  /** Steps of the five-whys analysis. */
  whys: Why[];
  /** Front matter keys, `Key: value` lines under the title, and headings that are really metadata. */
  metadata: MetadataField[];
  /** Every place that states the incident's date, in priority order (front matter, title, metadata, file name). */
  dateMentions: DateMention[];
  links: Link[];
  /** Sorted [start, end) offsets of code, inline code and front matter: text rules skip them. */
  codeSpans: Array<[number, number]>;
  /** Sorted [start, end) offsets of raw HTML (comments, tags): not prose either, but `<fill in>` parses as HTML. */
  htmlSpans: Array<[number, number]>;
  /** Searches of the text for phrases within a line, per block and remembered between keystrokes when it can. */
  search: TextSearch;
}

export interface Title {
  text: string;
  range: Range;
  source: 'heading' | 'front-matter';
}

export interface FrontMatter {
  /** Parsed YAML (YAML 1.2 core schema, so dates stay strings); undefined when it did not parse. */
  data: Record<string, unknown> | undefined;
  range: Range;
  error?: { message: string; range: Range };
}

export interface IncidentDate {
  year: number;
  month: number;
  day: number;
  source: 'front-matter' | 'title' | 'metadata' | 'file-name';
}

export interface Section {
  /** Heading text as written, emoji included (`🔎 Five Why’s`). */
  heading: string;
  level: number;
  /** The heading line. */
  range: Range;
  /** From the end of the heading line to the end of the section (before the next heading of the same or a higher level). */
  bodyRange: Range;
  /** Heading and body: what folds and what the outline selects. */
  fullRange: Range;
  /** The heading in the form names are compared in (`normalizeSectionName`). */
  name: string;
  /** What the heading says the section is about: several for a combined heading ("Impact and recovery"). */
  kinds: readonly SectionKind[];
  /** `bold`: a paragraph that opens with a bold section name (`**Impact**: …`), a section without a heading. */
  style?: 'bold';
  /** The template section this heading is, when it is one (the first of `matches`). */
  match?: TemplateSection;
  /** Every template section the heading stands for: one, or one per kind of a combined heading. */
  matches?: TemplateSection[];
  /** Whether the heading is one of the template section's names, rather than a heading of the same kind. */
  matchedByName?: boolean;
  /** The italic-only paragraph right under the heading, as the template writes it. */
  prompt?: { text: string; range: Range };
  /** True when the body holds nothing but the prompt, comments and blank lines (sub-sections count as content). */
  isEmpty: boolean;
  /** Index of the enclosing section in `sections`, if any. */
  parent?: number;
  /** The section's last block before any sub-section, when it is a paragraph: where unfinished sentences hide. */
  lastParagraph?: { text: string; range: Range };
}

export interface Clock {
  /** The hour as written: 0–23 on a 24-hour clock, 1–12 with `meridiem` (`hourOfDay` converts). */
  hour: number;
  minute: number;
  second?: number;
  /** Set on a 12-hour clock (`2:54 PM`). */
  meridiem?: 'AM' | 'PM';
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A date as a timeline writes it; `year` is absent when the author left it out (`03-26`, `January 30`). */
export interface TimelineDate {
  year?: number;
  month: number;
  day: number;
  /** A date written in numbers only (`30/09/2024`): which order it was read in, or `either` while nothing tells. */
  numeric?: 'day-first' | 'month-first' | 'either';
}

/** How a timeline is written: a list of bullets, a table with a time column, timestamp headings, or timestamped lines. */
export type TimelineKind = 'list' | 'table' | 'headings' | 'lines';

export interface TimelineEntry {
  /** The whole entry: the list item, the table row, the heading with its body, or the line with its continuation lines. */
  range: Range;
  /** The timestamp as written, without emphasis or brackets (`00:27 UTC`, `03-26 23:04`, `8:20 - 8:24`). */
  timeText: string;
  timeRange: Range;
  /** Just the clock (`00:27`, `14.43`), for fixes that rewrite it. */
  clockRange: Range;
  clock: Clock;
  /** The end of a range (`8:20 - 8:24`); the entry's time is its start. */
  end?: Clock;
  /** The entry's date: written in its timestamp or date column, or stated by a date heading above. */
  date?: TimelineDate;
  dateSource?: 'timestamp' | 'column' | 'heading';
  /** Where that date is written: in the timestamp, the row's date cell, or the date heading. */
  dateRange?: Range;
  /** The zone that applies (`UTC`, `PDT`, `UTC+2`): written on the entry, in the table header, or declared for the document. */
  zone?: string;
  zoneSource?: 'timestamp' | 'header' | 'declared';
  /** The clock is written with a dot (`14.43`): read as a time so the timeline stays whole, reported as malformed. */
  dotted?: boolean;
  /** The same moment given in a second zone (`09:15 UTC (18:15 JST)`), checked against the first. */
  alternate?: { clock: Clock; zone: string };
  /** Minutes after the incident's start, for an entry timed as an offset (`T+45m`): it needs no zone. */
  relative?: number;
  /** The event text after the timestamp (other cells of a table row, the body under a timestamp heading). */
  text: string;
  /** How the timestamp is written, so completion can write the next one the same way. */
  format: TimestampFormat;
  kind: TimelineKind;
  /** Index in `timelines`; order is checked within one timeline. */
  timelineId: number;
  /** Index in `sections` of the section the entry is in. */
  section?: number;
}

export interface Timeline {
  id: number;
  kind: TimelineKind;
  /** From the first entry's block to the last one's (the whole list or table). */
  range: Range;
  /** Tables: the shape of a row, so completion can write a new one and fixes can name the time column. */
  table?: { columns: number; timeColumn: number; dateColumn?: number; timeHeader: { text: string; range: Range } };
  /** A zone written in the time column's header (`Time (UTC)`), applied to its rows. */
  zone?: string;
}

export interface TimestampFormat {
  /** What starts the entry's line before the timestamp: `- `, `  * `, `1. `, `### `; empty for table cells and lines. */
  lead: string;
  /** Emphasis or code around the timestamp (`**00:27 UTC:**`). */
  emphasis: '' | '**' | '__' | '*' | '_' | '`';
  /** `[` in `[13:26]`, `(` in `(7:30 UTC)`; empty when the timestamp is not in brackets. */
  brackets: '' | '[' | '(';
  /** The date before the clock as written, with what separates it from the clock (`2021-07-11 `, `03-26 `). */
  datePrefix?: string;
  /** Whether the hour is written with two digits. */
  padHour: boolean;
  hasSeconds: boolean;
  /** AM/PM as written, with the space before it (`' PM'`, `'am'`, `' p.m.'`), on a 12-hour clock. */
  meridiem?: string;
  /** The zone as written, with the space before it (`' UTC'`, `' (PDT)'`); empty when the entry names none. */
  zoneText: string;
  /** Punctuation after the zone, inside the emphasis or brackets (`:` in `**00:27 UTC:**`, `:` in `00:27 UTC: text`). */
  punctuation: string;
  /** Punctuation after the closing emphasis or bracket (`:` in `**00:27 UTC**: text`). */
  after: string;
  /** The emphasis closes at the end of the entry, not after the timestamp (`**09:12 UTC: Rolled back**`). */
  closesAtEnd?: true;
}

/** A line that dates the timeline entries below it that have no date of their own. */
export interface DateHeading {
  date: TimelineDate;
  /** The date as written. */
  text: string;
  range: Range;
  kind: 'heading' | 'paragraph' | 'list-item';
}

export interface DeclaredZone {
  zone: string;
  /** Where the zone is named (the word `UTC` in "All times are UTC", or the front matter line). */
  range: Range;
}

export interface ActionItem {
  range: Range;
  text: string;
  checked: boolean;
  section?: number;
  /** A row of an action-item table: whether its owner or ticket cell names someone or something. */
  assigned?: boolean;
  /** A row's status cell: a word there (`TODO`, `Open`) is a status, not a placeholder. */
  statusRange?: Range;
}

export interface Why {
  range: Range;
  text: string;
  section: number;
}

/** A time a metadata line states: when the incident started, was detected or ended, as written. */
export interface StatedTime {
  role: 'start' | 'detection' | 'resolution';
  /** The metadata key, lower-cased (`started`, `detected at`). */
  key: string;
  stamp: ParsedTimestamp;
  timeText: string;
  timeRange: Range;
  clockRange: Range;
}

export interface MetadataField {
  /** Lower-cased key (`severity`, `authors`). */
  key: string;
  value: string;
  range: Range;
  source: 'front-matter' | 'line' | 'heading';
}

export interface DateMention extends CalendarDate {
  source: IncidentDate['source'];
  /** Where the date is written; for the file name, the start of the document. */
  range: Range;
  /** Why the date does not exist (`2021-02 has 28 days, not 30`): then it is reported, and not the incident's date. */
  problem?: string;
}

export interface Link {
  url: string;
  kind: 'link' | 'image';
  range: Range;
}
