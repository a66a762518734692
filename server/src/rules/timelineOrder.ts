import { clockProblem, dateProblem, minutesOfDay } from '../model/time';
import type { TimelineEntry } from '../model/types';
import type { Rule } from './rule';

const DAY = 24 * 60;

export const timelineOrder: Rule = {
  id: 'PM003',
  name: 'timeline-order',
  description: 'A timeline entry is earlier than the entry above it.',
  defaultSeverity: 'warning',
  check(model, report) {
    let previous: { entry: TimelineEntry; at: number } | undefined;
    for (const entry of model.timeline) {
      // Impossible times are PM004's to report; ordering them would only add noise.
      if (clockProblem(entry.clock) || (entry.date && dateProblem(entry.date))) continue;
      if (previous && previous.entry.listId !== entry.listId) previous = undefined;
      const at = absoluteMinutes(entry, previous);
      if (previous && at < previous.at) {
        report({
          range: entry.timeRange,
          message: `${entry.timeText} is earlier than ${previous.entry.timeText} above it: keep the timeline in chronological order.`,
          relatedInformation: [
            { location: { uri: model.document.uri, range: previous.entry.timeRange }, message: `The earlier entry, ${previous.entry.timeText}` },
          ],
        });
        continue;
      }
      previous = { entry, at };
    }
  },
};

/**
 * Minutes since an arbitrary epoch. Dated entries use their date; undated ones stay on the previous entry's day
 * unless the clock went back by more than 12 hours, which reads as crossing midnight (23:50 → 00:10).
 */
function absoluteMinutes(entry: TimelineEntry, previous: { entry: TimelineEntry; at: number } | undefined): number {
  const clock = minutesOfDay(entry.clock);
  if (entry.date) return dayNumber(entry.date.year, entry.date.month, entry.date.day) * DAY + clock;
  if (!previous) return clock;
  const previousDay = Math.floor(previous.at / DAY);
  const sameDay = previousDay * DAY + clock;
  return sameDay < previous.at - DAY / 2 ? sameDay + DAY : sameDay;
}

/** Days since 1970-01-01 for a proleptic Gregorian date; pure arithmetic, no `Date` rollover. */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
