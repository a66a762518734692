import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What `postmortem.newPostmortem` accepts, so tests and other extensions can run it without prompts. */
export interface NewPostmortemArguments {
  title?: string;
  /** A built-in template name or the configured template; asked for with a quick pick when absent. */
  template?: string;
  /** `YYYY-MM-DD`; today when absent. */
  date?: string;
  /** The workspace folder (URI or name); the only one, or asked for, when absent. */
  folder?: string;
}

interface TemplateChoice {
  name: string;
  description: string;
  configured: boolean;
}

/**
 * Postmortem: New Postmortem. Asks for what the arguments leave out (title, template), gets the text and file name
 * from the server, writes `<postmortem.newFileFolder>/YYYY-MM-DD-<slug>.md` in the workspace folder and opens it.
 * Resolves with the new file's URI, or undefined when cancelled.
 */
export async function newPostmortem(clientReady: Promise<LanguageClient>, args: NewPostmortemArguments = {}): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(args.folder);
  if (!folder) {
    void vscode.window.showErrorMessage('Open a folder first: a new postmortem is created inside the workspace.');
    return undefined;
  }
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: 'New Postmortem',
      prompt: 'The incident, in a few words',
      placeHolder: 'Database failover loop',
      validateInput: (value) => (value.trim() ? undefined : 'A postmortem needs a title.'),
    }));
  if (!title?.trim()) return undefined;
  const client = await clientReady;
  let template = args.template;
  if (!template) {
    const choices = await client.sendRequest<TemplateChoice[]>('postmortem/templates', { folderUri: folder.uri.toString() });
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.name, description: choice.configured ? 'configured for this folder' : '', detail: choice.description })),
      { title: 'New Postmortem: template', placeHolder: 'The template the postmortem follows' },
    );
    if (!picked) return undefined;
    template = picked.label;
  }
  const created = await client.sendRequest<{ fileName: string; text: string }>('postmortem/newPostmortem', {
    title,
    template,
    date: args.date ?? today(),
    folderUri: folder.uri.toString(),
  });
  const subfolder = vscode.workspace.getConfiguration('postmortem', folder.uri).get<string>('newFileFolder', 'postmortems').trim();
  if (subfolder.startsWith('/') || /^[a-z]:/i.test(subfolder) || subfolder.split(/[\\/]/).includes('..')) {
    void vscode.window.showErrorMessage(`postmortem.newFileFolder must be a folder inside the workspace folder, not "${subfolder}".`);
    return undefined;
  }
  const directory = subfolder ? vscode.Uri.joinPath(folder.uri, ...subfolder.split(/[\\/]/).filter(Boolean)) : folder.uri;
  await vscode.workspace.fs.createDirectory(directory);
  const uri = await freeName(directory, created.fileName);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(created.text));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  // The cursor goes under the first section's heading, where writing starts.
  const firstSection = document.getText().split('\n').findIndex((line) => /^##\s/.test(line));
  if (firstSection >= 0) {
    const position = new vscode.Position(Math.min(firstSection + 2, document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position));
  }
  return uri;
}

async function pickFolder(wanted: string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (wanted) return folders.find((f) => f.uri.toString() === wanted || f.name === wanted);
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder the postmortem goes in' });
}

/** `name`, or `name-2`, `name-3`… when a file of that name exists. */
async function freeName(directory: vscode.Uri, fileName: string): Promise<vscode.Uri> {
  const base = fileName.replace(/\.md$/, '');
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(directory, n === 1 ? fileName : `${base}-${n}.md`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
