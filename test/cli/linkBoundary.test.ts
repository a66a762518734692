// Broken-link checks (PM014) look inside the repository only: a link to an absolute path, a file: URI, a path that
// climbs out with `..`, or a folder or file inside the repository that is a symbolic link to somewhere outside, is not
// checked at all. The report is the same whether the file outside exists or not, so it tells nothing about the disk.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cleanPostmortem, runCli, tempRepo } from './util';

interface JsonReport {
  files: Array<{ path: string; diagnostics: Array<{ ruleId: string; message: string; line: number }> }>;
}

test('links that lead out of the repository, by path or through a symbolic link, are not checked: the same report whether their target exists or not', async () => {
  const outside = mkdtempSync(path.join(tmpdir(), 'postmortem-lint-outside-'));
  const repo = tempRepo({ 'docs/runbook.md': '# Runbook\n', 'postmortems/README.md': '' });
  try {
    const postmortem = path.join(repo.root, 'postmortems/2021-07-11-links.md');
    const climb = path.relative(path.dirname(postmortem), path.join(outside, 'secret.md'));
    const links = [
      `[a](${outside}/secret.md)`,
      // Root-relative (a static site's), climbing out: from the root and from each static folder.
      `[b](/../../../../..${outside}/secret.md)`,
      `[c](file://${outside}/secret.md)`,
      `[d](${climb})`,
      '[e](../docs/outside/secret.md)',
      '[f](/docs/outside/secret.md)',
      '[g](../docs/gone.md)',
      '[h](/etc/passwd) [i](file:///etc/hosts)',
      // Inside, a link to a file that is there and one to a file that is not: only the second is reported.
      '[j](../docs/runbook.md) [k](../docs/missing.md)',
    ];
    writeFileSync(postmortem, cleanPostmortem().replace('All services were down.', links.join('\n')));
    symlinkSync(outside, path.join(repo.root, 'docs/outside'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(repo.root, 'docs/gone.md'));

    const lint = async () => {
      const result = await runCli(['--format', 'json'], { cwd: repo.root });
      return (JSON.parse(result.stdout) as JsonReport).files.find((file) => file.path === 'postmortems/2021-07-11-links.md')!.diagnostics;
    };
    const missing = await lint();
    writeFileSync(path.join(outside, 'secret.md'), 'secret\n');
    const present = await lint();
    assert.deepEqual(present, missing);
    // An absolute path is read as a static site's, from the repository root: looked up inside the repository only.
    assert.deepEqual(missing.map((d) => [d.ruleId, d.message]), [
      ['PM014', `Broken link: "${outside}/secret.md" is not in the repository, nor in its static, public, assets, docs, content, src, site, source folders.`],
      ['PM014', 'Broken link: "../docs/missing.md" does not exist relative to this file.'],
    ]);
  } finally {
    repo.dispose();
    rmSync(outside, { recursive: true, force: true });
  }
});
