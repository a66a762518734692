import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS } from '../../server/src/nodeArgs';
import { newPostmortem, type NewPostmortemArguments } from './newPostmortem';
import { PostmortemsView } from './postmortemsView';
import { RestartPolicy } from './restartPolicy';

let client: LanguageClient | undefined;

/** What the extension exports: the Postmortems view's rows, for tests and other extensions. */
export interface PostmortemApi {
  listPostmortems(): Promise<Array<{ uri: string; title: string; date?: string; problems?: { errors: number; warnings: number; information: number } }>>;
}

export async function activate(context: vscode.ExtensionContext): Promise<PostmortemApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server', 'main.cjs'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'] } },
  };
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      { language: 'restructuredtext', scheme: 'file' },
      { language: 'restructuredtext', scheme: 'untitled' },
      { language: 'plaintext', scheme: 'file' },
      { language: 'plaintext', scheme: 'untitled' },
      // Markdown dialects (MDX, Quarto) when an extension gives them their own language: read as Markdown.
      { language: 'mdx', scheme: 'file' },
      { language: 'quarto', scheme: 'file' },
      // Virtual workspaces (GitHub Repositories): read by their content, with nothing read from disk.
      { language: 'markdown', scheme: 'vscode-vfs' },
      { language: 'restructuredtext', scheme: 'vscode-vfs' },
      { language: 'plaintext', scheme: 'vscode-vfs' },
    ],
    synchronize: { configurationSection: 'postmortem' },
    // A server that dies is restarted and sent every open document again, unless it keeps dying (restartPolicy.ts).
    errorHandler: {
      error: (_error, _message, count) => ({ action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const decision = restarts.onCrash();
        return decision.restart ? { action: CloseAction.Restart } : { action: CloseAction.DoNotRestart, message: decision.message };
      },
    },
  };
  client = new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);
  const started = client;
  const ready = client.start().then(() => started);
  const postmortems = new PostmortemsView(ready);
  postmortems.view = vscode.window.createTreeView('postmortem.postmortems', { treeDataProvider: postmortems });
  context.subscriptions.push(
    postmortems,
    postmortems.view,
    vscode.commands.registerCommand('postmortem.restartServer', () => {
      restarts.reset();
      return client?.restart();
    }),
    vscode.commands.registerCommand('postmortem.newPostmortem', async (args?: unknown) => {
      const uri = await newPostmortem(ready, argumentsOf(args));
      if (uri) postmortems.refresh();
      return uri;
    }),
    vscode.commands.registerCommand('postmortem.refreshPostmortems', () => postmortems.refresh()),
    // Code lenses above the title jump to the timeline entry a duration was read from.
    vscode.commands.registerCommand('postmortem.revealLine', async (uri: string, line: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const position = new vscode.Position(line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
  await ready;
  return { listPostmortems: () => postmortems.list() };
}

/** The string fields of a command argument; menus pass other things (a tree item), which mean "ask". */
function argumentsOf(value: unknown): NewPostmortemArguments {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const result: NewPostmortemArguments = {};
  for (const key of ['title', 'template', 'date', 'folder'] as const) {
    const field = record[key];
    if (typeof field === 'string') result[key] = field;
  }
  return result;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
