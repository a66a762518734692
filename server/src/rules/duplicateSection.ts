import { unmatchedAncestor } from '../model/sections';
import { displayName } from './missingSection';
import type { Rule } from './rule';

export const duplicateSection: Rule = {
  id: 'PM006',
  name: 'duplicate-section',
  description: 'A template section appears more than once.',
  defaultSeverity: 'warning',
  check(model, report) {
    const first = new Map<string, number>();
    model.sections.forEach((section, index) => {
      // Two headings of one kind ("Summary", "What happened") are two sections; the same name twice is one written twice.
      if (!section.match || !section.matchedByName) return;
      // A file that logs several incidents repeats the sections under each incident's own heading.
      const key = `${unmatchedAncestor(model.sections, section.parent) ?? ''}:${section.match.index}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, index);
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
