import { isDraft } from '../model/stage';
import { isIncidentKind } from '../templates/vocabulary';
import { displayName } from './missingSection';
import type { Rule } from './rule';

export const emptySection: Rule = {
  id: 'PM002',
  name: 'empty-section',
  description: 'A section holds nothing but its heading and the template prompt.',
  defaultSeverity: 'warning',
  check(model, report) {
    // A draft's unwritten template sections are listed once by PM001.
    const draft = isDraft(model);
    for (const section of model.sections) {
      // Only template sections, prompted ones and ones that name what they hold ("Root cause"): an empty ad-hoc
      // heading may be a deliberate divider.
      if (!section.isEmpty || (!section.match && !section.prompt && !section.kinds.some(isIncidentKind)) || (draft && (section.match || section.prompt))) continue;
      const prompt = section.prompt?.text ?? section.match?.prompt;
      report({
        range: section.range,
        message: `Section "${displayName(section.heading)}" is empty${prompt ? `: ${prompt}` : '.'}`,
      });
    }
  },
};
