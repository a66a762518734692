import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/features/documentSymbols';
import { fixture, joinLines, modelOf } from '../util';

const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

function assertNested(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const symbol of symbols) {
    assert.ok(contains(symbol.range, symbol.selectionRange), `${symbol.name}: selection outside range`);
    if (parent) assert.ok(contains(parent.range, symbol.range), `${symbol.name} outside ${parent.name}`);
    assert.ok(symbol.name.length > 0);
    assertNested(symbol.children ?? [], symbol);
  }
}

test('seed outline: title → nine sections → the follow-up task', () => {
  const symbols = documentSymbols(modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md')));
  assert.equal(symbols.length, 1);
  const [title] = symbols;
  assert.equal(title!.name, '2020-12-11: All services outage');
  assert.deepEqual(title!.children!.map((s) => s.name), [
    '⚠️ Leadup', '🥏 Impact', '👁️ Detection', '🙋🏿♂️ Response', '🙆🏽♀️ Recovery', "🔎 Five Why's", '🌱 Blameless root cause', '🤔 Lessons learned', '☑️ Follow-up tasks',
  ]);
  const tasks = title!.children![8]!;
  assert.deepEqual(tasks.children!.map((s) => [s.name, s.detail]), [['Push forward with backup plans', 'done']]);
  assertNested(symbols);
});

test('timeline entries are named by their time, in their section, in order with sub-sections', () => {
  const symbols = documentSymbols(
    modelOf(joinLines('# T', '', '## Leadup', '', '- **00:27 UTC:** Django starts', '', '### Later', '', '- 01:00 UTC node back', '- [ ] write runbook')),
  );
  const leadup = symbols[0]!.children![0]!;
  assert.deepEqual(leadup.children!.map((s) => [s.name, s.detail, s.kind]), [['00:27 UTC', 'Django starts', 24], ['Later', undefined, 15]]);
  assert.deepEqual(leadup.children![1]!.children!.map((s) => [s.name, s.detail]), [['01:00 UTC', 'node back'], ['write runbook', 'open']]);
  assertNested(symbols);
});

test('without a title, sections are the top level; empty headings still get a name', () => {
  const symbols = documentSymbols(modelOf(joinLines('## Impact', '', 'x', '', '##', '')));
  assert.deepEqual(symbols.map((s) => s.name), ['Impact', '(empty heading)']);
  assertNested(symbols);
});

test('long entry texts are shortened in the detail', () => {
  const symbols = documentSymbols(modelOf(`- 10:00 ${'word '.repeat(40)}`));
  assert.ok(symbols[0]!.detail!.length <= 60);
  assert.ok(symbols[0]!.detail!.endsWith('…'));
});

test('a timestamp heading is one event in the outline, not a section and an event', () => {
  const symbols = documentSymbols(modelOf(joinLines('## Timeline', '', '### 13:35', '', 'Alerts fire.', '', '### 13:50', '', 'Node restarted.')));
  const timeline = symbols[0]!;
  assert.deepEqual(timeline.children!.map((s) => [s.name, s.kind, s.detail, s.children!.length]), [['13:35', 24, 'Alerts fire.', 0], ['13:50', 24, 'Node restarted.', 0]]);
});
