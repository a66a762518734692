// The protocol itself, misused, over stdio: bad framing. The server must answer as LSP says and go on answering.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';
import { within } from './reliabilitySupport';

const BUDGET_MS = 5000;
const uri = 'file:///work/repo/postmortems/2021-07-11-protocol.md';
const text = '# 2021-07-11: Outage\n\n## Impact\n\n*Describe the impact*\n\n## Leadup\n\n- 10:00 UTC a\n- 09:00 UTC b\n';

let client: LspClient;
before(async () => {
  client = await LspClient.start();
  await client.open(uri, text);
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

/** The server answers a real request about a real document, correctly, within the budget. */
async function assertAlive(what: string): Promise<void> {
  const { value } = await within(BUDGET_MS, `documentSymbol after ${what}`, client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as Promise<DocumentSymbol[]>);
  assert.equal(value[0]?.name, '2021-07-11: Outage', what);
}

test('framing errors: a bad header is skipped, said on stderr, and the next well-framed message is answered', async () => {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 'lost', method: 'textDocument/documentSymbol', params: { textDocument: { uri } } });
  const frames: Array<[string, string]> = [
    ['a Content-Length that is not a number', `Content-Length: abc\r\n\r\n${body}`],
    ['no Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`],
    ['a negative Content-Length', `Content-Length: -1\r\n\r\n${body}`],
    ['a header block that is not JSON-RPC', `GET / HTTP/1.1\r\nHost: example.com\r\n\r\n`],
    ['a header line without a colon', `hello there\r\n\r\n${body}`],
    ['a well-framed body that is not JSON', `Content-Length: 5\r\n\r\nhello`],
  ];
  for (const [what, frame] of frames) {
    const stderr = client.stderr.length;
    // Written between two messages of the client's: nothing else is being written to the server's stdin.
    client.process.stdin.write(frame);
    await assertAlive(what);
    if (frame.startsWith('Content-Length: 5')) continue;
    assert.match(client.stderr.slice(stderr).join(''), /bad message header/, what);
  }
});
