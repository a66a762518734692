import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * Bundles bench/inprocess.ts the way scripts/build.mjs bundles the server, into bench/out/inprocess.cjs, with the
 * parse worker beside it (bench/out/worker.cjs), where the server looks for it.
 */
export async function buildInProcessServer(): Promise<void> {
  await build({
    entryPoints: { inprocess: fileURLToPath(new URL('./inprocess.ts', import.meta.url)), worker: fileURLToPath(new URL('../server/src/worker.ts', import.meta.url)) },
    outdir: fileURLToPath(new URL('./out/', import.meta.url)),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    loader: { '.md': 'text' },
  });
}
