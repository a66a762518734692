import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../../server/src/features/codeActions';
import { placeEntries } from '../../../server/src/features/incidentTimes';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, joinLines, modelOf } from '../util';

const orderFindings = (leadup: string[]) => lint(modelOf(completePostmortem({ leadup }))).filter((d) => d.code === 'PM003');
const findingsIn = (text: string) => lint(modelOf(text)).filter((d) => d.code === 'PM003');

/** The document after the quick fix for the first PM003 finding. */
function moved(text: string): string {
  const model = modelOf(text);
  const [finding] = lint(model).filter((d) => d.code === 'PM003');
  assert.ok(finding, 'expected a PM003 finding');
  const [action, ...rest] = codeActions(model, [finding]);
  assert.equal(rest.length, 0);
  assert.equal(action!.title, 'Move this entry to its place');
  assert.equal(action!.isPreferred, false);
  return TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!);
}

test('an entry earlier than the one above is reported, pointing at the later one', () => {
  const findings = orderFindings(['- **00:27 UTC:** a', '- **00:55 UTC:** b', '- **00:33 UTC:** c', '- **01:01 UTC:** d']);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.message, '00:33 UTC is earlier than 00:55 UTC above it: keep the timeline in chronological order.');
  assert.equal(findings[0]!.range.start.line, 8);
  assert.equal(findings[0]!.relatedInformation?.[0]?.location.range.start.line, 7);
});

test('chronological entries, equal times and a midnight crossing are fine', () => {
  assert.deepEqual(orderFindings(['- 23:10 UTC a', '- 23:10 UTC b', '- 23:58 UTC c', '- 00:05 UTC d', '- 00:40 UTC e']), []);
});

test('after a midnight crossing, the next day is ordered too', () => {
  const findings = orderFindings(['- 23:50 a', '- 00:10 b', '- 00:05 c']);
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /^00:05 is earlier than 00:10/);
});

test('12-hour clocks: 12:05 AM is just after midnight, 1:00 PM after 11:00 AM', () => {
  assert.deepEqual(orderFindings(['- 11:50 PM PST: a', '- 12:05 AM PST: b', '- 1:00 AM PST: c']), []);
  assert.deepEqual(orderFindings(['- 11:00 AM PST: a', '- 12:30 PM PST: b', '- 1:00 PM PST: c']), []);
  assert.equal(orderFindings(['- 1:00 PM PST: a', '- 11:00 AM PST: b']).length, 1);
});

test('dated entries are ordered by date first; dates without a year take the incident year', () => {
  assert.deepEqual(orderFindings(['- **2021-07-10 23:00 UTC:** a', '- **2021-07-11 01:00 UTC:** b']), []);
  assert.equal(orderFindings(['- **2021-07-11 01:00 UTC:** a', '- **2021-07-10 23:00 UTC:** b']).length, 1);
  assert.deepEqual(orderFindings(['- [03-26 23:04] a', '- [03-27 00:10] b', '- [03-27 09:00] c']), []);
  assert.equal(orderFindings(['- [03-27 00:10] a', '- [03-26 23:04] b']).length, 1);
  // December 31 to January 1 without a year is the next year, not a step back.
  assert.deepEqual(orderFindings(['- [12-31 23:50] a', '- [01-01 00:10] b']), []);
});

test('date headings order the entries under them across days', () => {
  const text = joinLines('### 2021-01-30', '', '- 23:50 UTC a', '', '### 2021-01-31', '', '- 00:10 UTC b', '- 00:05 UTC c');
  const findings = findingsIn(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.range.start.line, 7);
});

test('entries of different lists are separate timelines', () => {
  assert.deepEqual(orderFindings(['- 10:00 a', '- 11:00 b', '', 'Next day:', '', '- 09:00 c']), []);
});

test('tables, timestamp headings and timestamped lines are ordered too', () => {
  const table = findingsIn(joinLines('| Time (UTC) | Event |', '|---|---|', '| 14:30 | a |', '| 14:20 | b |', '| 14:40 | c |'));
  assert.deepEqual(table.map((d) => [d.range.start.line, d.message]), [[3, '14:20 is earlier than 14:30 above it: keep the timeline in chronological order.']]);
  const headings = findingsIn(joinLines('### 13:35', '', 'a', '', '### 13:30', '', 'b'));
  assert.deepEqual(headings.map((d) => d.range.start.line), [4]);
  const lines = findingsIn(joinLines('16:42 GST: a', '16:40 GST: b'));
  assert.deepEqual(lines.map((d) => d.range.start.line), [1]);
  const ranges = findingsIn(joinLines('### 8:20 - 8:24', 'a', '### 8:22 - 8:30', 'b'));
  assert.deepEqual(ranges, []);
});

test('mixed zones with known offsets are compared in UTC', () => {
  assert.deepEqual(orderFindings(['- **23:00 UTC:** a', '- **16:05 PDT:** b', '- **23:10 UTC:** c']), []);
  assert.equal(orderFindings(['- **23:00 UTC:** a', '- **15:55 PDT:** b']).length, 1);
});

test('impossible times are not also reported as out of order', () => {
  const codes = lint(modelOf(completePostmortem({ leadup: ['- 10:00 UTC a', '- 25:61 UTC b', '- 11:00 UTC c'] }))).map((d) => d.code);
  assert.deepEqual(codes.filter((c) => c === 'PM003' || c === 'PM004'), ['PM004']);
});

test('the fix moves a list item, nested lines and all, to its place', () => {
  assert.equal(
    moved(joinLines('- 00:27 UTC a', '- 00:55 UTC b', '- 00:33 UTC c', '  more of c', '  - nested note', '- 01:01 UTC d')),
    joinLines('- 00:27 UTC a', '- 00:33 UTC c', '  more of c', '  - nested note', '- 00:55 UTC b', '- 01:01 UTC d'),
  );
});

test('the fix keeps what lies between entries in place: blank lines, bullets without a time', () => {
  assert.equal(
    moved(joinLines('- 10:00 UTC a', '', '- a note', '', '- 11:00 UTC b', '', '- 10:30 UTC c', '')),
    joinLines('- 10:00 UTC a', '', '- a note', '', '- 10:30 UTC c', '', '- 11:00 UTC b', ''),
  );
});

test('the fix moves a table row, a heading with its body, and a line', () => {
  assert.equal(
    moved(joinLines('| Time (UTC) | Event |', '|---|---|', '| 14:30 | a |', '| 14:40 | c |', '| 14:35 | b |')),
    joinLines('| Time (UTC) | Event |', '|---|---|', '| 14:30 | a |', '| 14:35 | b |', '| 14:40 | c |'),
  );
  assert.equal(
    moved(joinLines('### 13:35', '', 'a', '', '### 13:50', '', 'c', '', '### 13:40', '', 'b', 'b2', '', '## Impact')),
    joinLines('### 13:35', '', 'a', '', '### 13:40', '', 'b', 'b2', '', '### 13:50', '', 'c', '', '## Impact'),
  );
  assert.equal(moved(joinLines('16:42 GST: a', '16:50 GST: c', '16:45 GST: b', '')), joinLines('16:42 GST: a', '16:45 GST: b', '16:50 GST: c', ''));
});

test('the fix respects midnight: 00:05 goes after 23:50, not before it', () => {
  assert.equal(moved(joinLines('- 23:50 UTC a', '- 00:10 UTC b', '- 00:05 UTC c')), joinLines('- 23:50 UTC a', '- 00:05 UTC c', '- 00:10 UTC b'));
});

test('the fix works with CRLF line endings', () => {
  const text = joinLines('- 10:00 UTC a', '- 10:20 UTC c', '- 10:10 UTC b', '').replace(/\n/g, '\r\n');
  assert.equal(moved(text), joinLines('- 10:00 UTC a', '- 10:10 UTC b', '- 10:20 UTC c', '').replace(/\n/g, '\r\n'));
});

test('one entry out of place is told once, on that entry, with its neighbours as related information', () => {
  const findings = orderFindings(['- 10:00 UTC a', '- 10:05 UTC b', '- 12:00 UTC c', '- 10:10 UTC d', '- 10:15 UTC e', '- 10:20 UTC f']);
  assert.deepEqual(findings.map((d) => [d.range.start.line, d.message]), [[8, '12:00 UTC is later than 10:10 UTC below it: keep the timeline in chronological order.']]);
  assert.deepEqual(findings[0]!.relatedInformation!.map((r) => [r.location.range.start.line, r.message]), [
    [9, 'The entry below, 10:10 UTC'],
    [7, 'The entry above, 10:05 UTC'],
  ]);
});

test('a log kept newest first is in order; an entry out of place in it is told once', () => {
  assert.deepEqual(orderFindings(['- 11:30 UTC resolved', '- 11:02 UTC fix deployed', '- 10:40 UTC investigating', '- 10:31 UTC first reports']), []);
  const findings = orderFindings(['- 11:30 UTC a', '- 11:02 UTC b', '- 11:20 UTC c', '- 10:40 UTC d', '- 10:31 UTC e']);
  assert.deepEqual(findings.map((d) => d.message), ['11:20 UTC is later than 11:02 UTC above it: keep the timeline newest first, as the rest of it is.']);
  // Two entries going back say nothing about the log's direction: the usual order holds.
  assert.equal(orderFindings(['- 11:00 UTC a', '- 10:00 UTC b']).length, 1);
});

test('a status page whose short update lists all go newest first is in order', () => {
  const page = joinLines('### June 2', '', '(7:30 UTC) Operating normally.', '', '(7:20 UTC) Database failed over.', '', '### May 26', '', '(8:15 UTC) Restored.', '', '(7:28 UTC) Mail delayed.', '', '### May 20', '', '(14:25 UTC) Normal.', '', '(14:07 UTC) Timeouts.');
  assert.deepEqual(findingsIn(page), []);
  assert.equal(findingsIn(joinLines('(7:30 UTC) a', '', '(7:20 UTC) b')).length, 1, 'one short list says nothing about the document');
});

test('the clock going back by more than 12 hours crosses midnight; by less, the entry is out of order (PM003 and the metrics agree)', () => {
  const timeline = (...entries: string[]) => modelOf(joinLines('# 2024-03-02: Outage', '', 'All times are UTC.', '', '## Timeline', '', ...entries));
  const backEleven = timeline('- 20:00 Deploy', '- 09:00 Rollback');
  assert.deepEqual(lint(backEleven).filter((d) => d.code === 'PM003').map((d) => d.range.start.line), [7]);
  const [deploy, rollback] = placeEntries(backEleven);
  assert.equal(rollback!.at - deploy!.at, -11 * 60, 'the same day, earlier');
  const backThirteen = timeline('- 22:00 Deploy', '- 09:00 Rollback');
  assert.deepEqual(lint(backThirteen).filter((d) => d.code === 'PM003'), []);
  const [first, second] = placeEntries(backThirteen);
  assert.equal(second!.at - first!.at, 11 * 60, '09:00 the next day');
});

test('three entries are enough to tell a log kept newest first, and such a log gets no move fix', () => {
  assert.deepEqual(orderFindings(['- 11:30 UTC resolved', '- 11:02 UTC fix deployed', '- 10:40 UTC first reports']), []);
  const model = modelOf(completePostmortem({ leadup: ['- 11:30 UTC a', '- 11:02 UTC b', '- 11:20 UTC c', '- 10:40 UTC d', '- 10:31 UTC e'] }));
  const findings = lint(model).filter((d) => d.code === 'PM003');
  assert.equal(findings.length, 1);
  assert.deepEqual(codeActions(model, findings), [], 'moving entries of a newest-first log is left to the author');
});

test('short lists decide the document\'s direction only when going back outnumbers going forward more than two to one', () => {
  const list = (heading: string, first: string, second: string) => [`### ${heading}`, '', `(${first} UTC) a.`, '', `(${second} UTC) b.`, ''];
  const back = ['May 1', 'May 2', 'May 3', 'May 4'].flatMap((heading) => list(heading, '7:30', '7:20'));
  const forward = ['May 5', 'May 6'].flatMap((heading) => list(heading, '8:10', '8:20'));
  // Four back, two forward: not more than twice as many, so the usual order holds and the four are reported.
  assert.equal(findingsIn(joinLines(...back, ...forward)).length, 4);
  // Four back, one forward: newest first, and the one going forward is reported.
  assert.equal(findingsIn(joinLines(...back, ...forward.slice(0, 6))).length, 1);
});

test('a zone without one known offset (ET) beside a known one is not converted: times are compared as written', () => {
  assert.deepEqual(orderFindings(['- **10:00 ET:** a', '- **10:30 PDT:** b', '- **11:00 ET:** c']), []);
});

test('the fix moves an entry that is too late down to its place, not to the top', () => {
  assert.equal(
    moved(joinLines('- 00:10 UTC a', '- 00:50 UTC d', '- 00:20 UTC b', '- 00:30 UTC c', '')),
    joinLines('- 00:10 UTC a', '- 00:20 UTC b', '- 00:30 UTC c', '- 00:50 UTC d', ''),
  );
});

test('a finding whose data no longer names an entry by its number (altered on its way back from a client) gets no move fix', () => {
  const model = modelOf(joinLines('- 00:27 UTC a', '- 00:55 UTC b', '- 00:33 UTC c', '- 01:01 UTC d'));
  const [finding] = lint(model).filter((d) => d.code === 'PM003');
  assert.deepEqual(finding!.data, { timelineId: 0, index: 2 });
  // Taken as an entry, '2' would be moved while still counted in place: the edit would write c twice and lose d.
  assert.deepEqual(codeActions(model, [{ ...finding!, data: { timelineId: 0, index: '2' } }]), []);
});

test('the fix moves an entry that is too early up past every later entry above it', () => {
  assert.equal(
    moved(joinLines('- 10:00 UTC a', '- 10:05 UTC b', '- 10:10 UTC c', '- 09:50 UTC z', '- 10:20 UTC d', '')),
    joinLines('- 09:50 UTC z', '- 10:00 UTC a', '- 10:05 UTC b', '- 10:10 UTC c', '- 10:20 UTC d', ''),
  );
});

test('the fix puts an entry before another of the same time when that is nearer to where it was', () => {
  assert.equal(
    moved(joinLines('- 10:00 UTC a', '- 10:30 UTC x', '- 10:05 UTC b', '- 10:10 UTC c', '- 10:30 UTC d', '- 10:40 UTC e', '')),
    joinLines('- 10:00 UTC a', '- 10:05 UTC b', '- 10:10 UTC c', '- 10:30 UTC x', '- 10:30 UTC d', '- 10:40 UTC e', ''),
  );
});

test('the fix places an entry among the others as if impossible times were not there', () => {
  assert.equal(
    moved(joinLines('- 10:00 UTC a', '- 10:10 UTC b', '- 25:10 UTC typo', '- 10:20 UTC c', '- 10:05 UTC x', '')),
    joinLines('- 10:00 UTC a', '- 10:05 UTC x', '- 10:10 UTC b', '- 25:10 UTC typo', '- 10:20 UTC c', ''),
  );
});

test('an impossible date is PM004\'s: the entry is not also out of order', () => {
  assert.deepEqual(findingsIn(joinLines('All times are UTC.', '', '- 2024-03-05 10:00 a', '- 2024-02-30 10:05 b', '- 2024-03-05 10:30 c')), []);
});

test('a year-less date more than half a year before the entry above is in the next year; at exactly that distance it is not', () => {
  // 2023 is not a leap year: January 1 is 181 days before July 1, January 2 is 180.
  const timeline = (first: string) => joinLines('# 2023-07-01: Outage', '', 'All times are UTC.', '', '## Timeline', '', `- [${first} 00:00] a`, '- [01-01 10:00] b');
  assert.deepEqual(findingsIn(timeline('07-01')).map((d) => d.message), ['01-01 10:00 is earlier than 07-01 00:00 above it: keep the timeline in chronological order.']);
  assert.deepEqual(findingsIn(timeline('07-02')), []);
});

test('findings whose data is missing or names no timeline get no move fix; nor does a newest-first one', () => {
  const model = modelOf(joinLines('- 00:27 UTC a', '- 00:55 UTC b', '- 00:33 UTC c', '- 01:01 UTC d'));
  const [finding] = lint(model).filter((d) => d.code === 'PM003');
  assert.deepEqual(codeActions(model, [{ ...finding!, data: undefined }]), []);
  assert.deepEqual(codeActions(model, [{ ...finding!, data: { timelineId: 7, index: 2 } }]), []);
  assert.deepEqual(codeActions(model, [{ ...finding!, data: { timelineId: 0, index: 2, newestFirst: true } }]), []);
});
