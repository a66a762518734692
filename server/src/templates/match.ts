import type { Section } from '../model/types';
import { builtInTemplate, builtInTemplateNames, NO_TEMPLATE } from './index';
import type { Template, TemplateSection } from './template';
import { sectionKinds, type SectionKind } from './vocabulary';

/** How the document's template was decided, for the author to see (title hover) and for rules to weigh. */
export interface TemplateChoice {
  /** `configured`: a setting, `.postmortem.yaml` or front matter named it; `auto`: chosen from the document's sections. */
  how: 'configured' | 'auto';
  /** Required sections of the chosen template (for `auto` with no template: of the closest one) that the document has. */
  present: number;
  required: number;
  /** Indexes of the template's sections the document has: as a heading, or as a `Key: value` line under the title. */
  covered: number[];
  /** For `auto` with no template: the built-in template that came closest. */
  closest?: string;
}

const GROUPING_KINDS: ReadonlySet<SectionKind> = new Set(['action-items', 'timeline', 'supporting']);

/** Share of a template's required sections a document must have for `auto` to hold it to that template. */
const FIT = 0.7;
/** And at least this many of them, so a three-heading stub is not held to a twelve-section template. */
const MIN_PRESENT = 4;

/**
 * Matches the document's sections to a template, choosing the template first when it is `auto`. Returns the template
 * the rules hold the document to (`NO_TEMPLATE` when `auto` finds none that fits) and how it was chosen.
 */
export function applyTemplate(sections: Section[], template: Template, keys: readonly string[] = []): { template: Template; choice: TemplateChoice } {
  const keyKinds = new Set(keys.flatMap((key) => sectionKinds(key)));
  if (!template.auto) {
    matchSections(sections, template);
    return { template, choice: { how: 'configured', ...fit(sections, template, keyKinds) } };
  }
  let best: { template: Template } & ReturnType<typeof fit> | undefined;
  for (const name of builtInTemplateNames) {
    const candidate = builtInTemplate(name);
    matchSections(sections, candidate);
    const score = fit(sections, candidate, keyKinds);
    if (!best || score.present / score.required > best.present / best.required) best = { template: candidate, ...score };
  }
  const fits = best !== undefined && best.present >= MIN_PRESENT && best.present / best.required >= FIT;
  const chosen = fits ? best!.template : NO_TEMPLATE;
  matchSections(sections, chosen);
  return {
    template: chosen,
    choice: { how: 'auto', present: best?.present ?? 0, required: best?.required ?? 0, covered: fits ? best!.covered : [], ...(!fits && best ? { closest: best.template.name } : {}) },
  };
}

/** Which of the template's sections the (matched) document has, and how many of the required ones. */
function fit(sections: readonly Section[], template: Template, keyKinds: ReadonlySet<SectionKind>): { present: number; required: number; covered: number[] } {
  const matched = new Set(sections.flatMap((section) => (section.matches ?? []).map((match) => match.index)));
  const covered = template.sections.filter((section) => matched.has(section.index) || section.kinds.some((kind) => keyKinds.has(kind))).map((section) => section.index);
  const required = template.sections.filter((section) => !section.optional);
  return { present: required.filter((section) => covered.includes(section.index)).length, required: required.length, covered };
}

/**
 * Sets each section's `match` and `matches`. A heading the template names (itself or an alias) is that section; else
 * a heading of a kind the template has is the first template section of that kind ("Mitigation" is google-sre's
 * "Resolution"), one per kind for a combined heading ("Mitigation & lessons").
 */
export function matchSections(sections: Section[], template: Template): void {
  const topLevel = Math.min(...template.sections.map((candidate) => candidate.level));
  const nested = template.sections.filter((candidate) => candidate.level > topLevel);
  sections.forEach((section) => {
    delete section.match;
    delete section.matches;
    delete section.matchedByName;
    // Headings under the action items, the timeline or an appendix are their categories, entries and exhibits:
    // "### Detection" under "## Action items" is a kind of action, not the detection section. Only sections the
    // template itself nests may be found there.
    const parent = section.parent === undefined ? undefined : sections[section.parent];
    const candidates = parent?.kinds.some((kind) => GROUPING_KINDS.has(kind)) ? nested : template.sections;
    const byName = section.name ? candidates.filter((candidate) => candidate.names.includes(section.name)) : [];
    if (byName.length > 0) {
      set(section, byName.slice(0, 1), true);
      return;
    }
    const byKind: TemplateSection[] = [];
    for (const kind of section.kinds) {
      // The section the kind is first of ("Trigger"), before one that only has it through a combined alias ("Root
      // causes and trigger").
      const candidate = candidates.find((s) => s.kinds[0] === kind) ?? candidates.find((s) => s.kinds.includes(kind));
      if (candidate && !byKind.includes(candidate)) byKind.push(candidate);
    }
    if (byKind.length > 0) set(section, byKind, false);
  });
}

function set(section: Section, matches: TemplateSection[], byName: boolean): void {
  section.match = matches[0]!;
  section.matches = matches;
  section.matchedByName = byName;
}
