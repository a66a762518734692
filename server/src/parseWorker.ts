/**
 * Starting parse workers (parsePool.ts runs them): their limits, and the first one, which the server process starts
 * before it loads anything else (earlyWorker.ts).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A parse worker's young generation. V8 lets it grow to 48 MB, 32 MB of which (two 16 MB semi-spaces) stay resident
 * once a worker has parsed a few documents. A worker allocates about 70 MB per 50 KB document, but micromark's events
 * and tokens over chunks of ~130 characters die young, so little survives a scavenge: at 12 MB (8 MB of semi-spaces)
 * a worker parses the chunks of 50 KB documents in the same CPU time as at V8's default (median 192 against 188 ms per
 * document over 8 alternating rounds, within their spread of ±25 ms).
 */
export const WORKER_YOUNG_GENERATION_MB = 12;
/** A worker's heap limit: past it the worker dies and the parse counts as failed. */
export const WORKER_HEAP_MB = 1024;

/** The worker script next to this bundle (dist/server/worker.cjs), when it is there. */
export function bundledWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'worker.cjs');
  return existsSync(file) ? file : undefined;
}

export function startParseWorker(file: string, limits: { heapMb?: number; youngMb?: number } = {}): Worker {
  const worker = new Worker(file, {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: limits.youngMb ?? WORKER_YOUNG_GENERATION_MB },
    stdout: false,
    stderr: false,
  });
  // Never what keeps the process alive.
  worker.unref();
  return worker;
}

/** A worker started early, with what it said and did before the pool took it. */
export interface EarlyWorker {
  file: string;
  worker: Worker;
  messages: unknown[];
  /** Set when it failed or exited before being taken. */
  failure?: Error;
}

let early: EarlyWorker | undefined;
/** Stops this module listening to the early worker, once the pool takes it. */
let stopListening: (() => void) | undefined;

/**
 * Starts the early worker, with the default limits; its messages are kept until the pool takes it. A worker takes
 * about 95 ms to load here; started once the server had loaded (~180 ms after spawn), it was still loading when the
 * editor opened its first document, which waited for it.
 */
export function startEarlyWorker(file = bundledWorkerFile()): void {
  if (!file || early) return;
  const started: EarlyWorker = { file, worker: startParseWorker(file), messages: [] };
  const onMessage = (message: unknown) => started.messages.push(message);
  const onError = (error: Error) => (started.failure ??= error);
  const onExit = () => (started.failure ??= new Error('the parse worker exited'));
  started.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  // Only these: Node's own listeners on a worker must stay.
  stopListening = () => started.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
  early = started;
}

/** Whether the early worker has loaded (said so) or failed: what a test waits for instead of a fixed time. */
export function earlyWorkerSettled(): boolean {
  return early !== undefined && (early.messages.length > 0 || early.failure !== undefined);
}

/** The early worker running `file`, once: no longer listened to here, for the caller to replay what it kept. */
export function takeEarlyWorker(file: string): EarlyWorker | undefined {
  const taken = early;
  if (!taken || taken.file !== file) return undefined;
  early = undefined;
  stopListening?.();
  stopListening = undefined;
  return taken;
}
