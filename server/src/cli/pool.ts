import { statSync } from 'node:fs';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { BUDGET_ENV, budgetBaseMs, parseBudgetMs } from '../budget';
import { nodeFileSystem } from '../config';
import { TemplateLoader } from '../templates/load';
import type { FileTask } from './files';
import { cleanUpOnSignal } from './interrupt';
import { lintFile, newLintState, type LintRunOptions, type LintStage } from './lintFile';
import { languageOf, type FileReport } from './report';
import { threadCount } from './threads';
import { removeTemporaryFiles } from './write';

const WORKER_TAG = 'postmortem-lint-worker';

interface WorkerInput {
  tag: typeof WORKER_TAG;
  options: LintRunOptions;
}

/** A file as a worker gets it: its place in the run's list, so what the worker says about it can be told apart. */
interface WorkerTask {
  index: number;
  task: FileTask;
}

/** What a worker says about a file: what it starts doing (the parent times each analysis), then its report. */
type WorkerMessage = { kind: 'stage'; index: number; stage: LintStage } | { kind: 'report'; index: number; report: FileReport };

/**
 * When one thread would do and every file is at most this size, the files are linted in this thread, where no budget
 * can stop an analysis: at 4 KB the slowest inputs known took at most 0.64 s, cold, against 0.15 s for prose, a fifth
 * of the budget (bench/slowInputs.ts, two runs on 2 busy cores), and a worker adds 0.1 s to a one-file run (0.51 s
 * against 0.40 s, median of 5). Otherwise every file goes to a worker thread, whose analyses the budget can end.
 */
export const INLINE_LINT_BYTES = 4096;

/** Whether this thread was started by `lintFiles` to analyse files. */
export function isLintWorker(): boolean {
  return parentPort !== null && (workerData as WorkerInput | undefined)?.tag === WORKER_TAG;
}

/** A worker's loop: batches of files in; for each, what it starts doing and its report out. */
export function serveLintWorker(): void {
  const { options } = workerData as WorkerInput;
  const state = newLintState(options.cwd, new TemplateLoader(nodeFileSystem));
  const port = parentPort!;
  port.on('message', (batch: WorkerTask[]) => {
    for (const { index, task } of batch) {
      const report = lintFile(task, options, state, (stage) => port.postMessage({ kind: 'stage', index, stage } satisfies WorkerMessage));
      port.postMessage({ kind: 'report', index, report } satisfies WorkerMessage);
    }
  });
}

/** For support and the tests (POSTMORTEM_LINT_TRACE=1): how the files were shared out, on standard error. */
function trace(files: number, threads: number): void {
  if (process.env['POSTMORTEM_LINT_TRACE']) process.stderr.write(`postmortem-lint: ${files} files on ${threads} thread(s)\n`);
}

/**
 * Lints files on up to `jobs` threads: each worker takes a small batch, sends its reports back and gets the next, so
 * a few large postmortems do not leave the other cores idle. Each stage of a file's analysis has the editor's time
 * budget (budget.ts), for its size: parsing each piece, then reading and checking the whole. Past it the worker is
 * ended, the file is reported as an error, and a new worker goes on with the rest.
 * Few small files are linted in this thread (INLINE_LINT_BYTES). Reports come back in the order of `tasks`. With --fix,
 * SIGINT and SIGTERM stop the threads and remove the temporary files of the writes they cut short before the process
 * ends (interrupt.ts).
 */
export async function lintFiles(tasks: readonly FileTask[], options: LintRunOptions, jobs: number, script: string): Promise<FileReport[]> {
  const threads = threadCount(tasks.length, jobs);
  const reports: FileReport[] = new Array(tasks.length);
  const workers = new Set<Worker>();
  /** The files the threads are working on. */
  const busy = new Set<number>();
  const stopCleaningUp =
    options.fix === 'write'
      ? cleanUpOnSignal(async () => {
          await Promise.all([...workers].map((worker) => worker.terminate()));
          for (const index of busy) removeTemporaryFiles(tasks[index]!.path);
        })
      : undefined;
  const lintHere = async (indexes: readonly number[]) => {
    const state = newLintState(options.cwd, new TemplateLoader(nodeFileSystem));
    for (const index of indexes) {
      reports[index] = lintFile(tasks[index]!, options, state);
      // A signal is handled between two files, so a write in this thread is never cut short.
      if (stopCleaningUp) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  try {
    if (threads <= 1 && tasks.every((task) => sizeOf(task.path) <= INLINE_LINT_BYTES)) {
      trace(tasks.length, 1);
      await lintHere(tasks.map((_, index) => index));
      return reports;
    }
    return await inWorkers();
  } finally {
    stopCleaningUp?.();
  }

  async function inWorkers(): Promise<FileReport[]> {
    const queue = tasks.map((_, index) => index);
    // Batches shrink as the files run out, so that the threads finish together rather than a batch apart.
    const takeBatch = (): number[] => queue.splice(0, Math.max(1, Math.min(16, Math.floor(queue.length / (threads * 4)))));

    let started = 0;
    /** One thread's share: a worker takes batches until the queue is empty, and a new one replaces it past a budget. */
    const runLane = () =>
      new Promise<void>((resolve) => {
        const start = () => {
          const worker = new Worker(script, { workerData: { tag: WORKER_TAG, options } satisfies WorkerInput });
          workers.add(worker);
          started++;
          /** Files sent to this worker and not reported yet. */
          let batch: number[] = [];
          let timer: NodeJS.Timeout | undefined;
          let ended = false;
          const end = () => {
            ended = true;
            clearTimeout(timer);
            workers.delete(worker);
            void worker.terminate();
          };
          const send = () => {
            batch = takeBatch();
            if (batch.length === 0) {
              end();
              resolve();
              return;
            }
            for (const index of batch) busy.add(index);
            worker.postMessage(batch.map((index) => ({ index, task: tasks[index]! }) satisfies WorkerTask));
          };
          const overBudget = (index: number, stage: TimedStage, budgetMs: number) => {
            reports[index] = { path: tasks[index]!.path, language: languageOf(tasks[index]!.path), status: 'error', error: overBudgetMessage(stage, budgetMs), diagnostics: [] };
            // The rest of its batch goes back to the queue, for a new worker: this one may be stuck in any loop.
            queue.unshift(...batch.filter((other) => other !== index));
            end();
            if (queue.length > 0) start();
            else resolve();
          };
          worker.on('message', (message: WorkerMessage) => {
            if (ended) return;
            clearTimeout(timer);
            if (message.kind === 'stage') {
              // Writing the fixes is not timed: ending the worker then could leave a temporary file behind.
              const { stage } = message;
              if (stage.kind !== 'writing') {
                const budgetMs = parseBudgetMs(stage.chars);
                timer = setTimeout(() => overBudget(message.index, stage, budgetMs), budgetMs);
              }
              return;
            }
            reports[message.index] = message.report;
            busy.delete(message.index);
            batch = batch.filter((index) => index !== message.index);
            if (batch.length === 0) send();
          });
          // A thread that dies takes only its batch with it; the other threads and this one finish the rest.
          const fail = (reason: string) => {
            if (ended) return;
            for (const index of batch) {
              reports[index] = { path: tasks[index]!.path, status: 'error', internal: true, error: `could not be analysed: the worker thread failed (${reason}).`, diagnostics: [] };
              // It may have died in the middle of a write.
              removeTemporaryFiles(tasks[index]!.path);
              busy.delete(index);
            }
            end();
            resolve();
          };
          worker.on('error', (error) => fail(error.message));
          worker.on('exit', (code) => fail(`it exited with code ${code}`));
          send();
        };
        start();
      });

    await Promise.all(Array.from({ length: threads }, runLane));
    trace(tasks.length, started);
    // Whatever no thread took (every one of them failed) is linted here.
    await lintHere(queue);
    return reports;
  }
}

/** A file's size in bytes; a file that cannot be stat'ed counts as large (its worker reports why it cannot be read). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

type TimedStage = Extract<LintStage, { chars: number }>;

function overBudgetMessage(stage: TimedStage, budgetMs: number): string {
  const chars = stage.chars.toLocaleString('en-US');
  const what = stage.kind === 'parsing' ? `parsing a part of ${chars} characters` : `reading and checking its ${chars} characters`;
  const why = stage.kind === 'parsing' ? ' It holds text the parser is very slow on, such as thousands of nested or unmatched markers.' : '';
  return (
    `could not be analysed within its time budget: ${what} took longer than ${seconds(budgetMs)} (${seconds(budgetBaseMs())} and 1 ms per 1,000 characters, as in the editor).${why} ` +
    `${BUDGET_ENV} sets the ${seconds(budgetBaseMs())}, in milliseconds (${BUDGET_ENV}=60000 for a minute).`
  );
}
