import type { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import { parseDocumentText } from './model/languages';
import { parseChunk, type ChunkJob, type ParsedChunk } from './model/markdownChunks';
import { startParseWorker, takeEarlyWorker } from './parseWorker';
import type { Template } from './templates/template';

export type WorkerRequest =
  | { id: number; kind: 'chunks'; jobs: ChunkJob[] }
  | { id: number; kind: 'text'; text: string; languageId: string; template: Template };

export type WorkerResponse =
  | { ready: true }
  | { id: number; index: number; chunk?: ParsedChunk; root?: Root }
  | { id: number; done: true }
  | { id: number; error: string };

/**
 * A keystroke's parse (a chunk or two) up to this size runs in the calling thread: it takes well under a millisecond,
 * less than the trip to a worker and back, and with the caps (caps.ts) even hostile text this short parses in tens of
 * milliseconds. Larger parses (opening a document, a paste) go to a worker, which can be ended.
 */
export const INLINE_PARSE_CHARS = 2048;

/** A parse ran past its time budget; the worker running it was ended. */
export class ParseTimeout extends Error {
  constructor(
    /** Which job of the request (which chunk). */
    readonly index: number,
    readonly budgetMs: number,
  ) {
    super(`parsing took longer than ${budgetMs} ms`);
  }
}

/** The worker died (out of memory, a crash) or threw. */
export class ParseFailure extends Error {}

export interface ParsePoolOptions {
  /** The worker script; without one (running from sources) parsing happens in this thread. */
  workerFile?: string;
  maxWorkers: number;
  /** How long one job (a chunk, or a whole non-Markdown text) of `chars` characters may take. */
  budgetMs(chars: number): number;
  /** Heap limit of a worker (parseWorker.ts `WORKER_HEAP_MB` unless set): past it the worker dies and the parse fails. */
  maxHeapMb?: number;
  /** Young-generation limit of a worker (parseWorker.ts `WORKER_YOUNG_GENERATION_MB` unless set). */
  maxYoungMb?: number;
  /** A worker beyond the first that has had nothing to do for this long is ended (`SPARE_IDLE_MS` unless set). */
  idleMs?: number;
}

/** How long a second worker, started because two parses overlapped, stays once it has nothing to do. */
export const SPARE_IDLE_MS = 10_000;

interface Task {
  request: WorkerRequest;
  sizes: number[];
  results: unknown[];
  resolve(results: unknown[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its script: budgets count from then, so start-up on a busy machine is not held against a parse. */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** When the worker last finished a task (or started), for ending spare workers that sit idle. */
  idleSince: number;
}

/**
 * Worker threads that parse. A request goes to an idle worker that has loaded. When every worker is busy, another
 * starts (up to `maxWorkers`) and the request goes to whichever is free first, so it never waits behind a slow parse
 * for longer than a worker's start-up. One worker is kept loaded at all times, replaced at once when it is ended, so
 * that a parse does not wait for a start-up in the normal case; the others are ended once idle for `idleMs`: each
 * worker is a V8 heap of its own, 11 MB resident when it has just loaded and about 30 MB once it has parsed. Each job
 * has a time budget: past it the worker is terminated, so a pathological document costs its own analysis and never
 * the server's responsiveness or another document's parse.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private disposed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** A worker died before it loaded (a broken install): set until one loads. */
  private startFailed = false;

  constructor(private readonly options: ParsePoolOptions) {}

  /**
   * Starts one worker ahead of the first parse, so its start-up overlaps the client's; or takes the one the server
   * process started before it loaded (earlyWorker.ts), when it runs the same script with the same limits.
   */
  warm(): void {
    if (!this.options.workerFile || this.slots.length > 0) return;
    const defaults = this.options.maxHeapMb === undefined && this.options.maxYoungMb === undefined;
    const early = defaults ? takeEarlyWorker(this.options.workerFile) : undefined;
    if (!early) {
      this.slots.push(this.spawn());
      return;
    }
    const slot = this.adopt(early.worker);
    this.slots.push(slot);
    for (const message of early.messages) this.receive(slot, message as WorkerResponse);
    if (early.failure) this.fail(slot, new ParseFailure(`the parse worker failed: ${early.failure.message}`));
  }

  parseChunks(jobs: ChunkJob[]): Promise<ParsedChunk[]> {
    if (jobs.length === 0) return Promise.resolve([]);
    if (!this.options.workerFile || jobs.reduce((sum, job) => sum + job.text.length + job.definitions.length, 0) <= INLINE_PARSE_CHARS) {
      return Promise.resolve(jobs.map(parseChunk));
    }
    return this.submit({ id: this.nextId++, kind: 'chunks', jobs }, jobs.map((job) => job.text.length + job.definitions.length)) as Promise<ParsedChunk[]>;
  }

  async parseText(text: string, languageId: string, template: Template): Promise<Root> {
    if (!this.options.workerFile) return parseDocumentText(text, languageId, template);
    const [root] = (await this.submit({ id: this.nextId++, kind: 'text', text, languageId, template }, [text.length])) as Root[];
    return root!;
  }

  /** Workers alive now (for tests and measurements). */
  get size(): number {
    return this.slots.length;
  }

  dispose(): void {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const slot of this.slots.splice(0)) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.task?.reject(new ParseFailure('the parse pool was disposed'));
      void slot.worker.terminate();
    }
    for (const task of this.queue.splice(0)) task.reject(new ParseFailure('the parse pool was disposed'));
  }

  private submit(request: WorkerRequest, sizes: number[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      if (this.disposed) {
        reject(new ParseFailure('the parse pool was disposed'));
        return;
      }
      this.queue.push({ request, sizes, results: [], resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.ready && !candidate.task);
      if (!slot) break;
      const task = this.queue.shift()!;
      slot.task = task;
      this.arm(slot, 0);
      slot.worker.postMessage(task.request);
    }
    // Requests that wait: one more worker for each that no loading worker will take, up to the limit. After a worker
    // died while loading, only one is tried, and only when there is none: it would most likely die the same way.
    let wanted = this.queue.length - this.slots.filter((slot) => !slot.ready).length;
    if (this.startFailed) wanted = this.slots.length === 0 ? Math.min(wanted, 1) : 0;
    for (; wanted > 0 && this.slots.length < this.options.maxWorkers; wanted--) this.slots.push(this.spawn());
    this.scheduleIdleCheck();
  }

  /** Ends the workers past the first that have been idle for `idleMs`; checks again while any could be. */
  private scheduleIdleCheck(): void {
    if (this.idleTimer || this.disposed || this.slots.length <= 1) return;
    const idleMs = this.options.idleMs ?? SPARE_IDLE_MS;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      const now = Date.now();
      // The oldest worker stays: it has run the longest, so its code is the most optimised.
      for (const slot of this.slots.slice(1)) {
        if (slot.ready && !slot.task && now - slot.idleSince >= idleMs) this.end(slot);
      }
      this.scheduleIdleCheck();
    }, idleMs);
    this.idleTimer.unref();
  }

  private end(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  private spawn(): Slot {
    return this.adopt(startParseWorker(this.options.workerFile!, { heapMb: this.options.maxHeapMb, youngMb: this.options.maxYoungMb }));
  }

  private adopt(worker: Worker): Slot {
    const slot: Slot = { worker, ready: false, idleSince: Date.now() };
    worker.on('message', (response: WorkerResponse) => this.receive(slot, response));
    worker.on('error', (error) => this.fail(slot, new ParseFailure(`the parse worker failed: ${error.message}`)));
    worker.on('exit', () => this.fail(slot, new ParseFailure('the parse worker exited')));
    return slot;
  }

  /** (Re)starts the clock for the job at `index` of the slot's task. */
  private arm(slot: Slot, index: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    const task = slot.task!;
    if (!slot.ready) return;
    const budget = this.options.budgetMs(task.sizes[index] ?? 0);
    slot.timer = setTimeout(() => this.fail(slot, new ParseTimeout(index, budget)), budget);
  }

  private receive(slot: Slot, response: WorkerResponse): void {
    if ('ready' in response) {
      slot.ready = true;
      slot.idleSince = Date.now();
      this.startFailed = false;
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || response.id !== task.request.id) return;
    if ('error' in response) {
      this.finish(slot);
      task.reject(new ParseFailure(response.error));
    } else if ('done' in response) {
      this.finish(slot);
      task.resolve(task.results);
    } else {
      task.results[response.index] = response.chunk ?? response.root;
      if (response.index + 1 < task.sizes.length) this.arm(slot, response.index + 1);
      return;
    }
    this.dispatch();
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.task = undefined;
    slot.idleSince = Date.now();
  }

  /**
   * Ends a worker that overran its budget or died, and fails its task. When the last worker dies before it has even
   * loaded, the waiting requests fail with it rather than start worker after worker; otherwise a replacement for the
   * last worker starts at once, so that the next parse finds one loaded.
   */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const task = slot.task;
    this.finish(slot);
    void slot.worker.terminate();
    task?.reject(error);
    if (this.disposed) return;
    if (!slot.ready) {
      this.startFailed = true;
      if (this.slots.length === 0) for (const waiting of this.queue.splice(0)) waiting.reject(error);
      return;
    }
    if (this.slots.length === 0) this.slots.push(this.spawn());
    this.dispatch();
  }
}
