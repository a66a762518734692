import { isFiveWhysSection } from '../model/whys';
import { displayName } from './missingSection';
import type { Rule } from './rule';

const DEFAULT_MIN = 3;

export const fiveWhysDepth: Rule = {
  id: 'PM010',
  name: 'five-whys-depth',
  description: 'The five-whys analysis stops before the configured depth (option `min`, default 3).',
  defaultSeverity: 'info',
  check(model, report, { options }) {
    const min = typeof options['min'] === 'number' && options['min'] > 0 ? Math.floor(options['min']) : DEFAULT_MIN;
    model.sections.forEach((section, index) => {
      // An empty section is PM002's finding; counting its whys would only repeat it.
      if (!isFiveWhysSection(section) || section.isEmpty) return;
      const depth = model.whys.filter((why) => why.section === index).length;
      if (depth >= min) return;
      report({
        range: section.range,
        message: `"${displayName(section.heading)}" stops after ${depth} why${depth === 1 ? '' : 's'}: keep asking why until you reach a cause you can act on (at least ${min}).`,
      });
    });
  },
};
