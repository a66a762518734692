// Timeline entries placed in time, and the milestones (start, detection, resolution) the metrics are measured between.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_KEYWORDS, formatDuration, formatOffset, incidentsOf, keywordsFrom, mentionsKeyword, milestones, placeEntries, placeTimeline, saysResolved, type PlacedEntry } from '../../../server/src/features/incidentTimes';
import type { TimelineEntry } from '../../../server/src/model/types';
import { joinLines, modelOf } from '../util';

/** Each entry's time as an ISO string (UTC). */
const placed = (...lines: string[]) =>
  placeEntries(modelOf(joinLines(...lines))).map((p) => new Date(p.at * 60_000).toISOString().slice(0, 16));

/** Entries at the given minutes, in the order written, for milestones(). */
const entries = (...written: Array<[number, string]>): PlacedEntry[] =>
  written.map(([at, text]) => ({ at, entry: { text } as TimelineEntry }));
const textsOf = (m: ReturnType<typeof milestones>) => ({
  start: m.start?.entry.text,
  detection: m.detection?.entry.text,
  resolution: m.resolution?.entry.text,
});

test('without a stated date, undated entries stand on the first valid date an entry gives', () => {
  assert.deepEqual(placed('- **09:00 UTC:** a', '- 2021-07-11 10:00 UTC b'), ['2021-07-11T09:00', '2021-07-11T10:00']);
  // February 30 is no date: the next entry's is taken.
  assert.deepEqual(placed('- **09:00 UTC:** a', '- 2021-02-30 09:30 UTC b', '- 2021-07-11 10:00 UTC c'), ['2021-07-11T09:00', '2021-07-11T10:00']);
});

test('a date without a year more than half a year before the entry above is in the next year', () => {
  const title = '# 2021-07-01: Outage';
  assert.deepEqual(placed(title, '', '- Dec 31 23:50 UTC a', '- Jan 1 00:10 UTC b'), ['2021-12-31T23:50', '2022-01-01T00:10']);
  assert.deepEqual(placed(title, '', '- Jul 10 23:50 UTC a', '- Jul 11 00:10 UTC b'), ['2021-07-10T23:50', '2021-07-11T00:10']);
  // 181 days back stays in the year (an entry out of order); 182 days back is the next year.
  assert.deepEqual(placed(title, '', '- Jul 1 00:00 UTC a', '- Jan 1 00:00 UTC b'), ['2021-07-01T00:00', '2021-01-01T00:00']);
  assert.deepEqual(placed(title, '', '- Jul 2 00:00 UTC a', '- Jan 1 00:00 UTC b'), ['2021-07-02T00:00', '2022-01-01T00:00']);
  // A date that states its year is where it says, however far back.
  assert.deepEqual(placed('- 2021-12-31 23:50 UTC a', '- 2021-01-01 00:10 UTC b'), ['2021-12-31T23:50', '2021-01-01T00:10']);
});

test('an undated clock more than twelve hours back crosses midnight; twelve hours back exactly does not', () => {
  const title = '# 2021-07-11: Outage';
  assert.deepEqual(placed(title, '', '- **22:00 UTC:** a', '- **09:59 UTC:** b'), ['2021-07-11T22:00', '2021-07-12T09:59']);
  assert.deepEqual(placed(title, '', '- **22:00 UTC:** a', '- **10:00 UTC:** b'), ['2021-07-11T22:00', '2021-07-11T10:00']);
});

test('detection is the earliest detection entry in time, whatever the order they were written in', () => {
  const m = milestones(entries([100, 'Paged the on-call'], [50, 'Alert fired'], [40, 'The site went down'], [200, 'Service restored']));
  assert.deepEqual(textsOf(m), { start: 'The site went down', detection: 'Alert fired', resolution: 'Service restored' });
});

test('a recovery before the incident was detected is not its resolution', () => {
  const before = milestones(entries([0, 'The site went down'], [5, 'Cache recovered'], [10, 'Alert fired']));
  assert.equal(before.resolution, undefined);
  // Detected and restored in the same minute: that is the resolution.
  const same = milestones(entries([0, 'The site went down'], [10, 'Alert fired'], [10, 'Service restored']));
  assert.equal(same.resolution?.entry.text, 'Service restored');
});

test('an entry after the resolution that reports the problem again undoes it; one that only shares a word does not', () => {
  const again = milestones(entries([0, 'The site went down'], [10, 'Alert fired'], [20, 'Service restored'], [30, 'The site is down.']));
  assert.equal(again.resolution, undefined);
  const downstream = milestones(entries([0, 'The site went down'], [10, 'Alert fired'], [20, 'Service restored'], [30, 'Downstream caches warmed.']));
  assert.equal(downstream.resolution?.entry.text, 'Service restored');
});

test('one timeline is placed on its own: the entries of another are not in it', () => {
  const model = modelOf(joinLines('# 2021-07-11: Outage', '', '## Timeline', '', '- **10:00 UTC:** a', '- **10:05 UTC:** b', '', '## Impact', '', 'Text.', '', '## Recovery log', '', '| Time (UTC) | Event |', '| --- | --- |', '| 11:00 | c |'));
  const ids = [...new Set(model.timeline.map((entry) => entry.timelineId))];
  assert.equal(ids.length, 2);
  assert.deepEqual(ids.map((id) => placeTimeline(model, id).map((p) => p.entry.text)), [['a', 'b'], ['c']]);
});

test('a span under an hour keeps its seconds; a span of seconds is written in seconds', () => {
  assert.equal(formatDuration(1.5), '1 min 30 s');
  assert.equal(formatDuration(0.5), '30 s');
  assert.equal(formatDuration(61.5), '1 h 1 min', 'seconds are not written past an hour');
});

test('durations and offsets before the start are written with a minus sign', () => {
  assert.equal(formatDuration(-90), '−1 h 30 min');
  assert.equal(formatDuration(90), '1 h 30 min');
  assert.equal(formatOffset(-5), 'T−5 min');
  assert.equal(formatOffset(0), 'T+0');
});

test('timeline keywords from the settings are trimmed; empty ones are dropped; a bad list keeps the defaults', () => {
  const keywords = keywordsFrom({ timelineKeywords: { start: ['  went dark ', ''], detection: 'alert' } });
  assert.deepEqual(keywords.start, ['went dark']);
  assert.ok(keywords.detection.includes('alert') && keywords.detection.length > 1, 'the default detection words');
});

test('a keyword list from the settings with anything but words in it keeps the default list', () => {
  assert.deepEqual(keywordsFrom({ timelineKeywords: { start: ['began', 3] } }).start, DEFAULT_KEYWORDS.start);
  assert.deepEqual(keywordsFrom({ timelineKeywords: { start: [' began ', ''] } }).start, ['began']);
});

test('a keyword counts at the start of a word only', () => {
  assert.equal(mentionsKeyword('Customers noticed errors', ['notice']), 'notice');
  assert.equal(mentionsKeyword('Re-alerted the team', ['alert']), 'alert');
  assert.equal(mentionsKeyword('Unnoticed for an hour', ['notice']), undefined);
});

test('the start is a start keyword no later than detection, else the first entry; the last entry is the last written unless it is before the start', () => {
  const late = milestones(entries([0, 'errors climb'], [5, 'alert fired'], [10, 'outage began for EU'], [30, 'service restored']));
  assert.deepEqual(textsOf(late), { start: 'errors climb', detection: 'alert fired', resolution: 'service restored' });
  const typo = milestones(entries([60, 'errors climb'], [65, 'alert fired'], [90, 'service restored'], [10, 'note written']));
  assert.equal(typo.last?.entry.text, 'service restored');
  const tie = milestones(entries([60, 'errors climb'], [90, 'service restored'], [60, 'note written']));
  assert.equal(tie.last?.entry.text, 'service restored', 'written last at the start\'s own time: the latest entry is the last');
  const after = milestones(entries([60, 'errors climb'], [120, 'service restored'], [95, 'note written']));
  assert.equal(after.last?.entry.text, 'note written', 'written last after the start: the last even when not the latest');
});

test('headings that hold only non-incident sections (Summary, Timeline) are not incidents of a log', () => {
  const part = (name: string) => [`## ${name}`, '', '### Leadup', '', 'Text.', '', '### Follow-up tasks', '', '- [ ] Fix (@a)', '', '### Timeline', '', '- 10:00 UTC a', '- 10:30 UTC b', ''];
  assert.deepEqual(incidentsOf(modelOf(joinLines('# Log', '', ...part('March'), ...part('May')))), []);
  const mixed = (name: string) => [`## ${name}`, '', '### Impact and follow-up', '', 'Text.', '', '### Resolution and next steps', '', 'Fixed.', '', '### Timeline', '', '- 10:00 UTC a', '- 10:30 UTC b', ''];
  assert.equal(incidentsOf(modelOf(joinLines('# Log', '', ...mixed('March'), ...mixed('May')))).length, 2);
  const incident = (name: string) => [`## ${name}`, '', '### Impact', '', 'Text.', '', '### Resolution', '', 'Fixed.', '', '### Timeline', '', '- 10:00 UTC a', '- 10:30 UTC b', ''];
  assert.equal(incidentsOf(modelOf(joinLines('# Log', '', ...incident('March'), ...incident('May')))).length, 2);
});

test('a resolution word resolves unless its sentence says the problem goes on; the words that say so count only whole', () => {
  const resolves = (sentence: string) => saysResolved(sentence, DEFAULT_KEYWORDS.resolution);
  for (const sentence of ['Service restored and customers notified.', 'Service restored after a standstill.', 'Recovered fully.']) {
    assert.equal(resolves(sentence), true, sentence);
  }
  for (const sentence of ['Service restored, but volumes will not mount.', 'Not yet resolved.', 'Partially recovered.', "The fix deployed didn't help."]) {
    assert.equal(resolves(sentence), false, sentence);
  }
});
