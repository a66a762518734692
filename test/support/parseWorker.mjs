// The parse worker (server/src/worker.ts) run from sources, for tests of the pool: the bundle's worker.cjs is built
// from the same file. TypeScript and `.md` imports load as they do in the test process.
import { register } from 'node:module';
import { register as registerTypeScript } from 'tsx/esm/api';

// A worker started while the test sets PARSE_WORKER_STALL (workers copy the environment when they start) stays
// loading until the pool ends it: a test can tell which worker a parse went to without timing either.
if (process.env['PARSE_WORKER_STALL'] === '1') await new Promise((resolve) => setTimeout(resolve, 10 * 60_000));
registerTypeScript();
register('./text-loader.mjs', import.meta.url);
await import('../../server/src/worker.ts');
