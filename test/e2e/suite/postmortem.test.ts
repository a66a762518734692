// End-to-end tests: the extension and its language server inside a real VS Code, driven through the `vscode` API.
// The workspace is a fresh copy of test/e2e/workspace/ per run, so tests may create and edit files in it.
// Every wait is on an event (diagnostics changing) bounded by a timeout that fails with what was last seen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'postmortem-tools.postmortem-lsp';
const SEED = 'postmortems/2020-12-11-all-services-outage.md';
const MISSING_SECTIONS = 'postmortems/2021-01-10-missing-sections.md';
const PLAIN_MARKDOWN = 'notes/readme.md';
const WAIT_MS = 30_000;

const TEMPLATE_SECTIONS = [
  'Leadup', 'Impact', 'Detection', 'Response', 'Recovery', "Five Why's", 'Blameless root cause', 'Lessons learned',
  'Follow-up tasks',
];

function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

async function open(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Writes a new file into the workspace and opens it; the name decides whether it is in a postmortems folder. */
async function create(relativePath: string, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(text));
  return open(relativePath);
}

function lines(...parts: string[]): string {
  return parts.join('\n');
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `  ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} `
      + `${vscode.DiagnosticSeverity[d.severity]} ${d.source ?? '?'} ${codeOf(d) ?? '?'} ${d.message}`)
    .join('\n');
}

/**
 * Resolves with the document's diagnostics once `until` holds for them: now, or after a later change event.
 * Subscribe (call this) before triggering the change, and make `until` specific enough that stale diagnostics
 * cannot satisfy it.
 */
function diagnosticsFor(
  uri: vscode.Uri,
  until: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!until(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${WAIT_MS / 1000} s waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; `
        + `its diagnostics are:\n${describe(vscode.languages.getDiagnostics(uri))}`));
    }, WAIT_MS);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

const anyDiagnostics = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.length > 0;

function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text === text) return line;
  }
  assert.fail(`${vscode.workspace.asRelativePath(document.uri)} has no line ${JSON.stringify(text)}`);
}

async function documentSymbols(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
    'vscode.executeDocumentSymbolProvider', document.uri);
  // VS Code's own Markdown extension also answers, with names like "## ⚠️ Leadup"; ours are the heading text.
  return (symbols ?? []).filter((s): s is vscode.DocumentSymbol => 'children' in s && !/^#+ /.test(s.name));
}

async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider', document.uri, position);
  return list?.items ?? [];
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function insertTextOf(item: vscode.CompletionItem): string {
  if (item.insertText instanceof vscode.SnippetString) return item.insertText.value;
  return item.insertText ?? labelOf(item);
}

/** The text a completion inserts before the user types anything: a snippet's placeholders become their defaults. */
function insertedTextOf(item: vscode.CompletionItem): string {
  if (!(item.insertText instanceof vscode.SnippetString)) return insertTextOf(item);
  let text = item.insertText.value;
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+(\|[^}]*\|)?\}|\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

function describeItems(items: vscode.CompletionItem[]): string {
  return items.slice(0, 40).map((i) => `  ${JSON.stringify(labelOf(i))} → ${JSON.stringify(insertTextOf(i))}`).join('\n')
    + (items.length > 40 ? `\n  … ${items.length - 40} more` : '') || '(none)';
}

suite('Postmortem extension in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repo root?)`);
    await extension.activate();
  });

  suite('diagnostics', () => {
    test('the seed postmortem has exactly one problem: its empty "Blameless root cause" section (PM002)', async () => {
      const uri = workspaceUri(SEED);
      const arrived = diagnosticsFor(uri, anyDiagnostics, 'the first diagnostics');
      const document = await open(SEED);
      const diagnostics = await arrived;
      const heading = lineOf(document, '## 🌱 Blameless root cause');
      assert.equal(diagnostics.length, 1, `expected exactly one diagnostic, got:\n${describe(diagnostics)}`);
      const [diagnostic] = diagnostics as [vscode.Diagnostic];
      assert.equal(diagnostic.source, 'postmortem', describe(diagnostics));
      assert.equal(codeOf(diagnostic), 'PM002', describe(diagnostics));
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning, describe(diagnostics));
      assert.equal(diagnostic.range.start.line, heading, `PM002 must be on the heading line ${heading}:\n${describe(diagnostics)}`);
      assert.equal(diagnostic.range.end.line, heading, `PM002 must be on the heading line ${heading}:\n${describe(diagnostics)}`);
    });

    test('each missing template section is reported on the title line (PM001)', async () => {
      const uri = workspaceUri(MISSING_SECTIONS);
      const arrived = diagnosticsFor(uri, (ds) => ds.some((d) => codeOf(d) === 'PM001'), 'PM001 diagnostics');
      const document = await open(MISSING_SECTIONS);
      const diagnostics = (await arrived).filter((d) => codeOf(d) === 'PM001');
      const title = lineOf(document, '# 2021-01-10: Primary Kubernetes node outage');
      const missing = TEMPLATE_SECTIONS.slice(3);
      for (const section of missing) {
        const match = diagnostics.find((d) => d.message.includes(section));
        assert.ok(match, `no PM001 mentions "${section}":\n${describe(diagnostics)}`);
        assert.equal(match.source, 'postmortem');
        assert.equal(match.severity, vscode.DiagnosticSeverity.Warning, describe([match]));
        assert.equal(match.range.start.line, title, `PM001 must be on the title line ${title}:\n${describe([match])}`);
      }
      for (const present of TEMPLATE_SECTIONS.slice(0, 3)) {
        assert.ok(!diagnostics.some((d) => d.message.includes(`"${present}"`)),
          `"${present}" is present but reported missing:\n${describe(diagnostics)}`);
      }
      assert.equal(diagnostics.length, missing.length, `expected ${missing.length} PM001:\n${describe(diagnostics)}`);
    });

    test('timeline entries out of order (PM003) and impossible times (PM004) are reported on their lines', async () => {
      const path = 'postmortems/2021-07-11-timeline-problems.md';
      const uri = workspaceUri(path);
      const arrived = diagnosticsFor(uri,
        (ds) => ds.some((d) => codeOf(d) === 'PM003') && ds.some((d) => codeOf(d) === 'PM004'), 'PM003 and PM004');
      const document = await create(path, lines(
        '# 2021-07-11: Cascading node failures',
        '',
        '## ⚠️ Leadup',
        '',
        '- **00:32 UTC:** DevOps team is alerted that PostgreSQL has saturated its connections.',
        '- **00:27 UTC:** Django starts rapidly using connections to our PostgreSQL database.',
        '- **25:61 UTC:** Status incident created.',
        '',
      ));
      const diagnostics = await arrived;
      const earlier = lineOf(document, '- **00:27 UTC:** Django starts rapidly using connections to our PostgreSQL database.');
      const impossible = lineOf(document, '- **25:61 UTC:** Status incident created.');
      const order = diagnostics.filter((d) => codeOf(d) === 'PM003');
      assert.ok(order.some((d) => d.range.start.line === earlier && d.severity === vscode.DiagnosticSeverity.Warning),
        `expected a PM003 warning on line ${earlier}:\n${describe(diagnostics)}`);
      const time = diagnostics.filter((d) => codeOf(d) === 'PM004');
      assert.ok(time.some((d) => d.range.start.line === impossible && d.severity === vscode.DiagnosticSeverity.Error),
        `expected a PM004 error on line ${impossible}:\n${describe(diagnostics)}`);
    });

    test('a plain Markdown file outside a postmortems folder gets no diagnostics', async () => {
      const plain = await open(PLAIN_MARKDOWN);
      // "None" needs a positive signal that the server got that far: it handles documents in the order they were
      // opened, so once a postmortem opened afterwards has its diagnostics, the plain file has been checked.
      const after = 'postmortems/2021-01-11-opened-after-plain-file.md';
      const arrived = diagnosticsFor(workspaceUri(after), anyDiagnostics, 'diagnostics of a postmortem opened after the plain file');
      await create(after, lines('# 2021-01-11: Opened after the plain file', '', '## ⚠️ Leadup', '', '- 25:61 UTC: something happened', ''));
      await arrived;
      const diagnostics = vscode.languages.getDiagnostics(plain.uri);
      assert.equal(diagnostics.length, 0, `${PLAIN_MARKDOWN} should have no diagnostics:\n${describe(diagnostics)}`);
    });

    test('closing an untitled postmortem clears its diagnostics', async () => {
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: lines('# 2021-01-12: Site CPU exhaustion', '', '## ⚠️ Leadup', '', '## 🥏 Impact', '', '## 👁️ Detection', ''),
      });
      const arrived = diagnosticsFor(document.uri, anyDiagnostics, 'diagnostics of an untitled postmortem');
      await vscode.window.showTextDocument(document);
      await arrived;
      const cleared = diagnosticsFor(document.uri, (ds) => ds.length === 0, 'the diagnostics to be cleared after closing');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await cleared;
    });
  });

  suite('outline', () => {
    test('the title is the root symbol, the H2 sections its children, follow-up tasks under their section', async () => {
      const document = await open(SEED);
      const symbols = await documentSymbols(document);
      assert.equal(symbols.length, 1, `expected one root symbol, got: ${JSON.stringify(symbols.map((s) => s.name))}`);
      const [root] = symbols as [vscode.DocumentSymbol];
      assert.equal(root.name, '2020-12-11: All services outage');
      // Named as written, emoji included (taken from the file: its emoji sequences are easy to mistype).
      const headings = document.getText().split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
      assert.equal(headings.length, 9);
      assert.deepEqual(root.children.map((s) => s.name), headings);
      const followUp = root.children.find((s) => s.name === '☑️ Follow-up tasks')!;
      const task = followUp.children.find((s) => s.name === 'Push forward with backup plans');
      assert.ok(task, `no action item symbol under "☑️ Follow-up tasks": ${JSON.stringify(followUp.children.map((s) => s.name))}`);
      assert.equal(task.detail, '☑ done');
      assert.equal(task.range.start.line, lineOf(document, '- [x] Push forward with backup plans'));
    });
  });

  suite('completion', () => {
    test('a "## " heading line offers the sections the document is missing', async () => {
      const path = 'postmortems/completion-missing-section.md';
      const seed = await vscode.workspace.fs.readFile(workspaceUri(SEED));
      const document = await create(path, new TextDecoder().decode(seed));
      const start = lineOf(document, '## 🤔 Lessons learned');
      const end = lineOf(document, '## ☑️ Follow-up tasks');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(start, 0, end, 0), '## \n\n');
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit deleting "Lessons learned" was not applied');
      assert.equal(document.lineAt(start).text, '## ');

      const items = await completions(document, new vscode.Position(start, 3));
      assert.ok(items.some((i) => labelOf(i).includes('Lessons learned')),
        `no completion for the missing "Lessons learned" section; got:\n${describeItems(items)}`);
    });

    test('a new timeline bullet offers a timestamp that follows the previous entry', async () => {
      const path = 'postmortems/completion-timeline.md';
      const seed = await vscode.workspace.fs.readFile(workspaceUri(SEED));
      const document = await create(path, new TextDecoder().decode(seed));
      const impact = lineOf(document, '## 🥏 Impact');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(impact, 0),
        lines('- **00:27 UTC:** Django starts', '- **00:32 UTC:** Alert fires', '- ', '', ''));
      assert.ok(await vscode.workspace.applyEdit(edit), 'the edit adding a timeline was not applied');
      const bullet = impact + 2;
      assert.equal(document.lineAt(bullet).text, '- ');

      const items = await completions(document, new vscode.Position(bullet, 2));
      assert.ok(items.some((i) => insertedTextOf(i).startsWith('**00:3') && insertedTextOf(i).includes('UTC:**')),
        `no timestamp completion like "**00:3x UTC:**"; got:\n${describeItems(items)}`);
    });
  });
});
