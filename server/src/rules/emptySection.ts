import { displayName } from './missingSection';
import type { Rule } from './rule';

export const emptySection: Rule = {
  id: 'PM002',
  name: 'empty-section',
  description: 'A section holds nothing but its heading and the template prompt.',
  defaultSeverity: 'warning',
  check(model, report) {
    for (const section of model.sections) {
      // Only template sections and prompted ones: an empty ad-hoc heading may be a deliberate divider.
      if (!section.isEmpty || (!section.match && !section.prompt)) continue;
      const prompt = section.prompt?.text ?? section.match?.prompt;
      report({
        range: section.range,
        message: `Section "${displayName(section.heading)}" is empty${prompt ? `: ${prompt}` : '.'}`,
      });
    }
  },
};
