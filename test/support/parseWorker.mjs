// The parse worker (server/src/worker.ts) run from sources, for tests of the pool: the bundle's worker.cjs is built
// from the same file. TypeScript and `.md` imports load as they do in the test process.
import { register } from 'node:module';
import { register as registerTypeScript } from 'tsx/esm/api';

registerTypeScript();
register('./text-loader.mjs', import.meta.url);
await import('../../server/src/worker.ts');
