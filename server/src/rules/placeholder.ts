import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { inCode } from '../model/inline';
import { isDraft } from '../model/stage';
import type { TextMatch } from '../model/textSearch';
import type { Rule } from './rule';

// Left-over markers of unfinished writing. Upper-case only for the words, so "todo list" in prose is not one.
// Times not filled in yet count too: `14:XX`, `??:??`, `XX:XX`, and `2022-02-02 X:` in a timeline.
const placeholders = /\b(?:TBD|TBC|TODO|FIXME|XXX)\b|\?{3,}|\?\?:\?\?|\b\d{1,2}:XX\b|\bXX:(?:XX|\d{2})\b|(?<=\b\d{4}-\d{2}-\d{2} )XX?(?=:)|<(?:fill[ -]?in|insert|add|describe)\b[^<>\r\n]{0,80}>|\[(?:fill[ -]?in|insert)\b[^\][\r\n]{0,80}\]|\blorem ipsum\b/gi;
const upperOnly = /^(?:TBD|TBC|TODO|FIXME|XXX)$/i;

/** The placeholders in text[start, end) (no pattern crosses a line break). */
function findPlaceholders(text: string, start: number, end: number): TextMatch[] {
  return Array.from(text.slice(start, end).matchAll(placeholders), (match) => ({ index: start + match.index, text: match[0], kind: 0 }));
}

export const placeholder: Rule = {
  id: 'PM008',
  name: 'placeholder',
  description: 'Unfinished writing is left in: TBD, TODO, ???, XXX, <fill in>, or a template prompt the template says to remove.',
  defaultSeverity: 'warning',
  check(model, report) {
    // `TODO` in the status column of an action-item table is the row's status, not unfinished writing.
    const statusCells = model.actionItems.flatMap((item) => (item.statusRange ? [item.statusRange] : []));
    // A document can hold tens of thousands: each match is visited where it lies (no copy of the list), and placed
    // with one lookup of its line, since no placeholder crosses a line break.
    model.search.each(findPlaceholders, ({ text }, start) => {
      const end = start + text.length;
      if (upperOnly.test(text) && text !== text.toUpperCase()) return;
      // `<fill in>` is itself raw HTML to Markdown; any other placeholder inside HTML is a comment or markup.
      if (inCode(model.codeSpans, start, end) || (!text.startsWith('<') && inCode(model.htmlSpans, start, end))) return;
      const at = model.document.positionAt(start);
      if (inCell(statusCells, at)) return;
      report({ range: { start: at, end: { line: at.line, character: at.character + text.length } }, message: `Placeholder "${text}" left in: finish this part or remove it.` });
    });
    // Only templates whose front matter says `prompts: remove` expect the prompts gone once a section is written: an
    // empty section's prompt is PM002's finding, and a draft keeps its prompts until it is written.
    if (!model.template.removePrompts || isDraft(model)) return;
    model.sections.forEach((section, index) => {
      if (!section.prompt || !section.match || section.isEmpty) return;
      report({
        range: section.prompt.range,
        message: `Template prompt left in: the "${model.template.name}" template asks to remove prompts once the section is written.`,
        data: { prompt: index },
      });
    });
  },
  fixes(model, diagnostic) {
    const index = (diagnostic.data as { prompt?: number } | undefined)?.prompt;
    const prompt = index === undefined ? undefined : model.sections[index]?.prompt;
    if (!prompt) return [];
    // Remove the prompt's lines and the blank line after them, so no double gap is left.
    const start = { line: prompt.range.start.line, character: 0 };
    let endLine = prompt.range.end.line + 1;
    if (endLine < model.document.lineCount && model.document.getText({ start: { line: endLine, character: 0 }, end: { line: endLine + 1, character: 0 } }).trim() === '') endLine++;
    const edit: TextEdit = { range: { start, end: { line: endLine, character: 0 } }, newText: '' };
    return [{ title: 'Remove the template prompt', edits: [edit], safe: true }];
  },
};

/** Whether `at` is inside one of the cells (each on one line). */
function inCell(cells: readonly Range[], at: Position): boolean {
  return cells.some((cell) => cell.start.line === at.line && cell.start.character <= at.character && at.character <= cell.end.character);
}
