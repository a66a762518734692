// The idle collection (server/src/memory.ts): when it runs, when it holds off, and that it really collects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdleCollector, type IdleCollectorOptions } from '../../server/src/memory';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `condition` (timers run late on a busy machine, so the tests wait for events rather than fixed times). */
async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

/** A collector with a fake heap that has grown by `grown` bytes, recording when it collects. */
function collector(options: Partial<IdleCollectorOptions> & { grown?: number } = {}) {
  let heap = 0;
  const start = performance.now();
  const collected: number[] = [];
  const idle = new IdleCollector({
    idleMs: 30,
    minGrowthBytes: 100,
    secondAfterMs: 150,
    busy: () => false,
    collect: () => collected.push(performance.now() - start),
    heapBytes: () => heap,
    ...options,
  });
  heap = options.grown ?? 1000;
  return { idle, collected };
}

test('after a quiet time, a heap that has grown is collected, and again a set time after that', async () => {
  const { idle, collected } = collector();
  idle.activity();
  await until(() => collected.length === 1);
  await until(() => collected.length === 2);
  assert.ok(collected[1]! - collected[0]! >= 150, `the second came ${collected[1]! - collected[0]!} ms after the first`);
  assert.equal(idle.collections, 2);
});

test('a heap that has not grown enough is left alone', async () => {
  const { idle, collected } = collector({ grown: 50 });
  idle.activity();
  await sleep(250);
  assert.equal(collected.length, 0);
});

test('activity keeps putting the collection off', async () => {
  const { idle, collected } = collector({ idleMs: 300 });
  for (let i = 0; i < 20; i++) {
    idle.activity();
    await sleep(20);
  }
  assert.equal(collected.length, 0);
  await until(() => collected.length === 1);
  idle.dispose();
});

test('nothing is collected while work is under way; it is once the work is done', async () => {
  let busy = true;
  const { idle, collected } = collector({ busy: () => busy });
  idle.activity();
  await sleep(120);
  assert.equal(collected.length, 0);
  busy = false;
  await until(() => collected.length === 1);
  idle.dispose();
});

test('activity after the first collection puts the second off until it is quiet again', async () => {
  const { idle, collected } = collector({ idleMs: 300 });
  idle.activity();
  await until(() => collected.length === 1);
  // Activity past the time the second was due (150 ms after the first).
  for (let i = 0; i < 20; i++) {
    idle.activity();
    await sleep(20);
  }
  assert.equal(collected.length, 1);
  await until(() => collected.length === 2);
});

test('without --expose-gc there is nothing to collect with, and nothing is scheduled', async () => {
  // The unit tests run without the flag (the server's own process has it: nodeArgs.ts; test/protocol/memory.test.ts).
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  let asked = 0;
  const idle = new IdleCollector({ idleMs: 10, minGrowthBytes: 0, secondAfterMs: 10, busy: () => (asked++, false), heapBytes: () => 1 });
  idle.activity();
  await sleep(100);
  assert.equal(asked, 0);
  assert.equal(idle.collections, 0);
});
