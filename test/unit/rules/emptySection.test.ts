import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePostmortem } from '../../../server/src/model/parse';
import { lint } from '../../../server/src/rules/index';
import { NO_TEMPLATE } from '../../../server/src/templates/index';
import { codesOf, completePostmortem, fixture, joinLines, modelOf } from '../util';

test('seed: the empty "Blameless root cause" is the one finding', () => {
  const diagnostics = lint(modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md')));
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
    [['PM002', 66, 'Section "Blameless root cause" is empty: Note the final root cause and describe what needs to change to prevent reoccurrance']],
  );
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 66, character: 0 }, end: { line: 66, character: '## 🌱 Blameless root cause'.length } });
});

test('a section with only its prompt and comments is empty; one line of content is not', () => {
  const empty = completePostmortem().replace('All services were down.', '*Describe how internal and external users were impacted during the incident*\n\n<!-- fill in -->');
  assert.deepEqual(codesOf(empty), ['PM002']);
  assert.deepEqual(codesOf(completePostmortem()), []);
});

test('a section whose content is a sub-section is not empty', () => {
  const text = completePostmortem().replace('All services were down.', '### Users\n\nThey could not log in.');
  assert.deepEqual(codesOf(text), []);
});

test('an empty heading that is neither a template section nor prompted is left alone', () => {
  const text = completePostmortem().replace('## 🥏 Impact', '## Appendix\n\n## 🥏 Impact');
  assert.deepEqual(codesOf(text), []);
});

test('an empty template section at the end of the file', () => {
  assert.deepEqual(codesOf(joinLines('Status: in review', '', '## Impact', '', '*Describe it*', '')).filter((c) => c === 'PM002'), ['PM002']);
});

test('a draft hears of its unwritten sections once, quietly, in PM001, and not per section', () => {
  const prompts = ['## 🥏 Impact', '', '*Describe it*', '', '## 👁️ Detection', '', '*Say how*', '', '## 🙋🏿‍♂️ Response', '', '*Who responded?*', ''];
  const draft = lint(modelOf(joinLines('# Outage', '', ...prompts)));
  assert.deepEqual(draft.map((d) => [d.code, d.severity]), [['PM001', 3]]);
  assert.match(draft[0]!.message, /^9 sections still to write: Leadup, Impact, Detection, Response, Recovery, Five Why's, Blameless root cause, Lessons learned, Follow-up tasks\.$/);
  // The same document once its status says it is under review gets the full severities.
  const review = lint(modelOf(joinLines('# Outage', 'Status: review', ...prompts)));
  assert.deepEqual(review.filter((d) => d.code === 'PM002').length, 3);
  assert.deepEqual(review.filter((d) => d.code === 'PM001').length, 6);
  // One prompt left among written sections is a section to finish, not a draft.
  const oneLeft = lint(modelOf(joinLines('# Outage', '', '## 🥏 Impact', '', '*Describe it*', '')));
  assert.ok(oneLeft.some((d) => d.code === 'PM002'), oneLeft.map((d) => d.message).join('\n'));
});

test('an empty template section is told whatever it holds; an ad-hoc one when any of the kinds its heading names is an incident review\'s', () => {
  const noTasks = completePostmortem().replace(/- \[x\] Lower the connection limit\n- \[ \] Add an alert on connection counts \(@joe, OPS-12\)\n/, '');
  assert.deepEqual(lint(modelOf(noTasks)).filter((d) => d.code === 'PM002').map((d) => d.message.split(':')[0]), ['Section "Follow-up tasks" is empty']);
  const adHoc = (heading: string) => {
    const text = joinLines('# 2024-03-05: Outage', '', '## What happened', '', 'The API was down.', '', `## ${heading}`, '', '## Next', '', 'More.', '');
    return lint(parsePostmortem(TextDocument.create('file:///r/pm.md', 'markdown', 1, text), NO_TEMPLATE)).filter((d) => d.code === 'PM002').map((d) => d.message);
  };
  assert.deepEqual(adHoc('Appendix and impact'), ['Section "Appendix and impact" is empty.']);
  assert.deepEqual(adHoc('Appendix'), []);
});
