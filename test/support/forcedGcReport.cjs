// Preloaded into a spawned server (node --require) by tests and measurements: one line on stderr for each full
// collection a gc() call forced, with its pause, so that the idle collections (server/src/memory.ts, on the server
// thread and in the parse worker) can be watched from outside the process.
const { PerformanceObserver, constants } = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');

// Preloads run in worker threads too: their lines say so.
const what = isMainThread ? 'forced full gc' : 'forced full gc in a worker';

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { kind, flags } = entry.detail;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) {
      process.stderr.write(`${what}: ${entry.duration.toFixed(1)} ms\n`);
    }
  }
}).observe({ entryTypes: ['gc'] });
