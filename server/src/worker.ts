// The parse worker: remark runs here, never on the server's event loop, so input that makes micromark take seconds
// (or gigabytes) costs a worker that the pool ends and replaces, not a frozen server. Built to dist/server/worker.cjs.
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './parsePool';
import { parseChunk } from './model/markdownChunks';
import { parseDocumentText } from './model/languages';
import { IdleCollector } from './memory';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

// The kept worker gives back what a burst of parses left, as the server thread does (memory.ts). A parse runs to the
// end within its message, so between messages nothing is under way; the collections are short on this small heap.
const idle = new IdleCollector({ idleMs: 2000, minGrowthBytes: 8 * 1024 * 1024, secondAfterMs: 5500, busy: () => false });

port.postMessage({ ready: true } satisfies WorkerResponse);
port.on('message', (request: WorkerRequest) => {
  idle.activity();
  try {
    if (request.kind === 'chunks') {
      // One message per chunk: the pool times each one, and the tree arrives in pieces the server takes in between
      // other work rather than in one long deserialisation.
      request.jobs.forEach((job, index) => port.postMessage({ id: request.id, index, chunk: parseChunk(job) } satisfies WorkerResponse));
      port.postMessage({ id: request.id, done: true } satisfies WorkerResponse);
    } else {
      port.postMessage({ id: request.id, index: 0, root: parseDocumentText(request.text, request.languageId, request.template) } satisfies WorkerResponse);
      port.postMessage({ id: request.id, done: true } satisfies WorkerResponse);
    }
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerResponse);
  }
});
