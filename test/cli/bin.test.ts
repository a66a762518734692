import assert from 'node:assert/strict';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DidOpenTextDocumentNotification, PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { initializeServer, shutdownServer, spawnServer } from '../support/lspServer';
import { MIN_FILES_PER_THREAD } from '../../server/src/cli/threads';
import { brokenPostmortem, repoRoot, runCli, tempRepo } from './util';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };

/**
 * A folder on PATH holding the package's commands as npm installs them (a link per `bin` entry), so a test starts
 * them by name, as an editor or a CI step does: through the shebang, with no `node` in front.
 */
function installBins(): { env: NodeJS.ProcessEnv; dispose(): void } {
  const bin = mkdtempSync(path.join(tmpdir(), 'postmortem-bin-'));
  for (const [name, target] of Object.entries(manifest.bin)) symlinkSync(path.join(repoRoot, target), path.join(bin, name));
  return { env: { ...process.env, NO_COLOR: '1', PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` }, dispose: () => rmSync(bin, { recursive: true, force: true }) };
}

test('package.json names both commands, and each is an executable script with a node shebang', () => {
  assert.deepEqual(Object.keys(manifest.bin).sort(), ['postmortem-language-server', 'postmortem-lint']);
  for (const target of Object.values(manifest.bin)) {
    const file = path.join(repoRoot, target);
    accessSync(file, constants.X_OK);
    assert.ok(readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n'), `${target} starts with a shebang`);
  }
});

test('postmortem-language-server --stdio, started by name as an editor does: initialize, then diagnostics', async () => {
  const bins = installBins();
  const { process: server, connection } = spawnServer({ command: 'postmortem-language-server', env: bins.env });
  connection.listen();
  try {
    const uri = 'file:///work/repo/postmortems/2021-07-11-cascading-node-failures.md';
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
      connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
        if (params.uri === uri) resolve(params);
      });
    });
    const initialized = await initializeServer(connection, { uri: 'file:///work/repo', name: 'repo' }, {});
    assert.equal(initialized.serverInfo?.name, 'postmortem-language-server');
    assert.ok(initialized.capabilities.textDocumentSync, 'the server syncs documents');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: brokenPostmortem() } });
    const published = await diagnostics;
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['PM004', 'PM008']);

    assert.equal(await shutdownServer(connection, server), 0);
  } finally {
    connection.dispose();
    server.kill();
    bins.dispose();
  }
});

test('postmortem-lint started by name lints, and its worker threads start from the installed link', async () => {
  const bins = installBins();
  const files: Record<string, string> = {};
  // Enough files for two threads.
  const count = 2 * MIN_FILES_PER_THREAD;
  for (let i = 0; i < count; i++) files[`postmortems/incident-${i}.md`] = brokenPostmortem();
  const repo = tempRepo(files);
  try {
    const result = await runCli(['--jobs', '2'], { cwd: repo.root, env: { ...bins.env, POSTMORTEM_LINT_TRACE: '1' }, command: 'postmortem-lint' });
    assert.match(result.stderr, /files on 2 thread\(s\)/, 'worker threads did the work');
    assert.equal(result.code, 1, result.stderr);
    assert.ok(result.stdout.includes(`✖ ${2 * count} problems (${count} errors, ${count} warnings) · ${count} files linted ·`), result.stdout.slice(-300));
  } finally {
    repo.dispose();
    bins.dispose();
  }
});
