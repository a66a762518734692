import type { TextEdit } from 'vscode-languageserver-types';
import { headingStartLine, sectionBlock } from '../model/headingStyle';
import { isDraft } from '../model/stage';
import type { PostmortemDocument } from '../model/types';
import { NO_TEMPLATE } from '../templates/index';
import type { TemplateSection } from '../templates/template';
import type { Rule } from './rule';

export const missingSection: Rule = {
  id: 'PM001',
  name: 'missing-section',
  description: 'A section the template requires is not in the postmortem.',
  defaultSeverity: 'warning',
  check(model, report) {
    const present = new Set(model.templateChoice.covered);
    // Anchor on the title so the warnings sit where a reader starts; line 0 when there is none.
    const range = model.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // A document that follows no template is written its own way: no section is missing from it.
    if (model.template === NO_TEMPLATE) return;
    const missing = model.template.sections.filter((section) => !section.optional && !present.has(section.index));
    if (isDraft(model)) {
      // A draft hears once, quietly, what is left to write (PM002 leaves its empty sections to this); each section's
      // warning comes once the document is under review or mostly written.
      const unwritten = [...missing, ...model.sections.filter((section) => section.isEmpty && section.match).map((section) => section.match!)];
      if (unwritten.length === 0) return;
      const names = [...new Set(unwritten.sort((a, b) => a.index - b.index).map((section) => displayName(section.heading)))];
      report({ range, severity: 'info', message: `${names.length} ${names.length === 1 ? 'section' : 'sections'} still to write: ${names.join(', ')}.`, data: { sections: missing.map((section) => section.index) } });
      return;
    }
    if (missing.length === 0) return;
    if (present.size === 0 && (model.sections.length > 0 || isWrittenOut(model))) {
      // A free-form post under a configured template: one gentle hint about what reviewers look for, not a wall of warnings.
      report({
        range,
        severity: 'hint',
        message: `This postmortem follows no section of the "${model.template.name}" template. Reviewers usually look for the impact, the root cause and follow-up actions.`,
      });
      return;
    }
    if (model.templateChoice.how === 'auto') {
      // The template was guessed from the headings: say once what it would add, and let the author decide.
      const names = missing.map((section) => `"${displayName(section.heading)}"`).join(', ');
      report({ range, severity: 'info', message: `This postmortem follows the "${model.template.name}" template but has no ${names} ${missing.length === 1 ? 'section' : 'sections'}.`, data: { sections: missing.map((section) => section.index) } });
      return;
    }
    for (const section of missing) {
      report({
        range,
        message: `Missing section "${displayName(section.heading)}"${section.prompt ? `: ${section.prompt}` : '.'}`,
        data: { section: section.index },
      });
    }
  },
  fixes(model, diagnostic) {
    const data = diagnostic.data as { section?: number; sections?: number[] } | undefined;
    const indexes = data?.sections ?? (data?.section === undefined ? [] : [data.section]);
    const sections = indexes.flatMap((index) => model.template.sections[index] ?? []);
    // Inserting a section writes a heading and a prompt the author did not write: never part of fix-all or --fix.
    return sections.map((section) => ({ title: `Insert section "${displayName(section.heading)}"`, edits: [insertSection(model, section)], safe: false }));
  },
};

/** `🔎 Five Why's` → `Five Why's`: the words a reader looks for in a message. */
export function displayName(heading: string): string {
  return heading.replace(/^[^\p{L}\p{N}]+/u, '').trim() || heading;
}

/** The heading and prompt of a template section, inserted before the first present section that follows it in the template. */
export function insertSection(model: PostmortemDocument, section: TemplateSection): TextEdit {
  const eol = model.document.getText().includes('\r\n') ? '\r\n' : '\n';
  const block = sectionBlock(model, section);
  const next = model.sections
    .filter((present) => present.match && present.match.index > section.index)
    .sort((a, b) => a.match!.index - b.match!.index)[0];
  if (next) {
    const at = { line: headingStartLine(model, next.range.start.line), character: 0 };
    return { range: { start: at, end: at }, newText: block.map((line) => line + eol).join('') };
  }
  const text = model.document.getText();
  const end = model.document.positionAt(text.length);
  const lead = text.length === 0 ? '' : text.endsWith('\n') || text.endsWith('\r') ? eol : eol + eol;
  return { range: { start: end, end }, newText: lead + block.slice(0, -1).join(eol) + eol };
}

/** Words enough that a document without one template heading is a post written its own way, not a fresh draft. */
const WRITTEN_OUT_WORDS = 150;

function isWrittenOut(model: PostmortemDocument): boolean {
  let count = 0;
  for (const _word of model.document.getText().matchAll(/[\p{L}\p{N}]+/gu)) if (++count >= WRITTEN_OUT_WORDS) return true;
  return false;
}
