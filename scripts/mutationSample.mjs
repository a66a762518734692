#!/usr/bin/env node
// A mutation run over a random sample of the mutants in stryker.config.json's scope, for a score with a
// margin in about an hour where the whole run takes most of a day on two cores. The sample is drawn from
// Stryker's own mutant list (its instrumenter), by place (mutants at the same place share a mutation range),
// seeded so that a run can be repeated. Stryker is given the places as mutation ranges and an ignorer
// (mutationSampleIgnorer.mjs) that drops the unsampled mutants nested in them; the score per folder counts the
// sampled places only.
//
//   npm run test:mutation:sample [-- --mutants 700 --seed 1 --concurrency 2 --only 'server/src/features/**']
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Instrumenter } from '@stryker-mutator/instrumenter';

const root = path.resolve(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(path.join(root, 'stryker.config.json'), 'utf8'));
const reportFile = path.join(root, config.jsonReporter.fileName);
const sampleFile = path.join(path.dirname(reportFile), 'sample.json');
const sampleConfigFile = path.join(path.dirname(reportFile), 'sample.config.json');

const { values: options } = parseArgs({
  options: {
    mutants: { type: 'string', default: '700' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: String(config.concurrency ?? 2) },
    // A glob within the config's scope, to sample one folder or file.
    only: { type: 'string' },
  },
});

const sample = await drawSample(Number(options.mutants), Number(options.seed));
mkdirSync(path.dirname(sampleFile), { recursive: true });
writeFileSync(sampleFile, JSON.stringify(sample));
writeFileSync(
  sampleConfigFile,
  JSON.stringify({
    ...config,
    $schema: undefined,
    mutate: sample.places.map((place) => place.range),
    plugins: ['@stryker-mutator/*', path.join(root, 'scripts/mutationSampleIgnorer.mjs')],
    ignorers: ['sample'],
    concurrency: Number(options.concurrency),
  }),
);
const run = spawnSync('npx', ['stryker', 'run', sampleConfigFile], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STRYKER_SAMPLE_FILE: sampleFile },
});
if (run.status !== 0) process.exit(run.status ?? 1);
printScores(JSON.parse(readFileSync(reportFile, 'utf8')), sample);

/** Files in scope: the config's `mutate` globs over server/src. */
function scopeFiles() {
  return readdirSync(path.join(root, 'server/src'), { recursive: true })
    .map((name) => path.posix.join('server/src', name.split(path.sep).join('/')))
    .filter((name) => name.endsWith('.ts') && config.mutate.some((glob) => path.matchesGlob(name, glob)))
    .filter((name) => options.only === undefined || path.matchesGlob(name, options.only))
    .sort();
}

/** Places drawn at random until they hold `count` mutants, with Babel locations and Stryker ranges. */
async function drawSample(count, seed) {
  const files = scopeFiles().map((name) => ({ name, content: readFileSync(path.join(root, name), 'utf8'), mutate: true }));
  const { mutants } = await new Instrumenter(silentLogger()).instrument(files, {
    plugins: null,
    excludedMutations: [],
    ignorers: [],
  });
  const places = new Map();
  for (const { fileName, location } of mutants) {
    const file = path.relative(root, fileName).split(path.sep).join('/');
    const { start, end } = location; // 0-based lines, as Stryker keeps them
    const range = `${file}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`;
    const place = places.get(range) ?? {
      range,
      file,
      start: { line: start.line + 1, column: start.column },
      end: { line: end.line + 1, column: end.column },
      mutants: 0,
    };
    place.mutants += 1;
    places.set(range, place);
  }
  const random = mulberry32(seed);
  const order = [...places.values()].map((place) => ({ place, key: random() })).sort((a, b) => a.key - b.key);
  const drawn = [];
  let held = 0;
  for (const { place } of order) {
    if (held >= count) break;
    drawn.push(place);
    held += place.mutants;
  }
  console.log(`mutation sample: ${held} of ${mutants.length} mutants, at ${drawn.length} of ${places.size} places, seed ${seed}`);
  return { seed, places: drawn };
}

function silentLogger() {
  const logger = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false };
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) logger[level] = () => {};
  return logger;
}

/** A small seeded generator, so a sample can be drawn again. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Detected share per folder over the sampled places, as Stryker counts it (timeouts and errors detect). */
function printScores(report, { places }) {
  const sampled = new Set(places.map((place) => place.range));
  const detected = new Set(['Killed', 'Timeout', 'RuntimeError', 'CompileError']);
  const folders = new Map();
  const survivors = [];
  for (const [name, { mutants }] of Object.entries(report.files)) {
    const file = path.relative(root, path.resolve(root, name)).split(path.sep).join('/');
    const tally = folders.get(path.dirname(file)) ?? { detected: 0, valid: 0 };
    for (const { status, location: { start, end }, mutatorName, replacement } of mutants) {
      // The report's locations are 1-based lines, 1-based columns.
      if (!sampled.has(`${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`)) continue;
      if (status === 'Ignored') continue;
      tally.valid += 1;
      if (detected.has(status)) tally.detected += 1;
      else survivors.push(`${file}:${start.line}:${start.column} ${mutatorName} ${status}: ${replacement ?? ''}`.slice(0, 160));
    }
    folders.set(path.dirname(file), tally);
  }
  console.log('\nsurviving sampled mutants:');
  for (const survivor of survivors) console.log(`  ${survivor}`);
  const total = { detected: 0, valid: 0 };
  console.log('\nfolder                          mutants  detected    score  95% interval');
  for (const [folder, tally] of [...folders].sort()) {
    total.detected += tally.detected;
    total.valid += tally.valid;
    console.log(scoreLine(folder, tally));
  }
  console.log(scoreLine('all', total));
}

function scoreLine(name, { detected, valid }) {
  const [low, high] = wilson(detected, valid);
  const percent = (value) => `${(value * 100).toFixed(1)} %`;
  return `${name.padEnd(30)} ${String(valid).padStart(8)} ${String(detected).padStart(9)}  ${percent(detected / valid).padStart(7)}  ${percent(low)}–${percent(high)}`;
}

/** Wilson score interval at 95 %, which stays sensible near 100 % where the normal approximation does not. */
function wilson(successes, trials) {
  if (trials === 0) return [0, 1];
  const z = 1.96;
  const p = successes / trials;
  const centre = p + (z * z) / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  const denominator = 1 + (z * z) / trials;
  return [(centre - spread) / denominator, (centre + spread) / denominator];
}
