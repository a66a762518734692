// A heavy but plausible document over stdio: a postmortem left with 60,000 placeholders (430 KB). Its diagnostics are
// capped per rule (rules/index.ts), so one publish holds 200 placeholders and one diagnostic saying how many more
// there are, not 60,000 (12.6 MB of JSON, 0.5-1.1 s a keystroke here before the cap). Times are printed, not held to
// a bound: the machine the tests run on is shared.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { completePostmortem } from '../support/postmortemText';
import { LspClient } from './lspClient';
import { within } from './reliabilitySupport';

const uri = 'file:///work/repo/postmortems/2021-07-11-heavy.md';
/** Paragraphs of six placeholders each, a blank line apart: 60,000 in all. */
const placeholders = Array.from({ length: 10_000 }, () => 'TBD <fill in> TBD <fill in> TBD <fill in>').join('\n\n');
const text = completePostmortem().replace('All services were down.', placeholders);

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

test('60,000 placeholders: one publish holds 200 of them and says how many more there are; keystrokes are answered', async () => {
  const opened = await within(30_000, 'diagnostics on open', client.open(uri, text));
  const found = opened.value.diagnostics.filter((d) => d.code === 'PM008');
  assert.equal(found.length, 201);
  assert.equal(found[200]!.message, '59,800 more placeholder (PM008) problems in this document are not shown: at most 200 of a kind are.');
  assert.deepEqual(found[200]!.range, found[199]!.range);
  const keystrokes: number[] = [];
  // Typing at the start of a paragraph in the middle of the placeholders, then deleting it again.
  const line = text.split('\n').findIndex((l, i) => i > 5000 && l.startsWith('TBD'));
  for (let i = 0; i < 6; i++) {
    const edit = i % 2 === 0 ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' } : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
    const changed = await within(10_000, `diagnostics after keystroke ${i + 1}`, client.change(uri, [edit]));
    assert.equal(changed.value.diagnostics.filter((d) => d.code === 'PM008').length, 201);
    keystrokes.push(changed.ms);
  }
  console.log(`heavy document: open ${opened.ms.toFixed(0)} ms, keystrokes ${keystrokes.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  await client.close(uri);
});
