import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayHoldTable, parseChunk } from '../../server/src/model/markdownChunks';
import { parseMarkdown } from '../../server/src/model/markdown';

/** A chunk as the incremental parser hands it over: at the top, no definitions from elsewhere. */
const chunk = (text: string) => parseChunk({ text, line: 0, frontMatter: false, definitions: '' }).children;

test('a chunk that cannot hold a table parses without the table construct to the tree remark gives with it', () => {
  // Characters that make Markdown structure, table delimiters among them, but no pipe: a seeded random walk.
  const alphabet = ['-', '-', '-', ':', ':', 'a', ' ', ' ', '\n', '\n', '\n', '>', '*', '`', '\\', '\t', '#', '1', '.', '[', ']', '^', '~', '<', '_', '\r', '+', '    ', '```', '='];
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let compared = 0;
  while (compared < 20_000) {
    let text = '';
    const length = 1 + Math.floor(random() * 40);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    if (mayHoldTable(text) || text.startsWith('---')) continue;
    assert.deepEqual(chunk(text), parseMarkdown(text).children, JSON.stringify(text));
    compared++;
  }
});

test('what may hold a table: a pipe, or a one-column delimiter row with a colon', () => {
  for (const table of ['a|b\n-|-', '| a |\n| - |', 'a\n:-', 'a\n-:', 'a\n:-:']) {
    assert.ok(mayHoldTable(table), table);
    assert.equal(parseMarkdown(table).children[0]?.type, 'table', table);
    assert.deepEqual(chunk(table), parseMarkdown(table).children, table);
  }
  // A time, a list, a setext underline or a rule: no table.
  for (const text of ['At 14:05 UTC - rollback', 'a\n---', '- 14:05 x', '***']) assert.equal(mayHoldTable(text), false, text);
});
