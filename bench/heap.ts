/**
 * Heap of the server after many open/close cycles. The server runs in this process (bench/out/inprocess.cjs, the
 * same source as dist/server/main.cjs) over in-memory streams, so that `global.gc()` (node --expose-gc) can settle
 * the heap before each reading of `heapUsed`; nothing is added to the server for it. The client side keeps nothing
 * per document, so growth is the server's. Prints one JSON line.
 *
 *   node --expose-gc --import tsx bench/heap.ts <root-dir> <cycles> <sample-every>
 */
import { pathToFileURL } from 'node:url';
import { generatePostmortem } from './generate';
import { BenchClient } from './lsp';

const DISTINCT_TEXTS = 50;
const WARMUP_CYCLES = 50;

function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // Twice: the first collection can leave garbage that only a second one finds (weak references, finalizers).
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const [root, cyclesArg, everyArg] = process.argv.slice(2);
  if (!root) throw new Error('usage: heap.ts <root-dir> <cycles> <sample-every>');
  const cycles = Number(cyclesArg ?? 1000);
  const every = Number(everyArg ?? 250);
  const texts = Array.from({ length: DISTINCT_TEXTS }, (_, i) => generatePostmortem(5_000, 100 + i).text);
  const uriFor = (i: number) => pathToFileURL(`${root}/postmortems/heap-${i}.md`).toString();

  const client = BenchClient.inProcess();
  await client.initialize(pathToFileURL(root).toString());
  const cycle = async (i: number) => {
    await client.open(uriFor(i), texts[Math.abs(i) % texts.length]!);
    await client.close(uriFor(i));
  };
  for (let i = 1; i <= WARMUP_CYCLES; i++) await cycle(-i);
  const samples = [{ cycle: 0, heapUsedBytes: settledHeap() }];
  const start = performance.now();
  for (let i = 1; i <= cycles; i++) {
    await cycle(i);
    if (i % every === 0) samples.push({ cycle: i, heapUsedBytes: settledHeap() });
  }
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ cycles, warmupCycles: WARMUP_CYCLES, documentBytes: Buffer.byteLength(texts[0]!), samples, msPerCycle: ms / cycles })}\n`);
  await client.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
