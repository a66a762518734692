import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, modelOf } from '../util';

const findings = (leadup: string[]) => lint(modelOf(completePostmortem({ leadup }))).filter((d) => d.code === 'PM004');

test('25:61 is an impossible time, reported on the timestamp as an error', () => {
  const [finding, ...rest] = findings(['- **25:61 UTC:** node reboots']);
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, 'Impossible time "25:61 UTC": hour 25 is past 23.');
  assert.equal(finding!.severity, 1);
  assert.deepEqual(finding!.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 13 } });
});

test('minutes, 24:00, seconds and impossible dates', () => {
  assert.deepEqual(
    findings(['- 12:60 a', '- 24:00 b', '- 10:00:61 c', '- 2021-02-30 10:00 d', '- 2023-02-29 10:00 e']).map((d) => d.message),
    [
      'Impossible time "12:60": minute 60 is past 59.',
      'Impossible time "24:00": 24:00 is not a time of day; write 00:00 of the next day.',
      'Impossible time "10:00:61": second 61 is past 59.',
      'Impossible time "2021-02-30 10:00": 2021-02 has 28 days, not 30.',
      'Impossible time "2023-02-29 10:00": 2023-02 has 28 days, not 29.',
    ],
  );
});

test('real edge times and a leap day pass', () => {
  assert.deepEqual(findings(['- 00:00 a', '- 23:59:59 b', '- 2024-02-29 10:00 c', '- 2024-02-29 23:59:60 d']), []);
});
