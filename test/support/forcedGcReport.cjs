// Preloaded into a spawned server (node --require) by tests and measurements: one line on stderr for each full
// collection a gc() call forced, with its pause, so that the idle collection (server/src/memory.ts) can be watched
// from outside the process.
const { PerformanceObserver, constants } = require('node:perf_hooks');

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { kind, flags } = entry.detail;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) {
      process.stderr.write(`forced full gc: ${entry.duration.toFixed(1)} ms\n`);
    }
  }
}).observe({ entryTypes: ['gc'] });
