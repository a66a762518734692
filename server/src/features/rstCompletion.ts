import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { sectionBlock } from '../model/headingStyle';
import type { PostmortemDocument } from '../model/types';
import { displayName } from '../rules/missingSection';

/** What may be typed of a heading so far: words, emoji, apostrophes; nothing that starts a list or markup. */
const headingPrefix = /^(?:[\p{L}\p{N}\p{Extended_Pictographic}][\p{L}\p{N}\p{Extended_Pictographic}\u200d\ufe0f'’ -]*)?$/u;

/**
 * Missing-section completions for reStructuredText and plain text, where a heading is a line of its own rather than
 * `## `: offered at the start of a new block (the line above blank) while the line holds only heading words, each
 * inserting the heading the way the document writes headings (`sectionBlock`: RST adornment of the level's character
 * and the heading's width). Undefined where they do not apply (Markdown, or not at a heading's start), so the
 * caller's own completions (timestamps) answer instead; also when an empty line sits right under a timeline entry.
 */
export function headingCompletions(model: PostmortemDocument, position: Position, linePrefix: string): CompletionItem[] | undefined {
  const languageId = model.document.languageId;
  if (languageId !== 'restructuredtext' && languageId !== 'plaintext') return undefined;
  if (!headingPrefix.test(linePrefix)) return undefined;
  const lineAbove = position.line === 0 ? '' : model.document.getText({ start: { line: position.line - 1, character: 0 }, end: { line: position.line, character: 0 } });
  if (lineAbove.trim() !== '') return undefined;
  if (linePrefix === '' && model.timeline.some((entry) => entry.range.end.line < position.line && entry.range.end.line >= position.line - 2)) return undefined;
  const present = new Set(model.sections.flatMap((section) => (section.match ? [section.match.index] : [])));
  const range = { start: { line: position.line, character: 0 }, end: position };
  return model.template.sections
    .filter((section) => !present.has(section.index))
    .map((section) => {
      const block = sectionBlock(model, section);
      return {
        label: displayName(section.heading),
        kind: CompletionItemKind.Snippet,
        detail: section.optional ? 'Optional template section' : 'Missing template section',
        ...(section.prompt ? { documentation: section.prompt } : {}),
        filterText: displayName(section.heading),
        sortText: String(section.index).padStart(4, '0'),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${block.map(escapeSnippet).join('\n')}\n$0` },
      };
    });
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
