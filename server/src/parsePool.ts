import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import { parseDocumentText } from './model/languages';
import { parseChunk, type ChunkJob, type ParsedChunk } from './model/markdownChunks';
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
  /** Heap limit of a worker: past it the worker dies and the parse counts as failed. */
  maxHeapMb?: number;
}

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
}

/** The worker script next to this bundle (dist/server/worker.cjs), when it is there. */
export function bundledWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'worker.cjs');
  return existsSync(file) ? file : undefined;
}

/**
 * Worker threads that parse. A request goes to an idle worker, or a new one up to `maxWorkers`, or waits. Each job
 * has a time budget: past it the worker is terminated (and replaced when next needed), so a pathological document
 * costs its own analysis and never the server's responsiveness or another document's parse.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: ParsePoolOptions) {}

  /** Starts one worker ahead of the first parse, so its start-up overlaps the client's. */
  warm(): void {
    if (this.options.workerFile && this.slots.length === 0) this.slots.push(this.spawn());
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
      let slot = this.slots.find((candidate) => !candidate.task);
      if (!slot) {
        if (this.slots.length >= this.options.maxWorkers) return;
        slot = this.spawn();
        this.slots.push(slot);
      }
      const task = this.queue.shift()!;
      slot.task = task;
      this.arm(slot, 0);
      slot.worker.postMessage(task.request);
    }
    // A spare worker starts while this one is busy, so that the next document does not wait for a worker to load
    // behind a slow parse.
    if (this.options.workerFile && !this.slots.some((slot) => !slot.task) && this.slots.length < this.options.maxWorkers) {
      this.slots.push(this.spawn());
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerFile!, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false };
    worker.unref();
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
      if (slot.task) this.arm(slot, slot.task.results.length);
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
  }

  /** Ends a worker that overran its budget or died, fails its task, and lets the queue go on with another worker. */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const task = slot.task;
    this.finish(slot);
    void slot.worker.terminate();
    task?.reject(error);
    if (!this.disposed) this.dispatch();
  }
}
