import type { Rule } from './rule';

export const invalidFrontMatter: Rule = {
  id: 'PM005',
  name: 'invalid-front-matter',
  description: 'The YAML front matter does not parse, so its title, date and settings are ignored.',
  defaultSeverity: 'error',
  check(model, report) {
    const error = model.frontMatter?.error;
    if (error) report({ range: error.range, message: `Front matter is not valid YAML and is ignored: ${error.message}` });
  },
};
