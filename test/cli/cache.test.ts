// --cache: a re-run analyses only what changed, and reports exactly what a run without the cache would.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { brokenPostmortem, cleanPostmortem, fixablePostmortem, lines, runCli, tempRepo } from './util';

const traced = { ...process.env, NO_COLOR: '1', POSTMORTEM_LINT_TRACE: '1' };

/** A run with --cache (and `args`): its report without the timing, and how many files came from the cache. */
async function cachedRun(root: string, args: string[] = []) {
  const run = await runCli(['--cache', ...args], { cwd: root, env: traced });
  const fromCache = /(\d+) of (\d+) files from the cache/.exec(run.stderr);
  assert.ok(fromCache, run.stderr);
  return { ...run, report: withoutTiming(run.stdout), fromCache: Number(fromCache[1]), files: Number(fromCache[2]) };
}

function withoutTiming(report: string): string {
  return report.replace(/ · [\d.]+ m?s$/m, '');
}

test('a second run takes every unchanged file from the cache and reports the same; the cache tells git to ignore it', async () => {
  const repo = tempRepo({ 'postmortems/a.md': brokenPostmortem(), 'postmortems/b.md': cleanPostmortem(), 'notes.md': '# Shopping list\n\n- eggs\n' });
  try {
    const plain = await runCli([], { cwd: repo.root });
    const first = await cachedRun(repo.root);
    assert.equal(first.fromCache, 0);
    assert.equal(first.report, withoutTiming(plain.stdout));
    const second = await cachedRun(repo.root);
    assert.deepEqual([second.fromCache, second.files], [3, 3], 'the skipped file too');
    assert.equal(second.report, first.report);
    assert.equal(second.code, first.code);
    assert.match(readFileSync(path.join(repo.root, '.postmortem-cache/.gitignore'), 'utf8'), /^\*$/m);
    // The JSON report of a cached run is the same as well.
    const json = (args: string[]) => runCli(['--format', 'json', ...args], { cwd: repo.root }).then((r) => JSON.parse(r.stdout).files);
    assert.deepEqual(await json(['--cache']), await json([]));
  } finally {
    repo.dispose();
  }
});

test('an edited file is linted again, the others are not', async () => {
  const repo = tempRepo({ 'a.md': cleanPostmortem(), 'b.md': cleanPostmortem() });
  try {
    await cachedRun(repo.root);
    writeFileSync(path.join(repo.root, 'a.md'), brokenPostmortem());
    const after = await cachedRun(repo.root);
    assert.deepEqual([after.fromCache, after.files], [1, 2]);
    assert.match(after.report, /^a\.md:\d+:\d+ +error +Impossible time/m);
    assert.equal(after.code, 1);
  } finally {
    repo.dispose();
  }
});

test('a changed repo config or template file means every file it applies to is linted again', async () => {
  const template = (extra: string) => lines('# Incident', '', '## Summary', '', extra);
  const repo = tempRepo({
    'a.md': lines('# Outage', '', '## Summary', '', 'It broke.', '', '## Impact', '', 'Nobody could log in.'),
    '.postmortem.yaml': lines('template: ours.md'),
    'ours.md': template('## Impact'),
  });
  try {
    const first = await cachedRun(repo.root);
    assert.doesNotMatch(first.report, /PM001/);
    writeFileSync(path.join(repo.root, 'ours.md'), template(lines('## Impact', '', '## Lessons', '')));
    const newTemplate = await cachedRun(repo.root);
    assert.equal(newTemplate.fromCache, 0);
    assert.match(newTemplate.report, /Missing section "Lessons"\. +PM001/);
    writeFileSync(path.join(repo.root, '.postmortem.yaml'), lines('template: ours.md', 'rules:', '  missing-section: off'));
    const newConfig = await cachedRun(repo.root);
    assert.equal(newConfig.fromCache, 0);
    assert.doesNotMatch(newConfig.report, /PM001/);
  } finally {
    repo.dispose();
  }
});

test('a broken link is checked again: the finding goes when the linked file appears, and comes back when it goes', async () => {
  // A link through a folder linked out of the repository gets no answer (linkTargets.ts), kept as such in the cache.
  const repo = tempRepo({ 'a.md': cleanPostmortem().replace('All services were down.', 'All services were down ([graph](graph.png), [notes](elsewhere/notes.md)).') });
  symlinkSync(tmpdir(), path.join(repo.root, 'elsewhere'));
  try {
    const broken = await cachedRun(repo.root);
    assert.match(broken.report, /"graph\.png".*PM014/);
    writeFileSync(path.join(repo.root, 'graph.png'), '');
    const found = await cachedRun(repo.root);
    assert.equal(found.fromCache, 0);
    assert.doesNotMatch(found.report, /PM014/);
    assert.equal((await cachedRun(repo.root)).fromCache, 1);
    rmSync(path.join(repo.root, 'graph.png'));
    const gone = await cachedRun(repo.root);
    assert.equal(gone.fromCache, 0);
    assert.match(gone.report, /PM014/);
  } finally {
    repo.dispose();
  }
});

test('--fix fixes a file whose cached result has something to fix', async () => {
  const repo = tempRepo({ 'a.md': fixablePostmortem() });
  try {
    await cachedRun(repo.root);
    const fixed = await cachedRun(repo.root, ['--fix']);
    assert.equal(fixed.fromCache, 0);
    assert.match(readFileSync(path.join(repo.root, 'a.md'), 'utf8'), /\*\*00:32 UTC:\*\*/);
    assert.match(fixed.report, / · 1 file fixed/);
    // The fixed file is linted once more, then comes from the cache.
    assert.equal((await cachedRun(repo.root)).fromCache, 0);
    assert.equal((await cachedRun(repo.root, ['--fix'])).fromCache, 1);
  } finally {
    repo.dispose();
  }
});

test('a corrupt cache, or one written by another build, is not used and is rewritten', async () => {
  const repo = tempRepo({ 'a.md': brokenPostmortem() });
  const results = path.join(repo.root, '.postmortem-cache/results.json');
  try {
    const first = await cachedRun(repo.root);
    const cache = JSON.parse(readFileSync(results, 'utf8'));
    // A forged result for the file under another build's name: not trusted.
    const forged = structuredClone(cache);
    (Object.values(forged.entries)[0] as { report: { diagnostics: unknown[] } }).report.diagnostics = [];
    writeFileSync(results, JSON.stringify({ ...forged, tool: 'another build' }));
    const other = await runCli(['--cache'], { cwd: repo.root, env: traced });
    assert.match(other.stderr, /0 of 1 files from the cache \(the cache was not used: another build of postmortem-lint wrote it\)/);
    assert.equal(withoutTiming(other.stdout), first.report);
    // An entry of the right key but the wrong shape is a miss, not a crash.
    const misshapen = structuredClone(cache);
    (Object.values(misshapen.entries)[0] as { report: { diagnostics: unknown } }).report.diagnostics = 'none';
    writeFileSync(results, JSON.stringify(misshapen));
    const shape = await runCli(['--cache'], { cwd: repo.root, env: traced });
    assert.match(shape.stderr, /^postmortem-lint: 0 of 1 files from the cache$/m);
    assert.equal(withoutTiming(shape.stdout), first.report);
    writeFileSync(results, '{"format": 1, "entr');
    const corrupt = await runCli(['--cache'], { cwd: repo.root, env: traced });
    assert.match(corrupt.stderr, /\(the cache was not used: it is not valid JSON\)/);
    assert.equal(withoutTiming(corrupt.stdout), first.report);
    assert.equal((await cachedRun(repo.root)).fromCache, 1, 'rewritten whole');
  } finally {
    repo.dispose();
  }
});

test('--cache-location keeps the cache elsewhere; a cache that cannot be written is no error', async () => {
  const repo = tempRepo({ 'a.md': cleanPostmortem(), 'blocker': 'a file where the cache folder would go' });
  try {
    const elsewhere = await runCli(['--cache-location', 'build/lint-cache'], { cwd: repo.root, env: traced });
    assert.equal(elsewhere.code, 0, elsewhere.stdout);
    assert.ok(existsSync(path.join(repo.root, 'build/lint-cache/results.json')));
    assert.ok(!existsSync(path.join(repo.root, '.postmortem-cache')));
    const unwritable = await runCli(['--cache-location', 'blocker/cache'], { cwd: repo.root, env: traced });
    assert.equal(unwritable.code, 0, unwritable.stderr);
    assert.match(unwritable.stdout, /1 file linted/);
  } finally {
    repo.dispose();
  }
});
