import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { completions } from '../../../server/src/features/completion';
import { TextBeforeTyping, typedBullet, type TypedBullet } from '../../../server/src/features/typedBullet';
import type { Unchanged } from '../../../server/src/model/incremental';
import { parsePostmortem } from '../../../server/src/model/parse';
import { builtInTemplate } from '../../../server/src/templates/index';
import { completePostmortem, fixture, joinLines, modelOf } from '../util';

const NOW = new Date('2024-03-05T14:07:30Z');
const URI = 'file:///work/postmortems/2021-07-11-incident.md';

/** Times mentioned below the timeline too, so that their line numbers move when a line is added above them. */
const mentionsBelow = joinLines(
  '# 2021-07-11: Cascading node failures',
  '',
  'A connection spike (00:27 UTC) made a node unresponsive; at 00:55 UTC it was recycled.',
  '',
  '## ⚠️ Leadup',
  '',
  '- **00:27 UTC:** Django starts rapidly using connections',
  '- **00:32 UTC:** DevOps team is alerted. @joe is paged.',
  '  The page went to the secondary as well.',
  '- **01:13 UTC:** Node has restored',
  'and a lazy line after it',
  '',
  '## 🙋🏿‍♂️ Response',
  '',
  'Joe Banks responded. At 01:40 UTC the pool was resized; by 2021-07-11 02:10 UTC all was calm.',
  '',
  "## 🔎 Five Why's",
  '',
  '- Services were down',
  '- **Why?** The node died',
  '- **Why?** PostgreSQL used all its memory',
  // A heading right under an item: the line added goes between them.
  '## ☑️ Follow-up tasks',
  '',
  '* [x] Follow up on the ticket',
  '* [ ] Investigate the surge (owner: Dana Reyes)',
  '',
);

const documents: Record<string, string> = {
  'the complete postmortem': completePostmortem(),
  'times mentioned below': mentionsBelow,
  'times mentioned below, CRLF': mentionsBelow.replace(/\n/g, '\r\n'),
  'the corpus postmortem': fixture('corpus/markdown/2020-12-11-all-services-outage.md'),
};

/** What the edit from `before` to `after` left alone at either end, as the server's edit log knows it. */
function unchangedBetween(before: string, after: string): Unchanged {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/**
 * As the server holds it: `before` analysed, then its document changed to `after` in place (the model's document is
 * the open document). The typed-bullet answer, or undefined when it does not apply.
 */
function quick(before: string, after: string, position: Position): { typed: TypedBullet; items: CompletionItem[] } | undefined {
  const document = TextDocument.create(URI, 'markdown', 1, before);
  const model = parsePostmortem(document, builtInTemplate('python-discord'));
  TextDocument.update(document, [{ text: after }], 2);
  const typed = typedBullet({ model, text: before, version: 1 }, document, unchangedBetween(before, after), position);
  return typed && { typed, items: completions(typed.model, position, { now: NOW, triggerCharacter: ' ', typedLine: typed.line }) };
}

function fresh(after: string, position: Position): CompletionItem[] {
  return completions(modelOf(after, URI), position, { now: NOW, triggerCharacter: ' ' });
}

/** `insert` at the end of line `line`. */
function insertAfterLine(text: string, line: number, insert: string): string {
  const lines = text.split(/(?<=\r\n|\n)/);
  const eol = lines[line]!.match(/\r?\n$/)?.[0] ?? '';
  lines[line] = lines[line]!.slice(0, lines[line]!.length - eol.length) + insert + eol;
  return lines.join('');
}

test('a bullet typed under an item: the answer from the last analysis is the fresh analysis answer', () => {
  let compared = 0;
  let withMentionsBelow = 0;
  let refused = 0;
  for (const [name, text] of Object.entries(documents)) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    text.split(/\r?\n/).forEach((lineText, line) => {
      const marker = /^([-*+])[ \t]+\S/.exec(lineText)?.[1];
      if (!marker) return;
      const position = { line: line + 1, character: 2 };
      const after = insertAfterLine(text, line, `${eol}${marker} `);
      // The line added at once, typed after a bare bullet, and typed on a blank line.
      for (const before of [text, insertAfterLine(text, line, `${eol}${marker}`), insertAfterLine(text, line, eol)]) {
        const answer = quick(before, after, position);
        if (!answer) {
          refused++;
          continue;
        }
        assert.deepEqual(answer.items, fresh(after, position), `${name}, \`${marker} \` under line ${line + 1} (${JSON.stringify(before.split(/\r?\n/)[line + 1])} before)`);
        compared++;
        if (answer.items.some((item) => Number(/^Mentioned on line (\d+)/.exec(item.detail ?? '')?.[1]) > position.line + 1)) withMentionsBelow++;
      }
    });
  }
  // Every bullet item but those with a line the new item would take in or that continued them lazily.
  assert.ok(compared >= 90, `${compared} compared, ${refused} refused`);
  assert.ok(refused > 0 && refused < compared / 4, `${compared} compared, ${refused} refused`);
  assert.ok(withMentionsBelow >= 6, `answers with a time mentioned below the new line: ${withMentionsBelow}`);
});

test('the line numbers of times mentioned below a new line count the new line', () => {
  const line = mentionsBelow.split('\n').indexOf('- **01:13 UTC:** Node has restored');
  const withoutLazy = mentionsBelow.replace('and a lazy line after it\n', '');
  const after = insertAfterLine(withoutLazy, line, '\n- ');
  const answer = quick(withoutLazy, after, { line: line + 1, character: 2 });
  assert.ok(answer, 'applies');
  const response = after.split('\n').findIndex((l) => l.includes('At 01:40 UTC'));
  assert.ok(answer.items.some((item) => item.detail === `Mentioned on line ${response + 1}`), JSON.stringify(answer.items.map((i) => i.detail)));
});

test('not answered from the last analysis where the typed line can change how other lines read, or is not the only change', () => {
  const base = joinLines(
    '# 2021-07-11: Incident',
    '',
    '## ⚠️ Leadup',
    '',
    '- **00:27 UTC:** Django starts using connections',
    '- **00:32 UTC:** PostgreSQL saturated',
    '',
  );
  const entry = 5;
  const paragraph = base.replace('- **00:32 UTC:** PostgreSQL saturated', '\n00:32 UTC PostgreSQL saturated');
  const cases: Array<[string, string, string, Position]> = [
    // Under a paragraph line a bare bullet underlines it: a heading (setext).
    ['under a paragraph', paragraph, '\n- ', { line: entry + 2, character: 2 }],
    ['under a paragraph that lazily continues an item', base.replace('- **00:32 UTC:** PostgreSQL saturated', '00:32 UTC PostgreSQL saturated'), '\n- ', { line: entry + 1, character: 2 }],
    ['an indented line below, which the new item would take in', base.replace('saturated\n', 'saturated\n  and slow\n'), '\n- ', { line: entry + 1, character: 2 }],
    ['paragraph text below, which continued the item above lazily', base.replace('saturated\n', 'saturated\nand slow\n'), '\n- ', { line: entry + 1, character: 2 }],
    ['another bullet than the item above', base, '\n* ', { line: entry + 1, character: 2 }],
    ['more than a bullet on the line', base, '\n- x', { line: entry + 1, character: 3 }],
    ['an indented bullet (a nested list)', base, '\n  - ', { line: entry + 1, character: 4 }],
  ];
  for (const [reason, before, insert, position] of cases) {
    const after = insertAfterLine(before, reason === 'under a paragraph' ? entry + 1 : entry, insert);
    assert.equal(quick(before, after, position), undefined, reason);
  }
  // The line typed and another edit elsewhere since the analysis.
  const after = insertAfterLine(base, entry, '\n- ').replace('Django', 'Django 4');
  assert.equal(quick(base, after, { line: entry + 1, character: 2 }), undefined, 'another edit');
  // A list in the front matter is YAML.
  const yaml = joinLines('---', 'authors:', '- Joe', '---', base);
  assert.equal(quick(yaml, insertAfterLine(yaml, 2, '\n- '), { line: 3, character: 2 }), undefined, 'front matter');
  // Why the paragraph case is refused: the fresh analysis reads a heading there, which the last analysis has not.
  const underlined = insertAfterLine(paragraph, entry + 1, '\n- ');
  assert.ok(modelOf(underlined).sections.some((section) => section.heading === '00:32 UTC PostgreSQL saturated'));
});

test('the text before typing reads like a document of its own: every offset, position, line range and line ending', () => {
  // `after`, and the stretch [from, to) of it that `before` has instead of `middle`.
  const cases: Array<[string, string, string, string]> = [
    ['a line added', 'a\n- x\n- \n- y\nend', '- \n', ''],
    ['a line added, CRLF', 'a\r\n- x\r\n- \r\n- y\r\n', '- \r\n', ''],
    ['a line added at the end', '- x\n- ', '\n- ', ''],
    ['a line added at the end, CR', '- x\r- ', '\r- ', ''],
    ['a line retyped from a bare bullet', 'a\n- x\n- \n- y', '- ', '-'],
    ['a line retyped from nothing, CRLF', 'a\r\n- x\r\n- \r\n\r\n', '- ', ''],
  ];
  for (const [name, after, stretch, middle] of cases) {
    const from = name.includes('at the end') ? after.lastIndexOf(stretch) : after.indexOf(stretch, after.indexOf('- x') + 3);
    const to = from + stretch.length;
    const before = after.slice(0, from) + middle + after.slice(to);
    const live = TextDocument.create(URI, 'markdown', 2, after);
    const view = new TextBeforeTyping(live, before, 1, from, to, middle);
    const real = TextDocument.create(URI, 'markdown', 1, before);
    assert.equal(view.getText(), before, name);
    assert.equal(view.lineCount, real.lineCount, `${name}: line count`);
    for (let offset = -1; offset <= before.length + 1; offset++) assert.deepEqual(view.positionAt(offset), real.positionAt(offset), `${name}: positionAt(${offset})`);
    for (let line = -1; line <= real.lineCount + 1; line++) {
      for (let character = -1; character <= 6; character++) assert.equal(view.offsetAt({ line, character }), real.offsetAt({ line, character }), `${name}: offsetAt(${line}:${character})`);
      assert.deepEqual(view.getLineRange(line), real.getLineRange(line), `${name}: getLineRange(${line})`);
      assert.equal(view.getEOLCharacters(line), real.getEOLCharacters(line), `${name}: getEOLCharacters(${line})`);
      assert.equal(view.getText({ start: { line, character: 1 }, end: { line: line + 1, character: 1 } }), real.getText({ start: { line, character: 1 }, end: { line: line + 1, character: 1 } }), `${name}: getText`);
    }
  }
});
