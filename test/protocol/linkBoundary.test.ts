// Broken-link checks (PM014) in the editor look inside the workspace folder only: links to absolute paths, file: URIs,
// paths that climb out with `..`, and folders or files of the workspace that are symbolic links to somewhere outside
// are not checked. The diagnostics are the same whether the file outside exists or not; a document outside every
// workspace folder has no links checked at all.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { completePostmortem } from '../support/postmortemText';
import { LspClient } from './lspClient';

const outside = mkdtempSync(path.join(tmpdir(), 'postmortem-outside-'));
const workspace = mkdtempSync(path.join(tmpdir(), 'postmortem-workspace-'));
const document = path.join(workspace, 'postmortems/2021-07-11-links.md');
const climb = path.relative(path.dirname(document), path.join(outside, 'secret.md'));
const links = [
  `[a](/../../../../..${outside}/secret.md)`,
  `[b](file://${outside}/secret.md)`,
  `[c](${climb})`,
  '[d](../docs/outside/secret.md)',
  '[e](/docs/outside/secret.md)',
  '[f](../docs/gone.md)',
  // Inside: a file that is there, and one that is not (the only one reported).
  '[g](../docs/runbook.md) [h](../docs/missing.md)',
];
const text = completePostmortem().replace('All services were down.', links.join('\n'));

let client: LspClient;
before(async () => {
  mkdirSync(path.join(workspace, 'docs'), { recursive: true });
  writeFileSync(path.join(workspace, 'docs/runbook.md'), '# Runbook\n');
  symlinkSync(outside, path.join(workspace, 'docs/outside'));
  symlinkSync(path.join(outside, 'secret.md'), path.join(workspace, 'docs/gone.md'));
  client = await LspClient.start(pathToFileURL(workspace).href);
});
after(async () => {
  assert.equal(await client.stop(), 0);
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** The PM014 diagnostics of the document, opened afresh. */
async function brokenLinks(uri: string): Promise<string[]> {
  const { diagnostics } = await client.open(uri, text);
  await client.close(uri);
  return diagnostics.filter((d) => d.code === 'PM014').map((d) => `${d.range.start.line}: ${d.message}`);
}

test('links out of the workspace folder are not checked: the same diagnostics whether the file outside exists or not', async () => {
  const uri = pathToFileURL(document).href;
  const missing = await brokenLinks(uri);
  writeFileSync(path.join(outside, 'secret.md'), 'secret\n');
  const present = await brokenLinks(uri);
  rmSync(path.join(outside, 'secret.md'));
  assert.deepEqual(present, missing);
  assert.deepEqual(missing, [`${text.split('\n').findIndex((line) => line.includes('[h]'))}: Broken link: "../docs/missing.md" does not exist relative to this file.`]);
});

test('a document outside every workspace folder gets no link checks', async () => {
  const elsewhere = pathToFileURL(path.join(outside, 'postmortems/2021-07-11-links.md')).href;
  assert.deepEqual(await brokenLinks(elsewhere), []);
});
