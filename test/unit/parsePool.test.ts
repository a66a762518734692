// The parse pool with real worker threads (the worker from sources): how many workers it keeps, when it starts and
// ends them, and that a broken worker script fails parses instead of starting workers in a loop.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { ChunkJob } from '../../server/src/model/markdownChunks';
import { INLINE_PARSE_CHARS, ParseFailure, ParsePool, ParseTimeout, type ParsePoolOptions } from '../../server/src/parsePool';
import { earlyWorkerSettled, startEarlyWorker, takeEarlyWorker } from '../../server/src/parseWorker';

const workerFile = fileURLToPath(new URL('../support/parseWorker.mjs', import.meta.url));

/** A chunk long enough to go to a worker rather than be parsed in this thread. */
function job(n: number): ChunkJob {
  const text = Array.from({ length: 60 }, (_, i) => `- **${String(i % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} UTC:** step ${n}.${i} of the response\n`).join('');
  assert.ok(text.length > INLINE_PARSE_CHARS);
  return { text, line: 0, frontMatter: false, definitions: '' };
}

/** A list item holding 32,000 nested items: micromark takes seconds over it (see the isolation test). */
const slowJob: ChunkJob = { text: `- top\n${'  - a\n'.repeat(32_000)}`, line: 0, frontMatter: false, definitions: '' };

async function withPool(options: Partial<ParsePoolOptions>, run: (pool: ParsePool) => Promise<void>): Promise<void> {
  const pool = new ParsePool({ workerFile, maxWorkers: 2, budgetMs: () => 20_000, ...options });
  try {
    await run(pool);
  } finally {
    pool.dispose();
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

test('parses that come one after another all go to the one worker started ahead', async () => {
  await withPool({}, async (pool) => {
    pool.warm();
    assert.equal(pool.size, 1);
    for (let n = 0; n < 5; n++) {
      const [chunk] = await pool.parseChunks([job(n)]);
      assert.equal(chunk!.children[0]!.type, 'list');
      assert.equal(pool.size, 1);
    }
  });
});

test('a parse that would wait behind another starts a second worker, which is ended once it has been idle', async () => {
  await withPool({ idleMs: 300 }, async (pool) => {
    pool.warm();
    await pool.parseChunks([job(0)]);
    const both = Promise.all([pool.parseChunks([job(1)]), pool.parseChunks([job(2)])]);
    assert.equal(pool.size, 2);
    const results = await both;
    assert.deepEqual(results.map(([chunk]) => chunk!.children[0]!.type), ['list', 'list']);
    assert.ok(await until(() => pool.size === 1, 5000), `still ${pool.size} workers after the second one was idle`);
    // The one left still parses.
    assert.equal((await pool.parseChunks([job(3)]))[0]!.children[0]!.type, 'list');
  });
});

test('the waiting parse goes to whichever worker is free first, not to the one that is still loading', { timeout: 30_000 }, async () => {
  await withPool({}, async (pool) => {
    pool.warm();
    await pool.parseChunks([job(0)]);
    // The second worker, started for the waiting parse, never finishes loading: the parse must go to the first.
    process.env['PARSE_WORKER_STALL'] = '1';
    try {
      const first = pool.parseChunks([job(1)]);
      const second = pool.parseChunks([job(2)]);
      assert.equal(pool.size, 2);
      const [[one], [two]] = await Promise.all([first, second]);
      assert.deepEqual([one!.children[0]!.type, two!.children[0]!.type], ['list', 'list']);
    } finally {
      delete process.env['PARSE_WORKER_STALL'];
    }
  });
});

test('a worker ended past its budget is replaced at once, and the next parse goes to the replacement', async () => {
  await withPool({ maxWorkers: 1, budgetMs: (chars) => (chars > 100_000 ? 300 : 20_000) }, async (pool) => {
    pool.warm();
    await pool.parseChunks([job(0)]);
    await assert.rejects(pool.parseChunks([slowJob]), ParseTimeout);
    assert.equal(pool.size, 1);
    assert.equal((await pool.parseChunks([job(1)]))[0]!.children[0]!.type, 'list');
    assert.equal(pool.size, 1);
  });
});

test('the worker the server process started before loading is the pool\'s first, though it loaded before the pool took it', async () => {
  startEarlyWorker(workerFile);
  // It loads and says so before the pool listens: that message must not be lost.
  assert.ok(await until(() => earlyWorkerSettled(), 30_000), 'the early worker settled');
  await withPool({}, async (pool) => {
    pool.warm();
    assert.equal(pool.size, 1);
    assert.equal(takeEarlyWorker(workerFile), undefined, 'the pool took it');
    const [chunk] = await pool.parseChunks([job(0)]);
    assert.equal(chunk!.children[0]!.type, 'list');
    assert.equal(pool.size, 1, 'no other worker was started');
  });
});

test('a pool with its own limits or script leaves the early worker alone', async () => {
  startEarlyWorker(workerFile);
  try {
    await withPool({ maxYoungMb: 24 }, async (pool) => {
      pool.warm();
      assert.equal(pool.size, 1);
    });
    assert.notEqual(takeEarlyWorker(workerFile), undefined, 'still there for a pool with the default limits');
  } finally {
    const left = takeEarlyWorker(workerFile);
    await left?.worker.terminate();
  }
});

test('an early worker whose script cannot load fails the first parse, as a worker the pool started would', async () => {
  const broken = fileURLToPath(new URL('../support/no-such-worker.mjs', import.meta.url));
  startEarlyWorker(broken);
  assert.ok(await until(() => earlyWorkerSettled(), 30_000), 'the early worker settled');
  await withPool({ workerFile: broken }, async (pool) => {
    pool.warm();
    await assert.rejects(pool.parseChunks([job(0)]), ParseFailure);
    assert.equal(pool.size, 0);
  });
});

test('a worker script that cannot load fails the parse, and no worker is started again until the next parse', async () => {
  await withPool({ workerFile: fileURLToPath(new URL('../support/no-such-worker.mjs', import.meta.url)) }, async (pool) => {
    pool.warm();
    await assert.rejects(pool.parseChunks([job(0)]), ParseFailure);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(pool.size, 0);
    await assert.rejects(pool.parseChunks([job(1)]), ParseFailure);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(pool.size, 0);
  });
});
