import type { Section } from '../model/types';
import { displayName } from './missingSection';
import type { Rule } from './rule';

export const sectionOrder: Rule = {
  id: 'PM007',
  name: 'section-order',
  description: 'Template sections are not in the order the template gives them.',
  defaultSeverity: 'info',
  check(model, report) {
    // The order is the team's to choose: a template `auto` chose from the headings sets none.
    if (model.templateChoice.how === 'auto') return;
    // Only the first copy of each section: a second one is PM006's finding, not an ordering problem.
    const seen = new Set<number>();
    const matched = model.sections.filter((section): section is Section & { match: NonNullable<Section['match']> } => {
      if (!section.match || seen.has(section.match.index)) return false;
      seen.add(section.match.index);
      return true;
    });
    // Keep the longest run that is in template order; only the sections outside it are out of place.
    const inOrder = [...longestIncreasing(matched.map((section) => section.match.index))].sort((a, b) => a - b);
    matched.forEach((section, i) => {
      if (inOrder.includes(i)) return;
      // Too early: name the section it belongs after. Too late: name the section it belongs before.
      const after = inOrder.filter((j) => matched[j]!.match.index < section.match.index).pop();
      const before = inOrder.find((j) => matched[j]!.match.index > section.match.index);
      const tooEarly = after !== undefined && after > i;
      const anchor = tooEarly ? matched[after]! : before !== undefined ? matched[before]! : undefined;
      const name = displayName(section.heading);
      if (!anchor) return;
      const where = tooEarly ? 'after' : 'before';
      report({
        range: section.range,
        message: `"${name}" is out of template order: the template puts it ${where} "${displayName(anchor.heading)}".`,
        relatedInformation: [{ location: { uri: model.document.uri, range: anchor.range }, message: `The template puts "${name}" ${where} this section` }],
      });
    });
  },
};

/** Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]!]! < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const kept = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}
