// Authoring in a real VS Code: typing a timeline with the suggested timestamp, section snippets, the outline,
// hover and code lens, workspace symbols, the New Postmortem command and the Postmortems view.
// Every wait is on an event (diagnostics, a document change) bounded by a timeout that says what was last seen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'postmortem-tools.postmortem-lsp';
const SEED = 'postmortems/2020-12-11-all-services-outage.md';
const WAIT_MS = 30_000;

interface PostmortemApi {
  listPostmortems(): Promise<Array<{ uri: string; title: string; date?: string; problems: { errors: number; warnings: number; information: number } }>>;
}

function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

/** Writes a file into the workspace, opens it, and resolves once the server has published its first diagnostics. */
async function createAnalysed(relativePath: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(relativePath);
  const analysed = diagnosticsChange(uri, () => true, 'the first analysis');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await analysed;
  return editor;
}

/** Resolves when the diagnostics of `uri` change and `until` holds (or hold already and `now` is set). */
function diagnosticsChange(uri: vscode.Uri, until: (d: vscode.Diagnostic[]) => boolean, what: string, now = false): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!until(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line} ${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.message}`))}`));
    }, WAIT_MS);
    if (now) check();
  });
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text === text) return line;
  assert.fail(`${vscode.workspace.asRelativePath(document.uri)} has no line ${JSON.stringify(text)}`);
}

async function ourSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  // VS Code's Markdown extension answers too, with names like "## ⚠️ Leadup".
  return (symbols ?? []).filter((s): s is vscode.DocumentSymbol => 'children' in s && !/^#+ /.test(s.name));
}

const TIMELINE = [
  '# 2021-07-11: Cascading node failures',
  '',
  'At 00:55 UTC the node was recycled.',
  '',
  '## ⚠️ Leadup',
  '',
  '- **00:27 UTC:** Django starts rapidly using connections',
  '- **00:33 UTC:** DevOps team is alerted',
  '',
  "## 🔎 Five Why's",
  '',
  '- Services were down',
  '- **Why?** The node died',
  '',
  '## ☑️ Follow-up tasks',
  '',
  '- [x] Follow up on the ticket',
  '- [ ] Investigate the surge (@joe)',
  '',
].join('\n');

suite('Authoring', () => {
  let api: PostmortemApi;
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<PostmortemApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
  });

  test('type "- " under a timeline entry, accept the suggested timestamp, tab to the event text', async () => {
    const editor = await createAnalysed('postmortems/2021-07-11-authoring-timeline.md', TIMELINE);
    const document = editor.document;
    const line = lineOf(document, '- **00:33 UTC:** DevOps team is alerted') + 1;
    // Typing goes through the editor like keystrokes: a new line, then the bullet.
    editor.selection = new vscode.Selection(line - 1, document.lineAt(line - 1).text.length, line - 1, document.lineAt(line - 1).text.length);
    await vscode.commands.executeCommand('type', { text: '\n- ' });
    assert.equal(document.lineAt(line).text, '- ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, 2), ' ');
    const labels = list.items.map(labelOf);
    assert.equal(labels[0], '**00:33 UTC:**', `first suggestion: ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('**00:39 UTC:**'), `the typical gap: ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('**00:55 UTC:**'), `the time the summary mentions: ${JSON.stringify(labels)}`);
    const [item] = list.items;
    const range = item!.range as vscode.Range;
    // Accepting a suggestion inserts its snippet: the time is selected, the event text is the next tab stop.
    await editor.insertSnippet(item!.insertText as vscode.SnippetString, range);
    await vscode.commands.executeCommand('type', { text: '00:41' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    const clean = diagnosticsChange(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'PM003') && document.lineAt(line).text.endsWith('recycled'), 'the new entry analysed');
    await vscode.commands.executeCommand('type', { text: 'Node recycled' });
    assert.equal(document.lineAt(line).text, '- **00:41 UTC:** Node recycled');
    await clean;
  });

  test('a section snippet inserts the heading and its prompt, and the missing-section warning goes', async () => {
    // Three sections follow no template well enough for `auto`: the team's template is named in the front matter.
    const editor = await createAnalysed('postmortems/2021-07-12-authoring-snippet.md', `---\ntemplate: python-discord\n---\n${TIMELINE}`);
    const document = editor.document;
    assert.ok(vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'PM001' && d.message.includes('"Impact"')), 'Impact is missing before');
    const at = lineOf(document, "## 🔎 Five Why's");
    editor.selection = new vscode.Selection(at, 0, at, 0);
    const fixed = diagnosticsChange(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'PM001' && d.message.includes('"Impact"')), 'PM001 for Impact to go');
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Postmortem section: Impact' });
    await vscode.commands.executeCommand('type', { text: 'Every service was down for 46 minutes.\n\n' });
    await fixed;
    assert.equal(document.lineAt(at).text, '## 🥏 Impact');
    assert.equal(document.lineAt(at + 2).text, '*Describe how internal and external users were impacted during the incident*');
    assert.equal(document.lineAt(at + 4).text, 'Every service was down for 46 minutes.');
  });

  test('the outline: timeline entries by time and first words, whys, action items ☑/☐', async () => {
    const editor = await createAnalysed('postmortems/2021-07-13-authoring-outline.md', TIMELINE);
    const [title] = await ourSymbols(editor.document.uri);
    assert.equal(title?.name, '2021-07-11: Cascading node failures');
    const [leadup, whys, tasks] = title!.children;
    assert.deepEqual(leadup!.children.map((s) => [s.name, s.detail]), [
      ['00:27 UTC Django starts rapidly using connections', 'T+0'],
      ['00:33 UTC DevOps team is alerted', 'T+6 min'],
    ]);
    assert.deepEqual(whys!.children.map((s) => [s.name, s.detail]), [['The node died', 'Why #1']]);
    assert.deepEqual(tasks!.children.map((s) => s.detail), ['☑ done', '☐ open']);
  });

  test('hover on a timestamp gives T+; code lenses above the title give the durations', async () => {
    const editor = await createAnalysed('postmortems/2021-07-14-authoring-hover.md', TIMELINE.replace('- **00:33 UTC:** DevOps team is alerted', '- **00:33 UTC:** DevOps team is alerted\n- **01:13 UTC:** Node restored'));
    const document = editor.document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(lineOf(document, '- **01:13 UTC:** Node restored'), 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*T\+46 min\*\* from the incident start \(00:27 UTC\)/);
    assert.match(text, /\+40 min after the entry above \(00:33 UTC\)/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const ours = lenses.filter((l) => l.command?.title && /Duration|Detect|Resolved/.test(l.command.title));
    assert.deepEqual(ours.map((l) => l.command!.title), ['Duration 46 min', 'Detected after 6 min', 'Resolved 40 min after detection']);
    assert.equal(ours[0]!.range.start.line, 0);
    // The lens's command shows the entry it was read from.
    await vscode.commands.executeCommand(ours[0]!.command!.command, ...(ours[0]!.command!.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, lineOf(document, '- **01:13 UTC:** Node restored'));
  });

  test('the template a report follows is shown above its title and on the title hover; a free-form one says so', async () => {
    const seed = await vscode.workspace.openTextDocument(workspaceUri(SEED));
    const titleLine = lineOf(seed, '# 2020-12-11: All services outage');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', seed.uri);
    const template = lenses.find((l) => l.command?.title.startsWith('Template:'));
    assert.equal(template?.command?.title, 'Template: python-discord (9/9 sections, auto)', JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.equal(template!.range.start.line, titleLine);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', seed.uri, new vscode.Position(titleLine, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Template "python-discord"\*\* \(chosen because the document follows its sections\): the document has 9 of its 9 required sections\./);
    const freeForm = await createAnalysed('postmortems/2021-07-15-authoring-free-form.md', TIMELINE);
    const free = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', freeForm.document.uri);
    assert.equal(free[0]?.command?.title, 'No template: free-form');
  });

  test('workspace symbols find an incident by its title words and date', async () => {
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'all services');
    // VS Code's Markdown extension answers too, with "# "-prefixed headings; earlier tests copied the seed.
    const ours = found.filter((s) => s.name === '2020-12-11: All services outage' && vscode.workspace.asRelativePath(s.location.uri) === SEED);
    assert.equal(ours.length, 1, JSON.stringify(found.map((s) => `${s.name} ${vscode.workspace.asRelativePath(s.location.uri)}`)));
    assert.equal(ours[0]!.kind, vscode.SymbolKind.File);
    const byDate = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '2020-12');
    assert.ok(byDate.some((s) => s.name === '2020-12-11: All services outage'), JSON.stringify(byDate.map((s) => s.name)));
  });

  test('New Postmortem with arguments creates postmortems/<date>-<slug>.md from the template, opens it quiet and lists it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { title: 'Disk full on db-1', template: 'google-sre', date: '2024-03-05' });
    assert.ok(uri, 'the command returned no file');
    assert.equal(vscode.workspace.asRelativePath(uri), 'postmortems/2024-03-05-disk-full-on-db-1.md');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString(), 'the new postmortem is open');
    assert.match(editor!.document.getText(), /^---\ntype: postmortem\ntemplate: google-sre\ndate: 2024-03-05\nauthors:\nstatus: draft\n---\n\n# Disk full on db-1\n\n## Summary\n/);
    assert.equal(editor!.document.lineAt(editor!.selection.active.line - 2).text, '## Summary', 'the cursor is under the first section');
    // A file just made opens quiet: what is left to write is one information line, not a warning per section.
    const analysed = await diagnosticsChange(uri, (ds) => ds.length > 0, 'the new file analysed', true);
    assert.deepEqual(analysed.map((d) => [codeOf(d), d.severity]), [['PM001', vscode.DiagnosticSeverity.Information]], analysed.map((d) => d.message).join('\n'));
    assert.match(analysed[0]!.message, /^\d+ sections still to write: Summary, /);
    const again = await vscode.commands.executeCommand<vscode.Uri>('postmortem.newPostmortem', { title: 'Disk full on db-1', template: 'google-sre', date: '2024-03-05' });
    assert.equal(vscode.workspace.asRelativePath(again), 'postmortems/2024-03-05-disk-full-on-db-1-2.md', 'an existing file is never overwritten');
    const rows = await api.listPostmortems();
    const row = rows.find((r) => r.uri === uri.toString());
    assert.ok(row, `not listed: ${JSON.stringify(rows.map((r) => r.title))}`);
    assert.deepEqual([row.title, row.date], ['Disk full on db-1', '2024-03-05']);
  });

  test('the Postmortems view lists each postmortem with its date, title and problem count', async () => {
    await vscode.commands.executeCommand('postmortem.postmortems.focus');
    const rows = await api.listPostmortems();
    const seed = rows.find((r) => r.uri === workspaceUri(SEED).toString());
    assert.ok(seed, `the seed is not listed: ${JSON.stringify(rows.map((r) => r.title))}`);
    assert.deepEqual([seed.title, seed.date, seed.problems], ['2020-12-11: All services outage', '2020-12-11', { errors: 0, warnings: 1, information: 0 }]);
    assert.ok(!rows.some((r) => r.uri.endsWith('/notes/readme.md')), 'plain Markdown is not listed');
    const dates = rows.map((r) => r.date ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
  });
});
