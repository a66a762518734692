// Authoring features through the protocol: the bundled server over stdio, a workspace folder on disk.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  CodeLensRequest,
  CompletionRequest,
  CompletionTriggerKind,
  DocumentSymbolRequest,
  HoverRequest,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type MarkupContent,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { completionItems, LspClient } from './lspClient';

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-authoring-')));
const uriOf = (...parts: string[]) => URI.file(join(folder, ...parts)).toString();

const cascading = [
  '# 2021-07-11: Cascading node failures',
  '',
  '**Services:** PostgreSQL, Redis',
  '',
  'A PostgreSQL connection spike (00:27 UTC) made a node unresponsive; at 00:55 UTC it was recycled.',
  '',
  '## ⚠️ Leadup',
  '',
  '- **00:27 UTC:** Django starts rapidly using connections',
  '- **00:32 UTC:** DevOps team is alerted. @joe is paged.',
  '- **01:13 UTC:** Node has restored',
  '- ',
  '',
  '## 🙋🏿‍♂️ Response',
  '',
  'Joe Banks responded.',
  '',
  "## 🔎 Five Why's",
  '',
  '- Services were down',
  '- **Why?** The node died',
  '',
  '## ☑️ Follow-up tasks',
  '',
  '- [x] Follow up on the ticket',
  '- [ ] Investigate the surge (owner: Dana Reyes)',
  '',
].join('\n');
const cascadingUri = uriOf('postmortems', '2021-07-11-cascading-node-failures.md');
const line = (text: string) => cascading.split('\n').indexOf(text);

mkdirSync(join(folder, 'postmortems', '2020'), { recursive: true });
mkdirSync(join(folder, 'notes'));
writeFileSync(join(folder, 'postmortems', '2021-07-11-cascading-node-failures.md'), cascading);
writeFileSync(join(folder, 'postmortems', '2020', '2020-12-11-all-services-outage.md'), '# 2020-12-11: All services outage\n\n## ⚠️ Leadup\n\n- **25:61 UTC:** impossible\n');
writeFileSync(join(folder, 'notes', 'readme.md'), '# Notes\n');

let client: LspClient;
before(async () => {
  client = await LspClient.start(URI.file(folder).toString());
  await client.open(cascadingUri, cascading);
});
after(async () => {
  assert.equal(await client.stop(), 0);
  rmSync(folder, { recursive: true, force: true });
});

const complete = async (position: { line: number; character: number }, triggerCharacter?: string) =>
  completionItems(
    await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: cascadingUri },
      position,
      context: triggerCharacter ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter } : { triggerKind: CompletionTriggerKind.Invoked },
    }),
  );

test('a new timeline bullet: the previous time, the typical gap and now; not a time the summary mentions before the entry above', async () => {
  // "Now" is offered unless the clock reads earlier than 01:13, by less than twelve hours: accepted, it would be out
  // of order in this undated timeline (PM003). Which of the two it is depends on when the test runs.
  const nowIsBefore = () => {
    const back = 73 - (new Date().getUTCHours() * 60 + new Date().getUTCMinutes());
    return back > 0 && back < 12 * 60;
  };
  const before = nowIsBefore();
  const offered = await complete({ line: line('- '), character: 2 }, ' ');
  const labels = offered.map((i) => i.label);
  assert.deepEqual(labels.slice(0, 2), ['**01:13 UTC:**', '**01:36 UTC:**']);
  if (before === nowIsBefore()) assert.equal(offered.some((i) => i.detail === 'Now (UTC)'), !before, `now offered at ${new Date().toISOString()}`);
  assert.ok(!labels.includes('**00:55 UTC:**'), 'mentioned in the summary, but before 01:13: accepted here it would be out of order');
  assert.ok(!labels.filter((l, i) => offered[i]!.detail?.startsWith('Mentioned')).includes('**00:27 UTC:**'), 'already an entry');
  assert.equal((offered[0]!.textEdit as TextEdit).newText, '**${1:01:13} UTC:** $0');
});

test('the sample 2021-07-11 report: every timestamp offered after its last entry is accepted without a timeline-order warning', async () => {
  const sample = readFileSync(new URL('../../sample/postmortems/2021-07-11-cascading-node-failures.md', import.meta.url), 'utf8');
  const uri = uriOf('postmortems', '2021-07-11-sample-copy.md');
  const lines = sample.split('\n');
  const last = lines.findIndex((text) => text.startsWith('- **06:36 UTC:**'));
  const typed = [...lines.slice(0, last + 1), '- ', ...lines.slice(last + 1)].join('\n');
  await client.open(uri, typed);
  const offered = completionItems(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: last + 1, character: 2 } }));
  assert.ok(offered.length >= 2, JSON.stringify(offered.map((i) => i.label)));
  for (const item of offered) {
    const snippet = (item.textEdit as TextEdit).newText;
    assert.match(snippet, /\$\{1:[^}]+\}.*\$0$/, `${item.label}: the time a tab stop, the event text the next`);
    const accepted = snippet.replace(/\$\{1:([^}]+)\}/, '$1').replace('$0', 'Something happened');
    const entry = [...lines.slice(0, last + 1), `- ${accepted}`, ...lines.slice(last + 1)].join('\n');
    const { diagnostics } = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length + 1, character: 0 } }, text: entry }]);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'PM003').map((d) => d.message), [], `${item.label} (${item.detail})`);
  }
  await client.close(uri);
});

test('a bullet typed with the completion request: answered at once, as the analysis of the new text answers it', async () => {
  const entry = line('- **00:32 UTC:** DevOps team is alerted. @joe is paged.');
  const end = { line: entry, character: cascading.split('\n')[entry]!.length };
  const bullet = { line: entry + 1, character: 2 };
  // As an editor sends them: the change, and the completion request on the trigger space right behind it.
  const published = client.change(cascadingUri, [{ range: { start: end, end }, text: '\n- ' }]);
  const typed = await complete(bullet, ' ');
  await published;
  const analysed = await complete(bullet, ' ');
  assert.deepEqual(typed, analysed);
  assert.deepEqual(typed.map((i) => i.label).slice(0, 2), ['**00:32 UTC:**', '**00:37 UTC:**'], 'the time above, then the typical gap after it');
  assert.ok(typed.some((i) => i.label === '**00:55 UTC:**' && i.detail === 'Mentioned on line 5'), JSON.stringify(typed.map((i) => [i.label, i.detail])));
  await client.change(cascadingUri, [{ range: { start: end, end: bullet }, text: '' }]);
  // An editor that asks nothing on the space: the validation waits a moment for the request, then goes on.
  const restored = await client.change(cascadingUri, [{ range: { start: end, end }, text: '' }]);
  const alone = await client.change(cascadingUri, [{ range: { start: end, end }, text: '\n- ' }]);
  assert.equal(alone.version, restored.version! + 1, 'the diagnostics of the version with the bullet');
  await client.change(cascadingUri, [{ range: { start: end, end: bullet }, text: '' }]);
});

test('names after "@", and none when a space triggers in prose', async () => {
  const at = line('Joe Banks responded.');
  await client.change(cascadingUri, [{ range: { start: { line: at, character: 20 }, end: { line: at, character: 20 } }, text: ' Thanks @' }]);
  const mentions = await complete({ line: at, character: 29 }, '@');
  assert.deepEqual(mentions.map((i) => i.label), ['@joe']);
  assert.deepEqual(await complete({ line: at, character: 27 }, ' '), []);
  const invoked = (await complete({ line: at, character: 27 })).map((i) => i.label);
  assert.ok(invoked.includes('Joe Banks') && invoked.includes('Dana Reyes'), JSON.stringify(invoked));
  await client.change(cascadingUri, [{ range: { start: { line: at, character: 20 }, end: { line: at, character: 29 } }, text: '' }]);
});

test('hover on a timestamp and on the title', async () => {
  const hoverAt = async (l: number, character: number) =>
    ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: cascadingUri }, position: { line: l, character } }))?.contents as MarkupContent | undefined)?.value;
  assert.equal(await hoverAt(line('- **00:32 UTC:** DevOps team is alerted. @joe is paged.'), 6), '**T+5 min** from the incident start (00:27 UTC)\n\n+5 min after the entry above (00:27 UTC)\n\nDetection: the first entry that says "alert"');
  assert.match((await hoverAt(0, 5))!, /^\| Duration \| 46 min \| 00:27 UTC → 01:13 UTC \|$/m);
  assert.equal(await hoverAt(line('Joe Banks responded.'), 3), undefined);
});

test('code lenses above the title: the template chosen, the timeline metrics, and the timelineKeywords setting', async () => {
  const all = async () => (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: cascadingUri } }))!.map((l) => l.command!.title);
  assert.equal((await all())[0], 'No template: free-form', 'its few headings follow no built-in template');
  const lenses = async () => (await all()).slice(1);
  assert.deepEqual(await lenses(), ['Duration 46 min', 'Detected after 5 min', 'Resolved 41 min after detection']);
  await client.changeSettings({ timelineKeywords: { detection: ['paged'], resolution: ['restored'] } });
  assert.deepEqual(await lenses(), ['Duration 46 min', 'Detected after 5 min', 'Resolved 41 min after detection'], 'the same entries by other words');
  await client.changeSettings({ timelineKeywords: { detection: ['noticed'] } });
  assert.deepEqual(await lenses(), ['Duration 46 min', 'Detection: no entry says "noticed"']);
  await client.changeSettings({});
});

test('the outline: entries by time and first words, whys, action items checked or not', async () => {
  const [title] = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: cascadingUri } })) as DocumentSymbol[];
  const [leadup, , whys, tasks] = title!.children!;
  assert.deepEqual(leadup!.children!.map((s) => [s.name, s.detail]), [
    ['00:27 UTC Django starts rapidly using connections', 'T+0'],
    ['00:32 UTC DevOps team is alerted. @joe is…', 'T+5 min'],
    ['01:13 UTC Node has restored', 'T+46 min'],
  ]);
  assert.deepEqual(whys!.children!.map((s) => [s.name, s.detail]), [['The node died', 'Why #1']]);
  assert.deepEqual(tasks!.children!.map((s) => s.detail), ['☑ done', '☐ open']);
});

test('workspace symbols find an incident by title, date or service; other Markdown is not listed', async () => {
  const find = async (query: string) => ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) as SymbolInformation[]).map((s) => [s.name, s.location.uri]);
  assert.deepEqual(await find('cascading'), [['2021-07-11: Cascading node failures', cascadingUri]]);
  assert.deepEqual(await find('2020-12'), [['2020-12-11: All services outage', uriOf('postmortems', '2020', '2020-12-11-all-services-outage.md')]]);
  assert.deepEqual(await find('redis'), [['Redis', cascadingUri]]);
  assert.deepEqual(await find('notes'), []);
});

test('postmortem/list: every postmortem with date, title, path and problems; open documents as edited', async () => {
  const list = async () => (await client.connection.sendRequest('postmortem/list', {})) as { postmortems: Array<{ uri: string; title: string; date?: string; path: string; problems: { errors: number } }> };
  const { postmortems } = await list();
  assert.deepEqual(postmortems.map((p) => [p.date, p.title, p.path]), [
    ['2021-07-11', '2021-07-11: Cascading node failures', 'postmortems/2021-07-11-cascading-node-failures.md'],
    ['2020-12-11', '2020-12-11: All services outage', 'postmortems/2020/2020-12-11-all-services-outage.md'],
  ]);
  assert.equal(postmortems[1]!.problems.errors, 1);
  const quick = (await client.connection.sendRequest('postmortem/list', { problems: false })) as { postmortems: Array<{ title: string; problems?: unknown }> };
  // Quick: the same rows; counts only where they are known already (here, from the full list just made).
  assert.deepEqual(quick.postmortems.map((p) => p.title), postmortems.map((p) => p.title));
  await client.change(cascadingUri, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 12 } }, text: '2021-07-12' }]);
  assert.equal((await list()).postmortems[0]!.date, '2021-07-12', 'unsaved edits count');
  await client.change(cascadingUri, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 12 } }, text: '2021-07-11' }]);
});

test('New Postmortem: template choices and the new file\'s name and text come from the server', async () => {
  const choices = (await client.connection.sendRequest('postmortem/templates', { folderUri: URI.file(folder).toString() })) as Array<{ name: string; configured: boolean }>;
  assert.deepEqual(choices.map((c) => [c.name, c.configured]), [['python-discord', false], ['atlassian', false], ['google-sre', false], ['pagerduty', false]]);
  const created = (await client.connection.sendRequest('postmortem/newPostmortem', { title: 'Disk full on db-1', template: 'google-sre', date: '2024-03-05', folderUri: URI.file(folder).toString() })) as { fileName: string; text: string };
  assert.equal(created.fileName, '2024-03-05-disk-full-on-db-1.md');
  assert.match(created.text, /^---\ntype: postmortem\ntemplate: google-sre\ndate: 2024-03-05\nauthors:\nstatus: draft\n---\n\n# Disk full on db-1\n\n## Summary\n/);
  // Opened, it is quiet: one information line with what is left to write.
  const opened = await client.open(URI.file(join(folder, 'postmortems', created.fileName)).toString(), created.text);
  assert.deepEqual(opened.diagnostics.map((d) => [d.code, d.severity]), [['PM001', 3]]);
  assert.match(opened.diagnostics[0]!.message as string, /^12 sections still to write: Summary, Impact, /);
  await assert.rejects(client.connection.sendRequest('postmortem/newPostmortem', { title: 'x', template: 'nope' }), /Unknown template "nope"/);
});
