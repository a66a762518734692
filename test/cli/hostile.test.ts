// postmortem-lint in a repository full of traps (test/support/hostileRepository.ts): it finishes within its budgets,
// reports a file the parser is slow on as over budget rather than hanging, and no report (text, JSON, SARIF) holds a byte of the
// files outside the repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hostileRepository, SECRET, type HostileRepository } from '../support/hostileRepository';
import { runCli } from './util';

let repo: HostileRepository;
// A short budget keeps the run short; the heavy files must be stopped by it, not finish slowly.
const env = { ...process.env, NO_COLOR: '1', POSTMORTEM_PARSE_BUDGET_MS: '1000' };

before(() => {
  repo = hostileRepository();
});
after(() => repo.dispose());

for (const format of ['text', 'json', 'sarif'] as const) {
  test(`${format}: the run ends within its budgets, and nothing from outside the repository is in the report`, async () => {
    const started = performance.now();
    const result = await runCli(['--format', format, '--all', '-o', 'report.out'], { cwd: repo.workspace, env });
    const seconds = (performance.now() - started) / 1000;
    const report = readFileSync(path.join(repo.workspace, 'report.out'), 'utf8');
    assert.ok(seconds < 60, `${seconds.toFixed(1)} s`);
    assert.ok([1, 2].includes(result.code ?? -1), `exit ${result.code}: ${result.stderr}`);
    assert.ok(!report.includes(SECRET), 'the report holds a byte of a file outside');
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET), 'the output holds a byte of a file outside');
    if (format === 'json') {
      const files = (JSON.parse(report) as { files: Array<{ path: string; status: string; error?: string }> }).files;
      assert.equal(files.find((file) => file.path === 'postmortems/2021-07-11-small.md')?.status, 'linted', 'the ordinary postmortem was linted');
      // The nested file is 2 MB of indentation the parser is slow on: its budget stops it, and the run goes on.
      assert.match(files.find((file) => file.path === 'postmortems/2021-07-15-deep.md')?.error ?? '', /time budget/);
    }
  });
}
