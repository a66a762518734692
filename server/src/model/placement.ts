import { dayNumber } from './time';
import type { TimelineDate } from './types';

// How timeline entries are placed in time, entry after entry: shared by the metrics (incidentTimes.ts) and the order
// rule (PM003), so that both read a timeline the same way. Times are minutes since 1970.

const DAY = 24 * 60;
/** A year for dates written without one when the incident's year is unknown; a leap year, so February 29 fits. */
const SOME_LEAP_YEAR = 2000;

export interface PlacedTime {
  at: number;
  year: number | undefined;
}

/**
 * A dated entry `clock` minutes into its day. A date without a year takes `year` (the entry above's, else the
 * incident's); one far before the entry above is in the next year (December 31 → January 1).
 */
export function placeDated(date: TimelineDate, clock: number, previous: PlacedTime | undefined, year: number | undefined): PlacedTime {
  let placedYear = date.year ?? year ?? SOME_LEAP_YEAR;
  let day = dayNumber(placedYear, date.month, date.day);
  if (date.year === undefined && previous && (day + 1) * DAY < previous.at - 180 * DAY) {
    placedYear += 1;
    day = dayNumber(placedYear, date.month, date.day);
  }
  return { at: day * DAY + clock, year: placedYear };
}

/** An undated entry after `previous`: on its day, unless the clock went back by more than twelve hours (23:50 → 00:10). */
export function placeAfter(clock: number, previous: PlacedTime): number {
  const sameDay = Math.floor(previous.at / DAY) * DAY + (((clock % DAY) + DAY) % DAY);
  return sameDay < previous.at - DAY / 2 ? sameDay + DAY : sameDay;
}
