import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DELIMITERS, MAX_NESTING, neutralise } from '../../server/src/model/caps';
import { parseMarkdownDocument } from '../../server/src/model/incremental';
import { cpuMs } from '../support/cpuTime';

function depth(root: unknown): number {
  let deepest = 0;
  const stack: Array<[{ children?: unknown[] }, number]> = [[root as { children?: unknown[] }, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    deepest = Math.max(deepest, level);
    for (const child of node.children ?? []) stack.push([child as { children?: unknown[] }, level + 1]);
  }
  return deepest;
}

test('ordinary postmortem text is left exactly as it is', () => {
  const text = [
    '# 2021-01-30: Outage',
    '',
    '- **00:27 UTC:** Django starts using *more* connections to `postgres`',
    '  - a nested [link](x.md) and <!-- a comment -->',
    '> quote with **bold** and __strong__ and ~~gone~~',
    `${'snake_case_name '.repeat(300)}`,
    '| a | b |\n| - | - |\n| 1 | 2 |',
  ].join('\n');
  assert.equal(neutralise(text), text);
});

test('neutralising keeps the length, so every offset stays true', () => {
  for (const text of ['*a'.repeat(5000), '>'.repeat(500), Array.from({ length: 200 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n')]) {
    const out = neutralise(text);
    assert.notEqual(out, text);
    assert.equal(out.length, text.length);
  }
});

test(`past ${MAX_DELIMITERS} emphasis runs in one paragraph the rest are look-alikes; a blank line starts a new count`, () => {
  const out = neutralise(`${'*a'.repeat(MAX_DELIMITERS + 5)}\n\n${'*a'.repeat(10)}`);
  const [first, second] = out.split('\n\n');
  assert.equal([...first!].filter((c) => c === '*').length, MAX_DELIMITERS);
  assert.equal(second, '*a'.repeat(10));
});

test('a line that only looks like a heading or a fence does not start a new count; a heading is counted on its own', () => {
  const stars = (text: string) => [...text].filter((c) => c === '*').length;
  const run = '*a'.repeat(150);
  // Paragraph text to micromark: `#` without a space, seven `#`, four columns of indentation, a backtick in the info.
  for (const other of [`#${run}`, '####### x', '    # x', '    ```', '``` a`b']) {
    assert.equal(stars(neutralise(`${run}\n${other}\n${run}\n`)), MAX_DELIMITERS, JSON.stringify(other));
  }
  // A real heading or fence ends the paragraph: both runs keep their markers.
  for (const heading of ['## Impact', '```js', '~~~']) assert.equal(stars(neutralise(`${run}\n${heading}\n${run}\n`)), 300, heading);
  assert.equal(stars(neutralise(`# ${'*a'.repeat(MAX_DELIMITERS + 5)}`)), MAX_DELIMITERS);
});

test(`nesting deeper than ${MAX_NESTING} containers is flattened: the tree stays shallow enough to walk and to send`, () => {
  const quotes = parseMarkdownDocument(`${'>'.repeat(10_000)} deep`);
  assert.ok(depth(quotes) <= MAX_NESTING + 3, `depth ${depth(quotes)}`);
  const lists = parseMarkdownDocument(Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n'));
  assert.ok(depth(lists) <= 2 * MAX_NESTING + 4, `depth ${depth(lists)}`);
  assert.doesNotThrow(() => JSON.stringify(quotes));
});

test('the adversarial inputs that take micromark tens of seconds parse in well under the worker budget', () => {
  const bombs = {
    '20 KB of *a': '*a'.repeat(10_000),
    '20 KB of a*': 'a*'.repeat(10_000),
    '20 KB of _a': '_a'.repeat(10_000),
    '20 KB of [': '['.repeat(20_000),
    '20 KB of #*a lines': `#${'*a'.repeat(100)}\n`.repeat(100),
    'a 20 KB heading of *a': `# ${'*a'.repeat(10_000)}`,
    '1,000-deep quote staircase': Array.from({ length: 1000 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n'),
    '500-level nested list': Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
  };
  for (const [name, text] of Object.entries(bombs)) {
    const ms = cpuMs(() => parseMarkdownDocument(text));
    // Uncapped, the first takes micromark about 25 s on this machine. CPU time, which a loaded machine does not inflate.
    assert.ok(ms < 8000, `${name}: ${ms.toFixed(0)} ms of CPU`);
  }
});
