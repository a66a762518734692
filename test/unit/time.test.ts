import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockProblem, dateProblem, formatClock, leadingIsoDate, parseLeadingTimestamp } from '../../server/src/model/time';

test('the seed timeline format: bold time with zone and colon', () => {
  const text = '**00:27 UTC:** Django starts';
  const stamp = parseLeadingTimestamp(text)!;
  assert.deepEqual(stamp.clock, { hour: 0, minute: 27 });
  assert.equal(stamp.zone, 'UTC');
  assert.equal(text.slice(stamp.timeStart, stamp.timeEnd), '00:27 UTC');
  assert.equal(text.slice(stamp.length), 'Django starts');
  assert.deepEqual(stamp.format, { emphasis: '**', suffix: ' UTC:', padHour: true, hasSeconds: false });
});

test('plain times with and without zone and separator', () => {
  assert.equal(parseLeadingTimestamp('00:27 UTC Django starts')!.zone, 'UTC');
  assert.equal('00:27 UTC: x'.slice(parseLeadingTimestamp('00:27 UTC: x')!.length), 'x');
  assert.equal('9:05 - deploy'.slice(parseLeadingTimestamp('9:05 - deploy')!.length), 'deploy');
  assert.equal(parseLeadingTimestamp('9:05 - deploy')!.format.padHour, false);
});

test('an upper-case first word is not a zone', () => {
  const stamp = parseLeadingTimestamp('00:27 DNS fails')!;
  assert.equal(stamp.zone, undefined);
  assert.equal('00:27 DNS fails'.slice(stamp.length), 'DNS fails');
});

test('dates, seconds and offsets', () => {
  const stamp = parseLeadingTimestamp('**2021-07-11 00:27:05 UTC+2:** x')!;
  assert.deepEqual(stamp.date, { year: 2021, month: 7, day: 11 });
  assert.deepEqual(stamp.clock, { hour: 0, minute: 27, second: 5 });
  assert.equal(stamp.zone, 'UTC+2');
  assert.equal(stamp.format.datePrefix, '2021-07-11 ');
  assert.equal(parseLeadingTimestamp('10:00 -07:00 x')!.zone, '-07:00');
});

test('not timestamps: prose, ranges, ratios, unclosed bold', () => {
  assert.equal(parseLeadingTimestamp('At 00:27 the node died'), undefined);
  assert.equal(parseLeadingTimestamp('10:00-11:00 maintenance'), undefined);
  assert.equal(parseLeadingTimestamp('1:2:3:4 ratio'), undefined);
  assert.equal(parseLeadingTimestamp('**00:27 UTC: unclosed'), undefined);
  assert.equal(parseLeadingTimestamp('1000:00 x'), undefined);
});

test('impossible clocks are explained; real ones pass', () => {
  assert.match(clockProblem({ hour: 25, minute: 61 })!, /hour 25/);
  assert.match(clockProblem({ hour: 12, minute: 61 })!, /minute 61/);
  assert.match(clockProblem({ hour: 24, minute: 0 })!, /00:00 of the next day/);
  assert.match(clockProblem({ hour: 10, minute: 0, second: 60 })!, /second 60/);
  assert.equal(clockProblem({ hour: 23, minute: 59, second: 60 }), undefined);
  assert.equal(clockProblem({ hour: 0, minute: 0 }), undefined);
  assert.equal(clockProblem({ hour: 23, minute: 59, second: 59 }), undefined);
});

test('calendar dates are validated by their components, leap years included', () => {
  assert.match(dateProblem({ year: 2021, month: 2, day: 30 })!, /28 days/);
  assert.match(dateProblem({ year: 2023, month: 2, day: 29 })!, /28 days/);
  assert.equal(dateProblem({ year: 2024, month: 2, day: 29 }), undefined);
  assert.match(dateProblem({ year: 1900, month: 2, day: 29 })!, /28 days/);
  assert.equal(dateProblem({ year: 2000, month: 2, day: 29 }), undefined);
  assert.match(dateProblem({ year: 2021, month: 13, day: 1 })!, /month 13/);
  assert.match(dateProblem({ year: 2021, month: 4, day: 31 })!, /30 days/);
});

test('clocks are written back in the document format', () => {
  assert.equal(formatClock({ hour: 0, minute: 7 }, { padHour: true, hasSeconds: false }), '00:07');
  assert.equal(formatClock({ hour: 9, minute: 7, second: 3 }, { padHour: false, hasSeconds: true }), '9:07:03');
});

test('leading ISO dates in titles and file names', () => {
  assert.deepEqual(leadingIsoDate('2020-12-11: All services outage'), { year: 2020, month: 12, day: 11 });
  assert.deepEqual(leadingIsoDate('2020-12-11-all-services-outage.md'), { year: 2020, month: 12, day: 11 });
  assert.equal(leadingIsoDate('2021-02-30-outage.md'), undefined);
  assert.equal(leadingIsoDate('Outage of 2020-12-11'), undefined);
});
