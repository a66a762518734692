import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completions } from '../../server/src/features/completion';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/folding';
import { lint } from '../../server/src/rules/index';
import { modelOf } from './util';

// Each case must analyse without throwing, and every feature must answer with ranges inside the document.
const cases: Record<string, string> = {
  empty: '',
  'only whitespace': ' \n\n\t\n',
  'no headings': 'Just a paragraph about an outage.\n',
  'half-typed heading': '# 2021-01-01: Outage\n\n## Lea',
  'bare hashes': '#\n##\n###### \n',
  'only front matter': '---\ntitle: x\n---\n',
  'unterminated front matter': '---\ntitle: x\n\n## Impact\n',
  'binary garbage': Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  'NUL bytes': '## Impact\u0000\n\n- 10:00\u0000 a\n',
  'lone surrogates': '## \ud800 Impact\n\n- 10:00 \udc00\n',
  BOM: '\ufeff# Title\n\n## Impact\n\nx\n',
  'emoji and RTL headings': '# 🔥🔥\n\n## 🙋🏿‍♂️ الاستجابة\n\n- 10:00 ✅\n',
  'timestamp-only bullets': '- 10:00\n- **10:01 UTC:**\n- 99:99\n',
  'deep nested list': Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- 10:${String(i % 60).padStart(2, '0')} x`).join('\n'),
};

for (const [name, text] of Object.entries(cases)) {
  test(`bad input: ${name}`, () => {
    const model = modelOf(text);
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
  });
}
