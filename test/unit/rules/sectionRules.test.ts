import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from '../../../server/src/rules/index';
import { longestIncreasing } from '../../../server/src/rules/sectionOrder';
import { completePostmortem, modelOf } from '../util';

const findings = (text: string, code: string) => lint(modelOf(text)).filter((d) => d.code === code);

test('PM006: a second copy of a template section points at the first', () => {
  const text = completePostmortem().replace('## 🤔 Lessons learned', '## IMPACT\n\nMore impact.\n\n## 🤔 Lessons learned');
  const [finding, ...rest] = findings(text, 'PM006');
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, '"IMPACT" repeats the section "Impact" above: merge them so readers find it in one place.');
  assert.equal(finding!.relatedInformation![0]!.location.range.start.line, text.split('\n').indexOf('## 🥏 Impact'));
});

test('PM006: repeated headings that are not template sections are fine', () => {
  const text = completePostmortem().replace('- Outage', '### Why?\n\nA\n\n### Why?\n\nB\n\n- Outage');
  assert.deepEqual(findings(text, 'PM006'), []);
});

test('PM007: only the sections outside the longest in-order run are reported', () => {
  const swapped = completePostmortem().replace(/(## 🥏 Impact[\s\S]*?)(## 👁️ Detection[\s\S]*?)(?=## 🙋)/, '$2$1');
  const [finding, ...rest] = findings(swapped, 'PM007');
  assert.equal(rest.length, 0);
  // Two sections swapped: either could be the one out of place; the first of them is reported, with where it belongs.
  assert.equal(finding!.message, '"Detection" is out of template order: the template puts it after "Impact".');
  assert.equal(finding!.range.start.line, 9);
  assert.deepEqual(findings(completePostmortem(), 'PM007'), []);
});

test('PM007: a section moved to the top is the one reported', () => {
  const moved = completePostmortem().replace(/(## ⚠️ Leadup)/, '## ☑️ Follow-up tasks\n\n- [x] done\n\n$1').replace(/## ☑️ Follow-up tasks\n\n- \[x\] Lower[\s\S]*$/, '');
  const result = findings(moved, 'PM007');
  assert.deepEqual(result.map((d) => d.message), ['"Follow-up tasks" is out of template order: the template puts it after "Lessons learned".']);
});

test('longest increasing subsequence', () => {
  assert.deepEqual([...longestIncreasing([0, 1, 2])].sort(), [0, 1, 2]);
  assert.deepEqual([...longestIncreasing([8, 0, 1, 2])].sort(), [1, 2, 3]);
  assert.deepEqual([...longestIncreasing([])], []);
});

test('PM006: the second copy links to the first, labelled as such', () => {
  const text = completePostmortem().replace('## 🤔 Lessons learned', '## IMPACT\n\nMore impact.\n\n## 🤔 Lessons learned');
  const [finding] = findings(text, 'PM006');
  assert.equal(finding!.relatedInformation![0]!.message, 'The first copy');
});

test('PM007: the finding links to the section it belongs next to, saying where it goes', () => {
  const swapped = completePostmortem().replace(/(## 🥏 Impact[\s\S]*?)(## 👁️ Detection[\s\S]*?)(?=## 🙋)/, '$2$1');
  const [finding] = findings(swapped, 'PM007');
  assert.equal(finding!.relatedInformation![0]!.message, 'The template puts "Detection" after this section');
  assert.equal(finding!.relatedInformation![0]!.location.range.start.line, swapped.split('\n').indexOf('## 🥏 Impact'));
});

test('longest increasing subsequence is strictly increasing: equal values are not both kept', () => {
  assert.equal(longestIncreasing([1, 1, 1]).size, 1);
  assert.equal(longestIncreasing([0, 2, 2, 3]).size, 3);
});

test('PM007: a section written too late is told the section it belongs before', () => {
  const late = completePostmortem().replace(/(## 🥏 Impact[\s\S]*?)(## 👁️ Detection[\s\S]*?)(?=## 🔎)/, '$2$1');
  assert.deepEqual(findings(late, 'PM007').map((d) => d.message), ['"Impact" is out of template order: the template puts it before "Detection".']);
});
