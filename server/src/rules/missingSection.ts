import type { Rule } from './rule';

export const missingSection: Rule = {
  id: 'PM001',
  name: 'missing-section',
  description: 'A section the template requires is not in the postmortem.',
  defaultSeverity: 'warning',
  check(model, report) {
    const present = new Set(model.sections.flatMap((section) => (section.match ? [section.match.index] : [])));
    // Anchor on the title so the warnings sit where a reader starts; line 0 when there is none.
    const range = model.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const section of model.template.sections) {
      if (section.optional || present.has(section.index)) continue;
      const name = displayName(section.heading);
      report({
        range,
        message: `Missing section "${name}"${section.prompt ? `: ${section.prompt}` : '.'}`,
        data: { section: section.index },
      });
    }
  },
};

/** `🔎 Five Why's` → `Five Why's`: the words a reader looks for in a message. */
export function displayName(heading: string): string {
  return heading.replace(/^[^\p{L}\p{N}]+/u, '').trim() || heading;
}
