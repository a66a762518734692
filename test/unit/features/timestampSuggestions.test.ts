// The next timeline timestamp: what is suggested after an entry (its time, the typical gap, now, times the prose
// mentions) and when an incident counts as live. Completion (completion.test.ts) turns these into items.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLive, nowIn, rewriteDatePrefix, suggestFirstTimestamps, suggestNextTimestamps, type SuggestionOptions } from '../../../server/src/features/timestampSuggestions';
import type { PostmortemDocument, TimelineEntry } from '../../../server/src/model/types';
import { joinLines, modelOf } from '../util';

const NOW = new Date('2024-03-05T14:07:30Z');

/** The suggestions after the document's last timeline entry. */
function after(text: string, options: SuggestionOptions = {}) {
  const model = modelOf(text);
  const previous = model.timeline.at(-1);
  assert.ok(previous, 'the text has a timeline entry');
  return suggestNextTimestamps(model, previous, { now: NOW, ...options });
}
const ofKind = (suggestions: ReturnType<typeof after>, kind: string) => suggestions.filter((s) => s.kind === kind);
const hhmm = ({ hour, minute, second }: { hour: number; minute: number; second?: number }) =>
  [hour, minute, ...(second !== undefined ? [second] : [])].map((n) => String(n).padStart(2, '0')).join(':');

test('each suggestion says what it is: the time above, the typical gap, now, a mentioned time', () => {
  const suggestions = after(joinLines('The site was back at 13:30 UTC.', '', '- **13:00 UTC:** a', '- **13:10 UTC:** b'));
  assert.deepEqual(suggestions.map((s) => [s.kind, hhmm(s.clock)]), [['previous', '13:10'], ['gap', '13:20'], ['now', '14:07'], ['mentioned', '13:30']]);
});

test('in a timeline with seconds the typical gap keeps its seconds', () => {
  // Gaps of 30 s and 45 s: the median is 37.5 s, written as 38 s.
  const [, gap] = after(joinLines('- **10:00:00 UTC:** a', '- **10:00:30 UTC:** b', '- **10:01:15 UTC:** c'));
  assert.equal(gap!.kind, 'gap');
  assert.equal(hhmm(gap!.clock), '10:01:53');
  assert.equal(gap!.detail, "10:01:15 UTC + 38 s, the timeline's typical gap");
});

test('"now" on a later day than a dated entry carries its date; on the same day it carries none', () => {
  const later = ofKind(after(joinLines('- 2024-03-04 20:00 UTC a')), 'now');
  assert.deepEqual(later.map((s) => [hhmm(s.clock), s.date]), [['14:07', { year: 2024, month: 3, day: 5 }]], 'the next day, though the clock is earlier');
  const sameDay = ofKind(after(joinLines('- 2024-03-05 09:00 UTC a')), 'now');
  assert.deepEqual(sameDay.map((s) => [hhmm(s.clock), s.date]), [['14:07', undefined]]);
  const yearBefore = ofKind(after(joinLines('- 2023-03-05 20:00 UTC a')), 'now');
  assert.deepEqual(yearBefore.map((s) => s.date), [{ year: 2024, month: 3, day: 5 }], 'the same day of another year is another day');
  const otherMonth = ofKind(after(joinLines('- 2024-02-05 20:00 UTC a')), 'now');
  assert.deepEqual(otherMonth.map((s) => s.date), [{ year: 2024, month: 3, day: 5 }]);
});

test('"now" in the same minute as the entry above is offered; a minute before it is not', () => {
  const exact = new Date('2024-03-05T14:07:00Z');
  assert.equal(ofKind(after('- **14:07 UTC:** a', { now: exact }), 'now').length, 1);
  assert.equal(ofKind(after('- **14:08 UTC:** a', { now: exact }), 'now').length, 0);
});

test('the typical gap leaves out entries written in the same minute', () => {
  // Gaps 0, 10 and 0 min: the typical gap is 10 min, not the 0 of the middle.
  const [, gap] = after(joinLines('- **10:00 UTC:** a', '- **10:00 UTC:** b', '- **10:10 UTC:** c', '- **10:10 UTC:** d'));
  assert.equal(gap!.detail, "10:10 UTC + 10 min, the timeline's typical gap");
});

test('"now" has the date of its zone: the local one, a fixed offset\'s, a region\'s', () => {
  const local = nowIn(undefined, NOW)!;
  assert.deepEqual(local.date, { year: NOW.getFullYear(), month: NOW.getMonth() + 1, day: NOW.getDate() });
  assert.deepEqual(local.clock, { hour: NOW.getHours(), minute: NOW.getMinutes(), second: NOW.getSeconds() });
  assert.deepEqual(nowIn('', NOW), local, 'an empty zone setting is no zone');
  assert.deepEqual(nowIn('UTC+12', NOW)!.date, { year: 2024, month: 3, day: 6 });
  assert.deepEqual(nowIn('America/Los_Angeles', new Date('2024-03-05T03:00:00Z'))!.date, { year: 2024, month: 3, day: 4 });
});

test('"now" names its zone: the local clock, a fixed offset, a region and its IANA zone', () => {
  assert.equal(nowIn(undefined, NOW)!.zoneName, 'local time: the timeline names no zone');
  assert.equal(nowIn('UTC', NOW)!.zoneName, 'UTC');
  assert.equal(nowIn('PT', NOW)!.zoneName, 'PT, America/Los_Angeles');
  assert.deepEqual(nowIn('PT', NOW)!.clock, { hour: 6, minute: 7, second: 30 });
  assert.equal(nowIn('Europe/Paris', NOW)!.zoneName, 'Europe/Paris');
  assert.equal(nowIn('CST', NOW), undefined, 'an abbreviation of several zones');
});

test('an incident is live only when its entry above is placed on a real day, in a zone with a known offset, within a day', () => {
  const live = (text: string, now: Date) => {
    const model: PostmortemDocument = modelOf(text);
    return isLive(model, model.timeline.at(-1) as TimelineEntry, now);
  };
  assert.equal(live(joinLines('# 2024-03-05: Failover', '', '- **13:40 UTC:** a'), NOW), true);
  assert.equal(live(joinLines('# 2024-03-05: Failover', '', '- **13:40 UTC:** a'), new Date('2024-03-06T13:41:00Z')), false, 'a day and a minute later');
  assert.equal(live(joinLines('# 2024-03-05: Failover', '', '- **14:20 UTC:** a'), NOW), false, 'more than five minutes ahead of now');
  assert.equal(live(joinLines('# 2024-03-05: Failover', '', '- **13:40 CST:** a'), NOW), false, 'a zone of several offsets');
  assert.equal(live(joinLines('# 2024-03-05: Failover', '', '- **14:10 UTC:** a'), NOW), true, 'a few minutes ahead: a clock set slightly fast');
  assert.equal(live(joinLines('# 2024-03-04: Failover', '', '- **14:07:30 UTC:** a'), NOW), false, 'a day old exactly');
  // Undated, in a document that gives no date: its day is unknown, whatever the clock says.
  assert.equal(live('- **00:10 UTC:** a', new Date('1970-01-01T00:20:00Z')), false);
});

test('mentioned times are offered earliest first, whatever their order in the text', () => {
  const text = joinLines('Recovered at 15:40 UTC, paged at 15:05 UTC, first errors at 14:50 UTC.', '', '- **14:30 UTC:** Deploy');
  assert.deepEqual(ofKind(after(text), 'mentioned').map((s) => hhmm(s.clock)), ['14:50', '15:05', '15:40']);
});

test('a dated mention and an undated one are ordered by their day, in a timeline whose title gives no date', () => {
  const text = joinLines('Errors from 2021-07-11 20:00 UTC; paged at 21:00 UTC.', '', '- 2021-07-11 19:00 UTC Deploy');
  assert.deepEqual(ofKind(after(text), 'mentioned').map((s) => hhmm(s.clock)), ['20:00', '21:00']);
});

test('a mention in another zone is converted to the timeline\'s, across midnight too', () => {
  const east = ofKind(after(joinLines('Paged at 12:00 UTC.', '', '- **11:00 UTC+2:** a')), 'mentioned');
  assert.deepEqual(east.map((s) => [hhmm(s.clock), s.detail]), [['14:00', 'Mentioned on line 1 (12:00 UTC, in UTC+2)']]);
  const nextDay = ofKind(after(joinLines('Paged at 17:05 PDT.', '', '- **23:50 UTC:** a')), 'mentioned');
  assert.deepEqual(nextDay.map((s) => [hhmm(s.clock), s.nextDay]), [['00:05', true]]);
  // Before the first entry, a mention may fall on the day before: it says so.
  const first = suggestFirstTimestamps(modelOf(joinLines('Paged at 02:00 UTC.', '', '## Timeline', '')), 'PDT', { now: NOW });
  assert.deepEqual(ofKind(first, 'mentioned').map((s) => [hhmm(s.clock), s.nextDay]), [['19:00', false]]);
});

test('a mention on the line being added is counted a line further down', () => {
  const text = joinLines('- **10:00 UTC:** a', '', 'Paged at 10:30 UTC.');
  const mention = (addedLine: number) => ofKind(after(text, { addedLine }), 'mentioned')[0]!.detail;
  assert.equal(mention(2), 'Mentioned on line 4', 'added at the mention\'s line: it moves down');
  assert.equal(mention(3), 'Mentioned on line 3', 'added below it: it stays');
});

test('a mention\'s line is shown with its runs of spaces and tabs made single', () => {
  const [mention] = ofKind(after(joinLines('Paged   at\t\t10:30 UTC.', '', '- **10:00 UTC:** a')), 'mentioned');
  assert.equal(mention!.documentation, 'Paged at 10:30 UTC.');
});

test('clocks in prose that are not times of day are not offered: 10:75, a leap second, 0:30 PM, 13:05 PM', () => {
  const text = joinLines('The counter read 10:75 UTC, the clock 23:59:60 UTC, then 0:30 PM UTC and 13:05 PM UTC.', '', '- **10:00 UTC:** a');
  assert.deepEqual(ofKind(after(text), 'mentioned'), []);
  const valid = joinLines('Paged at 12:30 PM UTC, fixed at 11:45 PM UTC, checked at 23:50 UTC.', '', '- **10:00 UTC:** a');
  assert.deepEqual(ofKind(after(valid), 'mentioned').map((s) => hhmm(s.clock)), ['12:30', '23:45', '23:50']);
});

test('in a timeline that names no zone, a mention in a zone is offered as written', () => {
  assert.deepEqual(ofKind(after(joinLines('Paged at 12:00 UTC.', '', '- **10:00:** a')), 'mentioned').map((s) => [hhmm(s.clock), s.detail]), [['12:00', 'Mentioned on line 1']]);
});

test('the first entry of a timeline is offered now, then the mentioned times', () => {
  const first = suggestFirstTimestamps(modelOf(joinLines('Paged at 15:00 UTC.', '', '## Timeline', '')), 'UTC', { now: NOW });
  assert.deepEqual(first.map((s) => [s.kind, hhmm(s.clock), s.placeholder]), [['now', '14:07:30', false], ['mentioned', '15:00', true]]);
});

test('a date prefix after other words: only the date moves, the words stay', () => {
  const day = (year: number, month: number, date: number) => ({ year, month, day: date });
  assert.equal(rewriteDatePrefix('Sat 2021-07-10 ', day(2021, 7, 10), day(2021, 7, 11)), 'Sun 2021-07-11 ');
  assert.equal(rewriteDatePrefix('Sat 07-10 ', day(2021, 7, 10), day(2021, 7, 11)), 'Sun 07-11 ');
  assert.equal(rewriteDatePrefix('Day 2, Jul 10, ', day(2021, 7, 10), day(2021, 7, 11)), 'Day 2, Jul 11, ', 'a number that is not the day stays');
});

test('every month and weekday name moves on to the next', () => {
  const full = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const lastDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  full.forEach((name, i) => {
    const next = full[(i + 1) % 12]!;
    const year = i === 11 ? 2022 : 2021;
    const old = { year: 2021, month: i + 1, day: lastDays[i]! };
    const date = { year, month: ((i + 1) % 12) + 1, day: 1 };
    assert.equal(rewriteDatePrefix(`${name} ${old.day} `, old, date), `${next} 1 `);
    // "May" is its whole name: it is followed by a whole one.
    assert.equal(rewriteDatePrefix(`${name.slice(0, 3)} ${old.day} `, old, date), `${name === 'May' ? next : next.slice(0, 3)} 1 `);
  });
  // 2021-03-07 was a Sunday: a week of days, each named in full and short.
  const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  weekdays.forEach((name, i) => {
    const next = weekdays[(i + 1) % 7]!;
    const old = { year: 2021, month: 3, day: 7 + i };
    const date = { year: 2021, month: 3, day: 8 + i };
    assert.equal(rewriteDatePrefix(`${name} ${old.day} March `, old, date), `${next} ${date.day} March `);
    assert.equal(rewriteDatePrefix(`${name.slice(0, 3)} ${old.day} Mar `, old, date), `${next.slice(0, 3)} ${date.day} Mar `);
  });
});

test('after an entry, a time the prose mentions before it is not offered; one after it is', () => {
  const mentioned = ofKind(after(joinLines('Errors began at 12:40 UTC and the site was back at 13:30 UTC.', '', '- **13:00 UTC:** a', '- **13:10 UTC:** b')), 'mentioned');
  assert.deepEqual(mentioned.map((s) => hhmm(s.clock)), ['13:30']);
  const twice = ofKind(after(joinLines('It was fully back at 13:50 UTC; partly at 13:30 UTC.', '', '- **13:00 UTC:** a')), 'mentioned');
  assert.deepEqual(twice.map((s) => hhmm(s.clock)), ['13:30', '13:50'], 'in time order, not text order');
});

test('a long line is shortened around the mentioned time, with an ellipsis on each side cut', () => {
  const long = `${'word '.repeat(40)}the site was back at 13:30 UTC ${'more '.repeat(40)}`.trim();
  const [mention] = ofKind(after(joinLines(long, '', '- **13:00 UTC:** a')), 'mentioned');
  const shown = String(mention!.documentation);
  assert.ok(shown.startsWith('…') && shown.endsWith('…') && shown.includes('13:30 UTC'), shown);
  assert.ok(shown.length <= 102, shown);
  const tail = `${'word '.repeat(40)}the site was back at 13:30 UTC`;
  const [end] = ofKind(after(joinLines(tail, '', '- **13:00 UTC:** a')), 'mentioned');
  assert.ok(String(end!.documentation).endsWith('13:30 UTC') && String(end!.documentation).startsWith('…'), String(end!.documentation));
  assert.equal(String(end!.documentation).length, 101, 'a time near the end shows the last 100 characters');
});

test('a mentioned time an entry already has is not offered again on that day; on another day, or month, it is', () => {
  const entries = ['', '- 2024-03-05 09:00 UTC Deploy', '- 2024-03-05 09:30 UTC Rollback'];
  const mentioned = (sentence: string) => ofKind(after(joinLines(sentence, ...entries)), 'mentioned').map((s) => [hhmm(s.clock), s.date]);
  assert.deepEqual(mentioned('Rolled back at 2024-03-05 09:30 UTC.'), []);
  assert.deepEqual(mentioned('Checked again at 2024-03-06 09:30 UTC.'), [['09:30', { year: 2024, month: 3, day: 6 }]]);
  assert.deepEqual(mentioned('Checked again at 2024-04-05 09:30 UTC.'), [['09:30', { year: 2024, month: 4, day: 5 }]]);
});

test('a mentioned time keeps its seconds when it has them, and has none when it has not', () => {
  const clocks = ofKind(after(joinLines('Paged at 10:05:30 UTC, fixed at 10:20 UTC.', '', '- **10:00 UTC:** a')), 'mentioned').map((s) => s.clock);
  assert.deepEqual(clocks, [{ hour: 10, minute: 5, second: 30 }, { hour: 10, minute: 20 }]);
});
