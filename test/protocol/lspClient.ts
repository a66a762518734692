import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import {
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  type CompletionItem,
  type CompletionList,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { initializeServer, shutdownServer, spawnServer } from '../support/lspServer';

export { serverPath } from '../support/lspServer';

/** A real LSP client over stdio against the bundled server, with helpers that wait on protocol events. */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly stderr: string[];
  private readonly events = new EventEmitter();
  private readonly versions = new Map<string, number>();
  /** What the client answers to workspace/configuration for `postmortem`. */
  settings: unknown = {};

  private constructor() {
    const server = spawnServer();
    this.process = server.process;
    this.connection = server.connection;
    this.stderr = server.stderr;
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.events.emit('diagnostics', params);
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'postmortem' ? this.settings : null)),
    );
    this.connection.listen();
  }

  static async start(workspaceFolder = 'file:///work/repo'): Promise<LspClient> {
    const client = new LspClient();
    await initializeServer(client.connection, { uri: workspaceFolder, name: 'repo' });
    return client;
  }

  /** Calls `listener` with every diagnostics notification until the returned function is called. */
  onDiagnostics(listener: (params: PublishDiagnosticsParams) => void): () => void {
    this.events.on('diagnostics', listener);
    return () => this.events.off('diagnostics', listener);
  }

  /** Resolves with the next diagnostics published for `uri` (for `version`, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      const listener = (params: PublishDiagnosticsParams) => {
        if (params.uri !== uri || (version !== undefined && params.version !== version)) return;
        this.events.off('diagnostics', listener);
        resolve(params);
      };
      this.events.on('diagnostics', listener);
    });
  }

  /** Opens a document (as Markdown unless `languageId` says otherwise) and resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = 'markdown'): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, 1);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  /** Applies incremental changes and resolves with the diagnostics for the new version. */
  async change(uri: string, changes: TextChange[]): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, (this.versions.get(uri) ?? 0) + 1);
    await this.sendChange(uri, changes);
    return published;
  }

  /** Sends an edit without waiting for its diagnostics (a keystroke in a burst). */
  async sendChange(uri: string, changes: TextChange[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return published;
  }

  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  stop(): Promise<number | null> {
    return shutdownServer(this.connection, this.process);
  }
}

/** The items of a completion answer, whether the server sent a list or an array. */
export function completionItems(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

interface Position {
  line: number;
  character: number;
}

interface TextChange {
  range: { start: Position; end: Position };
  text: string;
}
