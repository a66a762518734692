import { parentPort, Worker, workerData } from 'node:worker_threads';
import { nodeFileSystem } from '../config';
import { TemplateLoader } from '../templates/load';
import type { FileTask } from './files';
import { cleanUpOnSignal } from './interrupt';
import { lintFile, newLintState, type LintRunOptions } from './lintFile';
import type { FileReport } from './report';
import { threadCount } from './threads';
import { removeTemporaryFiles } from './write';

const WORKER_TAG = 'postmortem-lint-worker';

interface WorkerInput {
  tag: typeof WORKER_TAG;
  options: LintRunOptions;
}

/** Whether this thread was started by `lintFiles` to analyse files. */
export function isLintWorker(): boolean {
  return parentPort !== null && (workerData as WorkerInput | undefined)?.tag === WORKER_TAG;
}

/** A worker's loop: batches of files in, their reports out. */
export function serveLintWorker(): void {
  const { options } = workerData as WorkerInput;
  const state = newLintState(options.cwd, new TemplateLoader(nodeFileSystem));
  parentPort!.on('message', (tasks: FileTask[]) => {
    parentPort!.postMessage(tasks.map((task) => lintFile(task, options, state)));
  });
}

/** For support and the tests (POSTMORTEM_LINT_TRACE=1): how the files were shared out, on standard error. */
function trace(files: number, threads: number): void {
  if (process.env['POSTMORTEM_LINT_TRACE']) process.stderr.write(`postmortem-lint: ${files} files on ${threads} thread(s)\n`);
}

/**
 * Lints files on up to `jobs` threads: each worker takes a small batch, sends its reports back and gets the next, so
 * a few large postmortems do not leave the other cores idle. Few files, or one job, are linted in this thread.
 * Reports come back in the order of `tasks`. With --fix, SIGINT and SIGTERM stop the threads and remove the temporary
 * files of the writes they cut short before the process ends (interrupt.ts).
 */
export async function lintFiles(tasks: readonly FileTask[], options: LintRunOptions, jobs: number, script: string): Promise<FileReport[]> {
  const threads = threadCount(tasks.length, jobs);
  const reports: FileReport[] = new Array(tasks.length);
  const workers = new Set<Worker>();
  /** The files of the batches the threads are working on. */
  const busy = new Set<number>();
  const stopCleaningUp =
    options.fix === 'write'
      ? cleanUpOnSignal(async () => {
          await Promise.all([...workers].map((worker) => worker.terminate()));
          for (const index of busy) removeTemporaryFiles(tasks[index]!.path);
        })
      : undefined;
  const lintHere = async (from: number) => {
    const state = newLintState(options.cwd, new TemplateLoader(nodeFileSystem));
    for (let index = from; index < tasks.length; index++) {
      reports[index] = lintFile(tasks[index]!, options, state);
      // A signal is handled between two files, so a write in this thread is never cut short.
      if (stopCleaningUp) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  try {
    if (threads <= 1) {
      trace(tasks.length, 1);
      await lintHere(0);
      return reports;
    }
    let next = 0;
    // Batches shrink as the files run out, so that the threads finish together rather than a batch apart.
    const takeBatch = (): number[] => {
      const batchSize = Math.max(1, Math.min(16, Math.floor((tasks.length - next) / (threads * 4))));
      const indexes: number[] = [];
      while (next < tasks.length && indexes.length < batchSize) indexes.push(next++);
      return indexes;
    };

    let started = 0;
    const runWorker = () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(script, { workerData: { tag: WORKER_TAG, options } satisfies WorkerInput });
        workers.add(worker);
        started++;
        let batch: number[] = [];
        const send = () => {
          batch = takeBatch();
          if (batch.length === 0) {
            workers.delete(worker);
            void worker.terminate();
            resolve();
            return;
          }
          for (const index of batch) busy.add(index);
          worker.postMessage(batch.map((index) => tasks[index]!));
        };
        worker.on('message', (batchReports: FileReport[]) => {
          batch.forEach((index, i) => {
            reports[index] = batchReports[i]!;
            busy.delete(index);
          });
          send();
        });
        // A thread that dies takes only its batch with it; the other threads and this one finish the rest.
        const fail = (reason: string) => {
          for (const index of batch) {
            reports[index] = { path: tasks[index]!.path, status: 'error', internal: true, error: `could not be analysed: the worker thread failed (${reason}).`, diagnostics: [] };
            // It may have died in the middle of a write.
            removeTemporaryFiles(tasks[index]!.path);
            busy.delete(index);
          }
          batch = [];
          workers.delete(worker);
          resolve();
        };
        worker.on('error', (error) => fail(error.message));
        worker.on('exit', (code) => {
          if (batch.length > 0) fail(`it exited with code ${code}`);
        });
        send();
      });

    await Promise.all(Array.from({ length: threads }, runWorker));
    trace(tasks.length, started);
    // Whatever no thread took (every one of them failed) is linted here.
    await lintHere(next);
    return reports;
  } finally {
    stopCleaningUp?.();
  }
}
