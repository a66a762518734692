// Bundles the client, the server and the e2e suite into CommonJS files that VS Code and node load directly.
import { chmodSync } from 'node:fs';
import { writeIcon } from './icon.mjs';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.md': 'text' },
  outExtension: { '.js': '.cjs' },
};

await Promise.all([
  build({ ...common, entryPoints: { 'client/extension': 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: { 'server/main': 'server/src/main.ts', 'server/worker': 'server/src/worker.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // postmortem-lint: the command and, started again with workerData, its worker threads.
  // fdir (under tinyglobby) is ESM and asks for import.meta.url, which a CommonJS bundle must supply.
  build({
    ...common,
    entryPoints: { cli: 'server/src/cli.ts' },
    outdir: 'dist',
    banner: { js: "#!/usr/bin/env node\nconst __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  }),
  build({ ...common, entryPoints: { 'e2e/index': 'test/e2e/suite/index.ts' }, outdir: 'dist', external: ['vscode', 'mocha'] }),
]);

// The package.json `bin` entries run as commands, from a checkout (`npx postmortem-lint`) as well as when installed.
for (const bin of ['dist/cli.cjs', 'dist/server/main.cjs']) chmodSync(bin, 0o755);
// The extension's icon (package.json `icon`), drawn rather than committed as an image.
writeIcon('dist/icon.png');
