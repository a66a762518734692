import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver-types';
import { formatClock } from '../model/time';
import type { PostmortemDocument, TimelineEntry } from '../model/types';
import { displayName } from '../rules/missingSection';

/** `##`, `## `, `## Le`: the start of a heading, where missing sections are offered. */
const headingStart = /^(#{1,6})(?:\s+[^#]*)?$/;
/** `- `, `  * 00`, `- **0`: a new bullet, possibly with the start of a timestamp typed. */
const bulletStart = /^(\s*[-*+]\s+)([*_\d:]*)$/;

export function completions(model: PostmortemDocument, position: Position): CompletionItem[] {
  const linePrefix = model.document.getText({ start: { line: position.line, character: 0 }, end: position });
  if (headingStart.test(linePrefix)) return missingSectionCompletions(model, position);
  const bullet = bulletStart.exec(linePrefix);
  if (bullet) return timestampCompletions(model, position, bullet[1]!.length, '');
  if (linePrefix.trim() === '') return timestampCompletions(model, position, 0, '- ');
  return [];
}

/** Template sections the document lacks, in template order, each inserted with its prompt. */
function missingSectionCompletions(model: PostmortemDocument, position: Position): CompletionItem[] {
  const present = new Set(model.sections.flatMap((section) => (section.match ? [section.match.index] : [])));
  const range = { start: { line: position.line, character: 0 }, end: position };
  return model.template.sections
    .filter((section) => !present.has(section.index))
    .map((section) => {
      const hashes = '#'.repeat(section.level);
      const prompt = section.prompt ? `\n\n*${escapeSnippet(section.prompt)}*` : '';
      return {
        label: displayName(section.heading),
        kind: CompletionItemKind.Snippet,
        detail: section.optional ? 'Optional template section' : 'Missing template section',
        ...(section.prompt ? { documentation: section.prompt } : {}),
        filterText: `${hashes} ${displayName(section.heading)}`,
        sortText: String(section.index).padStart(4, '0'),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${hashes} ${escapeSnippet(section.heading)}${prompt}\n\n$0` },
      };
    });
}

/** The next timeline timestamp, written like the entry above the cursor, with the time as a placeholder. */
function timestampCompletions(model: PostmortemDocument, position: Position, from: number, bullet: string): CompletionItem[] {
  const previous = entryAbove(model, position.line);
  if (!previous) return [];
  const { format } = previous;
  const time = formatClock(previous.clock, format);
  const open = `${format.emphasis}${format.datePrefix ?? ''}`;
  const close = `${format.suffix}${format.emphasis}`;
  const label = `${bullet}${open}${time}${close}`;
  return [
    {
      label,
      kind: CompletionItemKind.Value,
      detail: `Next timeline entry, after ${previous.timeText}`,
      filterText: label,
      preselect: true,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: {
        range: { start: { line: position.line, character: from }, end: position },
        newText: `${escapeSnippet(bullet + open)}\${1:${escapeSnippet(time)}}${escapeSnippet(close)} $0`,
      },
    },
  ];
}

/** The timeline entry that ends just above `line`, with at most one blank line between. */
function entryAbove(model: PostmortemDocument, line: number): TimelineEntry | undefined {
  let best: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= line) break;
    best = entry;
  }
  if (!best) return undefined;
  const gap = model.document.getText({ start: { line: best.range.end.line + 1, character: 0 }, end: { line, character: 0 } });
  // The cursor's own bullet may have been parsed into the entry's list item range; what lies between must be blank.
  const lastLineOfEntry = Math.min(best.range.end.line, line - 1);
  return line - lastLineOfEntry <= 2 && gap.trim() === '' ? best : undefined;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
