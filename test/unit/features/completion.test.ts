import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { completions } from '../../../server/src/features/completion';
import { completePostmortem, CURSOR, fixture, joinLines, modelAtCursor } from '../util';

const complete = (text: string): CompletionItem[] => {
  const { model, position } = modelAtCursor(text);
  return completions(model, position);
};
const editOf = (item: CompletionItem) => item.textEdit as TextEdit;

test('at a heading start, only the missing template sections, in template order, with their prompts', () => {
  const text = completePostmortem()
    .replace(/## 🥏 Impact[\s\S]*?(?=## 👁️)/, '')
    .replace(/## 🤔 Lessons learned[\s\S]*?(?=## ☑️)/, `## ${CURSOR}\n\n`);
  const items = complete(text);
  assert.deepEqual(items.map((i) => i.label), ['Impact', 'Lessons learned']);
  assert.deepEqual(items.map((i) => i.sortText), ['0001', '0007']);
  const edit = editOf(items[1]!);
  assert.equal(edit.newText, '## 🤔 Lessons learned\n\n*What did we learn from this incident?*\n\n$0');
  assert.deepEqual(edit.range.start, { line: edit.range.end.line, character: 0 });
  assert.equal(items[1]!.filterText, '## Lessons learned');
  assert.equal(items[1]!.insertTextFormat, 2);
});

test('a partly typed heading and a bare "#" are heading starts too', () => {
  const base = fixture('corpus/markdown/2020-12-11-all-services-outage.md').replace(/## 🔎 Five Why's[\s\S]*?(?=## 🌱)/, '');
  assert.deepEqual(complete(`${base}\n## Fi${CURSOR}`).map((i) => i.label), ["Five Why's"]);
  assert.deepEqual(complete(`${base}\n#${CURSOR}`).map((i) => i.label), ["Five Why's"]);
});

test('snippet syntax in a template prompt is escaped', () => {
  const items = complete(joinLines(`## ${CURSOR}`));
  for (const item of items) assert.doesNotMatch(editOf(item).newText.replace(/\$0$/, ''), /(?<!\\)\$/);
});

test('after a timeline entry, a new bullet is offered the next timestamp in the same format', () => {
  const text = completePostmortem({ leadup: ['- **00:27 UTC:** Django starts', '- **00:33 UTC:** Alert fires', `- ${CURSOR}`] });
  const [item, ...rest] = complete(text);
  assert.equal(rest.length, 0);
  assert.equal(item!.label, '**00:33 UTC:**');
  const edit = editOf(item!);
  assert.equal(edit.newText, '**${1:00:33} UTC:** $0');
  assert.equal(edit.range.start.character, 2);
  assert.equal(item!.insertTextFormat, 2);
});

test('plain, unpadded, dated and partly typed timestamps keep their format', () => {
  assert.equal(editOf(complete(joinLines('- 9:05 PDT deploy', `- ${CURSOR}`))[0]!).newText, '${1:9:05} PDT $0');
  assert.equal(editOf(complete(joinLines('- **2021-07-11 06:36 UTC:** x', `- **0${CURSOR}`))[0]!).newText, '**2021-07-11 ${1:06:36} UTC:** $0');
  assert.equal(editOf(complete(joinLines('* 10:00:05 x', `* ${CURSOR}`))[0]!).newText, '${1:10:00:05} $0');
});

test('on an empty line right after a timeline the bullet is included', () => {
  const [item] = complete(joinLines('- **00:27 UTC:** a', CURSOR));
  assert.equal(editOf(item!).newText, '- **${1:00:27} UTC:** $0');
});

test('no timestamp far from a timeline, in prose, or after plain bullets', () => {
  assert.deepEqual(complete(joinLines('- **00:27 UTC:** a', '', 'A paragraph.', '', `- ${CURSOR}`)), []);
  assert.deepEqual(complete(joinLines('- **00:27 UTC:** a', `- some text ${CURSOR}`)), []);
  assert.deepEqual(complete(joinLines('- a plain bullet', `- ${CURSOR}`)), []);
  assert.deepEqual(complete(`Some prose ${CURSOR}`), []);
});

test('bracketed, month-day, 12-hour and backquoted bullets keep their format and their bullet', () => {
  assert.equal(editOf(complete(joinLines('* [13:26] a', CURSOR))[0]!).newText, '* [${1:13:26}] $0');
  assert.equal(editOf(complete(joinLines('- [03-26 23:04] a', `- ${CURSOR}`))[0]!).newText, '[03-26 ${1:23:04}] $0');
  assert.equal(editOf(complete(joinLines('- 2:54 PM PST: a', `- ${CURSOR}`))[0]!).newText, '${1:2:54 PM} PST: $0');
  assert.equal(editOf(complete(joinLines('- **21:17 UTC**: a', `- ${CURSOR}`))[0]!).newText, '**${1:21:17} UTC**: $0');
  assert.equal(editOf(complete(joinLines('  - `10:00` a', CURSOR))[0]!).newText, '  - `${1:10:00}` $0');
});

test('an ordered list continues with the next number', () => {
  assert.equal(editOf(complete(joinLines('1. 10:00 UTC a', '2. 10:05 UTC b', CURSOR))[0]!).newText, '3. ${1:10:05} UTC $0');
});

test('under a timeline table: a new row on the empty line below, or on a row being typed', () => {
  const table = ['| Time (UTC) | Event | Owner |', '|---|---|---|', '| 14:30 | a | Joe |', '| **14:35** | b | |'];
  const [below] = complete(joinLines(...table, CURSOR));
  assert.equal(below!.label, '| **14:35** |  |  |');
  assert.equal(editOf(below!).newText, '| **${1:14:35}** | $0 |  |');
  const [typed, ...rest] = complete(joinLines(...table, `| 14${CURSOR} |`));
  assert.equal(rest.length, 0);
  const edit = editOf(typed!);
  assert.equal(edit.newText, '| **${1:14:35}** | $0 |  |');
  assert.deepEqual(edit.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
});

test('a table with a date column copies the date into the new row; the time column need not be first', () => {
  const [item] = complete(joinLines('| Date | Event | Time |', '|---|---|---|', '| 2021-01-30 | a | 23:50 |', `|${CURSOR}`));
  assert.equal(editOf(item!).newText, '| 2021-01-30 | $0 | ${1:23:50} |');
});

test('no new row inside an existing row, or under a table that is not a timeline', () => {
  assert.deepEqual(complete(joinLines('| Time | Event |', '|---|---|', `| 14${CURSOR}:30 | a |`)), []);
  assert.deepEqual(complete(joinLines('| Service | Owner |', '|---|---|', '| api | Joe |', `|${CURSOR}`)), []);
});

test('under a timestamp heading, "###" is offered the next timestamp heading first', () => {
  const items = complete(joinLines('## ⚠️ Leadup', '', '### 13:35 UTC', '', 'Alerts fire.', '', `###${CURSOR}`));
  assert.equal(items[0]!.label, '### 13:35 UTC');
  assert.equal(editOf(items[0]!).newText, '### ${1:13:35} UTC\n\n$0');
  assert.ok(items[0]!.sortText! < items[1]!.sortText!);
  assert.ok(items.length > 1, 'missing sections are still offered');
});

test('with a sub-heading between, the timestamp heading comes after the missing sections; never on "##"', () => {
  const items = complete(joinLines('## ⚠️ Leadup', '', '### 13:35', '', 'a', '', '#### Details', '', 'b', '', `### ${CURSOR}`));
  assert.equal(items[items.length - 1]!.label, '### 13:35');
  assert.ok(items[items.length - 1]!.sortText! > items[0]!.sortText!);
  assert.ok(!complete(joinLines('### 13:35', '', 'a', '', `## ${CURSOR}`)).some((i) => i.label === '### 13:35'));
  assert.ok(!complete(joinLines('### 13:35', '', 'a', '', '## Impact', '', `### ${CURSOR}`)).some((i) => String(i.label).includes('13:35')));
});

test('under timestamped lines, the next line starts with the next timestamp (no bullet)', () => {
  assert.equal(editOf(complete(joinLines('16:42 GST: a', '16:50 GST: b', `16${CURSOR}`))[0]!).newText, '${1:16:50} GST: $0');
  assert.equal(editOf(complete(joinLines('16:42 GST: a', '16:50 GST: b', '', CURSOR))[0]!).newText, '${1:16:50} GST: $0');
});
