import type { TextEdit } from 'vscode-languageserver-types';
import { entriesByTimeline, entryLines } from '../model/timeline';
import { clockProblem, dateProblem, dayNumber, minutesOfDay, zoneKey, zoneOffset } from '../model/time';
import type { PostmortemDocument, TimelineEntry } from '../model/types';
import type { Rule } from './rule';

const DAY = 24 * 60;
/** A year to place dates without one when the incident's year is unknown; a leap year, so February 29 fits. */
const SOME_LEAP_YEAR = 2000;

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
    for (const entries of entriesByTimeline(model).values()) {
      const clock = chronology(model, entries);
      let previous: Placed | undefined;
      for (const [index, entry] of entries.entries()) {
        // Impossible times are PM004's to report; ordering them would only add noise.
        if (!isOrderable(entry)) continue;
        const placed = clock.place(entry, previous);
        if (previous && placed.at < previous.at) {
          report({
            range: entry.timeRange,
            message: `${entry.timeText} is earlier than ${previous.entry.timeText} above it: keep the timeline in chronological order.`,
            relatedInformation: [
              { location: { uri: model.document.uri, range: previous.entry.timeRange }, message: `The later entry above, ${previous.entry.timeText}` },
            ],
            data: { timelineId: entry.timelineId, index },
          });
          continue;
        }
        previous = placed;
      }
    }
  },
  fixes(model, diagnostic) {
    const data = diagnostic.data as { timelineId?: unknown; index?: unknown } | undefined;
    if (typeof data?.timelineId !== 'number' || typeof data.index !== 'number') return [];
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
      const shift = convert ? -(entry.zone !== undefined ? zoneOffset(entry.zone) ?? 0 : fallbackOffset) : 0;
      // A leap second (23:59:60) is the last moment of its day, not the next day's midnight.
      const clock = Math.min(minutesOfDay(entry.clock), DAY - 1 / 600) + shift;
      if (entry.date) {
        let year = entry.date.year ?? previous?.year ?? incidentYear ?? SOME_LEAP_YEAR;
        let day = dayNumber(year, entry.date.month, entry.date.day);
        // Without a year, a date far before the previous one is in the next year (December 31 → January 1).
        if (entry.date.year === undefined && previous && (day + 1) * DAY < previous.at - 180 * DAY) {
          year += 1;
          day = dayNumber(year, entry.date.month, entry.date.day);
        }
        return { entry, at: day * DAY + clock, year };
      }
      const ofDay = ((clock % DAY) + DAY) % DAY;
      if (!previous) return { entry, at: ofDay, year: undefined };
      const sameDay = Math.floor(previous.at / DAY) * DAY + ofDay;
      return { entry, at: sameDay < previous.at - DAY / 2 ? sameDay + DAY : sameDay, year: previous.year };
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
