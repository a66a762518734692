import type { TextEdit } from 'vscode-languageserver-types';
import { placeAfter, placeDated } from '../model/placement';
import { entriesByTimeline, entryLines } from '../model/timeline';
import { clockProblem, dateProblem, minutesOfDay, zoneKey, zoneOffset } from '../model/time';
import type { PostmortemDocument, TimelineEntry } from '../model/types';
import type { Rule } from './rule';

const DAY = 24 * 60;

interface Placed {
  entry: TimelineEntry;
  /** Minutes since an arbitrary epoch, in UTC when the timeline mixes zones with known offsets. */
  at: number;
  year: number | undefined;
}

export const timelineOrder: Rule = {
  id: 'PM003',
  name: 'timeline-order',
  description: 'A timeline entry is earlier than the entry above it.',
  defaultSeverity: 'warning',
  check(model, report) {
    const timelines = [...entriesByTimeline(model).values()].map((entries) => placeInOrder(model, entries));
    const documentNewestFirst = isNewestFirstDocument(timelines.map((placed) => placed.map((p) => p.at)));
    for (const placed of timelines) {
      const times = placed.map((p) => p.at);
      const newestFirst = times.length >= 3 ? isNewestFirst(times) : documentNewestFirst;
      // The fewest entries whose removal leaves the rest in order are the ones out of place: each is told once.
      const kept = new Set(longestOrdered(placed.map((p) => (newestFirst ? -p.at : p.at))));
      // The nearest kept entry below each one, found in one pass from the end; the one above, in the pass itself.
      const keptBelow: Array<Placed | undefined> = new Array(placed.length);
      for (let i = placed.length - 1, next: Placed | undefined; i >= 0; i--) {
        keptBelow[i] = next;
        if (kept.has(i)) next = placed[i];
      }
      let keptAbove: Placed | undefined;
      placed.forEach((here, i) => {
        if (kept.has(i)) keptAbove = here;
        else report(outOfPlace(model, here, keptAbove, keptBelow[i], newestFirst));
      });
    }
  },
  fixes(model, diagnostic) {
    const data = diagnostic.data as { timelineId?: unknown; index?: unknown; newestFirst?: unknown } | undefined;
    if (typeof data?.timelineId !== 'number' || typeof data.index !== 'number' || data.newestFirst) return [];
    const entries = entriesByTimeline(model).get(data.timelineId);
    const entry = entries?.[data.index];
    if (!entries || !entry) return [];
    const target = placeFor(model, entries, data.index);
    if (target === undefined || !separate(model, entries)) return [];
    const order = entries.filter((_, i) => i !== data.index);
    order.splice(target, 0, entry);
    return [{ title: 'Move this entry to its place', edits: [reorder(model, entries, order)], safe: false }];
  },
};

/** The timeline's orderable entries placed in time, each after the entry above it, with its index in the timeline. */
function placeInOrder(model: PostmortemDocument, entries: readonly TimelineEntry[]): Array<Placed & { index: number }> {
  const clock = chronology(model, entries);
  const placed: Array<Placed & { index: number }> = [];
  entries.forEach((entry, index) => {
    // Impossible times are PM004's to report; ordering them would only add noise.
    if (isOrderable(entry)) placed.push({ ...clock.place(entry, placed[placed.length - 1]), index });
  });
  return placed;
}

/** A log kept newest first: its longest run going back in time is longer than any going forward. */
function isNewestFirst(times: readonly number[]): boolean {
  return longestOrdered(times.map((t) => -t)).length > longestOrdered(times).length;
}

/**
 * A status page's updates, newest first in every incident: most steps between neighbouring entries, over all the
 * document's timelines, go back in time. It decides the direction of timelines too short to tell on their own.
 */
function isNewestFirstDocument(timelines: ReadonlyArray<readonly number[]>): boolean {
  let back = 0;
  let forward = 0;
  for (const times of timelines) {
    for (let i = 1; i < times.length; i++) {
      if (times[i]! < times[i - 1]!) back++;
      else if (times[i]! > times[i - 1]!) forward++;
    }
  }
  return back >= 3 && back > 2 * forward;
}

/**
 * Indexes of a longest non-decreasing subsequence of `values`, keeping the earlier entries when there is a choice
 * (`27 55 33 61` keeps 27 55 61: the 33 written after the 55 is the one out of place). O(n log n), read from the end.
 */
function longestOrdered(values: readonly number[]): number[] {
  // From the end, a non-increasing run is a non-decreasing one read forwards; patience sorting with predecessors.
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  for (let i = values.length - 1; i >= 0; i--) {
    const value = -values[i]!;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (-values[tails[middle]!]! <= value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const kept: number[] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.push(i);
  return kept;
}

/** The one diagnostic of an entry out of place: against the kept entry above it, or the one below when it is too late. */
function outOfPlace(model: PostmortemDocument, here: Placed & { index: number }, above: Placed | undefined, below: Placed | undefined, newestFirst: boolean) {
  const { entry } = here;
  const order = newestFirst ? 'newest first, as the rest of it is' : 'in chronological order';
  const againstAbove = above !== undefined && (newestFirst ? here.at > above.at : here.at < above.at);
  const other = againstAbove ? above : below;
  const relation = againstAbove ? `${newestFirst ? 'later' : 'earlier'} than ${above.entry.timeText} above it` : `${newestFirst ? 'earlier' : 'later'} than ${below?.entry.timeText} below it`;
  const neighbours = [above, below].flatMap((n, k) =>
    n ? [{ location: { uri: model.document.uri, range: n.entry.timeRange }, message: `The entry ${k === 0 ? 'above' : 'below'}, ${n.entry.timeText}` }] : [],
  );
  return {
    range: entry.timeRange,
    message: `${entry.timeText} is ${relation}: keep the timeline ${order}.`,
    relatedInformation: other === above ? neighbours : neighbours.reverse(),
    data: { timelineId: entry.timelineId, index: here.index, ...(newestFirst ? { newestFirst } : {}) },
  };
}

function isOrderable(entry: TimelineEntry): boolean {
  return !clockProblem(entry.clock) && !(entry.date && dateProblem(entry.date));
}

/**
 * How entries of one timeline are placed in time. Dated entries use their date; undated ones stay on the previous
 * entry's day unless the clock went back by more than 12 hours, which reads as crossing midnight (23:50 → 00:10).
 * When the timeline mixes zones whose offsets are known (UTC and PDT), times are compared in UTC.
 */
function chronology(model: PostmortemDocument, entries: readonly TimelineEntry[]) {
  const zoned = entries.filter((entry) => entry.zone !== undefined);
  const keys = new Set(zoned.map((entry) => zoneKey(entry.zone!)));
  const convert = keys.size > 1 && zoned.every((entry) => zoneOffset(entry.zone!) !== undefined);
  const fallbackOffset = convert ? zoneOffset(dominant(zoned.map((entry) => entry.zone!))) ?? 0 : 0;
  const incidentYear = model.incidentDate?.year;

  return {
    place(entry: TimelineEntry, previous: Placed | undefined): Placed {
      // `T+45m` counts from the start, whatever day it is.
      if (entry.relative !== undefined) return { entry, at: entry.relative, year: previous?.year };
      const shift = convert ? -(entry.zone !== undefined ? zoneOffset(entry.zone) ?? 0 : fallbackOffset) : 0;
      // A leap second (23:59:60) is the last moment of its day, not the next day's midnight.
      const clock = Math.min(minutesOfDay(entry.clock), DAY - 1 / 600) + shift;
      if (entry.date) return { entry, ...placeDated(entry.date, clock, previous, previous?.year ?? incidentYear) };
      if (!previous) return { entry, at: ((clock % DAY) + DAY) % DAY, year: undefined };
      return { entry, at: placeAfter(clock, previous), year: previous.year };
    },
  };
}

function dominant(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = values[0]!;
  for (const [value, count] of counts) if (count > counts.get(best)!) best = value;
  return best;
}

/**
 * Where the entry at `index` belongs among the others: the position nearest to where it is now at which it is not
 * earlier than the entry above and not later than the entry below. Linear in the timeline's length.
 */
function placeFor(model: PostmortemDocument, entries: readonly TimelineEntry[], index: number): number | undefined {
  const entry = entries[index]!;
  const others = entries.filter((_, i) => i !== index);
  const clock = chronology(model, entries);
  // placedBefore[p]: the last orderable entry among others[0..p-1], placed as the timeline reads without the entry.
  const placedBefore: Array<Placed | undefined> = [undefined];
  let previous: Placed | undefined;
  for (const other of others) {
    if (isOrderable(other)) previous = clock.place(other, previous);
    placedBefore.push(previous);
  }
  const nextOrderable: Array<TimelineEntry | undefined> = new Array(others.length + 1).fill(undefined);
  for (let p = others.length - 1; p >= 0; p--) nextOrderable[p] = isOrderable(others[p]!) ? others[p] : nextOrderable[p + 1];

  let best: number | undefined;
  for (let p = 0; p <= others.length; p++) {
    if (p === index) continue;
    const above = placedBefore[p];
    const placed = clock.place(entry, above);
    if (above && placed.at < above.at) continue;
    const below = nextOrderable[p];
    if (below && clock.place(below, placed).at < placed.at) continue;
    if (best === undefined || Math.abs(p - index) < Math.abs(best - index)) best = p;
  }
  return best;
}

/** Whether the entries' lines are apart, so that moving whole lines moves exactly one entry. */
function separate(model: PostmortemDocument, entries: readonly TimelineEntry[]): boolean {
  return entries.every((entry, i) => i === 0 || entry.range.start.line > entries[i - 1]!.range.end.line);
}

/**
 * One edit that rewrites the timeline with its entries in `order`: each entry's whole lines move, and whatever lies
 * between entries (blank lines, rows or bullets without a time) stays where it was.
 */
function reorder(model: PostmortemDocument, entries: readonly TimelineEntry[], order: readonly TimelineEntry[]): TextEdit {
  const text = model.document.getText();
  const spans = entries.map((entry) => entryLines(model, entry));
  const byEntry = new Map(entries.map((entry, i) => [entry, spans[i]!]));
  let newText = '';
  for (const [i, span] of spans.entries()) {
    const moved = byEntry.get(order[i]!)!;
    newText += text.slice(moved.start, moved.end);
    if (i < spans.length - 1) newText += text.slice(span.end, spans[i + 1]!.start);
  }
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  return { range: { start: model.document.positionAt(first.start), end: model.document.positionAt(last.end) }, newText };
}
