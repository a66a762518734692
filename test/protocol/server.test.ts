import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type CodeAction,
  type DocumentSymbol,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { completionItems, LspClient } from './lspClient';

const seedText = readFileSync(new URL('../fixtures/corpus/markdown/2020-12-11-all-services-outage.md', import.meta.url), 'utf8');
const seedUri = 'file:///work/repo/postmortems/2020-12-11-all-services-outage.md';
let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

test('seed postmortem: one empty-section diagnostic on the Blameless root cause heading', async () => {
  const { diagnostics, version } = await client.open(seedUri, seedText);
  assert.equal(version, 1);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.source, d.severity, d.range.start.line, d.range.start.character]),
    [['PM002', 'postmortem', 2, 66, 0]],
  );
  assert.match(diagnostics[0]!.message as string, /^Section "Blameless root cause" is empty/);
});

test('seed outline through the protocol', async () => {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: seedUri } })) as DocumentSymbol[];
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0]!.name, '2020-12-11: All services outage');
  assert.equal(symbols[0]!.children!.length, 9);
  assert.equal(symbols[0]!.children![8]!.children![0]!.name, 'Push forward with backup plans');
});

test('folding ranges for the seed sections', async () => {
  const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: seedUri } });
  assert.ok(ranges);
  assert.deepEqual(ranges.slice(0, 2).map((r) => [r.startLine, r.endLine]), [[0, 2], [12, 16]]);
  // Nine sections, the front matter, and the five-whys list (five lines: long lists fold too).
  assert.equal(ranges.length, 11);
  assert.ok(ranges.some((r) => r.startLine === 60 && r.endLine === 64));
});

test('typing a timeline: incremental edits, timestamp completion, then an impossible time', async () => {
  // Insert a timeline at the end of the Leadup section (line 16 is its last paragraph).
  const insertAt = { line: 17, character: 0 };
  const timeline = '\n- **00:27 UTC:** Django starts using connections\n- **00:33 UTC:** DevOps alerted\n- ';
  const published = await client.change(seedUri, [{ range: { start: insertAt, end: insertAt }, text: timeline }]);
  assert.deepEqual(published.diagnostics.map((d) => d.code), ['PM002']);

  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: seedUri }, position: { line: 20, character: 2 } });
  const [item] = completionItems(result);
  assert.equal(item?.label, '**00:33 UTC:**');
  assert.equal((item?.textEdit as TextEdit).newText, '**${1:00:33} UTC:** $0');

  const typed = await client.change(seedUri, [{ range: { start: { line: 20, character: 2 }, end: { line: 20, character: 2 } }, text: '**25:61 UTC:** Node reboots' }]);
  const impossible = typed.diagnostics.find((d) => d.code === 'PM004');
  assert.ok(impossible, JSON.stringify(typed.diagnostics));
  assert.equal(impossible.severity, 1);
  assert.deepEqual(impossible.range, { start: { line: 20, character: 4 }, end: { line: 20, character: 13 } });

  const reordered = await client.change(seedUri, [{ range: { start: { line: 20, character: 4 }, end: { line: 20, character: 9 } }, text: '00:30' }]);
  const order = reordered.diagnostics.find((d) => d.code === 'PM003');
  assert.ok(order, JSON.stringify(reordered.diagnostics));
  assert.equal(order.relatedInformation?.[0]?.location.range.start.line, 19);
});

test('missing sections are offered at a heading start after one is deleted', async () => {
  const uri = 'file:///work/repo/postmortems/2020-12-11-copy.md';
  const text = seedText.replace(/## 🤔 Lessons learned[\s\S]*?(?=## ☑️)/, '## \n\n');
  const { diagnostics } = await client.open(uri, text);
  assert.ok(diagnostics.some((d) => d.code === 'PM001' && /follows the "python-discord" template but has no "Lessons learned" section/.test(d.message as string)), 'the template chosen by its headings');
  const line = text.split('\n').indexOf('## ');
  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 3 } });
  assert.deepEqual(completionItems(result).map((i) => i.label), ['Lessons learned']);
  await client.close(uri);
});

test('Ctrl+Space on an empty line between sections offers the missing ones, as "## " does', async () => {
  const uri = 'file:///work/repo/postmortems/2020-12-11-empty-line.md';
  const text = seedText.replace(/## 🤔 Lessons learned[\s\S]*?(?=## ☑️)/, '\n');
  const { diagnostics } = await client.open(uri, text);
  assert.ok(diagnostics.some((d) => d.code === 'PM001'));
  const line = text.split('\n').indexOf('## ☑️ Follow-up tasks') - 1;
  assert.equal(text.split('\n')[line - 1], '', 'a blank line above: a new block starts here');
  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 0 } });
  const [item] = completionItems(result);
  assert.equal(item?.label, 'Lessons learned');
  assert.equal((item?.textEdit as TextEdit).newText, '## 🤔 Lessons learned\n\n*What did we learn from this incident?*\n\n$0');
  await client.close(uri);
});

test('a burst of edits yields diagnostics for the latest version', async () => {
  const uri = 'file:///work/repo/postmortems/burst.md';
  await client.open(uri, seedText);
  const keystroke = [{ range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } }, text: 'x' }];
  for (let i = 0; i < 19; i++) await client.sendChange(uri, keystroke);
  const last = await client.change(uri, keystroke);
  assert.equal(last.version, 21);
  assert.deepEqual(last.diagnostics.map((d) => d.code), ['PM002']);
  await client.close(uri);
});

test('plain Markdown outside postmortem folders gets nothing', async () => {
  const uri = 'file:///work/repo/docs/README.md';
  const { diagnostics } = await client.open(uri, '# Project\n\n## Install\n\nRun it.\n');
  assert.deepEqual(diagnostics, []);
  assert.equal(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
  await client.close(uri);
});

test('an untitled document with template headings is a postmortem', async () => {
  const uri = 'untitled:Untitled-1';
  const { diagnostics } = await client.open(uri, '# Outage\n\n## Impact\n\nBad.\n\n## Detection\n\nAlerts.\n\n## Response\n\n*Who responded?*\n');
  assert.ok(diagnostics.some((d) => d.code === 'PM002'));
  assert.equal(diagnostics.filter((d) => d.code === 'PM001').length, 0, 'three sections follow no template well enough to demand the rest');
});

test('closing a document clears its diagnostics', async () => {
  const cleared = await client.close('untitled:Untitled-1');
  assert.deepEqual(cleared.diagnostics, []);
});

test('the postmortem.files setting decides which files are postmortems', async () => {
  const uri = 'file:///work/repo/reviews/2021-01-01.md';
  // Nothing in it says incident (the title, three sections): only the setting makes it a postmortem.
  const text = '# Database notes\n\n## Impact\n\n*Describe it*\n';
  assert.deepEqual((await client.open(uri, text)).diagnostics, []);
  const republished = client.nextDiagnostics(uri);
  await client.changeSettings({ files: ['reviews/*.md'] });
  assert.ok((await republished).diagnostics.some((d) => d.code === 'PM002'));
  const reverted = client.nextDiagnostics(uri);
  await client.changeSettings({});
  assert.deepEqual((await reverted).diagnostics, []);
  await client.close(uri);
});

test('binary garbage, a half-typed heading and an empty file get answers and the server stays up', async () => {
  const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
  for (const [name, text] of [['garbage', garbage], ['half', '# 2021\n\n## Lea'], ['empty', '']] as const) {
    const uri = `file:///work/repo/postmortems/${name}.md`;
    const { diagnostics } = await client.open(uri, text);
    assert.ok(Array.isArray(diagnostics));
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    await client.close(uri);
  }
  assert.equal(client.stderr.join(''), '');
});

test('quick fixes: insert a missing section at its template position; fix all rewrites a time and inserts nothing; rule pages linked', async () => {
  const uri = 'file:///work/repo/postmortems/2020-12-11-fixes.md';
  const text = seedText.replace(/## 🥏 Impact[\s\S]*?(?=## 👁️)/, '').replace('Postgres triggered a', '- 19.50 UTC: Postgres triggered a');
  const { diagnostics } = await client.open(uri, text);
  const missing = diagnostics.find((d) => d.code === 'PM001')!;
  assert.equal(missing.message, 'This postmortem follows the "python-discord" template but has no "Impact" section.');
  assert.equal(missing.severity, 3, 'a template chosen by the headings says what it would add, as information');
  const href = missing.codeDescription?.href;
  assert.ok(href?.endsWith('/docs/rules/PM001.md'), href);
  assert.ok(href && existsSync(fileURLToPath(href)), `${href} does not exist`);

  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: missing.range,
    context: { diagnostics: [missing] },
  })) as CodeAction[];
  const insert = actions.find((a) => a.kind === 'quickfix')!;
  assert.equal(insert.title, 'Insert section "Impact"');
  const [edit] = insert.edit!.changes![uri]!;
  const detection = text.split('\n').indexOf('## 👁️ Detection');
  assert.deepEqual(edit!.range.start, { line: detection, character: 0 });
  assert.equal(edit!.newText, '## 🥏 Impact\n\n*Describe how internal and external users were impacted during the incident*\n\n');

  const fixAll = actions.find((a) => a.kind === 'source.fixAll.postmortem');
  assert.ok(fixAll, JSON.stringify(actions.map((a) => a.kind)));
  const onlyFixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  assert.deepEqual(onlyFixAll.map((a) => a.title), ['Fix all safe postmortem problems']);
  const edits = onlyFixAll[0]!.edit!.changes![uri]!;
  assert.deepEqual(edits.map((e) => e.newText), ['19:50'], 'the dotted time rewritten; no section inserted for the author');
  await client.close(uri);
});
