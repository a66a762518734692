import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { hover } from '../../../server/src/features/hover';
import { formatDuration, formatOffset, incidentMetrics, keywordsFrom, placeEntries } from '../../../server/src/features/incidentTimes';
import { CURSOR, fixture, joinLines, modelAtCursor, modelOf } from '../util';

const hoverText = (text: string, keywords?: Parameters<typeof hover>[2]) => {
  const { model, position } = modelAtCursor(text);
  const result = hover(model, position, keywords);
  return result ? (result.contents as MarkupContent).value : undefined;
};

const timeline = [
  '# 2021-07-11: Cascading node failures',
  '',
  '## Timeline',
  '',
  '- **23:40 UTC:** Deploy starts a migration',
  '- **23:52 UTC:** Error rate climbs; the outage begins',
  '- **00:07 UTC:** On-call is paged by an alert',
  '- **00:31 UTC:** Migration rolled back',
  '- **01:02 UTC:** Service restored',
  '- **01:20 UTC:** Error budget report written',
];

test('on a timestamp: T+ from the incident start and + from the entry above, across midnight', () => {
  const text = joinLines(...timeline).replace('**00:31', `**00:3${CURSOR}1`);
  assert.equal(hoverText(text), '**T+39 min** from the incident start (23:52 UTC)\n\n+24 min after the entry above (00:07 UTC)', 'the start is where the outage begins, not the deploy before it');
});

test('the start, detection and resolution entries say so', () => {
  assert.match(hoverText(joinLines(...timeline).replace('**23:52', `**23:${CURSOR}52`))!, /^\*\*Incident start\*\* \(T\+0\)\n\n\+12 min after the entry above \(23:40 UTC\)$/);
  assert.match(hoverText(joinLines(...timeline).replace('**00:07', `**00:0${CURSOR}7`))!, /Detection: the first entry that says "alert"$/);
  assert.match(hoverText(joinLines(...timeline).replace('**01:02', `**01:0${CURSOR}2`))!, /Resolution: the last entry that says "restored"$/);
});

test('on the title: duration, time to detect and time to resolve, and where they were read', () => {
  const value = hoverText(joinLines(...timeline).replace('# 2021', `# 20${CURSOR}21`))!;
  assert.match(value, /^\| Duration \| 1 h 10 min \| 23:52 UTC → 01:02 UTC \|$/m);
  assert.match(value, /^\| Time to detect \| 15 min \| 23:52 UTC → 00:07 UTC \|$/m);
  assert.match(value, /^\| Time to resolve \| 55 min \| 00:07 UTC → 01:02 UTC \|$/m);
  assert.match(value, /start 23:52 UTC \(line 6: “Error rate climbs; the outage begins”\)/);
});

test('keywords come from the setting; missing milestones are said, not guessed', () => {
  const keywords = keywordsFrom({ timelineKeywords: { detection: ['noticed'], resolution: ['rolled back'] } });
  assert.deepEqual(keywords.start, keywordsFrom(undefined).start, 'a list left out keeps its default');
  const value = hoverText(joinLines(...timeline).replace('# 2021', `# ${CURSOR}2021`), keywords)!;
  assert.match(value, /^\| Time to detect \| — \| no entry says "noticed" \|$/m);
  assert.match(value, /^\| Duration \| 39 min \| 23:52 UTC → 00:31 UTC \|$/m);
  assert.deepEqual(keywordsFrom({ timelineKeywords: { detection: 'alert' } }).detection, keywordsFrom(undefined).detection, 'a bad value keeps the default');
});

test('no hover away from timestamps and titles, or for an impossible time', () => {
  assert.equal(hoverText(joinLines(...timeline).replace('Deploy starts', `Deploy ${CURSOR}starts`)), undefined);
  assert.equal(hoverText(joinLines('- **25:61 UTC:** x', `- **00:1${CURSOR}0 UTC:** y`)), '**Incident start** (T+0)', 'the impossible time is skipped');
  assert.equal(hoverText(joinLines(`- **25:6${CURSOR}1 UTC:** x`, '- **00:10 UTC:** y')), undefined);
});

test('placement: dated entries, zones with offsets and the incident date', () => {
  const model = modelOf(joinLines('# 2021-07-11: x', '', '- 2021-07-11 23:50 UTC a', '- 2021-07-12 00:10 UTC b', '', '- 17:00 PDT c'));
  const placed = placeEntries(model);
  assert.deepEqual(placed.map((p) => p.at - placed[0]!.at), [0, 20, 10]);
  assert.equal(incidentMetrics(model).start?.entry.timeText, '2021-07-11 23:50 UTC');
});

test('durations read the way people write them', () => {
  assert.deepEqual([0.5, 1, 59, 60, 134, 1440, 1441, 1500 + 24 * 60].map(formatDuration), ['30 s', '1 min', '59 min', '1 h', '2 h 14 min', '1 d', '1 d', '2 d 1 h']);
  assert.deepEqual([0, 27, -5].map(formatOffset), ['T+0', 'T+27 min', 'T−5 min']);
});

test('seed: the python-discord outage has no timeline entries, so no metric is invented for it', () => {
  const model = modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'));
  assert.deepEqual(model.timeline, []);
  assert.deepEqual(incidentMetrics(model), {});
});
