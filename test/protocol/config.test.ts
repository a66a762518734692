import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { LspClient } from './lspClient';

// A workspace folder on disk with a repo config and the team's own template.
const folder = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-workspace-')));
const uriOf = (...parts: string[]) => URI.file(join(folder, ...parts)).toString();
const configUri = uriOf('.postmortem.yaml');
const teamTemplate = [
  '---',
  'type: template',
  'prompts: keep',
  '---',
  '# Incident title',
  '',
  '## What happened',
  '',
  '*Tell the story.*',
  '',
  '## Customer impact',
  '',
  '## Follow-ups',
  '',
].join('\n');

mkdirSync(join(folder, 'templates'));
mkdirSync(join(folder, 'postmortems'));
writeFileSync(join(folder, 'templates', 'team.md'), teamTemplate);
writeFileSync(join(folder, '.postmortem.yaml'), 'template: templates/team.md\nrules:\n  empty-section: off\n');

let client: LspClient;
before(async () => {
  client = await LspClient.start(URI.file(folder).toString());
});
after(async () => {
  assert.equal(await client.stop(), 0);
  rmSync(folder, { recursive: true, force: true });
});

// Messages are plain strings from this server; the protocol type also allows Markdown content.
const messageOf = (diagnostic: Diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();
const missing = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'PM001').map((d) => /"([^"]+)"/.exec(messageOf(d))?.[1]);

/** Writes the config file and tells the server, as a client watching the file would; resolves with `uri`'s new diagnostics. */
async function rewriteConfig(text: string, uri: string): Promise<Diagnostic[]> {
  writeFileSync(join(folder, '.postmortem.yaml'), text);
  const republished = client.nextDiagnostics(uri);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
  return (await republished).diagnostics;
}

const postmortem = uriOf('postmortems', '2021-07-11-outage.md');
const postmortemText = '# 2021-07-11: Outage\n\n## What happened\n\n*Tell the story.*\n';

test("the repo config's template and rules decide the diagnostics", async () => {
  const { diagnostics } = await client.open(postmortem, postmortemText);
  assert.deepEqual(missing(diagnostics), ['Customer impact', 'Follow-ups'], 'the team template, not python-discord');
  assert.ok(!diagnostics.some((d) => d.code === 'PM002'), 'empty-section is off in the config');
  assert.deepEqual(client.diagnostics.get(configUri)?.diagnostics, [], 'a clean config file has no problems');
});

test('changing the config file changes the diagnostics of open documents', async () => {
  const stricter = await rewriteConfig('template: templates/team.md\nrules:\n  PM002: error\n  PM001: hint\n', postmortem);
  const empty = stricter.find((d) => d.code === 'PM002');
  assert.ok(empty, JSON.stringify(stricter));
  assert.equal(empty.severity, 1);
  assert.ok(stricter.filter((d) => d.code === 'PM001').every((d) => d.severity === 4));

  const builtIn = await rewriteConfig('template: google-sre\n', postmortem);
  assert.ok(missing(builtIn).includes('Trigger'), 'the google-sre template\'s sections');
  assert.deepEqual(builtIn.filter((d) => d.code === 'PM015').map((d) => (d.data as { key: string }).key), ['authors', 'status'], 'its required metadata: the title states the date');
});

test('a broken config: a diagnostic on the document and on the config file, and analysis goes on', async () => {
  const diagnostics = await rewriteConfig('template: templates/team.md\ntempalte: x\nrules:\n  PM999: off\n', postmortem);
  const config = diagnostics.filter((d) => d.code === 'config');
  assert.deepEqual(config.map((d) => [d.severity, d.range.start.line]), [[2, 0], [2, 0]]);
  assert.match(messageOf(config[0]!), /^\.postmortem\.yaml: unknown key "tempalte" is ignored \(did you mean "template"\?\)/);
  assert.equal(config[0]!.relatedInformation?.[0]?.location.uri, configUri);
  assert.deepEqual(missing(diagnostics), ['Customer impact', 'Follow-ups'], 'the good keys still apply');
  const onFile = client.diagnostics.get(configUri)!.diagnostics;
  assert.deepEqual(onFile.map((d) => [d.range.start.line, d.range.start.character]), [[1, 0], [3, 2]]);

  const invalid = await rewriteConfig('template: [unclosed\n', postmortem);
  assert.match(messageOf(invalid.find((d) => d.code === 'config')!), /not valid YAML and is ignored/);
  assert.ok(!invalid.some((d) => d.code === 'PM001'), 'ignored file: the default, auto, finds no template that one section follows');

  const escaping = await rewriteConfig('template: ../../../etc/passwd.md\n', postmortem);
  const refused = escaping.find((d) => d.code === 'config')!;
  assert.equal(refused.severity, 1);
  assert.match(messageOf(refused), /outside the workspace folder.*Choosing a template from the document's sections instead\.$/);

  await rewriteConfig('template: templates/team.md\n', postmortem);
});

test('a template file created after the config names it is picked up when the file appears', async () => {
  const missingTemplate = await rewriteConfig('template: templates/later.md\n', postmortem);
  assert.match(messageOf(missingTemplate.find((d) => d.code === 'config')!), /Template file "templates\/later.md" was not found\./);
  writeFileSync(join(folder, 'templates', 'later.md'), '## What happened\n## Timeline\n');
  const republished = client.nextDiagnostics(postmortem);
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('templates', 'later.md'), type: FileChangeType.Created }] });
  const found = (await republished).diagnostics;
  assert.ok(!found.some((d) => d.code === 'config'), JSON.stringify(found));
  assert.deepEqual(missing(found), ['Timeline']);
  await rewriteConfig('template: templates/team.md\n', postmortem);
});

test('front matter picks the template for one document; a bad one falls back to the config template', async () => {
  const uri = uriOf('postmortems', 'front-matter.md');
  const sre = await client.open(uri, '---\ntemplate: google-sre\n---\n# Outage\n\n## Summary\n\nDown.\n');
  assert.ok(missing(sre.diagnostics).includes('Trigger'));
  assert.ok(!missing(sre.diagnostics).includes('Where we got lucky'), 'optional');
  const bad = await client.change(uri, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 20 } }, text: '../secret.md' }]);
  const refused = bad.diagnostics.find((d) => d.code === 'config')!;
  assert.equal(refused.range.start.line, 1, 'on the template: line');
  assert.match(messageOf(refused), /^Front matter: Template "..\/secret.md" is outside the workspace folder; .* Checking against the "templates\/team.md" template instead\.$/);
  assert.deepEqual(missing(bad.diagnostics), ['Customer impact', 'Follow-ups'], 'the team template\'s sections (its Summary is the team\'s What happened)');
  await client.close(uri);
});

test('the template file itself is checked as a template, not flooded with missing sections', async () => {
  const uri = uriOf('templates', 'team.md');
  const { diagnostics } = await client.open(uri, teamTemplate);
  assert.deepEqual(diagnostics, []);
  const emptied = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 14, character: 0 } }, text: '# Only a title\n' }]);
  assert.deepEqual(emptied.diagnostics.map((d) => [d.code, d.severity]), [['template', 4]]);
  await client.close(uri);

  // Without `type: template`, the file the config points to is still recognised by its path.
  const plain = await client.open(uri, teamTemplate.replace('type: template\n', ''));
  assert.deepEqual(plain.diagnostics, []);
  await client.close(uri);
});

test('saving the template file re-checks open postmortems against it', async () => {
  const template = uriOf('templates', 'team.md');
  await client.open(template, teamTemplate);
  const edited = `${teamTemplate}\n## Lessons\n`;
  await client.change(template, [{ range: { start: { line: 14, character: 0 }, end: { line: 14, character: 0 } }, text: '\n## Lessons\n' }]);
  writeFileSync(join(folder, 'templates', 'team.md'), edited);
  const republished = client.nextDiagnostics(postmortem);
  await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: template } });
  assert.deepEqual(missing((await republished).diagnostics), ['Customer impact', 'Follow-ups', 'Lessons']);
  await client.close(template);
});

test('editor settings merge under the config file; untitled documents use the editor settings only', async () => {
  const republished = client.nextDiagnostics(postmortem);
  await client.changeSettings({ template: 'pagerduty', rules: { PM001: 'off' } });
  const merged = (await republished).diagnostics;
  assert.deepEqual(missing(merged), [], 'PM001 is off in the editor settings and the config says nothing about it');

  const untitled = 'untitled:Untitled-1';
  const { diagnostics } = await client.open(untitled, '# Outage\n\n## Overview\n\nx\n\n## Responders\n\nx\n\n## Messaging\n\nx\n');
  assert.ok(!codes(diagnostics).includes('PM001'));
  assert.ok(!codes(diagnostics).includes('config'));
  const settled = client.nextDiagnostics(untitled);
  await client.changeSettings({ template: 'pagerduty' });
  assert.ok(missing((await settled).diagnostics).includes("How'd we do?"), 'the pagerduty template, not the repo one');
  await client.close(untitled);
  const reverted = client.nextDiagnostics(postmortem);
  await client.changeSettings({});
  await reverted;
});

test('inline suppressions work through the protocol', async () => {
  const published = await client.change(postmortem, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<!-- postmortem-disable-file missing-section -->\n' }]);
  assert.deepEqual(missing(published.diagnostics), []);
  const unknown = await client.change(postmortem, [{ range: { start: { line: 0, character: 29 }, end: { line: 0, character: 44 } }, text: 'no-such-rule' }]);
  assert.deepEqual(unknown.diagnostics.filter((d) => d.code === 'suppression').map((d) => d.severity), [4]);
});
