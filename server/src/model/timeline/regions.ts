import type { RootContent } from 'mdast';
import type { Range } from 'vscode-languageserver-types';
import { sectionAt } from '../sections';
import { startOf } from '../source';
import type { DateHeading, Timeline, TimelineEntry } from '../types';
import type { TimelineReader } from './reader';
import type { Declaration } from './zones';

/**
 * What reading each region of a document gave, kept between versions so that an edit re-reads only the regions it
 * changed (the server keeps one per open document). A region starts where the reader's state is empty (no date in
 * force, no run of timestamp headings or lines open) or at an H1 or H2 heading, which empties it; it ends before the
 * next such heading. So a region reads the same wherever it sits.
 */
export class TimelineCache {
  readonly regions = new WeakMap<RootContent, TimelineRegion>();
  /** Each prose block's zone declaration (from its start), or null for none: a kept block declares the same. */
  readonly declarations = new WeakMap<object, Declaration | null>();
}

interface TimelineRegion {
  nodes: RootContent[];
  /** What follows the region: the end of the document, an H1 or H2 heading, or anything (the state was empty). */
  next: RegionEnd;
  line: number;
  offset: number;
  timelineBase: number;
  entries: TimelineEntry[];
  timelines: Timeline[];
  blocks: Array<{ start: number; end: number }>;
  dateHeadings: DateHeading[];
}

export type RegionEnd = 'end' | 'reset' | 'empty';

/** How much the reader held when a region started: what the region added is what lies past these. */
export interface Marks {
  entries: number;
  timelines: number;
  dateHeadings: number;
}

export function marksOf(reader: TimelineReader): Marks {
  return { entries: reader.entries.length, timelines: reader.timelines.length, dateHeadings: reader.dateHeadings.length };
}

export function isRegionStart(node: RootContent): boolean {
  return node.type === 'heading' && node.depth <= 2;
}

export function recordRegion(cache: TimelineCache, reader: TimelineReader, start: number, end: number, marks: Marks, next: RegionEnd): void {
  const first = reader.children[start]!;
  cache.regions.set(first, {
    nodes: reader.children.slice(start, end),
    next,
    line: first.position?.start.line ?? 0,
    offset: startOf(first),
    timelineBase: marks.timelines,
    entries: reader.entries.slice(marks.entries),
    timelines: reader.timelines.slice(marks.timelines).map((timeline) => ({ ...timeline })),
    blocks: reader.blocks.slice(marks.timelines).map((block) => ({ ...block })),
    dateHeadings: reader.dateHeadings.slice(marks.dateHeadings),
  });
}

/**
 * Puts the region read for an earlier version that starts at `start` back, moved to where it is now, and returns
 * where it ends; undefined when its blocks, or what follows them, changed.
 */
export function replayRegion(cache: TimelineCache, reader: TimelineReader, start: number): number | undefined {
  const { children } = reader;
  const first = children[start]!;
  const region = cache.regions.get(first);
  if (!region) return undefined;
  const end = start + region.nodes.length;
  if (end > children.length) return undefined;
  for (let i = start; i < end; i++) if (region.nodes[i - start] !== children[i]) return undefined;
  const after = children[end];
  if (region.next === 'end' ? after !== undefined : region.next === 'reset' ? !(after && isRegionStart(after)) : false) return undefined;
  const lines = (first.position?.start.line ?? 0) - region.line;
  const offsets = startOf(first) - region.offset;
  const base = reader.timelines.length;
  for (const timeline of region.timelines) {
    const { table } = timeline;
    reader.timelines.push({
      ...timeline,
      id: base + timeline.id - region.timelineBase,
      range: moveRange(timeline.range, lines),
      ...(table ? { table: { ...table, timeHeader: { ...table.timeHeader, range: moveRange(table.timeHeader.range, lines) } } } : {}),
    });
  }
  for (const block of region.blocks) reader.blocks.push({ start: block.start + offsets, end: block.end + offsets });
  for (const entry of region.entries) reader.entries.push(movedEntry(reader, entry, lines, base + entry.timelineId - region.timelineBase));
  for (const heading of region.dateHeadings) reader.dateHeadings.push(lines === 0 ? heading : { ...heading, range: moveRange(heading.range, lines) });
  reader.currentDate = undefined;
  reader.headingRuns.clear();
  reader.linesRun = undefined;
  return end;
}

/** The entry as it is now, `lines` lower, in timeline `timelineId`: the kept object itself when nothing moved. */
function movedEntry(reader: TimelineReader, entry: TimelineEntry, lines: number, timelineId: number): TimelineEntry {
  const range = moveRange(entry.range, lines);
  const section = sectionAt(reader.sections, range.start.line);
  if (lines === 0 && section === entry.section && timelineId === entry.timelineId) return entry;
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
  return moved;
}

function moveRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}
