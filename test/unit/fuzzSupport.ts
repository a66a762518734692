// The invariants every analysis must keep, checked by running what the server runs for a document. Shared by
// test/unit/fuzz.test.ts and test/unit/fuzzRegressions.test.ts; the generators are in fuzzDocuments.ts.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { codeActions, fixAllAction } from '../../server/src/features/codeActions';
import { completions } from '../../server/src/features/completion';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/folding';
import { parsePostmortem } from '../../server/src/model/parse';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';
import { builtInTemplate } from '../../server/src/templates/index';
import { Lines } from './fuzzDocuments';

export { escapeForFixture, Lines, positionsAt, postmortemDocument, unescapeFixture } from './fuzzDocuments';

export function rangeProblem(lines: Lines, range: Range | undefined, what: string): string | undefined {
  if (!range || !range.start || !range.end) return `${what}: no range`;
  const start = lines.problem(range.start);
  if (start) return `${what}: start ${start}`;
  const end = lines.problem(range.end);
  if (end) return `${what}: end ${end}`;
  if (lines.offset(range.start) > lines.offset(range.end)) return `${what}: starts after it ends ${JSON.stringify(range)}`;
  return undefined;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export interface AnalysisResult {
  model: PostmortemDocument;
  diagnostics: Diagnostic[];
  symbols: DocumentSymbol[];
  folding: FoldingRange[];
  completions: CompletionItem[][];
  actions: CodeAction[];
}

const template = builtInTemplate('python-discord');

/**
 * Runs everything the server runs for a document (parse → lint → documentSymbols → foldingRanges → completions at
 * `positions` → codeActions for every diagnostic and "fix all") and throws with a description when anything throws or
 * answers with a range outside the document or one that splits a surrogate pair.
 */
export function analyseAndCheck(text: string, positions: readonly Position[] = [], uri = 'file:///work/repo/postmortems/2021-07-11-fuzz.md'): AnalysisResult {
  const lines = new Lines(text);
  const problems: string[] = [];
  const check = (range: Range | undefined, what: string) => {
    const problem = rangeProblem(lines, range, what);
    if (problem) problems.push(problem);
  };
  const model = parsePostmortem(TextDocument.create(uri, 'markdown', 1, text), template);
  const diagnostics = lint(model, { fileExists: () => false });
  for (const d of diagnostics) {
    check(d.range, `diagnostic ${String(d.code)} "${d.message}"`);
    for (const related of d.relatedInformation ?? []) check(related.location.range, `related information of ${String(d.code)}`);
  }
  const symbols = documentSymbols(model);
  const walk = (list: readonly DocumentSymbol[], depth: number): void => {
    for (const s of list) {
      check(s.range, `symbol "${s.name}" range`);
      check(s.selectionRange, `symbol "${s.name}" selectionRange`);
      if (!s.name || s.name.trim() === '') problems.push(`symbol with an empty name at ${JSON.stringify(s.range)}`);
      // VS Code rejects an outline whose selection range is not inside the symbol's range.
      if (!contains(s.range, s.selectionRange)) problems.push(`symbol "${s.name}": selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`);
      if (depth > 200) problems.push('symbols nested deeper than 200');
      walk(s.children ?? [], depth + 1);
    }
  };
  walk(symbols, 0);
  const folding = foldingRanges(model);
  for (const f of folding) {
    if (!(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lines.count)) problems.push(`folding range ${f.startLine}-${f.endLine} of ${lines.count} lines`);
  }
  const completionResults: CompletionItem[][] = [];
  for (const position of positions) {
    const items = completions(model, position);
    completionResults.push(items);
    for (const item of items) {
      const edit = item.textEdit as TextEdit | undefined;
      if (!edit) continue;
      check(edit.range, `completion "${item.label}" at ${position.line}:${position.character}`);
      // VS Code requires a completion's range to be on one line and to contain the position asked about.
      if (edit.range.start.line !== edit.range.end.line || !contains(edit.range, { start: position, end: position })) {
        problems.push(`completion "${item.label}" range ${JSON.stringify(edit.range)} does not hold the position ${position.line}:${position.character} on one line`);
      }
    }
  }
  const actions = codeActions(model, diagnostics);
  const fixAll = fixAllAction(model, diagnostics);
  if (fixAll) actions.push(fixAll);
  for (const action of actions) {
    const edits = action.edit?.changes?.[uri] ?? [];
    edits.forEach((edit, i) => check(edit.range, `edit ${i} of "${action.title}"`));
    const sorted = [...edits].sort((a, b) => lines.offset(a.range.start) - lines.offset(b.range.start));
    for (let i = 1; i < sorted.length; i++) {
      if (lines.offset(sorted[i]!.range.start) < lines.offset(sorted[i - 1]!.range.end)) problems.push(`"${action.title}" has overlapping edits`);
    }
  }
  if (problems.length > 0) throw new Error(problems.slice(0, 5).join('\n'));
  return { model, diagnostics, symbols, folding, completions: completionResults, actions };
}

/** Applies LSP text edits (non-overlapping, against the same text) the way a client does. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new Lines(text);
  const sorted = edits
    .map((edit, index) => ({ start: lines.offset(edit.range.start), end: lines.offset(edit.range.end), text: edit.newText, index }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

