import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from '../../../server/src/rules/index';
import { codesOf, completePostmortem, joinLines, modelOf } from '../util';

test('a complete postmortem has no missing sections', () => {
  assert.deepEqual(codesOf(completePostmortem()).filter((c) => c === 'PM001'), []);
});

test('each missing template section is reported once, on the title, with its prompt', () => {
  const text = completePostmortem().replace(/## 🌱 Blameless root cause[\s\S]*?(?=## 🤔)/, '');
  const diagnostics = lint(modelOf(text)).filter((d) => d.code === 'PM001');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.message, 'Missing section "Blameless root cause": Note the final root cause and describe what needs to change to prevent recurrence');
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: '# 2021-07-11: Cascading node failures'.length } });
  assert.deepEqual(diagnostics[0]!.data, { section: 6 });
});

test('sections count whatever their emoji, case, level or alias', () => {
  const text = completePostmortem().replace('## 🌱 Blameless root cause', '### ROOT CAUSES').replace("## 🔎 Five Why's", '## Five Why’s');
  assert.deepEqual(codesOf(text).filter((c) => c === 'PM001'), []);
});

test('without a title the findings sit at the start of the document', () => {
  const diagnostics = lint(modelOf(joinLines('## Impact', '', 'x'))).filter((d) => d.code === 'PM001');
  assert.equal(diagnostics.length, 8);
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});
