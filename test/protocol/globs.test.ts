// The repo's `files` globs at the server: the Postmortems view (postmortem/list, which walks the workspace and
// matches every file's path) and a document's detection. A glob made to backtrack, against a 250-character file name,
// must be answered within a second; ordinary globs must still pick the same files; a glob the matcher cannot read is
// reported on the config file and left out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { completePostmortem } from '../support/postmortemText';
import { LspClient } from './lspClient';
import { within } from './reliabilitySupport';

const HOSTILE = '**/*q*q*q*q*q*q*q*q*z.md';
const longName = `${'q'.repeat(247)}.md`;
const folder = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-globs-')));
const uriOf = (relative: string) => URI.file(join(folder, relative)).toString();
const notes = '# Notes\n\nNothing happened here.\n';
const files: Record<string, string> = {
  'postmortems/2021/2021-07-11-cascading.md': completePostmortem(),
  'docs/incidents/2021-08-01-cache.md': completePostmortem().replace('Cascading node failures', 'Cache stampede'),
  'docs/incidents/old/2020-01-01-notes.md': notes,
  [`notes/${longName}`]: notes,
  [`postmortems/${longName}`]: completePostmortem().replace('Cascading node failures', 'Long name'),
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(dirname(join(folder, name)), { recursive: true });
  writeFileSync(join(folder, name), text);
}
const config = (...globs: string[]) => `files:\n${globs.map((glob) => `  - ${JSON.stringify(glob)}\n`).join('')}`;
writeFileSync(join(folder, '.postmortem.yaml'), config(HOSTILE, '**/postmortems/**/*.md', 'docs/incidents/*.{md,rst}'));

let client: LspClient;
before(async () => {
  client = await LspClient.start(URI.file(folder).toString());
});
after(async () => {
  assert.equal(await client.stop(), 0);
  rmSync(folder, { recursive: true, force: true });
});

const listed = async () => {
  const { postmortems } = (await client.connection.sendRequest('postmortem/list', { problems: false })) as { postmortems: Array<{ path: string }> };
  return postmortems.map((p) => p.path).sort();
};
const expected = ['docs/incidents/2021-08-01-cache.md', `postmortems/${longName}`, 'postmortems/2021/2021-07-11-cascading.md'].sort();

test('the Postmortems view lists what the ordinary globs match, within a second, though one glob is made to backtrack', async () => {
  const { value, ms } = await within(1000, 'postmortem/list', listed());
  assert.deepEqual(value, expected);
  console.log(`globs: postmortem/list with ${HOSTILE} and a ${longName.length}-character name in ${ms.toFixed(0)} ms`);
});

test('a document with a 250-character name is told apart within a second', async () => {
  const { value } = await within(1000, 'diagnostics of the long-named notes', client.open(uriOf(`notes/${longName}`), notes));
  assert.deepEqual(value.diagnostics, [], 'notes, not a postmortem');
  await client.close(uriOf(`notes/${longName}`));
});

test('a glob the matcher cannot read is reported on the config file and left out; the others still apply', async () => {
  writeFileSync(join(folder, '.postmortem.yaml'), config('**/+(a|b).md', 'docs/**.md', '**/postmortems/**/*.md', 'docs/incidents/*.{md,rst}'));
  const configUri = uriOf('.postmortem.yaml');
  const published = client.nextDiagnostics(configUri);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
  // The config is read again when a document or the view needs it.
  assert.deepEqual(await listed(), expected);
  const messages = (await published).diagnostics.map((d) => [d.severity, d.message]);
  assert.deepEqual(messages, [
    [1, '.postmortem.yaml: files: "**/+(a|b).md" uses an extglob (+(…)), which is not supported: use {a,b}, so it is ignored.'],
    [1, '.postmortem.yaml: files: "docs/**.md" has ** inside a folder or file name: ** stands for whole folders (**/*.md); use * within a name, so it is ignored.'],
  ]);
});
