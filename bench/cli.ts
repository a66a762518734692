/**
 * `npm run bench:cli`: how long `postmortem-lint` takes, end to end as a command (start-up, search, read, analyse,
 * report), on the corpus and on 1,000 generated postmortems of about 5 KB, on all cores and on one thread.
 *
 * With --cache: a first run, which writes the cache, and a re-run over the same files, which reads it.
 *
 *   npm run bench:cli                  1,000 files, 5 runs each
 *   npm run bench:cli -- --files 200 --runs 3
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatePostmortem } from './generate';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(repo, 'dist/cli.cjs');
const { values } = parseArgs({ options: { files: { type: 'string' }, runs: { type: 'string' } } });
const fileCount = Number(values.files ?? 1000);
const runs = Number(values.runs ?? 5);

execFileSync(process.execPath, [path.join(repo, 'scripts/build.mjs')], { stdio: 'inherit' });

const folder = mkdtempSync(path.join(os.tmpdir(), 'postmortem-lint-bench-'));
try {
  const postmortems = path.join(folder, 'postmortems');
  mkdirSync(postmortems);
  let bytes = 0;
  for (let i = 0; i < fileCount; i++) {
    const generated = generatePostmortem(5_000, 1 + i);
    bytes += generated.bytes;
    writeFileSync(path.join(postmortems, `${generated.date}-incident-${String(i).padStart(4, '0')}.md`), generated.text);
  }

  // bash's `time` gives the wall time and the CPU time of the command and its threads (user + system).
  const timing = path.join(folder, 'timing');
  const report = path.join(folder, 'report');
  const measure = (label: string, args: string[], cwd: string, beforeEach?: () => void) => {
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < runs; i++) {
      beforeEach?.();
      const command = [process.execPath, cli, '--no-color', ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
      const result = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; { time ${command} > '${report}'; } 2> '${timing}'`], { cwd, encoding: 'utf8' });
      if (result.status !== 0 && result.status !== 1) throw new Error(`${label}: exit ${result.status}\n${readFileSync(timing, 'utf8')}`);
      const [wall, user, system] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
      walls.push(wall);
      cpus.push(user + system);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const summary = readFileSync(report, 'utf8').trim().split('\n').at(-1) ?? '';
    console.log(`${label.padEnd(44)} wall median ${median(walls).toFixed(2)} s (min ${Math.min(...walls).toFixed(2)}, max ${Math.max(...walls).toFixed(2)}), CPU ${median(cpus).toFixed(2)} s`);
    console.log(`${''.padEnd(44)} ${summary}`);
  };

  console.log(`node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown'}), load ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  console.log(`${runs} runs each; wall time of the whole command\n`);
  measure('corpus (test/fixtures/corpus, sample/)', ['test/fixtures/corpus', 'sample'], repo);
  measure(`${fileCount} postmortems, ${(bytes / 1e6).toFixed(1)} MB, all cores`, ['.'], folder);
  measure(`${fileCount} postmortems, ${(bytes / 1e6).toFixed(1)} MB, --jobs 1`, ['--jobs', '1', '.'], folder);
  const cache = path.join(folder, '.postmortem-cache');
  const emptyCache = () => rmSync(cache, { recursive: true, force: true });
  measure(`${fileCount} postmortems, --cache, no cache yet`, ['--cache', '.'], folder, emptyCache);
  measure(`${fileCount} postmortems, --cache, nothing changed`, ['--cache', '.'], folder);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
