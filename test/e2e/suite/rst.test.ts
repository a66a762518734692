// End-to-end: an .rst postmortem in a real VS Code. VS Code 1.100 ships a reStructuredText grammar extension that
// gives .rst files the language id `restructuredtext`, which the client's document selector sends to the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'postmortem-tools.postmortem-lsp';
const CASCADING = 'postmortems/2021-07-11-cascading-node-failures.rst';
const WAIT_MS = 30_000;

function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `  ${d.range.start.line}:${d.range.start.character} ${codeOf(d) ?? '?'} ${d.message}`).join('\n') || '(none)';
}

/** Resolves with the document's diagnostics once `until` holds: now, or after a later change event. */
function diagnosticsFor(uri: vscode.Uri, until: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!until(diagnostics)) return;
      cleanup();
      resolve(diagnostics);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${WAIT_MS / 1000} s waiting for ${what}; diagnostics:\n${describe(vscode.languages.getDiagnostics(uri))}`));
    }, WAIT_MS);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

suite('reStructuredText postmortems in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
  });

  test('an .rst postmortem gets its diagnostics and a postmortem outline', async () => {
    const uri = workspaceUri(CASCADING);
    const arrived = diagnosticsFor(uri, (ds) => ds.some((d) => d.source === 'postmortem'), 'postmortem diagnostics');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'restructuredtext');

    const diagnostics = (await arrived).filter((d) => d.source === 'postmortem');
    const openTask = document.getText().split('\n').indexOf('- ☐ Investigate why Django could be connection surging and locking');
    assert.deepEqual(diagnostics.map((d) => [codeOf(d), d.range.start.line]), [['PM011', openTask]], describe(diagnostics));
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Warning);

    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>(
      'vscode.executeDocumentSymbolProvider', uri);
    const title = (symbols ?? []).find((s): s is vscode.DocumentSymbol => 'children' in s && s.name.startsWith('2021-07-11:'));
    assert.ok(title, `no postmortem outline: ${JSON.stringify((symbols ?? []).map((s) => s.name))}`);
    const sections = title.children.filter((s) => s.kind === vscode.SymbolKind.String);
    assert.deepEqual(sections.map((s) => s.name), [
      '⚠️ Leadup', '🥏 Impact', '👁️ Detection', '🙋🏿♂️ Response', '🙆🏽♀️ Recovery', '🔎 Five Why’s', '🌱 Blameless root cause',
      '🤔 Lessons learned', '☑️ Follow-up tasks',
    ]);
    assert.equal(sections[0]!.selectionRange.start.line, 8);
    assert.deepEqual(sections[5]!.children.filter((s) => s.kind === vscode.SymbolKind.String).map((s) => s.name), ['What?', 'Why?', 'Why?', 'Why?', 'Why?']);
  });
});
