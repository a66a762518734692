import type { Heading, Paragraph, RootContent } from 'mdast';
import type { Range } from 'vscode-languageserver-types';
import { sectionAt } from '../sections';
import { sharedFormat } from '../sharedFormat';
import { endOf, startOf, type Source } from '../source';
import type { ParsedTimestamp } from '../time';
import type { DateHeading, Section, Timeline, TimelineDate, TimelineEntry, TimelineKind } from '../types';

/** Paragraph-level date markers hold until any heading that is not a timestamp; heading ones until one at their level. */
export const PARAGRAPH_LEVEL = 7;

/** A date that dates the entries below it: a date heading, a date paragraph or a dated list item. */
export interface DateInForce {
  date: TimelineDate;
  range: Range;
}

/** What an entry takes from around it when its own timestamp does not say: a date, where it came from, a zone. */
export interface Inherited {
  date?: TimelineDate;
  dateSource?: TimelineEntry['dateSource'];
  dateRange?: Range;
  zone?: string;
}

/**
 * The state the format readers share while one pass walks the top-level blocks: the entries and timelines read so
 * far, the date in force, and the runs of timestamp headings and lines still open. Each format's reader
 * (headings.ts, lines.ts, lists.ts, tables.ts) adds to it; none knows the others.
 */
export class TimelineReader {
  readonly text: string;
  readonly entries: TimelineEntry[] = [];
  readonly timelines: Timeline[] = [];
  /** Each timeline's offsets, by id; turned into its range at the end. */
  readonly blocks: Array<{ start: number; end: number }> = [];
  readonly dateHeadings: DateHeading[] = [];
  currentDate: (DateInForce & { level: number }) | undefined;
  /** Open runs of timestamp headings by depth: `### 13:35` … `#### 13:40` … `### 13:50` keeps the `###` run going. */
  readonly headingRuns = new Map<number, number>();
  /** The open run of paragraphs of timestamped lines, and the index of its last paragraph. */
  linesRun: { id: number; lastIndex: number } | undefined;

  constructor(
    readonly children: readonly RootContent[],
    readonly sections: readonly Section[],
    readonly source: Source,
  ) {
    this.text = source.text;
  }

  /** No date in force and no run open: what is read next reads the same wherever it sits. */
  stateIsEmpty(): boolean {
    return this.currentDate === undefined && this.headingRuns.size === 0 && this.linesRun === undefined;
  }

  /** The date in force, as an entry inherits it. */
  dateInForce(): Inherited {
    const current = this.currentDate;
    return current ? { date: current.date, dateSource: 'heading', dateRange: current.range } : {};
  }

  openTimeline(kind: TimelineKind, start: number, end: number, extra: Partial<Timeline> = {}): number {
    const id = this.timelines.length;
    this.timelines.push({ id, kind, range: this.source.range(start, end), ...extra });
    this.blocks.push({ start, end });
    return id;
  }

  extendTimeline(id: number, end: number): void {
    this.blocks[id]!.end = Math.max(this.blocks[id]!.end, end);
  }

  /**
   * Adds the entry whose timestamp `stamp` was read at offset `base`, covering `range`, with the event text after
   * the timestamp and the line's lead (`- `, `### `) as written.
   */
  pushEntry(kind: TimelineKind, timelineId: number, base: number, stamp: ParsedTimestamp, range: { start: number; end: number }, eventText: string, lead: string, inherited: Inherited): void {
    const { source, text } = this;
    const { format } = stamp;
    const date = stamp.date ?? inherited.date;
    const zone = stamp.zone ?? inherited.zone;
    const rangeOf = source.range(range.start, range.end);
    const section = sectionAt(this.sections, rangeOf.start.line);
    this.entries.push({
      range: rangeOf,
      timeText: text.slice(base + stamp.timeStart, base + stamp.timeEnd),
      timeRange: source.range(base + stamp.timeStart, base + stamp.timeEnd),
      clockRange: source.range(base + stamp.clockStart, base + stamp.clockEnd),
      clock: stamp.clock,
      ...(stamp.end ? { end: stamp.end } : {}),
      ...(date ? { date, dateSource: stamp.date ? 'timestamp' : inherited.dateSource ?? 'heading' } : {}),
      ...(stamp.dateStart !== undefined && stamp.dateEnd !== undefined
        ? { dateRange: source.range(base + stamp.dateStart, base + stamp.dateEnd) }
        : !stamp.date && inherited.dateRange
          ? { dateRange: inherited.dateRange }
          : {}),
      ...(zone ? { zone, zoneSource: stamp.zone ? 'timestamp' : 'header' } : {}),
      ...(stamp.dotted ? { dotted: true } : {}),
      ...(stamp.alternate ? { alternate: stamp.alternate } : {}),
      ...(stamp.relative !== undefined ? { relative: stamp.relative } : {}),
      text: (format.closesAtEnd ? eventText.trimEnd().slice(0, -format.emphasis.length) : eventText).replace(/\s+/g, ' ').trim(),
      format: sharedFormat({ lead, ...format }),
      kind,
      timelineId,
      ...(section !== undefined ? { section } : {}),
    });
  }

  /** Where a heading's or paragraph's words are, without trailing comments (`### 13:40 <!-- note -->`). */
  contentOf(node: Heading | Paragraph): [number, number] {
    const first = node.children[0];
    let lastIndex = node.children.length - 1;
    while (lastIndex > 0 && node.children[lastIndex]!.type === 'html') lastIndex--;
    const last = node.children[lastIndex];
    if (!first || !last) return [endOf(node), endOf(node)];
    const end = endOf(last);
    return [startOf(first), lastIndex < node.children.length - 1 ? startOf(first) + this.text.slice(startOf(first), end).trimEnd().length : end];
  }
}
