// Offsets from the incident's start as timestamps (`T+45m`): every shape read, with its minutes and where it lies in
// the text, and what is not an offset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRelativeStamp } from '../../server/src/model/relativeTime';

const read = (text: string) => {
  const stamp = parseRelativeStamp(text);
  return stamp && { minutes: stamp.relative, time: text.slice(stamp.timeStart, stamp.timeEnd), rest: text.slice(stamp.length), clock: `${stamp.clock.hour}:${stamp.clock.minute}` };
};

test('offsets in minutes, hours, days and h:mm, after T with a sign', () => {
  assert.deepEqual(read('T+45m rollback'), { minutes: 45, time: 'T+45m', rest: 'rollback', clock: '0:45' });
  assert.deepEqual(read('T + 45 minutes: rollback'), { minutes: 45, time: 'T + 45 minutes', rest: 'rollback', clock: '0:45' });
  assert.deepEqual(read('T+1h30m - paged'), { minutes: 90, time: 'T+1h30m', rest: 'paged', clock: '1:30' });
  assert.deepEqual(read('T+2 hours, restored'), { minutes: 120, time: 'T+2 hours', rest: 'restored', clock: '2:0' });
  assert.deepEqual(read('T+1d 2h: next day'), { minutes: 1560, time: 'T+1d 2h', rest: 'next day', clock: '2:0' });
  assert.deepEqual(read('T+1:30 paged'), { minutes: 90, time: 'T+1:30', rest: 'paged', clock: '1:30' });
  assert.deepEqual(read('T+0: start'), { minutes: 0, time: 'T+0', rest: 'start', clock: '0:0' });
  // Before the start: the clock counts back from the midnight that stands for T.
  assert.deepEqual(read('T-5 min: deploy'), { minutes: -5, time: 'T-5 min', rest: 'deploy', clock: '23:55' });
  assert.deepEqual(read('T−1:30 warning'), { minutes: -90, time: 'T−1:30', rest: 'warning', clock: '22:30' });
});

test('in bold or brackets, with punctuation inside or after; a bare +2h only when set apart', () => {
  const bold = parseRelativeStamp('**T+2h:** restored')!;
  assert.deepEqual([bold.relative, bold.format.emphasis, bold.format.brackets, bold.format.punctuation, bold.format.after], [120, '**', '', ':', '']);
  const bracketed = parseRelativeStamp('[T+10m] alert')!;
  assert.deepEqual([bracketed.relative, bracketed.format.brackets, bracketed.format.emphasis], [10, '[', '']);
  const parenthesised = parseRelativeStamp('(+2h): update')!;
  assert.deepEqual([parenthesised.relative, parenthesised.format.brackets, parenthesised.format.after], [120, '(', ':']);
  assert.equal(parseRelativeStamp('__T+3m__ x')?.format.emphasis, '__');
  assert.equal(parseRelativeStamp('**T+3m** - x')?.format.after, ' -');
  for (const stamp of [bold, bracketed, parenthesised]) {
    assert.equal(stamp.delimited, true);
    assert.equal(stamp.dotted, false);
    assert.deepEqual([stamp.clockStart, stamp.clockEnd], [stamp.timeStart, stamp.timeEnd]);
  }
});

test('not offsets: a bare +2h, mismatched brackets, no amount, a minute past 59, words after the number', () => {
  for (const text of ['+2h of retries', '(+2h] x', '[T+2h) x', '**T+2h x', 'T+ later', 'T+1:75 x', 'T+5 apples', 'T+5mins2 x', 'Tx+5m', 'T*5m x', 'T+5m.', 'T+2hx']) {
    assert.equal(parseRelativeStamp(text), undefined, text);
  }
});

test('an offset in days alone', () => {
  assert.deepEqual(read('T+1d: next day'), { minutes: 1440, time: 'T+1d', rest: 'next day', clock: '0:0' });
  assert.deepEqual(read('T+2 days: later'), { minutes: 2880, time: 'T+2 days', rest: 'later', clock: '0:0' });
});
