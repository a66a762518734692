import { formatIsoDate } from '../model/time';
import type { DateMention } from '../model/types';
import type { Rule } from './rule';

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
  description: 'The incident date differs between the title, the file name, the front matter and the Date line.',
  defaultSeverity: 'warning',
  check(model, report) {
    // A date that does not exist is PM004's finding, not a second opinion on the incident's date.
    const [first, ...others] = model.dateMentions.filter((found) => !found.problem);
    if (!first) return;
    for (const other of others) {
      if (other.year === first.year && other.month === first.month && other.day === first.day) continue;
      report({
        range: other.source === 'file-name' ? (model.title?.range ?? other.range) : other.range,
        message: `${capitalise(STATED_IN[other.source])} says ${formatIsoDate(other)} but ${STATED_IN[first.source]} says ${formatIsoDate(first)}.`,
        relatedInformation: [{ location: { uri: model.document.uri, range: first.range }, message: `The date in ${STATED_IN[first.source]}` }],
      });
    }
  },
};


function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
