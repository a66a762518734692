import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Bundles bench/inprocess.ts the way scripts/build.mjs bundles the server, into bench/out/inprocess.cjs. */
export async function buildInProcessServer(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./inprocess.ts', import.meta.url))],
    outfile: fileURLToPath(new URL('./out/inprocess.cjs', import.meta.url)),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    loader: { '.md': 'text' },
  });
}
