import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, fixAllEdits } from '../../../server/src/features/codeActions';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, joinLines, modelOf } from '../util';

const findings = (leadup: string[]) => lint(modelOf(completePostmortem({ leadup }))).filter((d) => d.code === 'PM004');
const findingsIn = (text: string, uri?: string) => lint(modelOf(text, uri)).filter((d) => d.code === 'PM004');

test('25:61 is an impossible time, reported on the timestamp as an error', () => {
  const [finding, ...rest] = findings(['- **25:61 UTC:** node reboots']);
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, 'Impossible time "25:61 UTC": hour 25 is past 23.');
  assert.equal(finding!.severity, 1);
  assert.deepEqual(finding!.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 13 } });
});

test('minutes, 24:00, seconds, 12-hour clocks, range ends and impossible dates', () => {
  assert.deepEqual(
    findings(['- 12:60 a', '- 24:00 b', '- 10:00:61 c', '- 2021-02-30 10:00 d', '- 2023-02-29 10:00 e', '- 13:05 PM PST f', '- 8:20 - 8:64 g']).map((d) => d.message),
    [
      'Impossible time "12:60": minute 60 is past 59.',
      'Impossible time "24:00": 24:00 is not a time of day; write 00:00 of the next day.',
      'Impossible time "10:00:61": second 61 is past 59.',
      'Impossible time "2021-02-30 10:00": 2021-02 has 28 days, not 30.',
      'Impossible time "2023-02-29 10:00": 2023-02 has 28 days, not 29.',
      'Impossible time "13:05 PM PST": hour 13 does not exist on a 12-hour clock (PM).',
      'Impossible time "8:20 - 8:64": minute 64 is past 59.',
    ],
  );
});

test('real edge times and a leap day pass; a range may end at 24:00, the end of the day', () => {
  assert.deepEqual(findings(['- 00:00 a', '- 23:59:59 b', '- 2024-02-29 10:00 c', '- 2024-02-29 23:59:60 d', '- 12:00 AM e', '- 11:59:60 PM f', '- 18:00-24:00 g']), []);
  assert.deepEqual(findings(['- 18:00-24:30 h']).map((d) => d.message), ['Impossible time "18:00-24:30": hour 24 is past 23.']);
});

test('impossible dates in every timeline format: tables, headings, bracketed month-day', () => {
  assert.deepEqual(findingsIn(joinLines('| Time | Event |', '|---|---|', '| 2021-02-30 14:30 | a |')).map((d) => d.range.start.line), [2]);
  assert.deepEqual(findingsIn(joinLines('### Feb 30 2021 13:06', '', 'a')).map((d) => d.message), ['Impossible time "Feb 30 2021 13:06": 2021-02 has 28 days, not 30.']);
  assert.deepEqual(findingsIn('- [04-31 10:00] a').map((d) => d.message), ['Impossible time "04-31 10:00": April has 30 days, not 31.']);
});

test('dates without a year are checked against the incident year', () => {
  assert.deepEqual(findingsIn('- [02-29 10:00] a'), []);
  assert.equal(findingsIn('- [02-29 10:00] a', 'file:///p/2023-02-28-outage.md').length, 1);
  assert.deepEqual(findingsIn('- [02-29 10:00] a', 'file:///p/2024-02-28-outage.md'), []);
});

test('impossible dates in date headings, bold date lines and date columns are reported once, where they are written', () => {
  const text = joinLines(
    '### 2021-02-30',
    '',
    '- 10:00 a',
    '- 11:00 b',
    '',
    '**Saturday 31 April**',
    '',
    '- 12:00 c',
    '',
    '| Date | Time | Event |',
    '|---|---|---|',
    '| 2021-13-01 | 10:00 | d |',
  );
  assert.deepEqual(findingsIn(text).map((d) => [d.range.start.line, d.range.start.character, d.message]), [
    [0, 4, 'Impossible date "2021-02-30": 2021-02 has 28 days, not 30.'],
    [5, 2, 'Impossible date "Saturday 31 April": April has 30 days, not 31.'],
    [11, 2, 'Impossible date "2021-13-01": month 13 does not exist.'],
  ]);
});

test('a time with a dot is malformed, with a safe fix to a colon', () => {
  const model = modelOf(joinLines('- **14:40 UTC:** a', '- **14.43 UTC:** b', '- 14.50 UTC c'));
  const found = lint(model).filter((d) => d.code === 'PM004');
  assert.deepEqual(found.map((d) => [d.message, d.range]), [
    ['Malformed time "14.43": write 14:43, with a colon.', { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }],
    ['Malformed time "14.50": write 14:50, with a colon.', { start: { line: 2, character: 2 }, end: { line: 2, character: 7 } }],
  ]);
  const [action] = codeActions(model, [found[0]!]);
  assert.equal(action!.title, 'Write 14:43');
  assert.equal(action!.isPreferred, true);
  const fixed = TextDocument.applyEdits(model.document, fixAllEdits(model, found));
  assert.equal(fixed, joinLines('- **14:40 UTC:** a', '- **14:43 UTC:** b', '- 14:50 UTC c'));
  assert.deepEqual(findingsIn(fixed), []);
});

test('version numbers in plain bullets are not malformed times', () => {
  assert.deepEqual(findingsIn(joinLines('- 1.20 shipped the fix', '- 2.10 reverted it')), []);
});

test('an impossible incident date in the title, front matter, Date line or file name is reported where it is written, and is not the incident date', () => {
  const titled = lint(modelOf(joinLines('# 2021-02-30: Database outage', '', 'Down.'))).filter((d) => d.code === 'PM004' || d.code === 'PM013');
  assert.deepEqual(titled.map((d) => [d.code, d.range.start.line, d.message]), [['PM004', 0, 'Impossible date "2021-02-30" in the title: 2021-02 has 28 days, not 30.']]);
  const frontMatter = lint(modelOf(joinLines('---', 'date: 2023-02-29', '---', '# Outage'))).filter((d) => d.code === 'PM004');
  assert.deepEqual(frontMatter.map((d) => [d.range.start.line, d.message]), [[1, 'Impossible date "2023-02-29" in the front matter: 2023-02 has 28 days, not 29.']]);
  const fileName = lint(modelOf('# Outage\n', 'file:///w/postmortems/2021-13-01-outage.md')).filter((d) => d.code === 'PM004');
  assert.deepEqual(fileName.map((d) => [d.range.start.line, d.message]), [[0, 'Impossible date "2021-13-01" in the file name: month 13 does not exist.']]);
  const model = modelOf(joinLines('# 2021-02-30: Outage', '', '**Date:** 2021-03-01'));
  assert.deepEqual(model.incidentDate, { year: 2021, month: 3, day: 1, source: 'metadata' }, 'the first date that exists');
});

test('impossible zone offsets are reported; a dotted time past the minutes of an hour gets no fix to an impossible one', () => {
  assert.deepEqual(findings(['- 10:00 UTC+99 a', '- 10:05 GMT-24:00 b', '- 10:10 +02:75 c', '- 10:15 UTC+14 d', '- 10:20 UTC-12:00 e']).map((d) => d.message), [
    'Impossible time zone "UTC+99" in "10:00 UTC+99": zone offsets run from UTC-12:00 to UTC+14:00.',
    'Impossible time zone "GMT-24:00" in "10:05 GMT-24:00": zone offsets run from UTC-12:00 to UTC+14:00.',
    'Impossible time zone "+02:75" in "10:10 +02:75": minute 75 is past 59.',
  ]);
  const dotted = findings(['- 10.75 UTC a']);
  assert.deepEqual(dotted.map((d) => d.message), ['Impossible time "10.75 UTC": minute 75 is past 59.']);
});

test('an impossible date in the file name is reported on the whole title, where a reader looks', () => {
  const [finding] = lint(modelOf('# Outage\n', 'file:///w/postmortems/2021-13-01-outage.md')).filter((d) => d.code === 'PM004');
  assert.deepEqual(finding!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: '# Outage'.length } });
});

test('an impossible time has no quick fix: which time was meant is for the author to say', () => {
  const model = modelOf(completePostmortem({ leadup: ['- **25:61 UTC:** node reboots', '- **00:32 UTC:** PostgreSQL saturated'] }));
  const found = lint(model).filter((d) => d.code === 'PM004');
  assert.equal(found.length, 1);
  assert.deepEqual(codeActions(model, found), []);
});
