import { clockProblem, dateProblem, formatIsoDate, offsetProblem } from '../model/time';
import type { Clock, PostmortemDocument, TimelineDate } from '../model/types';
import { STATED_IN } from './incidentDate';
import type { Rule } from './rule';

export const impossibleTime: Rule = {
  id: 'PM004',
  name: 'impossible-time',
  description: 'A timestamp or the incident date names a time or date that does not exist (25:61, 2021-02-30), or a time is written with a dot (14.43).',
  defaultSeverity: 'error',
  check(model, report) {
    for (const entry of model.timeline) {
      // `10.75` is no time with a colon either: the impossible time below says so, with no fix to `10:75`.
      if (entry.dotted && !clockProblem(entry.clock)) {
        const written = model.document.getText(entry.clockRange);
        const fixed = written.replace(/\./g, ':');
        report({
          range: entry.clockRange,
          message: `Malformed time "${written}": write ${fixed}, with a colon.`,
          data: { replacement: fixed },
        });
      }
      // A date from a heading or date column is reported once, there; the entries under it are not.
      const dated = entry.dateSource === 'timestamp' && entry.date ? withYear(model, entry.date) : undefined;
      const problem = (dated && dateProblem(dated)) ?? clockProblem(entry.clock) ?? (entry.end && !isEndOfDay(entry.end) ? clockProblem(entry.end) : undefined);
      if (problem) report({ range: entry.timeRange, message: `Impossible time "${entry.timeText}": ${problem}.` });
      const zoneProblem = !problem && entry.zoneSource === 'timestamp' && entry.zone !== undefined ? offsetProblem(entry.zone) : undefined;
      if (zoneProblem) report({ range: entry.timeRange, message: `Impossible time zone "${entry.zone}" in "${entry.timeText}": ${zoneProblem}.` });
    }
    // Times stated in metadata lines (`**Started:** 09.41 UTC`) are held to the same clock.
    for (const stated of model.statedTimes) {
      const { stamp } = stated;
      const problem = clockProblem(stamp.clock);
      if (problem) {
        report({ range: stated.timeRange, message: `Impossible time "${stated.timeText}": ${problem}.` });
      } else if (stamp.dotted) {
        const written = model.document.getText(stated.clockRange);
        report({ range: stated.clockRange, message: `Malformed time "${written}": write ${written.replace(/\./g, ':')}, with a colon.`, data: { replacement: written.replace(/\./g, ':') } });
      }
    }
    const dateCells = model.timeline.flatMap((entry) =>
      entry.dateSource === 'column' && entry.date && entry.dateRange
        ? [{ text: model.document.getText(entry.dateRange), date: entry.date, range: entry.dateRange }]
        : [],
    );
    for (const stated of model.dateMentions) {
      if (!stated.problem) continue;
      const range = stated.source === 'file-name' ? (model.title?.range ?? stated.range) : stated.range;
      report({ range, message: `Impossible date "${formatIsoDate(stated)}" in ${STATED_IN[stated.source]}: ${stated.problem}.` });
    }
    for (const written of [...model.dateHeadings, ...dateCells]) {
      const problem = dateProblem(withYear(model, written.date));
      if (problem) report({ range: written.range, message: `Impossible date "${written.text}": ${problem}.` });
    }
  },
  fixes(model, diagnostic) {
    const replacement = (diagnostic.data as { replacement?: unknown } | undefined)?.replacement;
    if (typeof replacement !== 'string') return [];
    return [{ title: `Write ${replacement}`, edits: [{ range: diagnostic.range, newText: replacement }], safe: true }];
  },
};

/** `18:00-24:00`: a range may end at the end of the day (ISO 8601 writes it 24:00); only a start cannot be 24:00. */
function isEndOfDay(clock: Clock): boolean {
  return !clock.meridiem && clock.hour === 24 && clock.minute === 0 && !clock.second;
}

/** A date without a year is checked against the incident's year: February 29 exists only in leap years. */
function withYear(model: PostmortemDocument, date: TimelineDate): TimelineDate {
  return date.year === undefined && model.incidentDate ? { ...date, year: model.incidentDate.year } : date;
}
