import { metadataKey } from '../model/metadata';
import { isDraft } from '../model/stage';
import type { Rule } from './rule';

// Other words authors use for the same field.
const synonyms: Record<string, string[]> = {
  authors: ['author', 'written by', 'owner', 'owners'],
  severity: ['sev', 'priority', 'impact level'],
  status: ['state'],
  date: ['incident date', 'started', 'start'],
};

export const requiredMetadata: Rule = {
  id: 'PM015',
  name: 'required-metadata',
  description: 'Metadata the template requires (such as severity, status, authors) is missing.',
  defaultSeverity: 'warning',
  check(model, report) {
    // A template `auto` chose was not the team's choice: its metadata fields are theirs to adopt, not to be asked for.
    if (model.templateChoice.how === 'auto') return;
    // A draft fills in its metadata with the rest; asking for it comes with the review.
    if (isDraft(model)) return;
    const required = model.template.requiredMetadata;
    const present = new Set(model.metadata.map((field) => field.key));
    const range = model.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // A date in the title (`# 2023-02-06: Checkout outage`) states the incident's date as well as a Date line does.
    if (model.dateMentions.some((mention) => mention.source === 'title' && !mention.problem)) present.add('date');
    for (const name of required) {
      const key = metadataKey(name);
      if ([key, ...(synonyms[key] ?? [])].some((k) => present.has(k))) continue;
      report({
        range,
        message: `Missing metadata "${name}": add it to the front matter (\`${key}: …\`) or as a line under the title (\`**${name[0]!.toUpperCase()}${name.slice(1)}:** …\`).`,
        data: { key },
      });
    }
  },
};
