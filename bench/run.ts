/**
 * `npm run bench`: the server's latency, start-up, memory and size, and the same documents through other Markdown
 * tools, in one run. Writes bench/results.json (bench/out/results-quick.json with --quick) and prints the tables.
 *
 *   npm run bench                       full run (under ~10 minutes on 2 cores)
 *   npm run bench -- --quick            smaller sizes, fewer runs (~2 minutes)
 *   npm run bench -- --sizes 5k,500k    only these documents (5k, 50k, 500k, 5m, corpus)
 *   npm run bench -- --only server,peers  only these parts (server, peers, startup, memory, heap, bundle)
 *   npm run bench -- --compare bench/results.json   print before/after against an earlier results file
 *   npm run bench -- --out file.json    write the results elsewhere
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildInProcessServer } from './build';
import { generatePostmortem } from './generate';
import { serverPath } from './lsp';
import { PEERS } from './peer';
import { formatComparison, formatResults, isServerResult, type DocumentInfo, type HeapResult, type PeerResult, type Results, type Target } from './report';
import { measureColdStart, measureDocument, measureOpenCloseRss, measureOpenDocuments, type ServerPlan } from './server';
import { mb, ms, round, type Repeat, type Stat } from './stats';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(repo, 'bench/out');
const workspace = path.join(out, 'workspace');
const corpusDir = path.join(repo, 'test/fixtures/corpus/markdown');

interface SizePlan {
  id: string;
  label: string;
  bytes: number;
  server: ServerPlan;
  peers: { warmups: number; warmupOn?: string; repeat: Omit<Repeat, 'warmup'> };
}

const r = (warmup: number, min: number, max: number, budgetMs: number): Repeat => ({ warmup, min, max, budgetMs });
const p = (min: number, max: number, budgetMs: number) => ({ min, max, budgetMs });

// Repetitions are capped by a time budget per measurement: at 5 MB one keystroke through the current server takes
// about a minute, so a fixed count would not finish. The sample count (n) is in every result, and the warm-up runs'
// times are kept in bench/results.json (`warmup`). Completion after typing at 500 KB, whose p95 is a target, has the
// keystroke's plan: a just-started server's first few answers on that path run while V8 still optimises it.
const FULL: SizePlan[] = [
  { id: '5k', label: '5 KB', bytes: 5_000, server: { keystroke: r(10, 30, 40, 15_000), completionTyped: r(3, 15, 20, 15_000), symbolsAfterEdit: r(3, 15, 20, 15_000), cached: r(5, 20, 30, 5_000) }, peers: { warmups: 10, repeat: p(20, 30, 15_000) } },
  { id: '50k', label: '50 KB', bytes: 50_000, server: { keystroke: r(3, 15, 20, 15_000), completionTyped: r(1, 8, 10, 15_000), symbolsAfterEdit: r(1, 8, 10, 15_000), cached: r(5, 20, 30, 5_000) }, peers: { warmups: 5, repeat: p(10, 20, 15_000) } },
  { id: '500k', label: '500 KB', bytes: 500_000, server: { keystroke: r(5, 20, 40, 20_000), completionTyped: r(5, 20, 40, 20_000), symbolsAfterEdit: r(2, 10, 20, 10_000), cached: r(3, 10, 20, 5_000) }, peers: { warmups: 1, repeat: p(3, 8, 10_000) } },
  { id: '5m', label: '5 MB', bytes: 5_000_000, server: { keystroke: r(0, 1, 2, 45_000), cached: r(1, 3, 5, 5_000) }, peers: { warmups: 3, warmupOn: '50k', repeat: p(1, 3, 20_000) } },
];
const QUICK: SizePlan[] = [
  { id: '5k', label: '5 KB', bytes: 5_000, server: { keystroke: r(5, 10, 15, 5_000), completionTyped: r(2, 5, 5, 5_000), symbolsAfterEdit: r(2, 5, 5, 5_000), cached: r(3, 10, 10, 2_000) }, peers: { warmups: 5, repeat: p(5, 10, 5_000) } },
  { id: '50k', label: '50 KB', bytes: 50_000, server: { keystroke: r(2, 5, 8, 8_000), completionTyped: r(1, 3, 3, 5_000), symbolsAfterEdit: r(1, 3, 3, 5_000), cached: r(2, 5, 10, 2_000) }, peers: { warmups: 2, repeat: p(3, 5, 5_000) } },
  { id: '500k', label: '500 KB', bytes: 500_000, server: { keystroke: r(3, 10, 15, 10_000), completionTyped: r(1, 5, 5, 5_000), symbolsAfterEdit: r(1, 5, 5, 5_000), cached: r(1, 5, 5, 2_000) }, peers: { warmups: 1, repeat: p(2, 3, 5_000) } },
];
const CORPUS_PLAN = (quick: boolean): Omit<SizePlan, 'id' | 'label' | 'bytes'> => ({ server: quick ? QUICK[0]!.server : FULL[0]!.server, peers: quick ? QUICK[0]!.peers : FULL[0]!.peers });

const PARTS = ['server', 'peers', 'startup', 'memory', 'heap', 'bundle'] as const;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

let loadAverageMax = 0;
function log(message: string): void {
  loadAverageMax = Math.max(loadAverageMax, os.loadavg()[0]!);
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
}
const started = performance.now();

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Bytes of the server bundle as built, and as `node scripts/build.mjs --production` builds it, without touching dist/. */
function bundleSizes(): { bytes: number; minifiedBytes: number; minifiedGzipBytes: number } {
  const bytes = statSync(serverPath).size;
  // The build script writes dist/ under its working directory: run it in a scratch directory that links the sources.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-build-'));
  try {
    for (const entry of ['client', 'server', 'test', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(path.join(repo, entry), path.join(scratch, entry));
    execFileSync(process.execPath, [path.join(repo, 'scripts/build.mjs'), '--production'], { cwd: scratch, stdio: 'inherit' });
    const minified = readFileSync(path.join(scratch, 'dist/server/main.cjs'));
    return { bytes, minifiedBytes: minified.length, minifiedGzipBytes: gzipSync(minified).length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function peer(name: string, file: string, warmupFile: string, warmups: number, plan: Omit<Repeat, 'warmup'>): Promise<PeerResult> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/peer.ts'), name, file, warmupFile, String(warmups), String(plan.min), String(plan.max), String(plan.budgetMs)], {
      cwd: repo,
      maxBuffer: 1 << 24,
      timeout: 300_000,
    });
    const line = JSON.parse(stdout.trim().split('\n').at(-1)!) as { stat: Stat; cpu: Stat; tokenizeCallsPerRun?: number };
    return { stat: line.stat, cpu: line.cpu, warmups, ...(line.tokenizeCallsPerRun !== undefined ? { tokenizeCallsPerRun: line.tokenizeCallsPerRun } : {}) };
  } catch (error) {
    return { warmups, error: String((error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? error) };
  }
}

async function heap(cycles: number, every: number): Promise<HeapResult | { error: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(repo, 'bench/heap.ts'), workspace, String(cycles), String(every)], { cwd: repo, maxBuffer: 1 << 24, timeout: 300_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<HeapResult, 'deltaBytes'>;
    const first = result.samples[0]!.heapUsedBytes;
    const last = result.samples.at(-1)!.heapUsedBytes;
    return { ...result, msPerCycle: round(result.msPerCycle), deltaBytes: last - first };
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? error) };
  }
}

function evaluateTargets(results: Results): Target[] {
  const server = (id: string) => {
    const value = results.server[id];
    return isServerResult(value) ? value : undefined;
  };
  const targets: Target[] = [];
  const add = (id: string, what: string, target: string, value: number | undefined, measured: (v: number) => string, pass: (v: number) => boolean) =>
    targets.push({ id, what, target, ...(value !== undefined ? { value: round(value), measured: measured(value), pass: pass(value) } : {}) });
  add('keystroke-5k', 'keystroke → diagnostics at 5 KB', '≤ 3 ms', server('5k')?.keystroke.median, ms, (v) => v <= 3);
  add('keystroke-500k', 'keystroke → diagnostics at 500 KB', '≤ 30 ms', server('500k')?.keystroke.median, ms, (v) => v <= 30);
  const times = (v: number) => `${v.toFixed(2)}×`;
  // Ratios on CPU time: both sides measured the same way, and steady when other work shares the machine.
  add('vs-remark-500k', 'faster than a full remark-parse + gfm parse at 500 KB (CPU time)', '≥ 30×', results.peers['500k']?.['remark']?.cpuRatio, times, (v) => v >= 30);
  add('vs-markdownlint-500k', 'faster than markdownlint at 500 KB (CPU time)', '≥ 40×', results.peers['500k']?.['markdownlint']?.cpuRatio, times, (v) => v >= 40);
  add('completion-500k', 'completion after typing `- ` at 500 KB, p95', '≤ 10 ms', server('500k')?.completionTyped?.p95, ms, (v) => v <= 10);
  add('cold-start', 'cold start: spawn → first diagnostics, 5 KB', '≤ 400 ms', results.coldStart?.firstDiagnostics.median, ms, (v) => v <= 400);
  // Settled: once the server has collected the garbage of the opens (the reading right after them is in the table).
  add('rss-100x50k', `RSS with ${results.memory?.documents ?? 100} open 50 KB documents, settled`, '≤ 200 MB', results.memory?.rssSettledBytes, mb, (v) => v <= 200 * 1024 * 1024);
  const heapResult = results.heap && 'deltaBytes' in results.heap ? results.heap : undefined;
  add('heap-flat', `heap after ${heapResult?.cycles ?? 1000} open/close cycles`, '±20 MB', heapResult?.deltaBytes, (v) => `${v >= 0 ? '+' : ''}${(v / 1024 / 1024).toFixed(1)} MB`, (v) => Math.abs(v) <= 20 * 1024 * 1024);
  return targets;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = argument('--sizes')?.split(',');
  const only = argument('--only')?.split(',') ?? [...PARTS];
  for (const part of only) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`--only: unknown part ${part} (${PARTS.join(', ')})`);
  const outFile = path.resolve(argument('--out') ?? (quick ? path.join(out, 'results-quick.json') : path.join(repo, 'bench/results.json')));
  const compareFile = argument('--compare');
  const before = compareFile ? (JSON.parse(readFileSync(compareFile, 'utf8')) as Results) : undefined;
  const has = (part: (typeof PARTS)[number]) => only.includes(part);

  const command = ['npm run bench', ...(process.argv.slice(2).length > 0 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  const notes: string[] = [];
  mkdirSync(path.join(workspace, 'postmortems'), { recursive: true });
  statSync(serverPath);
  log('bundling the in-process server (bench/out/inprocess.cjs)');
  await buildInProcessServer();

  // The documents: generated ones (seed 1) and the corpus, written where the server treats them as postmortems.
  const plans = (quick ? QUICK : FULL).filter((plan) => !sizes || sizes.includes(plan.id));
  const documents: Array<DocumentInfo & { file: string; plan: Omit<SizePlan, 'id' | 'label' | 'bytes'> }> = [];
  for (const plan of plans) {
    const generated = generatePostmortem(plan.bytes, 1);
    const file = path.join(workspace, 'postmortems', `${generated.date}-bench-${plan.id}.md`);
    writeFileSync(file, generated.text);
    documents.push({ id: plan.id, label: plan.label, bytes: generated.bytes, source: `generated, seed 1 (bench/generate.ts)`, timelineEntries: generated.timelineEntries, file, plan });
  }
  if (!sizes || sizes.includes('corpus')) {
    for (const name of readdirSync(corpusDir).filter((name) => name.endsWith('.md')).sort()) {
      const file = path.join(workspace, 'postmortems', name);
      copyFileSync(path.join(corpusDir, name), file);
      const bytes = statSync(file).size;
      documents.push({ id: `corpus:${name}`, label: `corpus ${name.replace(/\.md$/, '')} (${(bytes / 1000).toFixed(1)} KB)`, bytes, source: `test/fixtures/corpus/markdown/${name}`, file, plan: CORPUS_PLAN(quick) });
    }
  }
  const rootUri = pathToFileURL(workspace).toString();

  const results: Results = {
    schema: 1,
    command,
    mode: quick ? 'quick' : 'full',
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.cpus().length,
      memoryBytes: os.totalmem(),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      date: new Date().toISOString(),
      loadAverageAtStart: round(os.loadavg()[0]!),
    },
    git: { commit: git(['rev-parse', 'HEAD']), serverChangesUncommitted: git(['status', '--porcelain', '--', 'server']) !== '' },
    documents: documents.map(({ file: _file, plan: _plan, ...info }) => info),
    server: {},
    peers: {},
    targets: [],
    notes,
  };

  for (const doc of documents) {
    const text = readFileSync(doc.file, 'utf8');
    const uri = pathToFileURL(doc.file).toString();
    if (has('server')) {
      log(`${doc.label}: through the server`);
      try {
        results.server[doc.id] = await measureDocument(rootUri, uri, text, doc.plan.server);
        const s = results.server[doc.id];
        if (isServerResult(s)) log(`${doc.label}: open ${ms(s.openMs)}, keystroke median ${ms(s.keystroke.median)} (n=${s.keystroke.n})`);
      } catch (error) {
        results.server[doc.id] = { error: error instanceof Error ? error.message : String(error) };
        log(`${doc.label}: server error: ${String(error)}`);
      }
    }
    if (has('peers')) {
      const ours = results.server[doc.id];
      const peerResults: Record<string, PeerResult> = {};
      const warmupOn = FULL.find((plan) => plan.id === doc.plan.peers.warmupOn);
      const warmupFile = warmupOn ? path.join(out, `warmup-${warmupOn.id}.md`) : doc.file;
      if (warmupOn) writeFileSync(warmupFile, generatePostmortem(warmupOn.bytes, 1).text);
      for (const name of PEERS) {
        log(`${doc.label}: ${name}`);
        const result = await peer(name, doc.file, warmupFile, doc.plan.peers.warmups, doc.plan.peers.repeat);
        const comparable = isServerResult(ours) ? (name === 'vmls-symbols' ? ours.symbolsAfterEdit?.median : ours.keystroke.median) : undefined;
        if (result.stat && comparable) result.ratio = round(result.stat.median / comparable);
        if (result.cpu && isServerResult(ours) && ours.keystrokeCpuMs > 0 && name !== 'vmls-symbols') result.cpuRatio = round(result.cpu.median / ours.keystrokeCpuMs);
        peerResults[name] = result;
        if (result.stat) log(`${doc.label}: ${name} median ${ms(result.stat.median)} (n=${result.stat.n})`);
      }
      results.peers[doc.id] = peerResults;
    }
  }

  const small = documents.find((doc) => doc.id === '5k') ?? { file: path.join(workspace, 'postmortems', 'cold-start.md') };
  if (has('startup')) {
    const text = generatePostmortem(5_000, 1).text;
    writeFileSync(small.file, text);
    const runs = quick ? 5 : 10;
    log(`cold start × ${runs}`);
    results.coldStart = { ...(await measureColdStart(rootUri, pathToFileURL(small.file).toString(), text, runs)), documentBytes: Buffer.byteLength(text) };
  }
  if (has('memory')) {
    log('100 open 50 KB documents');
    const docs = Array.from({ length: 100 }, (_, i) => ({
      uri: pathToFileURL(path.join(workspace, 'postmortems', `open-${i}.md`)).toString(),
      text: generatePostmortem(50_000, 1000 + i).text,
    }));
    results.memory = await measureOpenDocuments(rootUri, docs);
  }
  if (has('heap')) {
    const cycles = quick ? 200 : 1000;
    const every = quick ? 50 : 250;
    log(`heap over ${cycles} open/close cycles (in-process, --expose-gc)`);
    const heapResult = await heap(cycles, every);
    if ('samples' in heapResult) {
      log(`RSS of a spawned server over ${cycles} open/close cycles`);
      const texts = Array.from({ length: 50 }, (_, i) => generatePostmortem(5_000, 100 + i).text);
      heapResult.serverRss = await measureOpenCloseRss(rootUri, (i) => pathToFileURL(path.join(workspace, 'postmortems', `cycle-${i}.md`)).toString(), texts, cycles, every);
    }
    results.heap = heapResult;
  }
  if (has('bundle')) {
    log('bundle sizes (production build in a scratch directory)');
    results.bundle = bundleSizes();
  }

  results.targets = evaluateTargets(results);
  for (const doc of documents) {
    const s = results.server[doc.id];
    if (isServerResult(s) && s.warnings) notes.push(`${doc.label}: **${s.warnings.join('; ')}** — those latencies time an empty answer.`);
    if (isServerResult(s) && s.skipped.length > 0) notes.push(`${doc.label}: skipped ${s.skipped.join(', ')}${doc.id === '5m' ? ' — each sample needs a full re-analysis (see the keystroke column); the cached-model columns are measured' : ''}.`);
    const peers = results.peers[doc.id];
    const few = Object.entries(peers ?? {}).filter(([, value]) => value.stat && value.stat.n < 5);
    if (few.length > 0) notes.push(`${doc.label}: only ${few.map(([name, value]) => `${value.stat!.n} run(s) of ${name}`).join(', ')} (time budget), after ${doc.plan.peers.warmups} warm-up run(s)${doc.plan.peers.warmupOn ? ` on the ${doc.plan.peers.warmupOn} document` : ''}.`);
  }
  notes.push('Keystroke: a one-character insert or delete at the end of a prose or list line in the middle of the document; latency from writing didChange to reading publishDiagnostics for that version. Typing starts once the server is idle after the open (at most one clock tick of CPU in half a second), then warm-up keystrokes; the idle wait per document is in bench/results.json (`settleMs`).');
  notes.push('Completion after typing: didChange inserting a new `- ` line under a timeline entry and the completion request sent together, as an editor does on the trigger space; the document is restored after each sample.');
  const large = results.server['500k'];
  const warmup = isServerResult(large) ? large.completionTyped?.warmup : undefined;
  if (warmup) notes.push(`500 KB: the completion after typing's ${warmup.length} warm-up samples, not counted: ${warmup.map((value) => ms(value)).join(', ')}.`);
  notes.push('Peers run in their own process per tool and document, called in-process (no IPC); our latency includes the JSON-RPC round trip. CPU ratios compare their CPU time per run with our server process\'s CPU time per keystroke (both user + system, all threads).');
  log('done');
  results.machine.loadAverageMax = round(loadAverageMax);
  // The bench keeps about one core busy itself; more than that is other work competing for the CPU.
  if (results.machine.loadAverageAtStart > 0.5 || loadAverageMax > 1.5) {
    notes.push(`The machine was not quiet: 1-minute load average ${results.machine.loadAverageAtStart} before the run and up to ${results.machine.loadAverageMax} during it (the bench itself accounts for about 1, on ${results.machine.cores} cores); latencies are inflated accordingly.`);
  }
  notes.push(`Total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s.`);

  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(repo, outFile)}`);
  process.stdout.write(`${formatResults(results)}\n`);
  if (before) process.stdout.write(`\n${formatComparison(before, results)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
