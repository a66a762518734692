// Isolation: input that makes the Markdown parser slow costs its own document's analysis, never the server's
// answers to other documents. Each test runs its own server over stdio.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type DocumentSymbol,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { completionItems, LspClient } from './lspClient';
import { within } from './reliabilitySupport';

const folder = 'file:///work/repo/postmortems';
const normalText = [
  '# 2021-07-11: Database outage',
  '',
  '## ⚠️ Leadup',
  '',
  '- **00:27 UTC:** Django starts using connections',
  '- **00:33 UTC:** DevOps alerted',
  '',
  '## 🥏 Impact',
  '',
  '*Describe how internal and external users were impacted during the incident*',
  '',
].join('\n');

async function withServer(env: Record<string, string>, run: (client: LspClient) => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const client = await LspClient.start();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    // A server that has been running a while: its parse workers are loaded (start-up is measured by the bench).
    const warm = `${folder}/2021-07-11-warm-up.md`;
    await client.open(warm, normalText);
    await client.close(warm);
    await run(client);
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  }
}

/** Opens a normal postmortem next to the heavy one: it gets its diagnostics and completion within a second. */
async function bystander(client: LspClient, name: string): Promise<PublishDiagnosticsParams> {
  const uri = `${folder}/2021-07-11-${name}.md`;
  const opened = await within(1000, 'diagnostics of the normal document', client.open(uri, normalText));
  assert.deepEqual(opened.value.diagnostics.map((d) => d.code).filter((code) => code !== 'PM001'), ['PM002']);
  const completion = await within(1000, 'completion in the normal document', client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 6, character: 0 } }));
  assert.ok(completionItems(completion.value).length > 0);
  return opened.value;
}

test('a 20 KB `*` bomb and a normal postmortem opened together: the normal one is answered within a second, the bomb is analysed', async () => {
  await withServer({}, async (client) => {
    const bombUri = `${folder}/2021-07-11-bomb.md`;
    const bomb = client.open(bombUri, `# 2021-07-11: Bomb\n\n## Impact\n\n${'*a'.repeat(10_000)}\n`);
    await bystander(client, 'normal');
    // The caps neutralise the run, so the bomb is analysed in full rather than skipped.
    const { value } = await within(20_000, 'diagnostics of the bomb', bomb);
    assert.ok(!value.diagnostics.some((d) => d.code === 'analysis-skipped'));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: bombUri } })) as DocumentSymbol[];
    assert.equal(symbols[0]!.name, '2021-07-11: Bomb');
  });
});

test('past the parse budget a document gets one information diagnostic, the outline from its headings, and comes back when the slow part is edited', async () => {
  // 400 ms of budget (and 1 ms per KB): a list item holding 32,000 nested items (190 KB, one chunk: nothing inside an
  // item can be cut) takes micromark about 5 s (measured 1.4 s for 8,000), a normal document a few milliseconds.
  await withServer({ POSTMORTEM_PARSE_BUDGET_MS: '400' }, async (client) => {
    const slowUri = `${folder}/2021-07-11-slow.md`;
    const slowPart = `- top\n${'  - a\n'.repeat(32_000)}`;
    const text = `# 2021-07-11: Slow\n\n## Impact\n\n${slowPart}\n## Leadup\n\n- 25:61 UTC: paged\n`;
    const slow = client.open(slowUri, text);
    await bystander(client, 'neighbour');
    const { value } = await within(20_000, 'diagnostics of the slow document', slow);
    assert.equal(value.diagnostics.length, 1);
    const [skipped] = value.diagnostics;
    assert.equal(skipped!.code, 'analysis-skipped');
    assert.equal(skipped!.severity, 3);
    assert.match(skipped!.message as string, /^Postmortem analysis was skipped: lines 3–32006 took longer than 0\.6 s to parse/);
    assert.match(skipped!.message as string, /outline, folding and section completion work/);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: slowUri } })) as DocumentSymbol[];
    assert.deepEqual(symbols[0]!.children!.map((s) => s.name), ['Impact', 'Leadup']);
    // The slow part is still there after an edit elsewhere: skipped again, at once.
    const edited = await within(5000, 'an edit elsewhere', client.change(slowUri, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: 'x' }]));
    assert.deepEqual(edited.value.diagnostics.map((d) => d.code), ['analysis-skipped']);
    // Gone: a full analysis again.
    const fixed = await within(20_000, 'the slow part deleted', client.change(slowUri, [{ range: { start: { line: 4, character: 0 }, end: { line: 32_005, character: 0 } }, text: 'Users saw errors.\n' }]));
    assert.ok(!fixed.value.diagnostics.some((d) => d.code === 'analysis-skipped'));
    assert.ok(fixed.value.diagnostics.some((d) => d.code === 'PM004'), 'the timeline is read again');
  });
});

test('a document over 2 MB gets one information diagnostic saying what still works; its outline and folding answer', async () => {
  await withServer({}, async (client) => {
    const uri = `${folder}/2021-07-11-huge.md`;
    const sections = Array.from({ length: 400 }, (_, i) => `## Part ${i}\n\n${'Long prose about the incident. '.repeat(180)}\n`);
    const text = `# 2021-07-11: Huge\n\n${sections.join('\n')}`;
    assert.ok(text.length > 2_000_000);
    const opened = client.open(uri, text);
    await bystander(client, 'small');
    const { value } = await within(20_000, 'diagnostics of the large document', opened);
    assert.equal(value.diagnostics.length, 1);
    assert.equal(value.diagnostics[0]!.code, 'large-document');
    assert.equal(value.diagnostics[0]!.severity, 3);
    assert.match(value.diagnostics[0]!.message as string, /^This document is 2\.\d MB, over the 2\.0 MB postmortem analysis handles: the outline, folding and section completion work/);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols[0]!.children!.length, 400);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.equal(folds!.length, 400);
    // A keystroke in it is cheap: no parse at all.
    const typed = await within(2000, 'a keystroke in the large document', client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]));
    assert.equal(typed.value.diagnostics[0]!.code, 'large-document');
  });
});

test('10,000 nested quotes: the outline, folding and diagnostics are answered (no reply too deep to send)', async () => {
  await withServer({}, async (client) => {
    const uri = `${folder}/2021-07-11-deep.md`;
    const opened = await within(20_000, 'diagnostics', client.open(uri, `# 2021-07-11: Deep\n\n## Impact\n\n${'>'.repeat(10_000)} x\n\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- 10:00 x`).join('\n')}\n`));
    assert.ok(Array.isArray(opened.value.diagnostics));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols[0]!.name, '2021-07-11: Deep');
    assert.ok(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }));
    await bystander(client, 'after-deep');
  });
});
