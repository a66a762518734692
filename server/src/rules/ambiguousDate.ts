import { formatIsoDate } from '../model/time';
import type { PostmortemDocument, TimelineDate } from '../model/types';
import type { Range } from 'vscode-languageserver-types';
import type { Rule } from './rule';

export const ambiguousDate: Rule = {
  id: 'PM019',
  name: 'ambiguous-date',
  description: 'A timeline date written in numbers reads both ways (`03/04/2024`), and no other date in the document tells which.',
  defaultSeverity: 'info',
  check(model, report) {
    // One finding per document: the answer is one convention, and it settles every date at once.
    const first = firstAmbiguous(model);
    if (!first) return;
    const { date, range } = first;
    const monthFirst = formatIsoDate({ year: date.year!, month: date.month, day: date.day });
    const dayFirst = formatIsoDate({ year: date.year!, month: date.day, day: date.month });
    report({
      range,
      message: `${model.document.getText(range)} reads as ${monthFirst} or ${dayFirst}, and no other date here tells which; it is read as ${monthFirst}. Write dates as YYYY-MM-DD.`,
    });
  },
};

/** The first entry whose date reads both ways, and where that date is written: its timestamp, date cell or date line. */
function firstAmbiguous(model: PostmortemDocument): { date: TimelineDate; range: Range } | undefined {
  for (const entry of model.timeline) if (entry.date?.numeric === 'either' && entry.dateRange) return { date: entry.date, range: entry.dateRange };
  return undefined;
}
