import { clockProblem, dateProblem } from '../model/time';
import type { Rule } from './rule';

export const impossibleTime: Rule = {
  id: 'PM004',
  name: 'impossible-time',
  description: 'A timeline timestamp names a time or date that does not exist (25:61, 2021-02-30).',
  defaultSeverity: 'error',
  check(model, report) {
    for (const entry of model.timeline) {
      const problem = (entry.date && dateProblem(entry.date)) ?? clockProblem(entry.clock);
      if (problem) report({ range: entry.timeRange, message: `Impossible time "${entry.timeText}": ${problem}.` });
    }
  },
};
