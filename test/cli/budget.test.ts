// The command line's time budget, the editor's (server/src/budget.ts): a file whose analysis runs past it is reported
// as an error of its own that says which budget and how to raise it, the other files are still linted, and the run
// exits 1. POSTMORTEM_PARSE_BUDGET_MS lowers the budget here so that the test stays short.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPostmortem, runCli, tempRepo } from './util';

interface JsonReport {
  files: Array<{ path: string; status: string; error?: string; diagnostics: unknown[] }>;
  summary: { linted: number; unreadable: number; internalErrors: number };
  exitCode: number;
}

/**
 * 160 KB of lines of `*a` runs, every other line opening with `2. `: the caps (caps.ts) take such a line for a new
 * list item and start counting again, but micromark reads one paragraph, and is quadratic in its runs. Without a
 * budget, postmortem-lint took 141 s on it.
 */
function slowPostmortem(): string {
  const run = '*a'.repeat(100);
  const lines: string[] = [];
  for (let i = 0; lines.length * run.length < 160_000; i++) lines.push(i % 2 ? `2. ${run}` : run);
  return `# 2021-07-01: Outage\n\n${lines.join('\n')}\n`;
}

test('a file past its time budget is an error of its own, the files after it are linted, and the run exits 1', { timeout: 120_000 }, async () => {
  // The slow file comes first, in a batch with the next: that one goes back to the queue for a new worker.
  const files: Record<string, string> = { 'postmortems/01-slow.md': slowPostmortem() };
  for (let n = 2; n <= 10; n++) files[`postmortems/${String(n).padStart(2, '0')}-ok.md`] = cleanPostmortem();
  const repo = tempRepo(files);
  try {
    const env = { ...process.env, NO_COLOR: '1', POSTMORTEM_PARSE_BUDGET_MS: '1000' };
    const started = performance.now();
    const json = await runCli(['--format', 'json'], { cwd: repo.root, env });
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.equal(json.code, 1);
    assert.equal(report.exitCode, 1);
    const [slow, ...rest] = report.files;
    assert.equal(slow!.path, 'postmortems/01-slow.md');
    assert.equal(slow!.status, 'error');
    assert.match(slow!.error!, /^could not be analysed within its time budget: parsing a part of 16[0-9],[0-9]{3} characters took longer than 1\.2 s \(1 s and 1 ms per 1,000 characters, as in the editor\)/);
    assert.match(slow!.error!, /POSTMORTEM_PARSE_BUDGET_MS sets the 1 s/);
    assert.deepEqual(rest.map((file) => [file.path, file.status, file.diagnostics.length]), Object.keys(files).slice(1).map((path) => [path, 'linted', 0]));
    assert.deepEqual([report.summary.linted, report.summary.unreadable, report.summary.internalErrors], [9, 1, 0]);

    const text = await runCli([], { cwd: repo.root, env });
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^postmortems\/01-slow\.md +error +could not be analysed within its time budget: parsing a part of/m);
    assert.match(text.stdout, /· 9 files linted · 1 file could not be linted ·/);
  } finally {
    repo.dispose();
  }
});
