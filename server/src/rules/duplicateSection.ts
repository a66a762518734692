import { displayName } from './missingSection';
import type { Rule } from './rule';

export const duplicateSection: Rule = {
  id: 'PM006',
  name: 'duplicate-section',
  description: 'A template section appears more than once.',
  defaultSeverity: 'warning',
  check(model, report) {
    const first = new Map<number, number>();
    model.sections.forEach((section, index) => {
      if (!section.match) return;
      const earlier = first.get(section.match.index);
      if (earlier === undefined) {
        first.set(section.match.index, index);
        return;
      }
      const original = model.sections[earlier]!;
      report({
        range: section.range,
        message: `"${displayName(section.heading)}" repeats the section "${displayName(original.heading)}" above: merge them so readers find it in one place.`,
        relatedInformation: [{ location: { uri: model.document.uri, range: original.range }, message: 'The first copy' }],
      });
    });
  },
};
