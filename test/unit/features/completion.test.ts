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
