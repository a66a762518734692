import type { Root, RootContent } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { Source } from './source';
import { readHeading } from './timeline/headings';
import { readCode, readParagraph } from './timeline/lines';
import { readList } from './timeline/lists';
import { settleNumericDates } from './timeline/numericDates';
import { TimelineReader } from './timeline/reader';
import { isRegionStart, marksOf, recordRegion, replayRegion, type TimelineCache } from './timeline/regions';
import { readTable } from './timeline/tables';
import { applyDeclaredZone, inheritHeadingZones, readDeclaredZone } from './timeline/zones';
import type { DateHeading, DeclaredZone, FrontMatter, Section, Timeline, TimelineEntry } from './types';

export { TimelineCache } from './timeline/regions';
export { readTimeHeader } from './timeline/tables';

export interface TimelineModel {
  timeline: TimelineEntry[];
  timelines: Timeline[];
  dateHeadings: DateHeading[];
  declaredZone?: DeclaredZone;
}

/**
 * Reads every timeline of the document: bullets that start with a time (timeline/lists.ts), tables with a time column
 * (tables.ts), H3+ headings that are timestamps (headings.ts), and paragraphs or fenced blocks whose lines start with
 * times (lines.ts), plus the date headings above them and the zone the document declares (zones.ts). One pass over
 * the top-level blocks, region by region (regions.ts), so that an edit re-reads only the regions it changed.
 */
export function readTimeline(root: Root, sections: readonly Section[], frontMatter: FrontMatter | undefined, source: Source, cache?: TimelineCache): TimelineModel {
  const children = root.children;
  const reader = new TimelineReader(children, sections, source);
  const declaredZone = readDeclaredZone(root, frontMatter, source, cache?.declarations);
  // Here the reader's state is always empty, or the next block is an H1 or H2 heading, which empties it.
  for (let i = 0; i < children.length; ) {
    const replayed = cache ? replayRegion(cache, reader, i) : undefined;
    if (replayed !== undefined) {
      i = replayed;
      continue;
    }
    const start = i;
    const marks = marksOf(reader);
    readBlock(reader, children[i]!, i++);
    while (i < children.length && !endsRegion(reader, children[i]!)) readBlock(reader, children[i]!, i++);
    if (cache) recordRegion(cache, reader, start, i, marks, i === children.length ? 'end' : reader.stateIsEmpty() ? 'empty' : 'reset');
  }
  const { entries, timelines } = reader;
  entries.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  inheritHeadingZones(entries, sections);
  settleNumericDates(entries, reader.dateHeadings);
  applyDeclaredZone(entries, declaredZone);
  for (const timeline of timelines) {
    const block = reader.blocks[timeline.id]!;
    timeline.range = source.range(block.start, block.end);
  }
  return { timeline: entries, timelines, dateHeadings: reader.dateHeadings, ...(declaredZone ? { declaredZone } : {}) };
}

function endsRegion(reader: TimelineReader, node: RootContent): boolean {
  return node.type === 'heading' && (isRegionStart(node) || reader.stateIsEmpty());
}

/** Hands a top-level block to its format's reader; any block but a paragraph (or front matter) ends a run of lines. */
function readBlock(reader: TimelineReader, node: RootContent, index: number): void {
  if (node.type !== 'paragraph' && node.type !== 'yaml') reader.linesRun = undefined;
  if (node.type === 'heading') readHeading(reader, node, index);
  else if (node.type === 'paragraph') readParagraph(reader, node, index);
  else if (node.type === 'list') readList(reader, node);
  else if (node.type === 'table') readTable(reader, node);
  else if (node.type === 'code') readCode(reader, node);
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
