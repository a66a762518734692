// Bundles the client, the server and the e2e suite into CommonJS files that VS Code and node load directly.
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
    entryPoints: { 'server/main': 'server/src/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({ ...common, entryPoints: { 'e2e/index': 'test/e2e/suite/index.ts' }, outdir: 'dist', external: ['vscode', 'mocha'] }),
]);
