import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Template, TemplateSection } from '../templates/template';

/** A postmortem as the rules and features see it; every range is an LSP (UTF-16) range into `document`. */
export interface PostmortemDocument {
  document: TextDocument;
  template: Template;
  title?: Title;
  frontMatter?: FrontMatter;
  incidentDate?: IncidentDate;
  /** Every heading but the title, in document order (a flat list; `parent` gives the nesting). */
  sections: Section[];
  timeline: TimelineEntry[];
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
  /** The template section this heading is, when it is one. */
  match?: TemplateSection;
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
  hour: number;
  minute: number;
  second?: number;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TimelineEntry {
  /** The whole list item. */
  range: Range;
  /** The timestamp as written, without emphasis markers (`00:27 UTC`). */
  timeText: string;
  timeRange: Range;
  clock: Clock;
  date?: CalendarDate;
  zone?: string;
  /** The event text after the timestamp. */
  text: string;
  /** How the timestamp is written, so completion can write the next one the same way. */
  format: TimestampFormat;
  /** Entries of one list form one timeline; order is checked within it. */
  listId: number;
  /** Index in `sections` of the section the entry is in. */
  section?: number;
}

export interface TimestampFormat {
  /** `**` or `__` when the timestamp is bold. */
  emphasis: '' | '**' | '__';
  /** Text between the time and the closing emphasis (`' UTC:'`) or after the time when not bold. */
  suffix: string;
  /** Whether the hour is written with two digits. */
  padHour: boolean;
  hasSeconds: boolean;
  datePrefix?: string;
}

export interface ActionItem {
  range: Range;
  text: string;
  checked: boolean;
  section?: number;
}

export interface Why {
  range: Range;
  text: string;
  section: number;
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
}

export interface Link {
  url: string;
  kind: 'link' | 'image';
  range: Range;
}
