import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, modelOf } from '../util';

test('front matter that is not YAML is an error pointing into it', () => {
  const diagnostics = lint(modelOf(`---\ntitle: "unclosed\n---\n${completePostmortem()}`)).filter((d) => d.code === 'PM005');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /^Front matter is not valid YAML and is ignored: /);
  assert.ok(diagnostics[0]!.range.start.line <= 2);
});

test('front matter that is a list, not a mapping', () => {
  const diagnostics = lint(modelOf(`---\n- a\n- b\n---\n${completePostmortem()}`)).filter((d) => d.code === 'PM005');
  assert.match(diagnostics[0]!.message, /should be a mapping/);
});

test('valid and empty front matter are fine', () => {
  assert.deepEqual(lint(modelOf(`---\ntitle: x\ndate: 2021-07-11\n---\n${completePostmortem()}`)), []);
  assert.deepEqual(lint(modelOf(`---\n---\n${completePostmortem()}`)), []);
});
