// Inline suppressions written as reStructuredText comments (`.. postmortem-disable-next-line PM002`): the same
// directives and semantics as the HTML comments of Markdown (suppressions.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSuppressions } from '../../server/src/model/suppressions';
import { lint, ruleByReference } from '../../server/src/rules/index';
import { rstModel } from './rstUtil';
import { joinLines } from './util';

/** `code@line` of the missing-section, empty-section and suppression diagnostics of an RST document, by code and line. */
function found(...lines: string[]): string[] {
  return lint(rstModel(joinLines(...lines)))
    .filter((d) => ['PM001', 'PM002', 'suppression'].includes(String(d.code)))
    .sort((a, b) => String(a.code).localeCompare(String(b.code)) || a.range.start.line - b.range.start.line)
    .map((d) => `${d.code}@${d.range.start.line}`);
}

const missingAll = (line: number) => Array.from({ length: 6 }, () => `PM001@${line}`);
const title = ['Outage', '======', ''];
// Impact, Detection and Recovery titles (empty sections) three lines apart; the other six template sections are missing.
const sections = ['Impact', '------', '', 'Detection', '---------', '', 'Recovery', '--------', ''];

test('RST without suppressions: six missing sections on the title, three empty sections', () => {
  assert.deepEqual(found(...title, ...sections), [...missingAll(0), 'PM002@3', 'PM002@6', 'PM002@9']);
});

test('RST disable-next-line: the next line with content, by id or name, one rule or several or all', () => {
  assert.deepEqual(found(...title, '.. postmortem-disable-next-line PM002', ...sections), [...missingAll(0), 'PM002@7', 'PM002@10']);
  assert.deepEqual(found(...title, '.. postmortem-disable-next-line empty-section', '', '', ...sections), [...missingAll(0), 'PM002@9', 'PM002@12'], 'blank lines skipped');
  assert.deepEqual(
    found(...title, '.. postmortem-disable-next-line PM002', '.. a note for reviewers,', '   on two lines', '', ...sections),
    [...missingAll(0), 'PM002@10', 'PM002@13'],
    'comment blocks skipped, their indented lines included',
  );
  assert.deepEqual(found('.. postmortem-disable-next-line PM001, PM002', ...title, ...sections), ['PM002@4', 'PM002@7', 'PM002@10'], 'the title line');
  assert.deepEqual(found('.. postmortem-disable-next-line', '', ...title, ...sections), ['PM002@5', 'PM002@8', 'PM002@11'], 'no ids: every rule');
  assert.deepEqual(found(...title, '.. postmortem-disable-next-line PM001', ...sections), [...missingAll(0), 'PM002@4', 'PM002@7', 'PM002@10'], 'another rule is untouched');
  assert.deepEqual(found(...title, '.. postmortem-disable-next-line', '   PM003 PM002', '', ...sections), [...missingAll(0), 'PM002@9', 'PM002@12'], 'rules on its indented lines');
});

test('RST disable-line: the line the comment is on, which in RST holds only the comment', () => {
  assert.deepEqual(found(...title, '.. postmortem-disable-line PM002', ...sections), [...missingAll(0), 'PM002@4', 'PM002@7', 'PM002@10']);
  const model = rstModel(joinLines(...title, '.. postmortem-disable-line PM002', ...sections));
  const suppressions = readSuppressions(model.document, model.htmlSpans, (reference) => ruleByReference(reference)?.id);
  assert.ok(suppressions.suppresses('PM002', 3) && !suppressions.suppresses('PM002', 4));
});

test('RST disable … enable: a region, per rule, reopened by enable; an unclosed region runs to the end', () => {
  const region = found(...title, '.. postmortem-disable PM002', '', ...sections.slice(0, 6), '.. postmortem-enable PM002', '', ...sections.slice(6));
  assert.deepEqual(region, [...missingAll(0), 'PM002@13']);
  assert.deepEqual(found(...title, '.. postmortem-disable', '', ...sections), missingAll(0), 'all rules, from the comment down');
  const reopened = found('.. postmortem-disable', '', ...title, ...sections.slice(0, 3), '.. postmortem-enable empty-section', '', ...sections.slice(3));
  assert.deepEqual(reopened, ['PM002@10', 'PM002@13'], 'enable one rule inside an all-rules region');
});

test('RST disable-file: the whole file, wherever the comment is', () => {
  assert.deepEqual(found(...title, ...sections, '.. postmortem-disable-file PM001'), ['PM002@3', 'PM002@6', 'PM002@9']);
  assert.deepEqual(found(...title, ...sections, '.. postmortem-disable-file missing-section empty-section'), []);
  assert.deepEqual(found(...title, '.. note::', '', '   .. postmortem-disable-file PM001', '', ...sections), ['PM002@7', 'PM002@10', 'PM002@13'], 'inside an admonition');
});

test('RST: an unknown rule gets a hint on the whole comment and suppresses nothing', () => {
  const text = joinLines(...title, '.. postmortem-disable-next-line PM999', ...sections);
  assert.deepEqual(found(text), [...missingAll(0), 'PM002@4', 'PM002@7', 'PM002@10', 'suppression@3']);
  const hint = lint(rstModel(text)).find((d) => d.code === 'suppression')!;
  assert.equal(hint.message, 'postmortem-disable-next-line: no rule is called "PM999", so it suppresses nothing. Use a rule id (PM002) or name (empty-section).');
  assert.deepEqual(hint.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 37 } });
});

test('RST: literal blocks, inline literals, directives and look-alikes are not suppressions', () => {
  // Every diagnostic, the Impact title on line `impact`.
  const untouched = (impact: number) => [...missingAll(0), `PM002@${impact}`, `PM002@${impact + 3}`, `PM002@${impact + 6}`];
  assert.deepEqual(found(...title, '::', '', '   .. postmortem-disable-file', '', ...sections), untouched(7), 'in a literal block');
  assert.deepEqual(found(...title, '.. code:: rst', '', '   .. postmortem-disable-file', '', ...sections), untouched(7), 'in a code directive');
  assert.deepEqual(found(...title, 'Write ``.. postmortem-disable-file`` to silence a file.', '', ...sections), untouched(5), 'in an inline literal');
  assert.deepEqual(found(...title, '.. postmortem-disable-file:: PM001', '', ...sections), untouched(5), 'a directive of that name');
  assert.deepEqual(found(...title, '.. postmortem-disabled PM001', '', ...sections), untouched(5), 'another word');
});

test('RST: the HTML comment form is still read from a raw HTML directive', () => {
  assert.deepEqual(found(...title, '.. raw:: html', '', '   <!-- postmortem-disable-file PM001 -->', '', ...sections), ['PM002@7', 'PM002@10', 'PM002@13']);
});

test('readSuppressions lists each RST comment with its whole block as its range', () => {
  const model = rstModel(joinLines('.. postmortem-disable-file PM005', '', '.. postmortem-disable-next-line', '   PM003', '', 'Content'));
  const suppressions = readSuppressions(model.document, model.htmlSpans, (reference) => ruleByReference(reference)?.id);
  assert.deepEqual(
    suppressions.comments.map((c) => [c.kind, c.rules, c.line, c.range]),
    [
      ['disable-file', ['PM005'], 0, { start: { line: 0, character: 0 }, end: { line: 0, character: 32 } }],
      ['disable-next-line', ['PM003'], 5, { start: { line: 2, character: 0 }, end: { line: 3, character: 8 } }],
    ],
  );
});
