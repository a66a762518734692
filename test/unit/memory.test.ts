// The idle collection (server/src/memory.ts): when it runs, when it holds off, and that it really collects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdleCollector, type IdleCollectorOptions } from '../../server/src/memory';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A collector with a fake heap that has grown by `grown` bytes, counting the collections it asks for. */
function collector(options: Partial<IdleCollectorOptions> & { grown?: number } = {}) {
  let heap = 0;
  const collected: number[] = [];
  const idle = new IdleCollector({
    idleMs: 30,
    minGrowthBytes: 100,
    busy: () => false,
    collect: () => collected.push(Date.now()),
    heapBytes: () => heap,
    ...options,
  });
  heap = options.grown ?? 1000;
  return { idle, collected };
}

test('after a quiet time, a heap that has grown is collected twice', async () => {
  const { idle, collected } = collector();
  idle.activity();
  await sleep(250);
  assert.equal(collected.length, 2);
  assert.equal(idle.collections, 2);
});

test('a heap that has not grown enough is left alone', async () => {
  const { idle, collected } = collector({ grown: 50 });
  idle.activity();
  await sleep(250);
  assert.equal(collected.length, 0);
});

test('activity keeps putting the collection off', async () => {
  const { idle, collected } = collector();
  for (let i = 0; i < 8; i++) {
    idle.activity();
    await sleep(10);
  }
  assert.equal(collected.length, 0);
  await sleep(250);
  assert.equal(collected.length, 2);
});

test('nothing is collected while work is under way; it is once the work is done', async () => {
  let busy = true;
  const { idle, collected } = collector({ busy: () => busy });
  idle.activity();
  await sleep(120);
  assert.equal(collected.length, 0);
  busy = false;
  await sleep(250);
  assert.equal(collected.length, 2);
});

test('activity between the two collections cancels the second', async () => {
  const { idle, collected } = collector();
  idle.activity();
  while (collected.length === 0) await sleep(5);
  idle.activity();
  idle.dispose();
  await sleep(250);
  assert.equal(collected.length, 1);
});

test('with V8\'s own collection, garbage is freed', async () => {
  let heap = 0;
  const idle = new IdleCollector({ idleMs: 10, minGrowthBytes: 1, busy: () => false, heapBytes: () => heap });
  heap = 2;
  // Only a full collection clears a WeakRef whose target has become garbage.
  let target: object | undefined = { big: new Array(1000).fill(1) };
  const ref = new WeakRef(target);
  target = undefined;
  // A WeakRef's target is kept until the current job ends: let it end before the collection.
  await sleep(0);
  idle.activity();
  await sleep(300);
  assert.equal(idle.collections, 2);
  assert.equal(ref.deref(), undefined);
});
