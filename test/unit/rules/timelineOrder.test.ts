import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, modelOf } from '../util';

const orderFindings = (leadup: string[]) => lint(modelOf(completePostmortem({ leadup }))).filter((d) => d.code === 'PM003');

test('an entry earlier than the one above is reported, pointing at the earlier one', () => {
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

test('dated entries are ordered by date first', () => {
  assert.deepEqual(orderFindings(['- **2021-07-10 23:00 UTC:** a', '- **2021-07-11 01:00 UTC:** b']), []);
  assert.equal(orderFindings(['- **2021-07-11 01:00 UTC:** a', '- **2021-07-10 23:00 UTC:** b']).length, 1);
});

test('entries of different lists are separate timelines', () => {
  assert.deepEqual(orderFindings(['- 10:00 a', '- 11:00 b', '', 'Next day:', '', '- 09:00 c']), []);
});

test('impossible times are not also reported as out of order', () => {
  const codes = lint(modelOf(completePostmortem({ leadup: ['- 10:00 a', '- 25:61 b', '- 11:00 c'] }))).map((d) => d.code);
  assert.deepEqual(codes, ['PM004']);
});
