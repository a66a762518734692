import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Position,
} from 'vscode-languageserver-types';
import { formatClock } from '../model/time';
import type { PostmortemDocument, TimelineEntry } from '../model/types';
import { displayName } from '../rules/missingSection';
import { headingCompletions } from './rstCompletion';

/** `##`, `## `, `## Le`: the start of a heading, where missing sections are offered. */
const headingStart = /^(#{1,6})(?:\s+[^#]*)?$/;
/** `- `, `  * 00`, `- **0`, `2. [1`: a new bullet, possibly with the start of a timestamp typed. */
const bulletStart = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)([*_\d:[`]*)$/;
/** `16:`, `**1`: the start of a timestamped line under a paragraph of them. */
const lineStart = /^[*_\d:[`]*$/;
/** `|`, `| 14`: a new table row, possibly with the start of a time typed. */
const rowStart = /^\s*\|[^|]*$/;

export function completions(model: PostmortemDocument, position: Position): CompletionItem[] {
  const linePrefix = model.document.getText({ start: { line: position.line, character: 0 }, end: position });
  const rstOrPlainHeading = headingCompletions(model, position, linePrefix);
  if (rstOrPlainHeading) return rstOrPlainHeading;
  const heading = headingStart.exec(linePrefix);
  if (heading) {
    const sections = missingSectionCompletions(model, position);
    const stamp = heading[1]!.length >= 3 ? headingTimestampCompletion(model, position) : undefined;
    if (!stamp) return sections;
    // Both apply on a `###` line: a timestamp comes first only when the heading above is one.
    return stamp.first ? [stamp.item, ...sections] : [...sections, stamp.item];
  }
  const row = rowStart.test(linePrefix) || linePrefix.trim() === '' ? tableRowCompletion(model, position) : undefined;
  if (row) return [row];
  const bullet = bulletStart.exec(linePrefix);
  if (bullet) return timestampCompletions(model, position, bullet[1]!.length, 'list', false);
  if (linePrefix.trim() === '') return timestampCompletions(model, position, 0, 'any', true);
  if (lineStart.test(linePrefix)) return timestampCompletions(model, position, 0, 'lines', false);
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

/** The timestamp of `entry` as its format writes it, split around the clock so the clock can be a placeholder. */
function nextTimestamp(entry: TimelineEntry): { open: string; time: string; close: string } {
  const { format } = entry;
  return {
    open: `${format.emphasis}${format.brackets ? '[' : ''}${format.datePrefix ?? ''}`,
    time: formatClock(entry.clock, format),
    close: `${format.zoneText}${format.punctuation}${format.brackets ? ']' : ''}${format.emphasis}${format.after}`,
  };
}

function timestampItem(label: string, previous: TimelineEntry, range: { start: Position; end: Position }, newText: string, sortText?: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Value,
    detail: `Next timeline entry, after ${previous.timeText}`,
    filterText: label,
    preselect: true,
    ...(sortText !== undefined ? { sortText } : {}),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText },
  };
}

/**
 * The next timeline timestamp, written like the entry above the cursor, with the time as a placeholder. `withLead`:
 * the line is empty, so the entry's bullet (`- `, `  * `, the next number of an ordered list) is written too.
 */
function timestampCompletions(model: PostmortemDocument, position: Position, from: number, kind: 'list' | 'lines' | 'any', withLead: boolean): CompletionItem[] {
  const previous = entryAbove(model, position.line);
  if (!previous || previous.kind === 'headings' || previous.kind === 'table') return [];
  if (kind !== 'any' && previous.kind !== kind) return [];
  const lead = withLead ? nextLead(previous.format.lead) : '';
  const { open, time, close } = nextTimestamp(previous);
  return [
    timestampItem(`${lead}${open}${time}${close}`, previous, { start: { line: position.line, character: from }, end: position }, `${escapeSnippet(lead + open)}\${1:${escapeSnippet(time)}}${escapeSnippet(close)} $0`),
  ];
}

/** `1. ` → `2. `; bullets stay as they are. */
function nextLead(lead: string): string {
  return lead.replace(/^(\s*)(\d{1,9})([.)])/, (_, indent: string, n: string, delimiter: string) => `${indent}${Number(n) + 1}${delimiter}`);
}

/**
 * `### <time>` on a heading line under a timeline of timestamp headings. It comes first when the heading right above
 * the cursor is the timestamp heading; later when a sub-heading lies between, still inside the same run.
 */
function headingTimestampCompletion(model: PostmortemDocument, position: Position): { item: CompletionItem; first: boolean } | undefined {
  let previous: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= position.line) break;
    if (entry.kind === 'headings') previous = entry;
  }
  if (!previous) return undefined;
  const level = previous.format.lead.trim().length;
  let headingAbove: { line: number; level: number } | undefined;
  for (const section of model.sections) {
    if (section.range.start.line >= position.line) break;
    if (section.range.start.line > previous.range.start.line && section.level < level) return undefined;
    headingAbove = { line: section.range.start.line, level: section.level };
  }
  const first = headingAbove?.line === previous.range.start.line;
  const lead = previous.format.lead;
  const { open, time, close } = nextTimestamp(previous);
  const label = `${lead}${open}${time}${close}`;
  const range = { start: { line: position.line, character: 0 }, end: position };
  const newText = `${escapeSnippet(lead + open)}\${1:${escapeSnippet(time)}}${escapeSnippet(close)}\n\n$0`;
  return { item: timestampItem(label, previous, range, newText, first ? ' ' : '~'), first };
}

/** `| <time> | |`: a new row on the empty line right under a timeline table, or on a row being typed (`|`) in it. */
function tableRowCompletion(model: PostmortemDocument, position: Position): CompletionItem | undefined {
  const timeline = model.timelines.find(
    (t) => t.table && t.range.start.line + 2 <= position.line && position.line <= t.range.end.line + 1,
  );
  const table = timeline?.table;
  if (!timeline || !table) return undefined;
  // Only a new row: after the cursor there may be nothing but an editor's closing pipe.
  const lineEnd = model.document.offsetAt({ line: position.line + 1, character: 0 });
  const rest = model.document.getText().slice(model.document.offsetAt(position), lineEnd);
  if (!/^[\s|]*$/.test(rest)) return undefined;
  let previous: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= position.line) break;
    if (entry.timelineId === timeline.id) previous = entry;
  }
  if (!previous) return undefined;
  const { open, time, close } = nextTimestamp(previous);
  const dateText = table.dateColumn !== undefined && previous.dateSource === 'column' && previous.dateRange ? model.document.getText(previous.dateRange) : '';
  const cells: string[] = [];
  const labelCells: string[] = [];
  let cursorPlaced = false;
  for (let column = 0; column < table.columns; column++) {
    if (column === table.timeColumn) {
      cells.push(`${escapeSnippet(open)}\${1:${escapeSnippet(time)}}${escapeSnippet(close)}`);
      labelCells.push(`${open}${time}${close}`);
    } else if (column === table.dateColumn) {
      cells.push(escapeSnippet(dateText));
      labelCells.push(dateText);
    } else {
      cells.push(cursorPlaced ? '' : '$0');
      labelCells.push('');
      cursorPlaced = true;
    }
  }
  const label = `| ${labelCells.join(' | ')} |`;
  // The whole line is replaced: what is typed (`|`, `| 14`) and an editor's closing pipe after the cursor.
  const end = model.document.positionAt(model.document.offsetAt(position) + rest.replace(/[\r\n]+$/, '').length);
  return timestampItem(label, previous, { start: { line: position.line, character: 0 }, end }, `| ${cells.join(' | ')} |`);
}

/** The timeline entry that ends just above `line`, with at most one blank line between. */
function entryAbove(model: PostmortemDocument, line: number): TimelineEntry | undefined {
  let best: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= line) break;
    best = entry;
  }
  if (!best) return undefined;
  // The cursor's own line may have been parsed into the entry (a bullet, a continuation line); what lies between must be blank.
  const lastLineOfEntry = Math.min(best.range.end.line, line - 1);
  const gap = model.document.getText({ start: { line: lastLineOfEntry + 1, character: 0 }, end: { line, character: 0 } });
  return line - lastLineOfEntry <= 2 && gap.trim() === '' ? best : undefined;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
