// Crash recovery, memory and security of the bundled server over stdio: a request that throws is answered with an
// error and the server goes on; a killed server, started again, gives every re-opened document its diagnostics; the
// client's restart policy stops a crash loop; nothing per document survives didClose; the bundle cannot reach the
// network or run code, and the running server opens no socket.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { once } from 'node:events';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  ResponseError,
  type Diagnostic,
  type DocumentSymbol,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { RestartPolicy } from '../../client/src/restartPolicy';
import { LspClient, serverPath } from './lspClient';
import { residentBytes, within } from './reliabilitySupport';

const BUDGET_MS = 5000;
const uri = 'file:///work/repo/postmortems/2021-07-11-reliability.md';
const text = '# 2021-07-11: Outage\n\n## Impact\n\n*Describe the impact*\n\n## Leadup\n\n- 10:00 UTC a\n- 09:00 UTC b\n';
const summary = (published: PublishDiagnosticsParams) => published.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`).sort();

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

/** The server answers a real request about a real document, correctly, within the budget. */
async function assertAlive(): Promise<void> {
  const { value } = await within(BUDGET_MS, 'documentSymbol after the bad request', client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as Promise<DocumentSymbol[]>);
  assert.equal(value[0]?.name, '2021-07-11: Outage');
}

test('a request that throws is answered with an error, and the server goes on answering', async () => {
  await client.open(uri, text);
  const malformed: Array<[string, () => Promise<unknown>]> = [
    ['documentSymbol without a textDocument', () => client.connection.sendRequest('textDocument/documentSymbol', {})],
    ['completion without a position', () => client.connection.sendRequest('textDocument/completion', { textDocument: { uri } })],
    ['codeAction without a context', () => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })],
    ['documentSymbol with positional parameters', () => client.connection.sendRequest('textDocument/documentSymbol', null)],
    ['a method nobody handles', () => client.connection.sendRequest('postmortem/noSuchMethod', {})],
  ];
  for (const [name, send] of malformed) {
    await assert.rejects(within(BUDGET_MS, name, send()).then(({ value }) => value), (error: unknown) => error instanceof ResponseError, name);
    await assertAlive();
  }
});

test('positions far outside the document, and quick fixes asked with made-up data, get answers', async () => {
  for (const position of [{ line: 1e9, character: 1e9 }, { line: -5, character: -1 }, { line: 2, character: 1e9 }]) {
    const { value } = await within(BUDGET_MS, `completion at ${JSON.stringify(position)}`, client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
    // Answered as at the nearest place in the document (LSP clamps positions): a list, never an error.
    const items = Array.isArray(value) ? value : (value as { items?: unknown } | null)?.items;
    assert.ok(Array.isArray(items), `completion at ${JSON.stringify(position)} answered ${JSON.stringify(value)}`);
  }
  const made = (code: string, data: unknown, line = 0) => ({ range: { start: { line, character: 0 }, end: { line, character: 5 } }, message: 'x', source: 'postmortem', code, data });
  const diagnostics = [made('PM003', { timelineId: 0, index: 99 }, 99), made('PM001', { section: 'x' }), made('PM009', { kind: 'mixed', timelineId: 7, index: -1, zone: 'UTC' }), made('PM017', { line: 1e9 }), made('PM008', { prompt: -1 }), made('PM004', { replacement: 5 })];
  const { value } = await within(BUDGET_MS, 'codeAction', client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } }));
  assert.ok(Array.isArray(value));
  await assertAlive();
});

test('notifications about documents that are not open, and edits outside the text, do not stop the server', async () => {
  const other = 'file:///work/repo/postmortems/2021-07-11-other.md';
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ text: 'x' }] });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
  const published = client.nextDiagnostics(other, 1);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'markdown', version: 1, text: '# 2021-07-11: Other\n' } });
  await within(BUDGET_MS, 'diagnostics of a document opened after the bad notifications', published);
  // An edit past the end of the text applies at the end, as the protocol says.
  const changed = client.nextDiagnostics(other, 2);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 900, character: 3 } }, text: '\n## Impact\n' }] });
  await within(BUDGET_MS, 'diagnostics after an edit past the end', changed);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: other } })) as DocumentSymbol[];
  assert.deepEqual(symbols[0]!.children!.map((s) => s.name), ['Impact']);
  await client.close(other);
  await assertAlive();
  assert.equal(client.stderr.join(''), '');
});

test('a killed server, started again, gives every re-opened document its diagnostics', async () => {
  const documents = Array.from({ length: 5 }, (_, i) => ({ uri: `file:///work/repo/postmortems/2021-07-1${i}-restart.md`, text: text.replace('Outage', `Outage ${i}`) }));
  const first = await LspClient.start();
  const before = await Promise.all(documents.map((d) => first.open(d.uri, d.text)));
  const exited = once(first.process, 'exit');
  first.process.kill('SIGKILL');
  await exited;
  first.connection.dispose();
  // What vscode-languageclient does after a crash: a new server, and didOpen for every open document.
  const second = await LspClient.start();
  try {
    const { value: after } = await within(BUDGET_MS, 'diagnostics after the restart', Promise.all(documents.map((d) => second.open(d.uri, d.text))));
    assert.deepEqual(after.map(summary), before.map(summary));
    assert.ok(after.every((published) => published.diagnostics.length > 0));
  } finally {
    assert.equal(await second.stop(), 0);
  }
});

test('restart policy: restarts after a crash, stops after 3 crashes within 3 minutes, counts afresh after that window or a manual restart', () => {
  let now = 0;
  const policy = new RestartPolicy(3, 180_000, () => now);
  assert.deepEqual(policy.onCrash(), { restart: true });
  now += 60_000;
  assert.deepEqual(policy.onCrash(), { restart: true });
  now += 60_000;
  const third = policy.onCrash();
  assert.equal(third.restart, false);
  assert.match((third as { message: string }).message, /stopped 3 times in 3 minutes.*Postmortem: Restart Server/);
  policy.reset();
  assert.deepEqual(policy.onCrash(), { restart: true });
  // Crashes far apart never add up to a loop.
  for (let i = 0; i < 10; i++) {
    now += 181_000;
    assert.deepEqual(policy.onCrash(), { restart: true });
  }
});

test('memory: opening and closing 1,000 documents leaves the resident set within 20 MB of where it was', { timeout: 300_000 }, async () => {
  const server = await LspClient.start();
  try {
    // RSS is sampled every 100 documents; the median of the last five samples of each thousand is compared, so that
    // one collection more or less at the moment of reading does not decide the result.
    const cycle = async (count: number, offset: number): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < count; i++) {
        const documentUri = `file:///work/repo/postmortems/2021-07-11-memory-${offset + i}.md`;
        // Each document different, so no cache can answer for another.
        await server.open(documentUri, `${text}\n- 11:${String(i % 60).padStart(2, '0')} UTC entry ${offset + i}\n${'Words of the impact. '.repeat(50)}\n`);
        await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: documentUri } });
        await server.close(documentUri);
        if ((i + 1) % 100 === 0) samples.push(residentBytes(server.process.pid!));
      }
      return samples;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    // The heap settles after the first thousand or so; measured over 6,000 it then stays within ±10 MB.
    const warm = median((await cycle(1000, 0)).slice(-5));
    const started = performance.now();
    const after = median((await cycle(1000, 1000)).slice(-5));
    const grown = after - warm;
    console.log(`memory: 1,000 documents opened and closed in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${(warm / 2 ** 20).toFixed(1)} MB after warm-up, ${(grown / 2 ** 20).toFixed(1)} MB more after`);
    assert.ok(grown < 20 * 2 ** 20, `resident set grew by ${(grown / 2 ** 20).toFixed(1)} MB`);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('security: the bundles reach no network and run no code; their only child_process and net are unused library transports', () => {
  // The server and whatever it starts (a worker thread's own bundle) are the files in dist/server/.
  const folder = new URL('./', pathToFileURL(serverPath));
  const bundles = readdirSync(folder).filter((name) => name.endsWith('.cjs'));
  assert.ok(bundles.includes('main.cjs'));
  for (const name of bundles) {
    const bundle = readFileSync(new URL(name, folder), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!.replace(/^node:/, '')));
    // worker_threads: the server's own worker file, for analysis off the main thread.
    const allowed = new Set(['buffer', 'child_process', 'crypto', 'fs', 'net', 'os', 'path', 'process', 'url', 'util', 'events', 'worker_threads', 'perf_hooks', 'assert', 'stream', 'string_decoder', 'v8']);
    assert.deepEqual([...required].filter((module) => !allowed.has(module)), [], `${name}: modules a bundle may not load (http, https, dns, tls, dgram, vm, …)`);
    for (const forbidden of [/\beval\(/, /\bnew Function\b/, /\bfetch\(/, /XMLHttpRequest/, /WebSocket/, /\bimport\(/, /\brequire\((?!")/]) {
      assert.ok(!forbidden.test(bundle), `${name} contains ${forbidden}`);
    }
    // Module sections (esbuild writes `// <path>` above each), named from `node_modules/` or `server/src/` on: the
    // path is relative to the working directory (`../../repo/node_modules/…` when node_modules is a link).
    const sections = bundle.split(/^(?=\/\/ \S*(?:node_modules|server\/src)\/)/m);
    const nameOf = (section: string) => section.slice(3, section.indexOf('\n')).replace(/^\S*?(?=node_modules\/|server\/src\/)/, '');
    const using = (pattern: RegExp) => sections.filter((section) => pattern.test(section)).map(nameOf);
    for (const module of using(/require\("(?:node:)?child_process"\)|child_process_1\./)) assert.equal(module, 'node_modules/vscode-languageserver/lib/node/files.js', name);
    for (const module of using(/require\("(?:node:)?net"\)|net_1\./)) assert.equal(module, 'node_modules/vscode-languageserver/node_modules/vscode-jsonrpc/lib/node/main.js', name);
    // Nothing of ours calls those library functions (they spawn npm/node to resolve global modules).
    assert.ok(!/\bFiles\.(?:resolve|resolveGlobalNodePath|resolveGlobalYarnPath|resolveModulePath)\(/.test(sections.filter((s) => nameOf(s).startsWith('server/')).join('\n')), name);
  }
});

test('security: the server source imports nothing that reaches the network or runs code', () => {
  const root = new URL('../../server/src/', import.meta.url);
  const files: URL[] = [];
  const walk = (dir: URL) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir));
      else if (entry.name.endsWith('.ts')) files.push(new URL(entry.name, dir));
    }
  };
  walk(root);
  // The command line (server/src/cli*) runs in a shell the user started; the language server is what a workspace opens.
  const serverFiles = files.filter((file) => !/\/server\/src\/cli/.test(file.pathname));
  for (const file of serverFiles) {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/from '(?:node:)?([^']+)'/g)].map((m) => m[1]!);
    for (const name of imports) assert.ok(!['child_process', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'vm'].includes(name), `${file.pathname} imports ${name}`);
    assert.ok(!/\beval\(|\bnew Function\b|\bfetch\(|\bimport\(/.test(source), `${file.pathname} evaluates or fetches`);
  }
});

test('security: the running server has no socket open besides its stdio, after documents with links and remote URLs', async () => {
  const linked = 'file:///work/repo/postmortems/2021-07-11-links.md';
  await client.open(linked, '# 2021-07-11: Links\n\n[a](https://example.com/x) [b](http://127.0.0.1:1/) ![c](//example.org/i.png) [d](../other.md) <https://example.net>\n');
  await client.close(linked);
  const pid = client.process.pid!;
  const sockets = readdirSync(`/proc/${pid}/fd`)
    .filter((fd) => Number(fd) > 2)
    .flatMap((fd) => {
      try {
        return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
      } catch {
        return [];
      }
    })
    .filter((target) => target.startsWith('socket:'));
  assert.deepEqual(sockets, []);
});

test('virtual workspaces: a document with a non-file URI is analysed by its content, and nothing is read from disk for it', async () => {
  const virtual = await LspClient.start('vscode-vfs://github/acme/incidents');
  try {
    const documentUri = 'vscode-vfs://github/acme/incidents/postmortems/2021-07-11-outage.md';
    const { diagnostics } = await within(BUDGET_MS, 'diagnostics for a virtual document', virtual.open(documentUri, '---\ntype: postmortem\ntemplate: docs/template.md\n---\n# 2021-07-11: Outage\n\n## Impact\n\n[runbook](../runbook.md)\n\n## Timeline\n\n- 25:61 UTC: paged\n')).then(({ value }) => value);
    const found = diagnostics.map((d) => String(d.code));
    assert.ok(found.includes('PM004'), found.join(' '));
    // No link check without a file system; the template path cannot be read, and says so.
    assert.ok(!found.includes('PM014'));
    assert.ok(diagnostics.some((d) => d.code === 'config' && /no workspace folder|only built-in/.test(String(d.message))), JSON.stringify(diagnostics.map((d) => d.message)));
  } finally {
    assert.equal(await virtual.stop(), 0);
  }
});

test('the manifest declares Workspace Trust as limited, with the settings that name files restricted, and virtual workspaces as limited', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces: { supported: unknown } };
    contributes: { configuration: { properties: Record<string, unknown> } };
  };
  const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
  assert.equal(untrustedWorkspaces.supported, 'limited');
  // A file read (the template) and a folder written to (New Postmortem): a workspace must not choose them in Restricted Mode.
  assert.deepEqual(untrustedWorkspaces.restrictedConfigurations, ['postmortem.template', 'postmortem.newFileFolder']);
  for (const name of untrustedWorkspaces.restrictedConfigurations ?? []) assert.ok(name in manifest.contributes.configuration.properties, name);
  assert.equal(virtualWorkspaces.supported, 'limited');
  // The client asks for virtual documents too, or the declaration would promise what never runs.
  assert.match(readFileSync(new URL('../../client/src/extension.ts', import.meta.url), 'utf8'), /language: 'markdown', scheme: 'vscode-vfs'/);
});

test('edits whose range lies past the end of the document, or runs backwards, are clamped as LSP says: the server keeps the client\'s text', async () => {
  const uri = 'file:///work/repo/postmortems/2021-07-11-clamped.md';
  const reference = 'file:///work/repo/postmortems/2021-07-11-clamped-reference.md';
  let text = '# 2021-07-11: Clamped\n';
  await client.open(uri, text);
  // A backwards range past the end (line 3 to line 2 of a two-line text): it is the end, and the text lands there.
  await client.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 2, character: 9 } }, text: '## Timeline\n- 10:00 UTC deploy' }]);
  text += '## Timeline\n- 10:00 UTC deploy';
  // A valid edit afterwards lands where the client means it: after the last entry.
  const after = await client.change(uri, [{ range: { start: { line: 2, character: 18 }, end: { line: 2, character: 18 } }, text: '\n- 25:61 UTC impossible' }]);
  text += '\n- 25:61 UTC impossible';
  const expected = await client.open(reference, text);
  const shape = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
  assert.deepEqual(shape(after.diagnostics), shape(expected.diagnostics));
  assert.ok(after.diagnostics.some((d) => d.code === 'PM004' && d.range.start.line === 3), JSON.stringify(after.diagnostics));
  const symbols = async (at: string) => JSON.stringify(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: at } }));
  assert.equal(await symbols(uri), await symbols(reference), 'the same outline, entry by entry');
  await client.close(uri);
  await client.close(reference);
});
