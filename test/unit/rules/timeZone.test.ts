import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/features/codeActions';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, joinLines, modelOf } from '../util';

const zoneFindings = (text: string) => lint(modelOf(text)).filter((d) => d.code === 'PM009');

/** Applies the one fix offered for `finding` and returns the text and the PM009 findings left. */
function fixed(text: string, pick: (findings: Diagnostic[]) => Diagnostic = (f) => f[0]!): { text: string; title: string; left: Diagnostic[] } {
  const model = modelOf(text);
  const finding = pick(lint(model).filter((d) => d.code === 'PM009'));
  const [action, ...rest] = codeActions(model, [finding]);
  assert.equal(rest.length, 0);
  assert.equal(action!.isPreferred, false, 'a guessed zone is never applied by fix all');
  const after = TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!);
  return { text: after, title: action!.title, left: zoneFindings(after) };
}

test('a timeline without any zone: one warning on its first entry', () => {
  const findings = lint(modelOf(completePostmortem({ leadup: ['- **00:27:** a', '- **00:32:** b'] }))).filter((d) => d.code === 'PM009');
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 2);
  assert.deepEqual(findings[0]!.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 9 } });
  assert.match(findings[0]!.message, /^The timeline gives no time zone/);
});

test('zones on entries, in a table header, declared in prose or front matter all count', () => {
  assert.deepEqual(zoneFindings(joinLines('- **00:27 UTC:** a', '- **00:32:** b')), []);
  assert.deepEqual(zoneFindings(joinLines('| Time (UTC) | Event |', '|---|---|', '| 14:30 | a |')), []);
  assert.deepEqual(zoneFindings(joinLines('All times are in PDT (UTC-7).', '', '- 10:00 a', '- 10:05 b')), []);
  assert.deepEqual(zoneFindings(joinLines('---', 'timezone: CET', '---', '', '- 10:00 a')), []);
});

test('no zone in any timeline: one warning for the file; a timeline without one beside zoned ones: one for it', () => {
  const perDay = zoneFindings(joinLines('### March 1', '', '- 10:00 a', '- 10:05 b', '', '### March 2', '', '- 09:00 c', '', '### March 3', '', '- 11:00 d'));
  assert.deepEqual(perDay.map((d) => [d.range.start.line, d.message.split(':')[0]]), [[2, 'No timeline gives a time zone']]);
  const oneWithout = zoneFindings(joinLines('- 10:00 UTC a', '- 10:05 UTC b', '', 'Later:', '', '- 11:00 c', '- 11:05 d'));
  assert.deepEqual(oneWithout.map((d) => d.range.start.line), [5]);
});

test('zones written out: a time zone database name or a US zone in words, in a declaration or after a time', () => {
  assert.deepEqual(zoneFindings(joinLines('*(All times US/Pacific, 24-hour clock.)*', '', '- 10:00 a', '- 10:05 b')), []);
  assert.deepEqual(zoneFindings(joinLines('All times are America/New_York.', '', '- 10:00 a')), []);
  assert.deepEqual(zoneFindings(joinLines('All times are approximated to UTC.', '', '- 10:00 a')), []);
  assert.deepEqual(zoneFindings(joinLines('Times are in Eastern Time.', '', '- 10:00 a')), []);
  assert.deepEqual(zoneFindings(joinLines('- 2024-06-28 7:09 AM Eastern: a', '- 2024-06-28 7:26 AM ET: b')), [], 'Eastern is ET');
  assert.equal(zoneFindings(joinLines('All times are Mars/Olympus.', '', '- 10:00 a')).length, 1, 'not a zone Intl knows');
});

test('bullets under a zoned timestamp heading are in its zone, up to the next H2', () => {
  assert.deepEqual(zoneFindings(joinLines('## Timeline', '', '### 22:04-23:00 UTC: Split found', '', '- 22:04: reports', '- 22:07: more', '', '### 23:10 UTC: Fix', '', '- 23:12: deployed')), []);
  const after = zoneFindings(joinLines('## Timeline', '', '### 22:04 UTC: Split found', '', '- 22:05: reports', '', '## Appendix', '', '- 09:00: other'));
  assert.deepEqual(after.map((d) => d.range.start.line), [8]);
});

test('mixed zones: each entry off the dominant zone is reported', () => {
  const findings = zoneFindings(joinLines('- **00:27 UTC:** a', '- **17:32 PDT:** b', '- **00:55 UTC:** c', '- **18:01 PDT:** d', '- **01:13 UTC:** e'));
  assert.deepEqual(findings.map((d) => [d.range.start.line, d.message]), [
    [1, '17:32 PDT is in PDT, the rest of the timeline in UTC: give every time in one zone.'],
    [3, '18:01 PDT is in PDT, the rest of the timeline in UTC: give every time in one zone.'],
  ]);
});

test('the same offset is the same zone; a declared zone counts for its entries', () => {
  assert.deepEqual(zoneFindings(joinLines('- 00:27 UTC a', '- 00:32 GMT b', '- 00:40Z c')), []);
  assert.deepEqual(zoneFindings(joinLines('- 10:00 PDT a', '- 17:05 UTC-7 b')), []);
  const declared = zoneFindings(joinLines('All times are PDT.', '', '- 10:00 a', '- 10:05 b', '- 17:10 UTC c'));
  assert.deepEqual(declared.map((d) => d.range.start.line), [4]);
  const header = zoneFindings(joinLines('| Time (UTC) | Event |', '|---|---|', '| 14:30 | a |', '| 07:35 PDT | b |', '| 14:40 | c |'));
  assert.deepEqual(header.map((d) => d.range.start.line), [3]);
});

test('fix for a missing zone: add UTC, in the format most timestamps use', () => {
  const result = fixed(joinLines('- **00:20 UTC:** earlier list', '', 'Later:', '', '- **00:27:** a', '- 00:32 b', '- **00:40:** c'), (f) => f[0]!);
  assert.equal(result.title, 'Add UTC to the 3 timestamps');
  assert.equal(result.text, joinLines('- **00:20 UTC:** earlier list', '', 'Later:', '', '- **00:27 UTC:** a', '- **00:32 UTC:** b', '- **00:40 UTC:** c'));
  assert.deepEqual(result.left, []);
});

test('fix for a missing zone suggests the zone the document uses elsewhere', () => {
  const result = fixed(joinLines('- 10:00 PDT a', '', 'Para', '', '- 11:00 b'));
  assert.equal(result.title, 'Add PDT to the timestamp');
  assert.equal(result.text, joinLines('- 10:00 PDT a', '', 'Para', '', '- 11:00 PDT b'));
  assert.deepEqual(result.left, []);
});

test('fix for a table puts the zone in the header; headings, lines, brackets and ranges keep their shape', () => {
  assert.equal(fixed(joinLines('| Time | Event |', '|---|---|', '| 14:30 | a |')).text, joinLines('| Time (UTC) | Event |', '|---|---|', '| 14:30 | a |'));
  assert.equal(fixed(joinLines('### 8:20 - 8:24', '', 'a')).text, joinLines('### 8:20 - 8:24 UTC', '', 'a'));
  assert.equal(fixed(joinLines('16:42: a', '16:50: b')).text, joinLines('16:42 UTC: a', '16:50 UTC: b'));
  assert.equal(fixed(joinLines('* [13:26] a', '* [03-26 23:04] b')).text, joinLines('* [13:26 UTC] a', '* [03-26 23:04 UTC] b'));
  assert.equal(fixed('- 2:54 PM: a').text, '- 2:54 PM UTC: a');
});

test('fix for a mixed zone converts the time when both offsets are known', () => {
  const result = fixed(joinLines('- **00:27 UTC:** a', '- 17:32 PDT b', '- **00:55 UTC:** c'));
  assert.equal(result.title, 'Convert to UTC (00:32 UTC)');
  assert.equal(result.text, joinLines('- **00:27 UTC:** a', '- **00:32 UTC:** b', '- **00:55 UTC:** c'));
  assert.deepEqual(result.left, []);
  const dated = fixed(joinLines('- **2021-07-11 00:27 UTC:** a', '- **2021-07-10 17:32 PDT:** b', '- **2021-07-11 00:55 UTC:** c'));
  assert.equal(dated.text, joinLines('- **2021-07-11 00:27 UTC:** a', '- **2021-07-11 00:32 UTC:** b', '- **2021-07-11 00:55 UTC:** c'));
  const twelve = fixed(joinLines('- 9:00 PM UTC: a', '- 2:10 PM PDT: b', '- 9:20 PM UTC: c'));
  assert.equal(twelve.text, joinLines('- 9:00 PM UTC: a', '- 9:10 PM UTC: b', '- 9:20 PM UTC: c'));
});

test('no conversion for zones without a fixed offset', () => {
  const model = modelOf(joinLines('- 10:00 UTC a', '- 04:05 CST b', '- 10:10 UTC c'));
  const finding = lint(model).find((d) => d.code === 'PM009');
  assert.ok(finding);
  assert.deepEqual(codeActions(model, [finding]), []);
});

test('a zone declared for the repository (setting or .postmortem.yaml) counts for timelines without one', () => {
  const model = modelOf(completePostmortem({ leadup: ['- 00:27 Django starts', '- 00:32 PostgreSQL saturated'] }));
  assert.equal(lint(model).filter((d) => d.code === 'PM009').length, 1);
  assert.deepEqual(lint(model, { zone: 'UTC' }).filter((d) => d.code === 'PM009'), []);
});

test('summer time on a winter date, or the reverse, is told once per timeline, with a fix for every timestamp that has it', () => {
  const january = joinLines('# 2024-01-15: Outage', '', '## Timeline', '', '- **10:00 PDT:** a', '- **10:05 PDT:** b');
  const findings = zoneFindings(january);
  assert.deepEqual(findings.map((d) => [d.range.start.line, d.message]), [
    [4, 'PDT was not in effect on 2024-01-15: US Pacific time was on PST (UTC-08:00). Write PST, or check the time.'],
  ]);
  const { text, title, left } = fixed(january);
  assert.equal(title, 'Write PST instead of PDT');
  assert.equal(text, january.replace(/PDT/g, 'PST'));
  assert.deepEqual(left, []);
  assert.match(zoneFindings(joinLines('- **2023-12-01 09:00 (BST):** a'))[0]!.message, /^BST was not in effect on 2023-12-01: the UK was on GMT \(UTC\+00:00\)/);
  assert.match(zoneFindings(joinLines('- **2024-08-10 09:00 CET:** a'))[0]!.message, /Central Europe was on CEST \(UTC\+02:00\)/);
  assert.match(zoneFindings(joinLines('- **2024-07-01 09:00 AEDT:** a'))[0]!.message, /Eastern Australia was on AEST \(UTC\+10:00\)/, 'the southern summer is in January');
});

test('zones right for their season, zones used all year somewhere, and entries without a year are not told', () => {
  assert.deepEqual(zoneFindings(joinLines('- **2024-01-15 09:00 PST:** a', '- **2024-07-15 09:00 PDT:** b')), []);
  assert.deepEqual(zoneFindings(joinLines('- **2024-07-15 09:00 MST:** a')), [], 'Arizona keeps MST all year');
  assert.deepEqual(zoneFindings(joinLines('- **2024-07-15 09:00 GMT:** a')), [], 'GMT is also said for UTC');
  assert.deepEqual(zoneFindings(joinLines('- **01-15 09:00 PDT:** a')), [], 'no year, no season to check');
});

test('a time given in two zones: silent when both are the same moment, a warning naming the right one when not', () => {
  const timeline = (...lines: string[]) => zoneFindings(joinLines('## Timeline', '', ...lines));
  assert.deepEqual(timeline('- 09:15 UTC (18:15 JST): rollback', '- 23:30 UTC (08:30 JST): next day there'), []);
  const wrong = timeline('- 09:15 UTC (18:15 JST): rollback', '- 09:20 UTC (19:20 JST): checked');
  assert.deepEqual(wrong.map((d) => [d.range.start.line, d.message]), [[3, '09:20 UTC is 18:20 JST, not 19:20 JST: one of the two times is wrong.']]);
  // The first zone may be the declared one; a zone without one known offset (PT) is not compared.
  assert.equal(zoneFindings(joinLines('All times are UTC.', '', '- 09:20 (19:20 JST): checked')).length, 1);
  assert.deepEqual(timeline('- 09:20 UTC (02:20 PT): checked', '- 09:25 UTC (02:25 PT): done'), []);
});

test('the zone most entries use is the timeline\'s, even when another comes first; a timeline without one is told as such', () => {
  const findings = zoneFindings(joinLines('- **17:20 PDT:** a', '- **00:27 UTC:** b', '- **00:55 UTC:** c', '- **01:13 UTC:** d'));
  assert.deepEqual(findings.map((d) => [d.range.start.line, d.message]), [[0, '17:20 PDT is in PDT, the rest of the timeline in UTC: give every time in one zone.']]);
  const oneWithout = zoneFindings(joinLines('- 10:00 UTC a', '- 10:05 UTC b', '', 'Later:', '', '- 11:00 c', '- 11:05 d'));
  assert.deepEqual(oneWithout.map((d) => d.message), ['The timeline gives no time zone: readers in other zones cannot place 11:00. Add one (UTC?) to the timestamps, or state it once ("All times are UTC").']);
});

test('no conversion that would move an entry to another day when its date comes from a heading', () => {
  const model = modelOf(joinLines('### 2021-07-11', '', '- **00:27 UTC:** a', '- **17:32 PDT:** b', '- **00:55 UTC:** c'));
  const [finding] = lint(model).filter((d) => d.code === 'PM009');
  assert.match(finding!.message, /^17:32 PDT is in PDT/);
  assert.deepEqual(codeActions(model, [finding!]), [], 'the heading dates every entry under it');
});

test('the fix for a wrong-season zone rewrites only the timestamps in that zone; one in another zone stays as written', () => {
  const january = (zone: string) => joinLines('# 2024-01-15: Outage', '', '## Timeline', '', `- **10:00 ${zone}:** a`, `- **10:05 ${zone}:** b`, '- 18:10 UTC (10:10 PST): c');
  const { text, title } = fixed(january('PDT'), (findings) => findings.find((d) => d.message.includes('was not in effect'))!);
  assert.equal(title, 'Write PST instead of PDT');
  assert.equal(text, january('PST'));
});

test('fix for a missing zone: the format most timestamps of this timeline use wins over another timeline\'s', () => {
  const result = fixed(joinLines('- 00:20 UTC earlier list', '', 'Later:', '', '- **00:27:** a', '- 00:32 b', '- **00:40:** c'));
  assert.equal(result.title, 'Add UTC to the 3 timestamps');
  assert.equal(result.text, joinLines('- 00:20 UTC earlier list', '', 'Later:', '', '- **00:27 UTC:** a', '- **00:32 UTC:** b', '- **00:40 UTC:** c'));
});

test('offsets from the start need no zone: among clock times the first clock time is told, and only clock times get one', () => {
  const text = joinLines('## Timeline', '', '- T+0: deploy', '- 10:05: alert', '- 10:20: restored');
  assert.deepEqual(zoneFindings(text).map((d) => [d.range.start.line, d.message.split(':')[0]]), [[3, 'The timeline gives no time zone']]);
  const result = fixed(text);
  assert.equal(result.title, 'Add UTC to the 2 timestamps');
  assert.equal(result.text, joinLines('## Timeline', '', '- T+0: deploy', '- 10:05 UTC: alert', '- 10:20 UTC: restored'));
  assert.deepEqual(zoneFindings(joinLines('## Timeline', '', '- T+0: deploy', '- T+45m: restored')), []);
});

test('a second time in a zone without one known offset (CST) is not compared', () => {
  assert.deepEqual(zoneFindings(joinLines('## Timeline', '', '- 09:20 UTC (03:20 CST): checked', '- 09:25 UTC: done')), []);
});

test('no fix rewrites a zone written before a date (10:00 PDT 15th January): the date would move or be lost', () => {
  const january = joinLines('# 2024-01-15: Outage', '', '## Timeline', '', '- 10:00 PDT 15th January: a', '- 10:05 PDT 15th January: b');
  const model = modelOf(january);
  const [season] = lint(model).filter((d) => d.code === 'PM009');
  assert.match(season!.message, /^PDT was not in effect on 2024-01-15/);
  assert.deepEqual(codeActions(model, [season!]), []);
  const mixed = modelOf(joinLines('## Timeline', '', '- 10:00 UTC 15th January 2024: a', '- 10:05 PST 15th January 2024: b', '- 10:10 UTC 15th January 2024: c'));
  const [other] = lint(mixed).filter((d) => d.code === 'PM009');
  assert.match(other!.message, /is in PST, the rest of the timeline in UTC/);
  assert.deepEqual(codeActions(mixed, [other!]), []);
});

test('a converted time moves across midnight only in an ISO date it can rewrite; it converts east as well as west', () => {
  const words = modelOf(joinLines('## Timeline', '', '- 15 January 2024 10:00 UTC: a', '- 15 January 2024 23:05 PST: b', '- 15 January 2024 10:10 UTC: c'));
  const [finding] = lint(words).filter((d) => d.code === 'PM009');
  assert.deepEqual(codeActions(words, [finding!]), [], '23:05 PST is 07:05 UTC the next day');
  const east = fixed(joinLines('## Timeline', '', '- 2024-01-15 10:00 JST: a', '- 2024-01-15 01:05 UTC: b', '- 2024-01-15 10:10 JST: c'));
  assert.equal(east.title, 'Convert to JST (10:05 JST)');
  assert.equal(east.text, joinLines('## Timeline', '', '- 2024-01-15 10:00 JST: a', '- 2024-01-15 10:05 JST: b', '- 2024-01-15 10:10 JST: c'));
});

test('fix for a missing zone in heading timestamps keeps each heading as written', () => {
  const result = fixed(joinLines('## Timeline', '', '### **10:00**', '', 'a', '', '### 10:05', '', 'b', '', '### 10:10', '', 'c'));
  assert.equal(result.text, joinLines('## Timeline', '', '### **10:00 UTC**', '', 'a', '', '### 10:05 UTC', '', 'b', '', '### 10:10 UTC', '', 'c'));
});

test('a "no zone" finding acted on after a zone was typed in one entry does not give that entry a second zone', () => {
  const before = modelOf(joinLines('## Timeline', '', '- 10:00: a', '- 10:05: b'));
  const [finding] = lint(before).filter((d) => d.code === 'PM009');
  const after = modelOf(joinLines('## Timeline', '', '- 10:00 PT: a', '- 10:05: b'));
  const [action] = codeActions(after, [finding!]);
  assert.equal(TextDocument.applyEdits(after.document, action!.edit!.changes![after.document.uri]!), joinLines('## Timeline', '', '- 10:00 UTC: a', '- 10:05 UTC: b'));
});

test('a first time in a zone without one known offset (CST) is not compared with its second either', () => {
  assert.deepEqual(zoneFindings(joinLines('## Timeline', '', '- 03:20 CST (09:20 UTC): checked', '- 03:25 CST: done')), []);
});

test('the wrong-season fix edits the timestamps that write the zone, not the entries a declaration puts in it', () => {
  const model = modelOf(joinLines('# 2024-01-15: Outage', '', 'All times are PDT.', '', '## Timeline', '', '- 10:00 a', '- 10:05 PDT b', '- 10:10 c'));
  const [season] = lint(model).filter((d) => d.code === 'PM009');
  const [action] = codeActions(model, [season!]);
  assert.deepEqual(action!.edit!.changes![model.document.uri]!.map((edit) => [edit.range.start.line, edit.newText]), [[7, 'PST']]);
});

test('conversion keeps the seconds; a range is not converted; a finding naming no timeline of this text has no fix', () => {
  const seconds = fixed(joinLines('- **00:27:00 UTC:** a', '- 17:32:10 PDT b', '- **00:55:00 UTC:** c'));
  assert.equal(seconds.text, joinLines('- **00:27:00 UTC:** a', '- **00:32:10 UTC:** b', '- **00:55:00 UTC:** c'));
  const range = modelOf(joinLines('- **00:27 UTC:** a', '- 17:32 - 17:40 PDT b', '- **00:55 UTC:** c'));
  const [finding] = lint(range).filter((d) => d.code === 'PM009');
  assert.match(finding!.message, /is in PDT/);
  assert.deepEqual(codeActions(range, [finding!]), []);
  const intoCentral = modelOf(joinLines('- 10:00 CST a', '- 16:05 UTC b', '- 10:10 CST c'));
  const [toCst] = lint(intoCentral).filter((d) => d.code === 'PM009');
  assert.match(toCst!.message, /the rest of the timeline in CST/);
  assert.deepEqual(codeActions(intoCentral, [toCst!]), [], 'CST has no one offset to convert into');
  const model = modelOf(joinLines('- 10:00 a', '- 10:05 b'));
  const [missing] = lint(model).filter((d) => d.code === 'PM009');
  assert.deepEqual(codeActions(model, [{ ...missing!, data: { kind: 'missing', timelineId: 9, zone: 'UTC' } }]), []);
});
