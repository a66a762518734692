import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** One row of the server's `postmortem/list` answer. */
interface PostmortemSummary {
  uri: string;
  path: string;
  title: string;
  date?: string;
  problems: { errors: number; warnings: number; information: number };
}

const LIST_REQUEST = 'postmortem/list';

/**
 * The Explorer's "Postmortems" view: the workspace's postmortems with their date, title and problem count, as the
 * server lists them; a click opens one. Refreshed on demand, on save and when diagnostics change (at most once a second).
 */
export class PostmortemsView implements vscode.TreeDataProvider<PostmortemSummary>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private truncated: string | undefined;
  view: vscode.TreeView<PostmortemSummary> | undefined;

  constructor(private readonly client: Promise<LanguageClient>) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidCreateFiles(() => this.refreshSoon()),
      vscode.workspace.onDidDeleteFiles(() => this.refreshSoon()),
      vscode.workspace.onDidRenameFiles(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
    );
  }

  refresh(): void {
    this.changed.fire();
  }

  private refreshSoon(): void {
    if (this.timer || !this.view?.visible) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 1000);
  }

  /** The rows, from the server; also what tests and other extensions read. */
  async list(): Promise<PostmortemSummary[]> {
    const client = await this.client;
    const result = await client.sendRequest<{ postmortems: PostmortemSummary[]; truncated?: string }>(LIST_REQUEST, {});
    this.truncated = result.truncated;
    return result.postmortems;
  }

  async getChildren(element?: PostmortemSummary): Promise<PostmortemSummary[]> {
    if (element) return [];
    const rows = await this.list();
    if (this.view) this.view.message = this.truncated ? `Not every postmortem is listed: ${this.truncated}.` : undefined;
    return rows;
  }

  getTreeItem(row: PostmortemSummary): vscode.TreeItem {
    // The date leads the description; a title that starts with it ("2021-07-11: Outage") does not say it twice.
    const label = row.date && row.title.startsWith(row.date) ? row.title.slice(row.date.length).replace(/^[\s:–—-]+/, '') || row.title : row.title;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    const { errors, warnings, information } = row.problems;
    const count = errors + warnings + information;
    const problems = count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`;
    item.description = [row.date, problems].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(`**${escape(row.title)}**\n\n${escape(row.path)}\n\n${errors} errors, ${warnings} warnings, ${information} infos`);
    item.iconPath = new vscode.ThemeIcon(errors > 0 ? 'error' : warnings > 0 ? 'warning' : information > 0 ? 'info' : 'pass');
    item.resourceUri = vscode.Uri.parse(row.uri);
    item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(row.uri)] };
    item.contextValue = 'postmortem';
    item.id = row.uri;
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}
