import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** One row of the server's `postmortem/list` answer. */
interface PostmortemSummary {
  uri: string;
  path: string;
  title: string;
  date?: string;
  /** Absent from the quick list, which reads only the head of each file. */
  problems?: { errors: number; warnings: number; information: number };
}

const LIST_REQUEST = 'postmortem/list';

/**
 * The Explorer's "Postmortems" view: the workspace's postmortems with their date, title and problem count, as the
 * server lists them; a click opens one. Refreshed on demand, on save, when files are created, deleted or renamed,
 * and when a listed postmortem's diagnostics change (at most every two seconds, and only while the view is visible).
 */
export class PostmortemsView implements vscode.TreeDataProvider<PostmortemSummary>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private truncated: string | undefined;
  /** The URIs shown: only their diagnostics change a row's problem count. */
  private listed = new Set<string>();
  /** The full list arrived once: later refreshes ask for it straight away (the server has it cached). */
  private counted = false;
  /** A full list asked for while the quick one is shown. */
  private counting: Promise<PostmortemSummary[]> | undefined;
  view: vscode.TreeView<PostmortemSummary> | undefined;

  constructor(private readonly client: Promise<LanguageClient>) {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument(() => this.refreshSoon()),
      vscode.workspace.onDidCreateFiles(() => this.refreshSoon()),
      vscode.workspace.onDidDeleteFiles(() => this.refreshSoon()),
      vscode.workspace.onDidRenameFiles(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => this.listed.has(uri.toString()))) this.refreshSoon();
      }),
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
    }, 2000);
  }

  /** The rows with their problem counts, from the server; also what tests and other extensions read. */
  async list(problems = true): Promise<PostmortemSummary[]> {
    const client = await this.client;
    const result = await client.sendRequest<{ postmortems: PostmortemSummary[]; truncated?: string }>(LIST_REQUEST, { problems });
    this.truncated = result.truncated;
    this.listed = new Set(result.postmortems.map((row) => row.uri));
    if (problems) this.counted = true;
    return result.postmortems;
  }

  /**
   * The first time, the quick list (titles and dates, from the head of each file) shows at once and the rows are
   * shown again with their counts when the server has analysed every file.
   */
  async getChildren(element?: PostmortemSummary): Promise<PostmortemSummary[]> {
    if (element) return [];
    let rows: PostmortemSummary[];
    if (this.counting) {
      rows = await this.counting;
      this.counting = undefined;
    } else if (this.counted) {
      rows = await this.list();
    } else {
      rows = await this.list(false);
      this.counting = this.list();
      this.counting.then(() => this.refresh(), () => (this.counting = undefined));
    }
    if (this.view) this.view.message = this.truncated ? `Not every postmortem is listed: ${this.truncated}.` : undefined;
    return rows;
  }

  getTreeItem(row: PostmortemSummary): vscode.TreeItem {
    // The date leads the description; a title that starts with it ("2021-07-11: Outage") does not say it twice.
    const label = row.date && row.title.startsWith(row.date) ? row.title.slice(row.date.length).replace(/^[\s:–—-]+/, '') || row.title : row.title;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    const { errors, warnings, information } = row.problems ?? { errors: 0, warnings: 0, information: 0 };
    const count = errors + warnings + information;
    const problems = !row.problems ? 'counting problems…' : count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`;
    item.description = [row.date, problems].filter(Boolean).join(' · ');
    const counts = row.problems ? `\n\n${errors} errors, ${warnings} warnings, ${information} infos` : '';
    item.tooltip = new vscode.MarkdownString(`**${escape(row.title)}**\n\n${escape(row.path)}${counts}`);
    item.iconPath = new vscode.ThemeIcon(!row.problems ? 'loading~spin' : errors > 0 ? 'error' : warnings > 0 ? 'warning' : information > 0 ? 'info' : 'pass');
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
