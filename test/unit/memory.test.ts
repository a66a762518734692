// The idle collection (server/src/memory.ts): when it runs, when it holds off, and that it really collects.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { IdleCollector, type IdleCollectorOptions } from '../../server/src/memory';

/**
 * A collector on a fake clock (node:test's mock timers and the collector's own `now`), with a fake heap that has grown
 * by `grown` bytes, recording when it collects: the tests say how much time passes, so a busy machine cannot
 * make a timer fire late and a test fail.
 */
function collector(t: TestContext, options: Partial<IdleCollectorOptions> & { grown?: number } = {}) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  let heap = 0;
  const collected: number[] = [];
  const idle = new IdleCollector({
    idleMs: 30,
    minGrowthBytes: 100,
    secondAfterMs: 150,
    busy: () => false,
    collect: () => collected.push(now),
    heapBytes: () => heap,
    now: () => now,
    ...options,
  });
  heap = options.grown ?? 1000;
  /** Lets `ms` milliseconds pass, a millisecond at a time, firing the timers due on the way. */
  const pass = (ms: number) => {
    for (let i = 0; i < ms; i++) {
      now++;
      t.mock.timers.tick(1);
    }
  };
  return { idle, collected, pass };
}

test('after a quiet time, a heap that has grown is collected, and again a set time after that', (t) => {
  const { idle, collected, pass } = collector(t);
  idle.activity();
  pass(29);
  assert.deepEqual(collected, [], 'not before the quiet time');
  pass(1);
  assert.deepEqual(collected, [30]);
  pass(149);
  assert.deepEqual(collected, [30]);
  pass(1);
  assert.deepEqual(collected, [30, 180], 'the second, 150 ms after the first');
  pass(1000);
  assert.equal(idle.collections, 2, 'and no third');
});

test('a heap that has not grown enough is left alone', (t) => {
  const { idle, collected, pass } = collector(t, { grown: 50 });
  idle.activity();
  pass(1000);
  assert.deepEqual(collected, []);
});

test('activity keeps putting the collection off', (t) => {
  const { idle, collected, pass } = collector(t, { idleMs: 300 });
  for (let i = 0; i < 20; i++) {
    idle.activity();
    pass(20);
  }
  assert.deepEqual(collected, []);
  pass(280);
  assert.deepEqual(collected, [300 + 19 * 20], 'once it has been quiet for 300 ms after the last activity');
  idle.dispose();
});

test('nothing is collected while work is under way; it is once the work is done', (t) => {
  let busy = true;
  const { idle, collected, pass } = collector(t, { busy: () => busy });
  idle.activity();
  pass(120);
  assert.deepEqual(collected, []);
  busy = false;
  pass(30);
  assert.equal(collected.length, 1);
  idle.dispose();
});

test('activity after the first collection puts the second off until it is quiet again', (t) => {
  const { idle, collected, pass } = collector(t, { idleMs: 300 });
  idle.activity();
  pass(300);
  assert.deepEqual(collected, [300]);
  // Activity past the time the second was due (150 ms after the first).
  for (let i = 0; i < 20; i++) {
    idle.activity();
    pass(20);
  }
  assert.equal(collected.length, 1);
  pass(300);
  assert.equal(collected.length, 2);
});

test('without --expose-gc there is nothing to collect with, and nothing is scheduled', (t) => {
  // The unit tests run without the flag (the server's own process has it: nodeArgs.ts; test/protocol/memory.test.ts).
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let asked = 0;
  const idle = new IdleCollector({ idleMs: 10, minGrowthBytes: 0, secondAfterMs: 10, busy: () => (asked++, false), heapBytes: () => 1 });
  idle.activity();
  t.mock.timers.tick(100);
  assert.equal(asked, 0);
  assert.equal(idle.collections, 0);
});
