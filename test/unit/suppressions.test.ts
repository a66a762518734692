import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSuppressions } from '../../server/src/model/suppressions';
import { lint, ruleByReference } from '../../server/src/rules/index';
import { joinLines, modelOf } from './util';

/** `code@line` of the missing-section, empty-section and suppression diagnostics: rules whose lines are easy to predict. */
function found(...lines: string[]): string[] {
  return lint(modelOf(joinLines(...lines)))
    .filter((d) => ['PM001', 'PM002', 'suppression'].includes(String(d.code)))
    .map((d) => `${d.code}@${d.range.start.line}`)
    .sort();
}

const missingAll = (line: number) => Array.from({ length: 6 }, () => `PM001@${line}`);
// Impact, Detection and Recovery headings (empty) two lines apart; the other six template sections are missing.
const sections = ['## 🥏 Impact', '', '## 👁️ Detection', '', '## 🙆🏽‍♀️ Recovery', ''];

test('without suppressions: six missing sections on the title, three empty sections', () => {
  assert.deepEqual(found('# Outage', '', ...sections), [...missingAll(0), 'PM002@2', 'PM002@4', 'PM002@6']);
});

test('disable-next-line: the next line with content, by id or name, one rule or several or all', () => {
  assert.deepEqual(found('# Outage', '<!-- postmortem-disable-next-line PM002 -->', ...sections), [...missingAll(0), 'PM002@4', 'PM002@6']);
  assert.deepEqual(found('# Outage', '', '<!-- postmortem-disable-next-line empty-section -->', '', '', ...sections), [...missingAll(0), 'PM002@7', 'PM002@9'], 'blank lines skipped');
  assert.deepEqual(
    found('# Outage', '', '<!-- postmortem-disable-next-line PM002 -->', '<!-- a note for reviewers -->', ...sections),
    [...missingAll(0), 'PM002@6', 'PM002@8'],
    'comment-only lines skipped',
  );
  assert.deepEqual(found('<!-- postmortem-disable-next-line PM001, PM002 -->', '# Outage', '', ...sections), ['PM002@3', 'PM002@5', 'PM002@7'], 'the title line');
  assert.deepEqual(found('<!-- postmortem-disable-next-line -->', '# Outage', '', ...sections), ['PM002@3', 'PM002@5', 'PM002@7'], 'no ids: every rule');
  assert.deepEqual(found('# Outage', '<!-- postmortem-disable-next-line PM001 -->', ...sections), [...missingAll(0), 'PM002@2', 'PM002@4', 'PM002@6'], 'another rule is untouched');
});

test('disable-line: at the end of the line it is on', () => {
  assert.deepEqual(found('# Outage <!-- postmortem-disable-line PM001 -->', '', ...sections), ['PM002@2', 'PM002@4', 'PM002@6']);
  assert.deepEqual(found('# Outage', '', '## 🥏 Impact <!-- postmortem-disable-line pm002 -->', '', ...sections.slice(2)), [...missingAll(0), 'PM002@4', 'PM002@6']);
});

test('disable … enable: a region, per rule, reopened by enable; an unclosed region runs to the end', () => {
  const region = found('# Outage', '', '<!-- postmortem-disable PM002 -->', ...sections.slice(0, 4), '<!-- postmortem-enable PM002 -->', ...sections.slice(4));
  assert.deepEqual(region, [...missingAll(0), 'PM002@8']);
  assert.deepEqual(found('# Outage', '', '<!-- postmortem-disable -->', ...sections), missingAll(0), 'all rules, from the comment down');
  const reopened = found('<!-- postmortem-disable -->', '# Outage', '', ...sections.slice(0, 2), '<!-- postmortem-enable empty-section -->', ...sections.slice(2));
  assert.deepEqual(reopened, ['PM002@6', 'PM002@8'], 'enable one rule inside an all-rules region');
});

test('disable-file: the whole file, wherever the comment is', () => {
  assert.deepEqual(found('# Outage', '', ...sections, '<!-- postmortem-disable-file PM001 -->'), ['PM002@2', 'PM002@4', 'PM002@6']);
  assert.deepEqual(found('# Outage', '', ...sections, '<!-- postmortem-disable-file missing-section empty-section -->'), []);
});

test('an unknown rule: a hint on the comment, and it suppresses nothing (not every rule)', () => {
  const text = joinLines('# Outage', '<!-- postmortem-disable-next-line PM999 -->', ...sections);
  assert.deepEqual(found(text), [...missingAll(0), 'PM002@2', 'PM002@4', 'PM002@6', 'suppression@1']);
  const hint = lint(modelOf(text)).find((d) => d.code === 'suppression')!;
  assert.equal(hint.severity, 4);
  assert.equal(hint.message, 'postmortem-disable-next-line: no rule is called "PM999", so it suppresses nothing. Use a rule id (PM002) or name (empty-section).');
  assert.deepEqual(hint.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 43 } });
  assert.deepEqual(found('# Outage', '<!-- postmortem-disable-next-line PM999 PM002 -->', ...sections), [...missingAll(0), 'PM002@4', 'PM002@6', 'suppression@1'], 'the known one still works');
});

test('comments in code, and look-alikes, are not suppressions', () => {
  assert.deepEqual(found('# Outage', '', '```', '<!-- postmortem-disable-file -->', '```', ...sections), [...missingAll(0), 'PM002@5', 'PM002@7', 'PM002@9']);
  assert.deepEqual(found('# Outage', '', 'Write `<!-- postmortem-disable-file -->` to silence a file.', '', ...sections), [...missingAll(0), 'PM002@4', 'PM002@6', 'PM002@8']);
  assert.deepEqual(found('# Outage', '', '<!-- postmortem-disabled PM001 -->', '<!-- postmortem: optional -->', ...sections), [...missingAll(0), 'PM002@4', 'PM002@6', 'PM002@8']);
});

test('readSuppressions lists each comment with where its effect starts', () => {
  const model = modelOf(joinLines(
    '<!-- postmortem-disable-file PM005 -->',
    'Text <!-- postmortem-disable-line PM003 --> and <!-- postmortem-enable -->',
    '<!-- postmortem-disable-next-line -->',
    '',
    'Content',
  ));
  const suppressions = readSuppressions(model.document, model.htmlSpans, (reference) => ruleByReference(reference)?.id);
  assert.deepEqual(
    suppressions.comments.map((c) => [c.kind, c.rules, c.line, c.range.start.character]),
    [['disable-file', ['PM005'], 0, 0], ['disable-line', ['PM003'], 1, 5], ['enable', 'all', 1, 48], ['disable-next-line', 'all', 4, 0]],
  );
  assert.ok(suppressions.suppresses('PM003', 1) && !suppressions.suppresses('PM003', 2) && suppressions.suppresses('PM001', 4));
  const plain = modelOf('# nothing <!-- postmortem- is not a comment kind -->');
  assert.equal(readSuppressions(plain.document, plain.htmlSpans, () => undefined).comments.length, 0);
});
