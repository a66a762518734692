// What the bad-input tests ask of every feature, whatever the document's language: an answer, with ranges inside
// the document.
import assert from 'node:assert/strict';
import { completions } from '../../server/src/features/completion';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/folding';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';

/** Lints the model, asks for its outline, folding and completions at the end of its first 50 lines; every range must lie inside the document. */
export function assertFeaturesInside(model: PostmortemDocument): void {
  const lineCount = model.document.lineCount;
  const inside = (r: { start: { line: number }; end: { line: number } }) => r.start.line >= 0 && r.end.line < lineCount && r.start.line <= r.end.line;
  for (const d of lint(model)) assert.ok(inside(d.range), `${d.code} outside the document`);
  const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
    for (const s of symbols) {
      assert.ok(inside(s.range) && inside(s.selectionRange) && s.name.length > 0);
      walk(s.children ?? []);
    }
  };
  walk(documentSymbols(model));
  for (const f of foldingRanges(model)) assert.ok(f.startLine < f.endLine && f.endLine < lineCount);
  for (let line = 0; line < Math.min(lineCount, 50); line++) {
    const length = model.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).length;
    completions(model, { line, character: length });
  }
}
