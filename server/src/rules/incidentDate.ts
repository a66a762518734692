import { isPublicationOf } from '../model/incidentDate';
import { dateProblem, dayNumber, formatIsoDate } from '../model/time';
import type { CalendarDate, DateMention, PostmortemDocument } from '../model/types';
import type { Rule } from './rule';

/**
 * Days a stated date may fall after the timeline's last date. A title names the incident's day; front matter, a Date
 * line and a file name are often the day the report was written or published, weeks later.
 */
const LATER_BY: Record<DateMention['source'], number> = { title: 2, 'front-matter': 31, metadata: 31, 'file-name': 31 };

/** Where a document states its incident's date, in words. */
export const STATED_IN: Record<DateMention['source'], string> = {
  'front-matter': 'the front matter',
  title: 'the title',
  metadata: 'the Date line',
  'file-name': 'the file name',
};

export const incidentDateMismatch: Rule = {
  id: 'PM013',
  name: 'incident-date-mismatch',
  description: "The incident date differs between the title, the file name, the front matter and the Date line, or lies outside the timeline's own dates.",
  defaultSeverity: 'warning',
  check(model, report) {
    // A date that does not exist is PM004's finding, not a second opinion on the incident's date.
    const usable = model.dateMentions.filter((found) => !found.problem);
    const incident = model.incidentDate;
    const first = usable.find((found) => found.source === incident?.source);
    if (!first) return;
    for (const other of usable) {
      if (other === first || isPublicationOf(other, first)) continue;
      if (other.year === first.year && other.month === first.month && other.day === first.day) continue;
      report({
        range: other.source === 'file-name' ? (model.title?.range ?? other.range) : other.range,
        message: `${capitalise(STATED_IN[other.source])} says ${formatIsoDate(other)} but ${STATED_IN[first.source]} says ${formatIsoDate(first)}.`,
        relatedInformation: [{ location: { uri: model.document.uri, range: first.range }, message: `The date in ${STATED_IN[first.source]}` }],
      });
    }
    const span = timelineSpan(model, first);
    if (!span) return;
    const stated = dayNumber(first.year, first.month, first.day);
    if (stated >= span.first.day - 1 && stated <= span.last.day + LATER_BY[first.source]) return;
    const runs = span.first.day === span.last.day ? `is dated ${formatIsoDate(span.first.date)}` : `runs from ${formatIsoDate(span.first.date)} to ${formatIsoDate(span.last.date)}`;
    report({
      range: first.source === 'file-name' ? (model.title?.range ?? first.range) : first.range,
      message: `The timeline ${runs}, but ${STATED_IN[first.source]} says ${formatIsoDate(first)}: one of them is mistyped.`,
      relatedInformation: [{ location: { uri: model.document.uri, range: span.first.range }, message: 'The timeline\'s first date' }],
    });
  },
};

type DayOf = { day: number; date: CalendarDate; range: DateMention['range'] };

/**
 * The first and last dates the timeline's entries state themselves (in the timestamp, a date column or a date
 * heading). A date written without a year is taken in the year that puts it nearest the stated date.
 */
function timelineSpan(model: PostmortemDocument, stated: CalendarDate): { first: DayOf; last: DayOf } | undefined {
  const statedDay = dayNumber(stated.year, stated.month, stated.day);
  let first: DayOf | undefined;
  let last: DayOf | undefined;
  for (const entry of model.timeline) {
    const { date, dateRange } = entry;
    if (!date || !dateRange) continue;
    const years = date.year !== undefined ? [date.year] : [stated.year - 1, stated.year, stated.year + 1];
    let best: DayOf | undefined;
    for (const year of years) {
      const full = { year, month: date.month, day: date.day };
      if (dateProblem(full)) continue;
      const day = dayNumber(year, date.month, date.day);
      if (!best || Math.abs(day - statedDay) < Math.abs(best.day - statedDay)) best = { day, date: full, range: dateRange };
    }
    if (!best) continue;
    if (!first || best.day < first.day) first = best;
    if (!last || best.day > last.day) last = best;
  }
  return first && last ? { first, last } : undefined;
}


/** `the title` → `The title`: a phrase opening a sentence. */
export function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
