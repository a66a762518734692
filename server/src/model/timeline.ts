import type { Code, Heading, List, Paragraph, Root, RootContent, Table, TableCell } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { isTask, MAX_LIST_DEPTH } from './lists';
import { sectionAt } from './sections';
import { sharedFormat } from './sharedFormat';
import { endOf, lineStartOf, startOf, type Source } from './source';
import { parseDateLine, parseLeadingTimestamp, parseZone, readZoneName, type ParsedTimestamp } from './time';
import type {
  DateHeading,
  DeclaredZone,
  FrontMatter,
  Section,
  Timeline,
  TimelineDate,
  TimelineEntry,
  TimelineKind,
} from './types';

export interface TimelineModel {
  timeline: TimelineEntry[];
  timelines: Timeline[];
  dateHeadings: DateHeading[];
  declaredZone?: DeclaredZone;
}

/**
 * What reading each region of a document gave, kept between versions so that an edit re-reads only the regions it
 * changed (the server keeps one per open document). A region starts where the reader's state is empty (no date in
 * force, no run of timestamp headings or lines open) or at an H1 or H2 heading, which empties it; it ends before the
 * next such heading. So a region reads the same wherever it sits.
 */
export class TimelineCache {
  readonly regions = new WeakMap<RootContent, TimelineRegion>();
  /** Each prose block's zone declaration (from its start), or null for none: a kept block declares the same. */
  readonly declarations = new WeakMap<RootContent, Declaration | null>();
}

/** A zone declaration in a block: where the zone's name starts in the block, how long it is, and the zone. */
interface Declaration {
  at: number;
  length: number;
  zone: string;
}

interface TimelineRegion {
  nodes: RootContent[];
  /** What follows the region: the end of the document, an H1 or H2 heading, or anything (the state was empty). */
  next: 'end' | 'reset' | 'empty';
  line: number;
  offset: number;
  timelineBase: number;
  entries: TimelineEntry[];
  timelines: Timeline[];
  blocks: Array<{ start: number; end: number }>;
  dateHeadings: DateHeading[];
}

/** Paragraph-level date markers hold until any heading that is not a timestamp; heading ones until one at their level. */
const PARAGRAPH_LEVEL = 7;
// `Time`, `Time (UTC)`, `Timestamp`, `When`, `Date`, `Date/Time`, `Time, PDT`; the rest of the header is checked apart.
const timeHeader = /^(?:date\s{0,3}(?:\/|&|and|\+)\s{0,3})?(time(?:stamp)?|when|date|hour)s?(?![\p{L}\p{N}])(.{0,40})$/iu;
const dateHeader = /^(?:date|day)$/i;
const frontMatterZoneKeys = ['timezone', 'time_zone', 'timeZone', 'time-zone', 'zone', 'tz'];
// A declaration starts at one of these words; what follows is matched by `declarationRest`, with bounded repetition.
const declarationStart = /(?<![\p{L}\p{N}])(?:times|timestamps|time\s{0,2}zone|timeline)(?![\p{L}\p{N}])/iuy;
// Where a declaration may start: a plain search finds these a few times faster than the Unicode pattern scans prose.
const timeWord = /time/gi;
const declarationRest =
  /^(?:\s{1,3}(?:below|above|here|shown|listed|given|used|quoted|in\s{1,3}this\s{1,3}\p{L}{1,20}))?(?:\s{0,3}(?:are|is|:|-|–|—|=))?(?:\s{1,3}(?:given|shown|listed|written|expressed|reported|quoted|displayed|approximated|approximately|roughly|converted|normali[sz]ed|rounded))?(?:\s{1,3}(?:in|to|into))?\s{0,3}\(?\s{0,2}(?:in\s{1,3})?(?:the\s{1,3})?/iu;
const zoneWord = /^(?:[A-Za-z]{1,5}(?:\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)?(?:\s\((?:UTC|GMT)\s?[+\-−]\d{1,2}(?::?\d{2})?\))?)(?![\p{L}\p{N}])/u;

/**
 * Reads every timeline of the document: bullets that start with a time, tables with a time column, H3+ headings that
 * are timestamps, and paragraphs whose lines start with times, plus the date headings above them and the zone the
 * document declares. One pass over the top-level blocks; table rows are read from the tree, never re-parsed.
 */
export function readTimeline(root: Root, sections: readonly Section[], frontMatter: FrontMatter | undefined, source: Source, cache?: TimelineCache): TimelineModel {
  const text = source.text;
  const entries: TimelineEntry[] = [];
  const timelines: Timeline[] = [];
  const blocks: Array<{ start: number; end: number }> = [];
  const dateHeadings: DateHeading[] = [];
  const declaredZone = readDeclaredZone(root, frontMatter, source, cache);

  let currentDate: { date: TimelineDate; level: number; range: Range } | undefined;
  // Open runs of timestamp headings by depth: `### 13:35` … `#### 13:40` … `### 13:50` keeps the `###` run going.
  const headingRuns = new Map<number, number>();
  let linesRun: { id: number; lastIndex: number } | undefined;

  const children = root.children;
  const stateIsEmpty = () => currentDate === undefined && headingRuns.size === 0 && linesRun === undefined;
  // Here the reader's state is always empty, or the next block is an H1 or H2 heading, which empties it.
  for (let i = 0; i < children.length; ) {
    const replayed = cache ? replayRegion(i) : undefined;
    if (replayed !== undefined) {
      i = replayed;
      continue;
    }
    const start = i;
    const marks = { entries: entries.length, timelines: timelines.length, dateHeadings: dateHeadings.length };
    readBlock(children[i]!, i++);
    while (i < children.length) {
      const node = children[i]!;
      if (node.type === 'heading' && (node.depth <= 2 || stateIsEmpty())) break;
      readBlock(node, i++);
    }
    if (cache) recordRegion(start, i, marks, i === children.length ? 'end' : stateIsEmpty() ? 'empty' : 'reset');
  }

  entries.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  inheritHeadingZones(entries, sections);
  // Copies, not changes: the entries may be kept for the next version's reading (TimelineCache).
  if (declaredZone) {
    entries.forEach((entry, index) => {
      if (entry.zone === undefined) entries[index] = { ...entry, zone: declaredZone.zone, zoneSource: 'declared' };
    });
  }
  for (const timeline of timelines) {
    const block = blocks[timeline.id]!;
    timeline.range = source.range(block.start, block.end);
  }
  return { timeline: entries, timelines, dateHeadings, ...(declaredZone ? { declaredZone } : {}) };

  function readBlock(node: RootContent, i: number): void {
    if (node.type === 'heading') {
      linesRun = undefined;
      readHeading(node, i);
    } else if (node.type === 'paragraph') {
      readParagraph(node, i);
    } else if (node.type === 'list') {
      linesRun = undefined;
      readList(node, currentDate ? { date: currentDate.date, range: currentDate.range } : undefined);
    } else if (node.type === 'table') {
      linesRun = undefined;
      readTable(node);
    } else if (node.type === 'code') {
      linesRun = undefined;
      readCode(node);
    } else if (node.type !== 'yaml') {
      linesRun = undefined;
    }
  }

  function recordRegion(start: number, end: number, marks: { entries: number; timelines: number; dateHeadings: number }, next: TimelineRegion['next']): void {
    const first = children[start]!;
    cache!.regions.set(first, {
      nodes: children.slice(start, end),
      next,
      line: first.position?.start.line ?? 0,
      offset: startOf(first),
      timelineBase: marks.timelines,
      entries: entries.slice(marks.entries),
      timelines: timelines.slice(marks.timelines).map((timeline) => ({ ...timeline })),
      blocks: blocks.slice(marks.timelines).map((block) => ({ ...block })),
      dateHeadings: dateHeadings.slice(marks.dateHeadings),
    });
  }

  /**
   * Puts the region read for an earlier version that starts at `start` back, moved to where it is now, and returns
   * where it ends; undefined when its blocks, or what follows them, changed.
   */
  function replayRegion(start: number): number | undefined {
    const first = children[start]!;
    const region = cache!.regions.get(first);
    if (!region) return undefined;
    const end = start + region.nodes.length;
    if (end > children.length) return undefined;
    for (let i = start; i < end; i++) if (region.nodes[i - start] !== children[i]) return undefined;
    const after = children[end];
    if (region.next === 'end' ? after !== undefined : region.next === 'reset' ? !(after && isRegionStart(after)) : false) return undefined;
    const lines = (first.position?.start.line ?? 0) - region.line;
    const offsets = startOf(first) - region.offset;
    const base = timelines.length;
    for (const timeline of region.timelines) {
      const { table } = timeline;
      timelines.push({
        ...timeline,
        id: base + timeline.id - region.timelineBase,
        range: moveRange(timeline.range, lines),
        ...(table ? { table: { ...table, timeHeader: { ...table.timeHeader, range: moveRange(table.timeHeader.range, lines) } } } : {}),
      });
    }
    for (const block of region.blocks) blocks.push({ start: block.start + offsets, end: block.end + offsets });
    for (const entry of region.entries) {
      const range = moveRange(entry.range, lines);
      const section = sectionAt(sections, range.start.line);
      const timelineId = base + entry.timelineId - region.timelineBase;
      if (lines === 0 && section === entry.section && timelineId === entry.timelineId) {
        entries.push(entry);
        continue;
      }
      const moved: TimelineEntry = {
        ...entry,
        range,
        timeRange: moveRange(entry.timeRange, lines),
        clockRange: moveRange(entry.clockRange, lines),
        ...(entry.dateRange ? { dateRange: moveRange(entry.dateRange, lines) } : {}),
        timelineId,
      };
      if (section === undefined) delete moved.section;
      else moved.section = section;
      entries.push(moved);
    }
    for (const heading of region.dateHeadings) dateHeadings.push(lines === 0 ? heading : { ...heading, range: moveRange(heading.range, lines) });
    currentDate = undefined;
    headingRuns.clear();
    linesRun = undefined;
    return end;
  }

  function openTimeline(kind: TimelineKind, start: number, end: number, extra: Partial<Timeline> = {}): number {
    const id = timelines.length;
    timelines.push({ id, kind, range: source.range(start, end), ...extra });
    blocks.push({ start, end });
    return id;
  }

  function extendTimeline(id: number, end: number): void {
    blocks[id]!.end = Math.max(blocks[id]!.end, end);
  }

  function pushEntry(
    kind: TimelineKind,
    timelineId: number,
    base: number,
    stamp: ParsedTimestamp,
    range: { start: number; end: number },
    eventText: string,
    lead: string,
    inherited: { date?: TimelineDate; dateSource?: TimelineEntry['dateSource']; dateRange?: Range; zone?: string },
  ): void {
    const { format } = stamp;
    const date = stamp.date ?? inherited.date;
    const zone = stamp.zone ?? inherited.zone;
    const rangeOf = source.range(range.start, range.end);
    const section = sectionAt(sections, rangeOf.start.line);
    entries.push({
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
      text: (format.closesAtEnd ? eventText.trimEnd().slice(0, -format.emphasis.length) : eventText).replace(/\s+/g, ' ').trim(),
      format: sharedFormat({ lead, ...format }),
      kind,
      timelineId,
      ...(section !== undefined ? { section } : {}),
    });
  }

  function readHeading(node: Heading, index: number): void {
    const [contentStart, contentEnd] = contentOf(node);
    const content = text.slice(contentStart, contentEnd);
    const stamp = node.depth >= 3 ? parseLeadingTimestamp(content) : undefined;
    const runId = headingRuns.get(node.depth);
    if (stamp && (!stamp.dotted || runId !== undefined || stamp.format.emphasis !== '' || stamp.zone)) {
      if (currentDate && node.depth < currentDate.level && currentDate.level !== PARAGRAPH_LEVEL) currentDate = undefined;
      for (const depth of [...headingRuns.keys()]) if (depth > node.depth) headingRuns.delete(depth);
      // The entry is the heading and its body, up to the next heading of the same or a higher level.
      let last = index;
      for (let j = index + 1; j < children.length; j++) {
        const next = children[j]!;
        if (next.type === 'heading' && next.depth <= node.depth) break;
        last = j;
      }
      const end = Math.max(endOf(node), endOf(children[last]!));
      const id = runId ?? openTimeline('headings', startOf(node), end);
      extendTimeline(id, end);
      headingRuns.set(node.depth, id);
      const bodyEnd = firstSubHeading(index + 1, last);
      const body = bodyEnd > index + 1 ? text.slice(endOf(node), endOf(children[bodyEnd - 1]!)) : '';
      pushEntry('headings', id, contentStart, stamp, { start: startOf(node), end }, `${content.slice(stamp.length)} ${body}`, text.slice(startOf(node), contentStart), {
        ...(currentDate ? { date: currentDate.date, dateSource: 'heading' as const, dateRange: currentDate.range } : {}),
      });
      return;
    }
    for (const depth of [...headingRuns.keys()]) if (depth >= node.depth) headingRuns.delete(depth);
    const dated = node.depth >= 2 ? parseDateLine(content) : undefined;
    if (dated) {
      const range = source.range(contentStart, contentEnd);
      dateHeadings.push({ date: dated.date, text: content.trim(), range, kind: 'heading' });
      currentDate = { date: dated.date, level: node.depth, range };
      return;
    }
    if (currentDate && node.depth <= currentDate.level) currentDate = undefined;
  }

  /** Index after the last body block before the first sub-heading, for the text of a heading entry. */
  function firstSubHeading(from: number, last: number): number {
    for (let j = from; j <= last; j++) if (children[j]!.type === 'heading') return j;
    return last + 1;
  }

  function readParagraph(node: Paragraph, index: number): void {
    const start = startOf(node);
    const raw = text.slice(start, endOf(node));
    const dated = readDateParagraph(text.slice(start, contentOf(node)[1]));
    if (dated) {
      linesRun = undefined;
      const range = source.range(start + dated.start, start + dated.end);
      dateHeadings.push({ date: dated.date, text: raw.slice(dated.start, dated.end), range, kind: 'paragraph' });
      currentDate = { date: dated.date, level: PARAGRAPH_LEVEL, range };
      return;
    }
    const lines = readStampedLines(raw);
    if (!lines) {
      linesRun = undefined;
      return;
    }
    const id = linesRun && linesRun.lastIndex === index - 1 ? linesRun.id : openTimeline('lines', start, endOf(node));
    extendTimeline(id, endOf(node));
    linesRun = { id, lastIndex: index };
    for (const line of lines) {
      pushEntry('lines', id, start + line.start, line.stamp, { start: start + line.start, end: start + line.end }, line.text, '', {
        ...(currentDate ? { date: currentDate.date, dateSource: 'heading' as const, dateRange: currentDate.range } : {}),
      });
    }
  }

  /** A fenced block of timestamped lines is a timeline only under a timeline heading: elsewhere it is a log excerpt. */
  function readCode(node: Code): void {
    const section = sectionAt(sections, source.nodeRange(node).start.line);
    if (section === undefined || !sections[section]!.kinds.includes('timeline')) return;
    const start = startOf(node);
    const block = text.slice(start, endOf(node));
    // Between the fence lines; an indented block has none and is not read.
    const firstBreak = block.indexOf('\n');
    if (firstBreak < 0 || !fence.test(block)) return;
    const lastBreak = block.lastIndexOf('\n');
    const closed = lastBreak > firstBreak && fence.test(block.slice(lastBreak + 1));
    const lines = readStampedLines(block.slice(firstBreak + 1, closed ? lastBreak : block.length));
    if (!lines) return;
    const id = openTimeline('lines', start, endOf(node));
    const base = start + firstBreak + 1;
    for (const line of lines) {
      pushEntry('lines', id, base + line.start, line.stamp, { start: base + line.start, end: base + line.end }, line.text, '', {
        ...(currentDate ? { date: currentDate.date, dateSource: 'heading' as const, dateRange: currentDate.range } : {}),
      });
    }
  }

  function readList(top: List, inheritedDate: { date: TimelineDate; range: Range } | undefined): void {
    type Dated = { date: TimelineDate; range: Range } | undefined;
    const stack: Array<{ list: List; depth: number; date: Dated }> = [{ list: top, depth: 1, date: inheritedDate }];
    while (stack.length > 0) {
      const { list, depth, date } = stack.pop()!;
      const candidates: Array<{ stamp: ParsedTimestamp; contentStart: number; firstText: string; item: (typeof list.children)[number] }> = [];
      const nested: Array<{ list: List; depth: number; date: Dated }> = [];
      for (const item of list.children) {
        const first = item.children[0];
        let itemDate = date;
        if (first?.type === 'paragraph' && !isTask(item, source)) {
          const contentStart = startOf(first);
          const firstText = text.slice(contentStart, endOf(first));
          const stamp = parseLeadingTimestamp(firstText);
          if (stamp) {
            candidates.push({ stamp, contentStart, firstText, item });
          } else {
            const dated = readDateParagraph(text.slice(contentStart, contentOf(first)[1]));
            if (dated && item.children.some((child) => child.type === 'list')) {
              const range = source.range(contentStart + dated.start, contentStart + dated.end);
              dateHeadings.push({ date: dated.date, text: firstText.slice(dated.start, dated.end), range, kind: 'list-item' });
              itemDate = { date: dated.date, range };
            }
          }
        }
        if (depth < MAX_LIST_DEPTH) for (const child of item.children) if (child.type === 'list') nested.push({ list: child, depth: depth + 1, date: itemDate });
      }
      // `14.43` counts as a (malformed) time only beside real ones, or when set apart like one (bold, zoned).
      const hasColonTime = candidates.some((c) => !c.stamp.dotted);
      const accepted = candidates.filter((c) => !c.stamp.dotted || hasColonTime || c.stamp.format.emphasis !== '' || c.stamp.format.brackets !== '' || c.stamp.zone);
      if (accepted.length > 0) {
        const id = openTimeline('list', startOf(list), endOf(list));
        for (const { stamp, contentStart, firstText, item } of accepted) {
          const itemStart = startOf(item);
          const leadText = text.slice(lineStartOf(text, itemStart), contentStart);
          // What follows the last line break, when the item's first line is not the paragraph's.
          const lastBreak = Math.max(leadText.lastIndexOf('\n'), leadText.lastIndexOf('\r'));
          const lead = lastBreak >= 0 ? leadText.slice(lastBreak + 1) || '- ' : leadText;
          pushEntry('list', id, contentStart, stamp, { start: itemStart, end: endOf(item) }, firstText.slice(stamp.length), lead, {
            ...(date ? { date: date.date, dateSource: 'heading' as const, dateRange: date.range } : {}),
          });
        }
      }
      for (let n = nested.length - 1; n >= 0; n--) stack.push(nested[n]!);
    }
  }

  function readTable(table: Table): void {
    const [header, ...rows] = table.children;
    if (!header || rows.length === 0) return;
    const headers = header.children.map((cell) => cellContent(cell));
    const reads = headers.map((cell) => readTimeHeader(cell.text));
    const isDate = (column: number) => reads[column]?.word === 'date' || dateHeader.test(headers[column]!.text.trim());
    // A `Time` column wins over a `Date` one; a `Date` column beside it dates the rows.
    let timeColumn = reads.findIndex((read, column) => read !== undefined && !isDate(column));
    let dateColumn: number | undefined;
    if (timeColumn < 0) {
      timeColumn = reads.findIndex((read) => read !== undefined);
    } else {
      const found = headers.findIndex((_, column) => column !== timeColumn && isDate(column));
      if (found >= 0) dateColumn = found;
    }
    const headerZone = timeColumn >= 0 ? reads[timeColumn]?.zone : undefined;
    if (timeColumn < 0) return;
    const timeHeaderCell = headers[timeColumn]!;
    let id: number | undefined;
    for (const row of rows) {
      const cell = row.children[timeColumn];
      if (!cell) continue;
      const content = cellContent(cell);
      const stamp = parseLeadingTimestamp(content.text);
      if (!stamp) continue;
      id ??= openTimeline('table', startOf(table), endOf(table), {
        table: {
          columns: header.children.length,
          timeColumn,
          ...(dateColumn !== undefined ? { dateColumn } : {}),
          timeHeader: { text: timeHeaderCell.text, range: source.range(timeHeaderCell.start, timeHeaderCell.end) },
        },
        ...(headerZone ? { zone: headerZone } : {}),
      });
      const dateCell = dateColumn !== undefined ? row.children[dateColumn] : undefined;
      const dateContent = dateCell ? cellContent(dateCell) : undefined;
      const columnDate = dateContent ? parseDateLine(dateContent.text)?.date : undefined;
      const others = row.children
        .filter((_, column) => column !== timeColumn && column !== dateColumn)
        .map((other) => cellContent(other).text.trim())
        .filter((value) => value !== '');
      const inherited = columnDate && dateContent
        ? { date: columnDate, dateSource: 'column' as const, dateRange: source.range(dateContent.start, dateContent.end) }
        : currentDate ? { date: currentDate.date, dateSource: 'heading' as const, dateRange: currentDate.range } : {};
      pushEntry('table', id, content.start, stamp, { start: startOf(row), end: endOf(row) }, [content.text.slice(stamp.length).trim(), ...others].filter(Boolean).join(' | '), '', {
        ...inherited,
        ...(headerZone ? { zone: headerZone } : {}),
      });
    }
  }

  function cellContent(cell: TableCell): { text: string; start: number; end: number } {
    const first = cell.children[0];
    const last = cell.children[cell.children.length - 1];
    if (!first || !last) return { text: '', start: startOf(cell), end: startOf(cell) };
    return { text: text.slice(startOf(first), endOf(last)), start: startOf(first), end: endOf(last) };
  }

  /** Where a heading's or paragraph's words are, without trailing comments (`### 13:40 <!-- note -->`). */
  function contentOf(node: Heading | Paragraph): [number, number] {
    const first = node.children[0];
    let lastIndex = node.children.length - 1;
    while (lastIndex > 0 && node.children[lastIndex]!.type === 'html') lastIndex--;
    const last = node.children[lastIndex];
    if (!first || !last) return [endOf(node), endOf(node)];
    const end = endOf(last);
    return [startOf(first), lastIndex < node.children.length - 1 ? startOf(first) + text.slice(startOf(first), end).trimEnd().length : end];
  }

}

function isRegionStart(node: RootContent): boolean {
  return node.type === 'heading' && node.depth <= 2;
}

function moveRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** A table header that names a time column, and the zone it states (`Time (UTC)`); undefined for other headers. */
export function readTimeHeader(header: string): { word: string; zone?: string } | undefined {
  // Decoration (`**Time**`, `🕐 Time`) is not part of the header's words.
  const match = timeHeader.exec(header.replace(/[*_`]/g, '').replace(/^[^\p{L}\p{N}]+/u, '').trim());
  if (!match) return undefined;
  const word = match[1]!.toLowerCase();
  const rest = match[2]!.trim();
  if (rest === '') return { word };
  const bracketed = /^[([](.*)[)\]]$/.exec(rest);
  const inner = (bracketed ? bracketed[1]! : rest.replace(/^[,:\-–]\s*/, '')).replace(/^(?:in|all)\s+/i, '').trim();
  const zone = parseZone(inner);
  if (zone) return { word, zone };
  // `Time (approx.)` is still a time column; `Time to detect` is not.
  return bracketed ? { word } : undefined;
}

/** A paragraph (or a list item's first line) that is only a date, bold or not: `**Saturday 30 January**`, `2021-01-30:`. */
function readDateParagraph(raw: string): { date: TimelineDate; start: number; end: number } | undefined {
  if (raw.length > 80 || /[\r\n]/.test(raw)) return undefined;
  const wrapped = /^(\*\*|__|\*|_)(.+?)\1(:?)$/.exec(raw.trim());
  const inner = wrapped ? wrapped[2]! : raw.trim();
  const dated = parseDateLine(inner);
  if (!dated) return undefined;
  const start = raw.indexOf(inner);
  let end = inner.length;
  while (end > 0 && /[\s:.,]/.test(inner[end - 1]!)) end--;
  return { date: dated.date, start, end: start + end };
}

interface StampedLine {
  start: number;
  end: number;
  stamp: ParsedTimestamp;
  text: string;
}

// A dash or dot before a time that Markdown does not read as a list (`– 10:00 …`); the opening fence of a code block.
const dashLead = /^[ \t]*(?:[–—•·][ \t]{1,3})?/;
const fence = /^[ \t]{0,3}(?:```|~~~)/;

/**
 * The entries of a paragraph whose lines start with times (`16:42 GST: …`). One such line counts only when its time is
 * set apart (bold, bracketed, or followed by `:` or `-`), so that "14:30 UTC was when we…" stays prose; two or more
 * make the paragraph a timeline. Lines without a time continue the entry above; lines before the first are a lead-in.
 */
function readStampedLines(raw: string): StampedLine[] | undefined {
  const found: StampedLine[] = [];
  // `<br>` breaks lines too: some timelines are one paragraph of `21:14 - text<br> 21:20 - text<br>` runs.
  const lineBreak = /\r\n|\r|\n|<br[ \t]{0,3}\/?>[ \t]{0,8}/gi;
  let lineStartAt = 0;
  let anyColon = false;
  for (;;) {
    const brk = lineBreak.exec(raw);
    const lineEndAt = brk ? brk.index : raw.length;
    const line = raw.slice(lineStartAt, lineEndAt);
    // Leading space, and a dash or dot that Markdown does not read as a list (`– 10:00 …`, `• 10:00 …`).
    const indent = dashLead.exec(line)![0].length;
    const content = line.slice(indent);
    const stamp = parseLeadingTimestamp(content);
    const contentEnd = lineStartAt + line.trimEnd().length;
    if (stamp) {
      anyColon ||= !stamp.dotted;
      found.push({ start: lineStartAt + indent, end: contentEnd, stamp, text: content.slice(stamp.length) });
    } else if (found.length > 0 && content.trim() !== '') {
      const last = found[found.length - 1]!;
      last.end = contentEnd;
      last.text += ` ${content}`;
    }
    if (!brk) break;
    lineStartAt = brk.index + brk[0].length;
  }
  const kept = found.filter((line) => !line.stamp.dotted || anyColon || line.stamp.format.emphasis !== '' || line.stamp.zone);
  if (kept.length === 0) return undefined;
  if (kept.length === 1 && !kept[0]!.stamp.delimited) return undefined;
  return kept;
}

/** "All times are UTC", "Times are in CET", "All times in PDT (UTC-7)", "Timeline (UTC)", front matter `timezone: UTC`. */
function readDeclaredZone(root: Root, frontMatter: FrontMatter | undefined, source: Source, cache?: TimelineCache): DeclaredZone | undefined {
  const data = frontMatter?.data;
  if (data && frontMatter) {
    for (const key of frontMatterZoneKeys) {
      const value = data[key];
      if (typeof value !== 'string') continue;
      const zone = parseZone(value);
      if (!zone) continue;
      const start = source.document.offsetAt(frontMatter.range.start);
      const block = source.text.slice(start, source.document.offsetAt(frontMatter.range.end));
      const line = new RegExp(`^${key}\\s*:\\s*["']?`, 'm').exec(block);
      const at = line ? start + line.index + line[0].length : start;
      return { zone, range: line ? source.range(at, at + value.trim().length) : frontMatter.range };
    }
  }
  for (const node of root.children) {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'blockquote' && node.type !== 'list') continue;
    const start = startOf(node);
    let found = cache?.declarations.get(node);
    if (found === undefined) {
      found = declarationIn(source.text.slice(start, endOf(node)));
      cache?.declarations.set(node, found);
    }
    if (found) return { zone: found.zone, range: source.range(start + found.at, start + found.at + found.length) };
  }
  return undefined;
}

/** The first zone declaration in a block's text. */
function declarationIn(block: string): Declaration | null {
  timeWord.lastIndex = 0;
  for (let hit = timeWord.exec(block); hit; hit = timeWord.exec(block)) {
    declarationStart.lastIndex = hit.index;
    const match = declarationStart.exec(block);
    if (!match) continue;
    timeWord.lastIndex = match.index + match[0].length;
    const word = match[0].toLowerCase();
    // "times" must open a sentence, a parenthesis or "All times"; "3 times in UTC+2 mornings" is not a declaration.
    if (word === 'times' || word === 'timestamps') {
      const before = block.slice(Math.max(0, match.index - 12), match.index);
      if (!/(?:^|[.!?(:*_>#|\-–—\r\n]\s{0,3}|(?<![\p{L}\p{N}])(?:all|the)\s{1,3})$/iu.test(before)) continue;
    }
    const after = block.slice(match.index + match[0].length, match.index + match[0].length + 60);
    const rest = declarationRest.exec(after);
    if (!rest) continue;
    const at = match.index + match[0].length + rest[0].length;
    const named = readZoneName(after.slice(rest[0].length));
    if (named) return { at, length: named.length, zone: named.zone };
    const candidate = zoneWord.exec(after.slice(rest[0].length));
    // Zones are written in capitals; "times are in question" is not one, "all times are utc" is.
    const zone = candidate && /^(?:[A-Z]|utc|gmt)/.test(candidate[0]) ? parseZone(candidate[0]) : undefined;
    if (!candidate || !zone) continue;
    return { at, length: candidate[0].replace(/\s\(.*$/, '').length, zone };
  }
  return null;
}

/**
 * Entries under a zoned timestamp heading (`### 22:04-23:00 UTC: Split found`, then `- 22:05: …` bullets) are in its
 * zone, up to the next H1 or H2 heading. Replaces entries by copies, in place; `entries` are in document order.
 */
function inheritHeadingZones(entries: TimelineEntry[], sections: readonly Section[]): void {
  const breaks = sections.filter((section) => section.level <= 2).map((section) => section.range.start.line);
  let heading: TimelineEntry | undefined;
  let next = 0;
  entries.forEach((entry, index) => {
    while (next < breaks.length && breaks[next]! <= entry.range.start.line) {
      heading = undefined;
      next++;
    }
    if (entry.kind === 'headings') heading = entry.zone === undefined ? undefined : entry;
    else if (entry.zone === undefined && heading) entries[index] = { ...entry, zone: heading.zone!, zoneSource: 'header' };
  });
}

/** The entries of each timeline, in document order, keyed by timeline id. */
export function entriesByTimeline(model: { timeline: readonly TimelineEntry[] }): Map<number, TimelineEntry[]> {
  const groups = new Map<number, TimelineEntry[]>();
  for (const entry of model.timeline) {
    const group = groups.get(entry.timelineId);
    if (group) group.push(entry);
    else groups.set(entry.timelineId, [entry]);
  }
  return groups;
}

/** Offsets of the whole lines an entry covers, without the final line break: what moves when the entry moves. */
export function entryLines(model: { document: TextDocument }, entry: TimelineEntry): { start: number; end: number } {
  const document = model.document;
  const start = document.offsetAt({ line: entry.range.start.line, character: 0 });
  const endLine = entry.range.end.line;
  const nextLine = endLine + 1 < document.lineCount ? document.offsetAt({ line: endLine + 1, character: 0 }) : document.getText().length;
  const text = document.getText();
  let end = nextLine;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r') && end > document.offsetAt(entry.range.end)) end--;
  return { start, end };
}

/**
 * The timestamp as written on the line, emphasis, brackets and separators included (`**00:27 UTC:**`): what a fix
 * replaces to rewrite it. Wrappers are ASCII and on the timestamp's line, so columns can be counted here.
 */
export function stampRange(entry: TimelineEntry): Range {
  const { format, timeRange } = entry;
  const open = format.emphasis.length + (format.brackets ? 1 : 0);
  const close = format.punctuation.length + (format.brackets ? 1 : 0) + (format.closesAtEnd ? 0 : format.emphasis.length) + format.after.length;
  return {
    start: { line: timeRange.start.line, character: timeRange.start.character - open },
    end: { line: timeRange.end.line, character: timeRange.end.character + close },
  };
}
