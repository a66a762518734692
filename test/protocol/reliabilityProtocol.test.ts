// The protocol itself, misused, over stdio: bad framing, requests out of the server's lifetime, a version number
// sent again, malformed positions and cancelled requests. The server must answer as LSP says and go on answering.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import {
  CancellationTokenSource,
  CompletionRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  PublishDiagnosticsNotification,
  ResponseError,
  ShutdownRequest,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { completePostmortem } from '../support/postmortemText';
import { editorCapabilities, initializeServer, spawnServer } from '../support/lspServer';
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

/** Resolves with the error code the request was answered with; fails when it was answered with a result. */
async function errorCode(what: string, request: Promise<unknown>): Promise<number> {
  try {
    const { value } = await within(BUDGET_MS, what, request);
    assert.fail(`${what}: answered with a result, ${JSON.stringify(value)?.slice(0, 200)}`);
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return error.code;
  }
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

test('requests before initialize are refused with ServerNotInitialized, notifications dropped; after shutdown, InvalidRequest', async () => {
  const server = spawnServer();
  server.connection.listen();
  const published: string[] = [];
  server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params.uri);
  });
  try {
    assert.equal(await errorCode('documentSymbol before initialize', server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })), -32002);
    assert.equal(await errorCode('shutdown before initialize', server.connection.sendRequest(ShutdownRequest.type)), -32002);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await initializeServer(server.connection, { uri: 'file:///work/repo', name: 'repo' }, editorCapabilities);
    // The didOpen before initialize was dropped: the document is not open.
    assert.equal(await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
    assert.deepEqual(published, []);

    await server.connection.sendRequest(ShutdownRequest.type);
    assert.equal(await errorCode('documentSymbol after shutdown', server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })), -32600);
    assert.equal(await errorCode('a second shutdown', server.connection.sendRequest(ShutdownRequest.type)), -32600);
    const exited = once(server.process, 'exit');
    await server.connection.sendNotification(ExitNotification.type);
    assert.deepEqual(await exited, [0, null], 'exit after shutdown: status 0');
    assert.equal(server.stderr.join(''), '');
  } finally {
    server.connection.dispose();
    server.process.kill();
  }
});

test('a didChange that reuses the version number, or goes back to an older one, is analysed: the text applied is what counts', async () => {
  const edited = 'file:///work/repo/postmortems/2021-07-11-versions.md';
  const reference = 'file:///work/repo/postmortems/2021-07-11-versions-reference.md';
  const lines = ['# 2021-07-11: Versions', '', '## Leadup', '', '- 10:00 UTC deploy', ''];
  await client.open(edited, lines.join('\n'));
  const send = async (version: number, line: number, newText: string) => {
    const published = client.nextDiagnostics(edited, version);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: edited, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: lines[line]!.length } }, text: newText }],
    });
    lines[line] = newText;
    return (await within(BUDGET_MS, `diagnostics for version ${version}`, published)).value;
  };
  const symbols = async (at: string) => JSON.stringify(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: at } }));
  const codes = (published: { diagnostics: Array<{ code?: unknown }> }) => published.diagnostics.map((d) => String(d.code)).sort();

  assert.ok(codes(await send(2, 4, '- 25:61 UTC deploy')).includes('PM004'), 'version 2: an impossible time');
  // The same version again, and then an older one: the server applies the text, so it must analyse it.
  assert.ok(!codes(await send(2, 4, '- 10:00 UTC deploy')).includes('PM004'), 'version 2 again: the time is fixed');
  const older = await send(1, 2, '## Timeline');
  const expected = await client.open(reference, lines.join('\n'));
  assert.deepEqual(codes(older), codes(expected));
  assert.equal(await symbols(edited), await symbols(reference), 'the outline of the text applied');
  // Edits after the repeated versions land where the client means them (the incremental parse is not misled).
  const next = await send(3, 5, '- 09:00 UTC rollback');
  await client.close(reference);
  const again = await client.open(reference, lines.join('\n'));
  assert.deepEqual(codes(next), codes(again));
  assert.ok(codes(next).includes('PM003'), 'the rollback is out of order');
  await client.close(reference);
  await client.close(edited);
});

test('a null or malformed position answers InvalidParams, and the server goes on', async () => {
  const requests: Array<[string, () => Promise<unknown>]> = [
    ['completion with position null', () => client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: null })],
    ['hover with position null', () => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: null })],
    ['completion without a position', () => client.connection.sendRequest('textDocument/completion', { textDocument: { uri } })],
    ['hover with a string line', () => client.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position: { line: 'two', character: 0 } })],
    ['completion with an object for a character', () => client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri }, position: { line: 1, character: {} } })],
    ['codeAction with range null', () => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } })],
    ['hover with textDocument null', () => client.connection.sendRequest('textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } })],
    ['documentSymbol without a textDocument', () => client.connection.sendRequest('textDocument/documentSymbol', {})],
  ];
  for (const [what, send] of requests) {
    assert.equal(await errorCode(what, send()), -32602, what);
    await assertAlive(what);
  }
});

test('$/cancelRequest answers the request with RequestCancelled, without waiting for the analysis it was queued behind', async () => {
  // A document large enough that its analysis takes a while: the requests wait for it.
  const large = 'file:///work/repo/postmortems/2021-07-11-cancel.md';
  const entries = Array.from({ length: 12_000 }, (_, i) => `- **${String(10 + Math.floor(i / 600) % 10).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC:** step ${i} of the *rollout*, see [log](https://example.com/${i})`);
  const published = client.nextDiagnostics(large, 1);
  let diagnosticsAt = Infinity;
  void published.then(() => (diagnosticsAt = performance.now()));
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: large, languageId: 'markdown', version: 1, text: completePostmortem({ leadup: entries }) } });
  const requests = [DocumentSymbolRequest.type, DocumentSymbolRequest.type, HoverRequest.type].map((type, i) => {
    const source = new CancellationTokenSource();
    const params = i === 2 ? { textDocument: { uri: large }, position: { line: 10, character: 4 } } : { textDocument: { uri: large } };
    const answer = client.connection.sendRequest(type as typeof DocumentSymbolRequest.type, params as never, source.token);
    // The answer's code, and whether it came before the analysis the request waited for was done.
    const answered = errorCode(`request ${i}`, answer).then((code) => ({ code, early: performance.now() < diagnosticsAt }));
    return { source, answered };
  });
  // One cancelled while it is still queued (the same turn), the others once they wait for the analysis.
  requests[0]!.source.cancel();
  await new Promise((resolve) => setTimeout(resolve, 50));
  requests[1]!.source.cancel();
  requests[2]!.source.cancel();
  for (const [i, { answered }] of requests.entries()) assert.deepEqual(await answered, { code: -32800, early: true }, `request ${i}`);
  await within(30_000, 'diagnostics of the large document', published);
  await client.close(large);
  await assertAlive('the cancelled requests');
});
