// The server in a repository full of traps (test/support/hostileRepository.ts): while the Postmortems view walks it and
// a huge adversarial document is open, a small document's outline still answers within a second, and nothing the
// server sends holds a byte of the files outside the workspace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { hostileRepository, SECRET, type HostileRepository } from '../support/hostileRepository';
import { LspClient } from './lspClient';
import { within } from './reliabilitySupport';

let repo: HostileRepository;
let client: LspClient;
/** Everything the server sent: notifications and answers, as text. */
const received: string[] = [];

before(async () => {
  repo = hostileRepository();
  client = await LspClient.start(URI.file(repo.workspace).toString());
  client.onDiagnostics((params) => received.push(JSON.stringify(params)));
});

after(async () => {
  assert.equal(await client.stop(), 0);
  repo.dispose();
});

test('a small document\'s outline answers within a second throughout, while the workspace is walked and a huge file analysed', async () => {
  const small = URI.file(repo.small).toString();
  const opened = await client.open(small, readFileSync(repo.small, 'utf8'));
  // Links to absolute paths and out of the workspace are not checked: no answer says whether those files exist.
  assert.deepEqual(opened.diagnostics.filter((d) => d.code === 'PM014'), []);
  const listing = client.connection.sendRequest('postmortem/list', { problems: true }).then((value) => received.push(JSON.stringify(value)));
  const huge = client.open(URI.file(repo.huge).toString(), readFileSync(repo.huge, 'utf8'));
  for (let i = 0; i < 10; i++) {
    const { value } = await within(1000, `outline ${i}`, client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: small } }));
    received.push(JSON.stringify(value));
    assert.ok(Array.isArray(value) && value.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const [, hugeDiagnostics] = await Promise.all([within(60_000, 'postmortem/list', listing), within(60_000, 'huge diagnostics', huge)]);
  received.push(JSON.stringify(hugeDiagnostics.value));
});

test('nothing the server sent holds a byte of the files outside the workspace', () => {
  assert.ok(received.length > 10);
  const leaked = received.filter((text) => text.includes(SECRET));
  assert.deepEqual(leaked, []);
  assert.ok(!client.stderr.join('').includes(SECRET), 'nor its log');
});
