// The idle collection in the real server over stdio (server/src/memory.ts): after a burst of opens it runs twice
// once nothing has happened for a while, and not while requests keep coming; the parse worker collects too.
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { DidOpenTextDocumentNotification, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol/node';
import { initializeServer, shutdownServer, spawnServer } from '../support/lspServer';
import { completePostmortem } from '../support/postmortemText';

const report = fileURLToPath(new URL('../support/forcedGcReport.cjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 50 KB postmortem: a timeline of 800 entries, different per `n`. */
function bigPostmortem(n: number): string {
  const leadup = Array.from({ length: 800 }, (_, i) => `- **${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC:** step ${i} of incident ${n}`);
  return completePostmortem({ leadup });
}

test('after a burst of opens, the server collects twice once it is quiet, and not while requests keep coming; so does the parse worker', async () => {
  const { process: server, connection, stderr } = spawnServer({ nodeArgs: ['--require', report] });
  const published = new Set<string>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.add(params.uri);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const collections = () => stderr.join('').match(/^forced full gc: [\d.]+ ms$/gm) ?? [];
  const inWorkers = () => stderr.join('').match(/^forced full gc in a worker: [\d.]+ ms$/gm) ?? [];
  try {
    const folder = pathToFileURL(fileURLToPath(new URL('../fixtures/', import.meta.url))).toString();
    await initializeServer(connection, { uri: folder, name: 'fixtures' });
    // Enough documents for the heap to grow past the 32 MB the collection waits for.
    const uris: string[] = [];
    for (let n = 0; n < 40; n++) {
      const uri = `${folder}postmortems/idle-${n}.md`;
      uris.push(uri);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: bigPostmortem(n) } });
      while (!published.has(uri)) await sleep(5);
    }
    // A request every 200 ms for 4 s: each puts the collection off.
    for (let i = 0; i < 20; i++) {
      await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uris[i % uris.length] } });
      await sleep(200);
    }
    assert.deepEqual(collections(), [], 'collected while requests kept coming');
    // Then quiet: one collection 2 s on, the second 5.5 s after it; the parse worker that parsed the opens collects
    // the same way on its own thread.
    const end = Date.now() + 20_000;
    while ((collections().length < 2 || inWorkers().length < 2) && Date.now() < end) await sleep(100);
    assert.equal(collections().length, 2, stderr.join(''));
    assert.ok(inWorkers().length >= 2, stderr.join(''));
    const pauses = (lines: string[]) => lines.map((line) => line.replace(/^.*: /, '')).join(', ');
    console.log(`idle collection pauses: server thread ${pauses(collections())}; parse worker ${pauses(inWorkers())}`);
  } finally {
    assert.equal(await shutdownServer(connection, server), 0);
  }
});
