import type { DateHeading, TimelineDate, TimelineEntry } from '../types';

/**
 * Settles the order of dates written in numbers only from the document's own evidence: when its numeric dates that
 * can be read one way only are all day-first (`30/09/2024`), those that read both ways (`03/04/2024`) are day-first
 * too; otherwise they stay month-first. Left `either` when nothing tells. Replaces entries and headings by copies.
 */
export function settleNumericDates(entries: TimelineEntry[], dateHeadings: DateHeading[]): void {
  const dates = [...entries.map((entry) => entry.date), ...dateHeadings.map((heading) => heading.date)];
  let dayFirst = 0;
  let monthFirst = 0;
  for (const date of dates) {
    if (date?.numeric === 'day-first') dayFirst++;
    else if (date?.numeric === 'month-first' && date.month !== date.day) monthFirst++;
  }
  // No evidence, or evidence both ways: the `either` dates stay as they are.
  if ((dayFirst === 0 && monthFirst === 0) || (dayFirst > 0 && monthFirst > 0)) return;
  const settle = (date: TimelineDate): TimelineDate =>
    dayFirst > 0 ? { ...date, month: date.day, day: date.month, numeric: 'day-first' } : { ...date, numeric: 'month-first' };
  dateHeadings.forEach((heading, index) => {
    if (heading.date.numeric === 'either') dateHeadings[index] = { ...heading, date: settle(heading.date) };
  });
  entries.forEach((entry, index) => {
    if (entry.date?.numeric === 'either') entries[index] = { ...entry, date: settle(entry.date) };
  });
}
