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
  assert.deepEqual(tasks.children!.map((s) => [s.name, s.detail]), [['Push forward with backup plans', '☑ done']]);
  assertNested(symbols);
});

test('timeline entries are named by their time and first words, with T+ from the start, in their section, in order with sub-sections', () => {
  const symbols = documentSymbols(
    modelOf(joinLines('# T', '', '## Leadup', '', '- **00:27 UTC:** Django starts', '', '### Later', '', '- 01:00 UTC node back', '- [ ] write runbook')),
  );
  const leadup = symbols[0]!.children![0]!;
  assert.deepEqual(leadup.children!.map((s) => [s.name, s.detail, s.kind]), [['00:27 UTC Django starts', 'T+0', 24], ['Later', undefined, 15]]);
  assert.deepEqual(leadup.children![1]!.children!.map((s) => [s.name, s.detail]), [['01:00 UTC node back', 'T+33 min'], ['write runbook', '☐ open']]);
  assertNested(symbols);
});

test('five-whys steps are in the outline, numbered, without their marker', () => {
  const symbols = documentSymbols(modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md')));
  const whys = symbols[0]!.children!.find((s) => s.name === "🔎 Five Why's")!;
  assert.deepEqual(whys.children!.map((s) => [s.name, s.detail, s.kind]).slice(0, 2), [
    ['Core service failures (e.g. Calico, CoreDNS, Linode CSI)', 'Why #1', 20],
    ['Kubernetes worker node restart', 'Why #2', 20],
  ]);
  assertNested(symbols);
});

test('long event texts are cut after a few words in the name', () => {
  const [entry] = documentSymbols(modelOf('- **00:27 UTC:** Django starts rapidly using connections to our PostgreSQL database'));
  assert.equal(entry!.name, '00:27 UTC Django starts rapidly using connections to…');
});

test('without a title, sections are the top level; empty headings still get a name', () => {
  const symbols = documentSymbols(modelOf(joinLines('## Impact', '', 'x', '', '##', '')));
  assert.deepEqual(symbols.map((s) => s.name), ['Impact', '(empty heading)']);
  assertNested(symbols);
});

test('long entry texts are shortened in the name', () => {
  const symbols = documentSymbols(modelOf(`- 10:00 ${'wordy '.repeat(40)}`));
  assert.ok(symbols[0]!.name.length <= 60);
  assert.ok(symbols[0]!.name.endsWith('…'));
});

test('a timestamp heading is one event in the outline, not a section and an event', () => {
  const symbols = documentSymbols(modelOf(joinLines('## Timeline', '', '### 13:35', '', 'Alerts fire.', '', '### 13:50', '', 'Node restarted.')));
  const timeline = symbols[0]!;
  assert.deepEqual(timeline.children!.map((s) => [s.name, s.kind, s.detail, s.children!.length]), [['13:35 Alerts fire.', 24, 'T+0', 0], ['13:50 Node restarted.', 24, 'T+15 min', 0]]);
});
