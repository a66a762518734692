// Crash recovery in a real VS Code: the language server process is killed; the client starts a new one and sends it
// the open documents again, so diagnostics come back and follow later edits.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';

const WAIT_MS = 30_000;

/** Pids of this extension host's children that run the bundled language server. */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field of /proc/<pid>/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes('dist/server/main.cjs')) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function codes(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).sort();
}

/** Resolves once `until` holds for the document's diagnostics, now or after a change event. */
function diagnosticsUntil(uri: vscode.Uri, until: (found: string[]) => boolean, what: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = codes(uri);
      if (!until(found)) return;
      cleanup();
      resolve(found);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out after ${WAIT_MS / 1000} s waiting for ${what}; diagnostics: ${codes(uri).join(' ') || '(none)'}`));
    }, WAIT_MS);
    function cleanup() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Resolves once a new server process, other than `old`, is running. */
async function newServer(old: readonly number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const fresh = serverProcesses().filter((pid) => !old.includes(pid));
      if (fresh.length > 0) return resolve(fresh[0]!);
      if (Date.now() - started > WAIT_MS) return reject(new Error('no new language server process'));
      // Process creation has no event to wait on from here; poll /proc.
      setTimeout(poll, 100);
    };
    poll();
  });
}

suite('Reliability', () => {
  test('a killed language server is restarted, and the open document gets its diagnostics again', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'postmortems', '2021-07-11-restart.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# 2021-07-11: Restart\n\n## Impact\n\n*Describe the impact*\n\n## Timeline\n\n- 25:61 UTC: paged\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await diagnosticsUntil(uri, (found) => found.includes('PM002'), 'the first diagnostics');

    const before = serverProcesses();
    assert.equal(before.length, 1, `language server processes: ${before.join(', ')}`);
    const cleared = diagnosticsUntil(uri, (found) => !found.includes('PM002'), 'the diagnostics to be cleared when the server dies');
    process.kill(before[0]!, 'SIGKILL');
    await cleared;
    await newServer(before);
    await diagnosticsUntil(uri, (found) => found.includes('PM002'), 'diagnostics from the restarted server');

    // The new server has the document's text: an edit that fills the section clears the empty-section warning.
    const changed = diagnosticsUntil(uri, (found) => !found.includes('PM002') && found.includes('PM004'), 'diagnostics after an edit');
    await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), '\nAll services were down.\n'));
    await changed;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
