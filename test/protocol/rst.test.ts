import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

const corpus = (path: string) => readFileSync(new URL(`../fixtures/corpus/${path}`, import.meta.url), 'utf8');
const cascading = corpus('rst/2021-07-11-cascading-node-failures.rst');
const cascadingUri = 'file:///work/repo/postmortems/2021-07-11-cascading-node-failures.rst';
let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

test('an .rst postmortem opened as restructuredtext: its one finding, an open follow-up without an owner', async () => {
  const { diagnostics } = await client.open(cascadingUri, cascading, 'restructuredtext');
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.source, d.range.start.line, d.range.start.character]),
    [['PM011', 'postmortem', 333, 0]],
  );
});

test('its outline: title, sections, the timeline under Leadup, the whys headings nested under Five Why’s', async () => {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: cascadingUri } })) as DocumentSymbol[];
  assert.equal(symbols.length, 1);
  const title = symbols[0]!;
  assert.equal(title.name, '2021-07-11: Cascading node failures and ensuing volume problems');
  const sections = title.children!.filter((s) => s.kind === 15);
  assert.deepEqual(sections.map((s) => s.name), ['⚠️ Leadup', '🥏 Impact', '👁️ Detection', '🙋🏿♂️ Response', '🙆🏽♀️ Recovery', '🔎 Five Why’s', '🌱 Blameless root cause', '🤔 Lessons learned', '☑️ Follow-up tasks']);
  assert.equal(sections[0]!.children!.filter((s) => s.kind === 24).length, 8);
  assert.deepEqual(sections[5]!.children!.filter((s) => s.kind === 15).map((s) => s.name), ['What?', 'Why?', 'Why?', 'Why?', 'Why?']);
  assert.deepEqual(sections[0]!.selectionRange, { start: { line: 8, character: 0 }, end: { line: 8, character: 9 } });

  const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: cascadingUri } });
  const folded = folds!.map((r) => `${r.startLine}-${r.endLine}`);
  for (const section of ['8-31', '33-47', '263-304', '274-280']) assert.ok(folded.includes(section), `${section} in ${folded.join(' ')}`);
});

test('an impossible time typed into an RST timeline bullet is reported at the time', async () => {
  const line = 13;
  const character = '- **'.length;
  const published = client.nextDiagnostics(cascadingUri, 2);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: cascadingUri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: '25:61' }],
  });
  const { diagnostics } = await published;
  const impossible = diagnostics.find((d) => d.code === 'PM004');
  assert.ok(impossible, JSON.stringify(diagnostics));
  assert.equal(impossible.range.start.line, line);
});

test('RST comments suppress diagnostics over the protocol: a disable-next-line silences the open follow-up; an unknown rule gets a hint', async () => {
  const uri = 'file:///work/repo/postmortems/2021-07-11-cascading-node-failures-suppressed.rst';
  const lines = cascading.split('\n');
  // Line 333 is the follow-up without an owner (PM011, the document's one finding).
  lines.splice(333, 0, '.. postmortem-disable-next-line action-item-owner');
  const { diagnostics } = await client.open(uri, lines.join('\n'), 'restructuredtext');
  assert.deepEqual(diagnostics, []);
  const rule = { start: { line: 333, character: 32 }, end: { line: 333, character: 49 } };
  const unknown = await client.change(uri, [{ range: rule, text: 'no-such-rule' }]);
  assert.deepEqual(
    unknown.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
    [['PM011', 2, 334], ['suppression', 4, 333]],
  );
  await client.close(uri);
});

test('section completion in RST writes the heading with the document’s adornment, as wide as the heading', async () => {
  const uri = 'file:///work/repo/postmortems/2020-12-11-all-services-outage.rst';
  const text = corpus('rst/2020-12-11-all-services-outage.rst').replace(/🤔 Lessons learned\n-+\n[\s\S]*?(?=☑️)/, '');
  await client.open(uri, `${text}\n`, 'restructuredtext');
  const line = text.split('\n').length;
  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 0 } });
  const lessons = completionItems(result).find((item) => item.label === 'Lessons learned');
  assert.ok(lessons, JSON.stringify(completionItems(result).map((item) => item.label)));
  assert.equal((lessons.textEdit as TextEdit).newText, '🤔 Lessons learned\n------------------\n\n*What did we learn from this incident?*\n\n$0');
});

test('the missing-section quick fix over the protocol inserts an RST heading before the next section', async () => {
  const uri = 'file:///work/repo/postmortems/2021-01-30-nodebalancer.rst';
  const text = corpus('rst/2021-01-30-nodebalancer-fails-memory.rst').replace(/👁️ Detection\n-+\n[\s\S]*?(?=🙋)/, '');
  const { diagnostics } = await client.open(uri, text, 'restructuredtext');
  const missing = diagnostics.filter((d) => d.code === 'PM001');
  assert.equal(missing.length, 1);
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: missing[0]!.range,
    context: { diagnostics: missing, only: ['quickfix'] },
  })) as CodeAction[];
  const insert = actions.find((action) => action.title.startsWith('Insert section'))!;
  const [edit] = insert.edit!.changes![uri]!;
  assert.equal(edit!.newText, '👁️ Detection\n------------\n\n*Report when the team detected the incident, and how we could improve detection time*\n\n');
  assert.equal(text.split('\n')[edit!.range.start.line], '🙋🏿♂️ Response');
});

test('language ids other editors send: `rst` reads reStructuredText (findings, RST headings in completion), `text` plain text', async () => {
  const uri = 'file:///work/repo/postmortems/2021-07-11-cascading-node-failures-in-neovim.rst';
  const { diagnostics } = await client.open(uri, cascading, 'rst');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['PM011', 333]]);
  const withoutLessons = cascading.replace(/🤔 Lessons learned\n=+\n[\s\S]*?(?=☑️)/, '');
  const published = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: cascading.split('\n').length, character: 0 } }, text: `${withoutLessons}\n` }]);
  assert.ok(published.diagnostics.some((d) => d.code === 'PM001'));
  const line = withoutLessons.split('\n').length;
  const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character: 0 } });
  const lessons = completionItems(result).find((item) => item.label === 'Lessons learned');
  assert.equal((lessons?.textEdit as TextEdit | undefined)?.newText, '🤔 Lessons learned\n==================\n\n*What did we learn from this incident?*\n\n$0');
  await client.close(uri);
  const surge = await client.open('file:///work/repo/postmortems/2020-12-11-postgres-conn-surge-in-neovim.txt', corpus('text/2020-12-11-postgres-conn-surge.txt'), 'text');
  assert.deepEqual(surge.diagnostics.map((d) => d.code), ['PM010']);
});

test('index.rst, a Sphinx table of contents in the postmortems folder, gets nothing', async () => {
  const uri = 'file:///work/repo/postmortems/index.rst';
  const { diagnostics } = await client.open(uri, corpus('rst/index.rst'), 'restructuredtext');
  assert.deepEqual(diagnostics, []);
  assert.equal(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
});

test('a plain-text postmortem: sections from its lines; the free-form AcoustID post is held to no template', async () => {
  const surge = await client.open('file:///work/repo/postmortems/2020-12-11-postgres-conn-surge.txt', corpus('text/2020-12-11-postgres-conn-surge.txt'), 'plaintext');
  assert.deepEqual(surge.diagnostics.map((d) => d.code), ['PM010']);
  const acoustid = await client.open('file:///work/repo/postmortems/2021-03-02-acoustid-outage.txt', corpus('text/2021-03-02-acoustid-outage.txt'), 'plaintext');
  assert.deepEqual(acoustid.diagnostics, []);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'file:///work/repo/postmortems/2021-03-02-acoustid-outage.txt' } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((s) => s.name), ['Postmortem of the March 2, 2021 outage']);
});

test('a .txt file outside postmortem folders, without template headings, is left alone', async () => {
  const { diagnostics } = await client.open('file:///work/repo/notes/todo.txt', 'Buy milk\n\n- eggs\n', 'plaintext');
  assert.deepEqual(diagnostics, []);
});
