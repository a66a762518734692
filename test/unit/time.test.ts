import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  clockProblem,
  dateProblem,
  formatClock,
  hourOfDay,
  leadingIsoDate,
  parseDateLine,
  parseLeadingTimestamp,
  parseZone,
  writeTimestamp,
  zoneKey,
  zoneOffset,
} from '../../server/src/model/time';

const timeOf = (text: string) => {
  const stamp = parseLeadingTimestamp(text);
  return stamp && { time: text.slice(stamp.timeStart, stamp.timeEnd), rest: text.slice(stamp.length), clock: stamp.clock };
};

test('the seed timeline format: bold time with zone and colon', () => {
  const text = '**00:27 UTC:** Django starts';
  const stamp = parseLeadingTimestamp(text)!;
  assert.deepEqual(stamp.clock, { hour: 0, minute: 27 });
  assert.equal(stamp.zone, 'UTC');
  assert.equal(text.slice(stamp.timeStart, stamp.timeEnd), '00:27 UTC');
  assert.equal(text.slice(stamp.clockStart, stamp.clockEnd), '00:27');
  assert.equal(text.slice(stamp.length), 'Django starts');
  assert.equal(stamp.delimited, true);
  assert.deepEqual(stamp.format, { emphasis: '**', brackets: '', padHour: true, hasSeconds: false, zoneText: ' UTC', punctuation: ':', after: '' });
});

test('plain times with and without zone and separator', () => {
  assert.equal(parseLeadingTimestamp('00:27 UTC Django starts')!.zone, 'UTC');
  assert.equal(parseLeadingTimestamp('00:27 UTC Django starts')!.delimited, false);
  assert.equal(timeOf('00:27 UTC: x')!.rest, 'x');
  assert.equal(timeOf('9:05 - deploy')!.rest, 'deploy');
  assert.equal(parseLeadingTimestamp('9:05 - deploy')!.format.padHour, false);
  assert.equal(timeOf('10:30, we restarted')!.rest, 'we restarted');
});

test('bold with the colon outside, italic and code timestamps', () => {
  const outside = parseLeadingTimestamp('**21:17 UTC**: alert')!;
  assert.deepEqual([outside.format.punctuation, outside.format.after, outside.zone], ['', ':', 'UTC']);
  assert.equal(timeOf('*21:17*: alert')!.rest, 'alert');
  assert.equal(parseLeadingTimestamp('`21:17` alert')!.format.emphasis, '`');
  assert.equal(timeOf('__21:17 UTC:__ alert')!.time, '21:17 UTC');
});

test('bracketed times, with a month-day date', () => {
  const bracketed = parseLeadingTimestamp('[13:26] Deploy starts')!;
  assert.equal(bracketed.format.brackets, '[');
  assert.equal(timeOf('[13:26] Deploy starts')!.rest, 'Deploy starts');
  const dated = parseLeadingTimestamp('[03-26 23:04] Page')!;
  assert.deepEqual(dated.date, { month: 3, day: 26 });
  assert.deepEqual(dated.clock, { hour: 23, minute: 4 });
  assert.equal(dated.format.datePrefix, '03-26 ');
  assert.equal('[03-26 23:04] Page'.slice(dated.dateStart, dated.dateEnd), '03-26');
  // 26-03 cannot be month-day; it is read as day-month.
  assert.deepEqual(parseLeadingTimestamp('[26-03 23:04] x')!.date, { month: 3, day: 26 });
  // A link is not a bracketed time.
  assert.equal(parseLeadingTimestamp('[13:26](https://example.com) x'), undefined);
});

test('12-hour clocks: AM/PM as written, converted for the day', () => {
  const stamp = parseLeadingTimestamp('2:54 PM PST: Pages fire')!;
  assert.deepEqual(stamp.clock, { hour: 2, minute: 54, meridiem: 'PM' });
  assert.equal(stamp.zone, 'PST');
  assert.equal(stamp.format.meridiem, ' PM');
  assert.equal(hourOfDay(stamp.clock), 14);
  assert.equal(hourOfDay({ hour: 12, minute: 5, meridiem: 'AM' }), 0);
  assert.equal(hourOfDay({ hour: 12, minute: 5, meridiem: 'PM' }), 12);
  assert.equal(parseLeadingTimestamp('10:15am x')!.clock.meridiem, 'AM');
  assert.equal(parseLeadingTimestamp('10:15 p.m. x')!.clock.meridiem, 'PM');
  assert.equal(parseLeadingTimestamp('10:15 Amazon went down')!.clock.meridiem, undefined);
});

test('dates before the clock: ISO, named months, weekdays', () => {
  const iso = parseLeadingTimestamp('**2021-07-11 00:27:05 UTC+2:** x')!;
  assert.deepEqual(iso.date, { year: 2021, month: 7, day: 11 });
  assert.deepEqual(iso.clock, { hour: 0, minute: 27, second: 5 });
  assert.equal(iso.zone, 'UTC+2');
  assert.equal(iso.format.datePrefix, '2021-07-11 ');
  assert.deepEqual(parseLeadingTimestamp('2021-01-30T14:30:00Z x')!.date, { year: 2021, month: 1, day: 30 });
  assert.equal(parseLeadingTimestamp('2021-01-30T14:30:00Z x')!.zone, 'Z');
  assert.deepEqual(parseLeadingTimestamp('Sep 27 2017 13:06')!.date, { year: 2017, month: 9, day: 27 });
  assert.deepEqual(parseLeadingTimestamp('Sep 27, 2017, 13:06 x')!.date, { year: 2017, month: 9, day: 27 });
  assert.deepEqual(parseLeadingTimestamp('Saturday 30 January 14:30 x')!.date, { month: 1, day: 30 });
  assert.deepEqual(parseLeadingTimestamp('Jan 30 at 14:30: x')!.date, { month: 1, day: 30 });
});

test('zones: names, offsets, parentheses, and words that are not zones', () => {
  assert.equal(parseLeadingTimestamp('10:00 -07:00 x')!.zone, '-07:00');
  assert.equal(parseLeadingTimestamp('10:00 (UTC) x')!.zone, 'UTC');
  assert.equal(parseLeadingTimestamp('10:00 PDT (UTC-7): x')!.zone, 'PDT');
  assert.equal(parseLeadingTimestamp('16:42 GST: x')!.zone, 'GST');
  const dns = parseLeadingTimestamp('00:27 DNS fails')!;
  assert.equal(dns.zone, undefined);
  assert.equal('00:27 DNS fails'.slice(dns.length), 'DNS fails');
  // Zones are capitals: "west" and "est" are words.
  assert.equal(parseLeadingTimestamp('10:00 west region fails')!.zone, undefined);
  assert.equal(zoneOffset('PDT'), -420);
  assert.equal(zoneOffset('UTC+05:30'), 330);
  assert.equal(zoneOffset('CST'), undefined);
  assert.equal(zoneKey('GMT'), zoneKey('Z'));
  assert.equal(zoneKey('PDT'), zoneKey('UTC-7'));
  assert.notEqual(zoneKey('PDT'), zoneKey('PST'));
  assert.equal(parseZone('(utc)'), 'UTC');
  assert.equal(parseZone('approx.'), undefined);
});

test('ranges: the start is the time, the end is kept', () => {
  for (const text of ['8:20 - 8:24', '8:20-8:24', '8:20 – 8:24', '8:20 to 8:24']) {
    const stamp = parseLeadingTimestamp(text)!;
    assert.deepEqual([stamp.clock, stamp.end], [{ hour: 8, minute: 20 }, { hour: 8, minute: 24 }], text);
  }
  const pm = parseLeadingTimestamp('2:54 - 3:10 PM PST x')!;
  assert.deepEqual([pm.clock.meridiem, pm.end?.meridiem, pm.zone], ['PM', 'PM', 'PST']);
});

test('dotted clocks are read and marked, so the rule can call them malformed', () => {
  const stamp = parseLeadingTimestamp('**14.43 UTC:** x')!;
  assert.equal(stamp.dotted, true);
  assert.deepEqual(stamp.clock, { hour: 14, minute: 43 });
  assert.equal(parseLeadingTimestamp('10.10.1.1 is the gateway'), undefined);
  assert.equal(parseLeadingTimestamp('00:27 x')!.dotted, false);
});

test('not timestamps: prose, ratios, durations, ports, unclosed bold', () => {
  assert.equal(parseLeadingTimestamp('At 00:27 the node died'), undefined);
  assert.equal(parseLeadingTimestamp('1:2:3:4 ratio'), undefined);
  assert.equal(parseLeadingTimestamp('16:9 aspect'), undefined);
  assert.equal(parseLeadingTimestamp('**00:27 UTC: unclosed'), undefined);
  assert.equal(parseLeadingTimestamp('1000:00 x'), undefined);
  assert.equal(parseLeadingTimestamp('1:30 hours of downtime'), undefined);
  assert.equal(parseLeadingTimestamp('12:30 minutes later'), undefined);
  assert.equal(parseLeadingTimestamp('8080:80 port mapping'), undefined);
  assert.equal(parseLeadingTimestamp('localhost:8080 answers'), undefined);
  assert.equal(parseLeadingTimestamp('v1.20 released'), undefined);
  assert.equal(parseLeadingTimestamp('14:30.'), undefined);
});

test('date lines, as date headings write them', () => {
  assert.deepEqual(parseDateLine('2021-01-30')?.date, { year: 2021, month: 1, day: 30 });
  assert.deepEqual(parseDateLine('January 30')?.date, { month: 1, day: 30 });
  assert.deepEqual(parseDateLine('Saturday 30 January:')?.date, { month: 1, day: 30 });
  assert.deepEqual(parseDateLine('Sep 27, 2017')?.date, { year: 2017, month: 9, day: 27 });
  assert.equal(parseDateLine('Sep 27 2017 13:06'), undefined);
  assert.equal(parseDateLine('10-12'), undefined);
  assert.equal(parseDateLine('May the fourth'), undefined);
});

test('US zones spelled out after a time are read as their short names', () => {
  assert.equal(parseLeadingTimestamp('7:09 AM Eastern: paged')!.zone, 'ET');
  assert.equal(parseLeadingTimestamp('7:09 AM Central: paged')!.zone, 'CT');
  assert.equal(parseLeadingTimestamp('7:09 AM Mountain: paged')!.zone, 'MT');
  assert.equal(parseLeadingTimestamp('7:09 AM Pacific: paged')!.zone, 'PT');
});

test('named months in date lines, October included', () => {
  assert.deepEqual(parseDateLine('October 3, 2021')?.date, { year: 2021, month: 10, day: 3 });
  assert.deepEqual(parseDateLine('3rd Oct.')?.date, { month: 10, day: 3 });
  assert.deepEqual(parseDateLine('Sept. 30')?.date, { month: 9, day: 30 });
});

test('numeric dates: the order is settled by a number past 12, else left open unless both readings agree', () => {
  assert.equal(parseDateLine('30/09/2024')?.date.numeric, 'day-first');
  assert.equal(parseDateLine('09/30/2024')?.date.numeric, 'month-first');
  assert.equal(parseDateLine('03/04/2024')?.date.numeric, 'either');
  // The same number twice reads the same either way round.
  assert.deepEqual(parseDateLine('05.05.2024')?.date, { year: 2024, month: 5, day: 5, numeric: 'month-first' });
  // Neither number can be a month: nothing to settle, and the date is flagged as impossible.
  assert.deepEqual(parseDateLine('13/14/2024')?.date, { year: 2024, month: 13, day: 14, numeric: 'month-first' });
});

test('impossible clocks are explained; real ones pass', () => {
  assert.match(clockProblem({ hour: 25, minute: 61 })!, /hour 25/);
  assert.match(clockProblem({ hour: 12, minute: 61 })!, /minute 61/);
  assert.match(clockProblem({ hour: 24, minute: 0 })!, /00:00 of the next day/);
  assert.match(clockProblem({ hour: 10, minute: 0, second: 60 })!, /second 60/);
  assert.match(clockProblem({ hour: 13, minute: 0, meridiem: 'PM' })!, /12-hour clock/);
  assert.match(clockProblem({ hour: 0, minute: 30, meridiem: 'AM' })!, /12-hour clock/);
  assert.equal(clockProblem({ hour: 23, minute: 59, second: 60 }), undefined);
  assert.equal(clockProblem({ hour: 11, minute: 59, second: 60, meridiem: 'PM' }), undefined);
  assert.equal(clockProblem({ hour: 0, minute: 0 }), undefined);
  assert.equal(clockProblem({ hour: 23, minute: 59, second: 59 }), undefined);
  assert.equal(clockProblem({ hour: 12, minute: 0, meridiem: 'AM' }), undefined);
});

test('calendar dates are validated by their components, leap years included', () => {
  assert.match(dateProblem({ year: 2021, month: 2, day: 30 })!, /28 days/);
  assert.match(dateProblem({ year: 2023, month: 2, day: 29 })!, /28 days/);
  assert.equal(dateProblem({ year: 2024, month: 2, day: 29 }), undefined);
  assert.match(dateProblem({ year: 1900, month: 2, day: 29 })!, /28 days/);
  assert.equal(dateProblem({ year: 2000, month: 2, day: 29 }), undefined);
  assert.match(dateProblem({ year: 2021, month: 13, day: 1 })!, /month 13/);
  assert.match(dateProblem({ year: 2021, month: 4, day: 31 })!, /30 days/);
  assert.equal(dateProblem({ year: 2021, month: 1, day: 0 }), '2021-01 has 31 days, not 0');
  assert.equal(dateProblem({ month: 10, day: 32 }), 'October has 31 days, not 32');
  assert.equal(dateProblem({ month: 2, day: 29 }), undefined);
  assert.match(dateProblem({ month: 2, day: 30 })!, /^February has 29 days, not 30$/);
});

test('dates move by days across months, years and leap days', () => {
  assert.deepEqual(addDays({ year: 2021, month: 12, day: 31 }, 1), { year: 2022, month: 1, day: 1 });
  assert.deepEqual(addDays({ year: 2024, month: 3, day: 1 }, -1), { year: 2024, month: 2, day: 29 });
  assert.deepEqual(addDays({ month: 1, day: 1 }, -1), { month: 12, day: 31 });
});

test('clocks and timestamps are written back in the document format', () => {
  assert.equal(formatClock({ hour: 0, minute: 7 }, { padHour: true, hasSeconds: false }), '00:07');
  assert.equal(formatClock({ hour: 9, minute: 7, second: 3 }, { padHour: false, hasSeconds: true }), '9:07:03');
  assert.equal(formatClock({ hour: 14, minute: 54 }, { padHour: false, hasSeconds: false, meridiem: ' PM' }), '2:54 PM');
  assert.equal(formatClock({ hour: 0, minute: 5 }, { padHour: false, hasSeconds: false, meridiem: 'pm' }), '12:05am');
  const format = parseLeadingTimestamp('**[2021-07-11 00:27 UTC]**: x')?.format ?? parseLeadingTimestamp('[2021-07-11 00:27 UTC]: x')!.format;
  const written = writeTimestamp(format, { hour: 1, minute: 2 });
  assert.equal(written.text, '[2021-07-11 01:02 UTC]:');
  assert.equal(written.text.slice(written.clockStart, written.clockEnd), '01:02');
});

test('leading ISO dates in titles and file names', () => {
  assert.deepEqual(leadingIsoDate('2020-12-11: All services outage'), { year: 2020, month: 12, day: 11 });
  assert.deepEqual(leadingIsoDate('2020-12-11-all-services-outage.md'), { year: 2020, month: 12, day: 11 });
  assert.equal(leadingIsoDate('2021-02-30-outage.md'), undefined);
  assert.equal(leadingIsoDate('Outage of 2020-12-11'), undefined);
});

test('adversarial 100 KB inputs are rejected or read in well under 100 ms', () => {
  const inputs = [
    '1:'.repeat(50000),
    '**'.repeat(50000),
    `**${'1:'.repeat(50000)}`,
    `[${' '.repeat(100000)}`,
    `10:00${' '.repeat(100000)}x`,
    `**10:00${' \t'.repeat(50000)}`,
    `Sep ${'1 '.repeat(50000)}`,
    `10:00 ${'-'.repeat(100000)}`,
    `${'9'.repeat(100000)}:00`,
    `10:00 UTC${'('.repeat(100000)}`,
    'Saturday '.repeat(11000),
    `2021-01-30${'T'.repeat(100000)}`,
  ];
  for (const input of inputs) {
    const started = performance.now();
    parseLeadingTimestamp(input);
    parseDateLine(input);
    parseZone(input);
    const elapsed = performance.now() - started;
    // A hang guard, not a speed test: a linear read takes about a millisecond, a quadratic one minutes.
    assert.ok(elapsed < 1000, `${JSON.stringify(input.slice(0, 12))}…: ${elapsed.toFixed(1)} ms`);
  }
});

test('every zone with one offset has it; US central and Argentine time are behind UTC', () => {
  const offsets = {
    UTC: 0, GMT: 0, Z: 0, WET: 0, PST: -480, PDT: -420, MST: -420, MDT: -360, CDT: -300, EST: -300, EDT: -240,
    AKST: -540, AKDT: -480, HST: -600, CET: 60, CEST: 120, WEST: 60, EET: 120, EEST: 180, MSK: 180, JST: 540, KST: 540,
    HKT: 480, SGT: 480, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780, BRT: -180, ART: -180,
  };
  for (const [zone, minutes] of Object.entries(offsets)) assert.equal(zoneOffset(zone), minutes, zone);
});

test('every month name is read, in full and as three letters', () => {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  months.forEach((name, i) => {
    assert.deepEqual(parseDateLine(`3 ${name} 2024`)?.date, { year: 2024, month: i + 1, day: 3 }, name);
    assert.deepEqual(parseDateLine(`${name.slice(0, 3)} 3`)?.date, { month: i + 1, day: 3 }, name.slice(0, 3));
  });
});

test('a date line may end in spaces or punctuation, nothing else', () => {
  assert.deepEqual(parseDateLine('2021-01-30 ')?.date, { year: 2021, month: 1, day: 30 });
  assert.deepEqual(parseDateLine('2021-01-30: ')?.date, { year: 2021, month: 1, day: 30 });
  assert.equal(parseDateLine('2021-01-30 deploy'), undefined);
});

test('a range\'s end takes the start\'s AM or PM when it has none', () => {
  const stamp = parseLeadingTimestamp('9:00 PM - 10:15 UTC: x')!;
  assert.deepEqual([stamp.clock, stamp.end], [{ hour: 9, minute: 0, meridiem: 'PM' }, { hour: 10, minute: 15, meridiem: 'PM' }]);
});

test('month-day dates: a first number past 12 is the day when the second can be a month; else read as written', () => {
  assert.deepEqual(parseLeadingTimestamp('[13-12 10:00] x')!.date, { month: 12, day: 13 });
  assert.deepEqual(parseLeadingTimestamp('[12-13 10:00] x')!.date, { month: 12, day: 13 });
  assert.deepEqual(parseLeadingTimestamp('[13-14 10:00] x')!.date, { month: 13, day: 14 }, 'impossible either way: PM004 tells of month 13');
});

test('offsets from the start open in bold with underscores too', () => {
  const stamp = parseLeadingTimestamp('__T+5m:__ rollback')!;
  assert.equal(stamp.relative, 5);
});
