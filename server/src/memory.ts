import { getHeapStatistics } from 'node:v8';

export interface IdleCollectorOptions {
  /** Quiet time (no document event, no request) before collecting. */
  idleMs: number;
  /** Collect only when the committed heap has grown by this much since the last collection. */
  minGrowthBytes: number;
  /** Time from the first collection to the second, which runs at the first quiet moment after it. */
  secondAfterMs: number;
  /** True while the server has work under way (a parse, a validation, a request waiting): no collection then. */
  busy: () => boolean;
  /** The full collection (tests pass their own); by default V8's `gc`, there when node runs with --expose-gc. */
  collect?: () => void;
  /** The committed heap, in bytes (tests pass their own). */
  heapBytes?: () => number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  now?: () => number;
}

/**
 * Full garbage collections once the server has been quiet for a while after a burst of work, such as opening many
 * documents. V8 keeps the garbage of such a burst, and the heap pages it sits on, until its own memory reducer runs,
 * 40–60 s later when at all (measured after opening 100 documents of 50 KB: RSS at its peak for that long).
 *
 * Two collections: the first, after `idleMs` of quiet, frees the objects; the second, `secondAfterMs` later, gives
 * back the emptied pages, and the young generation too: V8 shrinks it (from 32 MB to 1 MB here) at a full collection
 * when little was allocated over the last 5 s, which only holds for a collection that long after the first. After
 * 100 opens of 50 KB: RSS 220–250 MB after the first alone, 160–175 MB after both.
 *
 * A full collection pauses the thread (50–120 ms measured with 54 MB live, on a busy 2-core machine), so each runs
 * only when nothing is under way and nothing has happened for `idleMs`; a message that arrives during one waits for
 * it. After a burst, that is two pauses at most.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  /** When the first collection of a pair ran; undefined when none is waiting for its second. */
  private firstAt: number | undefined;
  private committedAfterLast: number;
  private readonly collect: (() => void) | undefined;
  private readonly heapBytes: () => number;
  private readonly now: () => number;
  /** Collections run (for tests and measurements). */
  collections = 0;

  constructor(private readonly options: IdleCollectorOptions) {
    this.collect = options.collect ?? v8Collect;
    this.heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_heap_size);
    this.now = options.now ?? (() => performance.now());
    this.committedAfterLast = this.heapBytes();
  }

  /** Something happened (a document event, a request): the quiet time starts again. */
  activity(): void {
    this.schedule(this.options.idleMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collectIfQuiet(), ms);
    // Never what keeps the process alive.
    this.timer.unref();
  }

  private collectIfQuiet(): void {
    if (this.options.busy()) return this.schedule(this.options.idleMs);
    if (this.firstAt === undefined) {
      if (this.heapBytes() - this.committedAfterLast < this.options.minGrowthBytes) return;
      this.run();
      this.firstAt = this.now();
      return this.schedule(this.options.secondAfterMs);
    }
    const wait = this.firstAt + this.options.secondAfterMs - this.now();
    if (wait > 0) return this.schedule(wait);
    this.run();
    this.firstAt = undefined;
    this.committedAfterLast = this.heapBytes();
  }

  private run(): void {
    this.collect!();
    this.collections++;
  }
}

/** The `gc` that --expose-gc defines (nodeArgs.ts): the server starts with that flag. */
const v8Collect = (globalThis as { gc?: () => void }).gc;
