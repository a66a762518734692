import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const serverPath = fileURLToPath(new URL('../../dist/server/main.cjs', import.meta.url));

/** A real LSP client over stdio against the bundled server, with helpers that wait on protocol events. */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly stderr: string[] = [];
  private readonly events = new EventEmitter();
  private readonly versions = new Map<string, number>();
  /** What the client answers to workspace/configuration for `postmortem`. */
  settings: unknown = {};

  private constructor() {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
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
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspaceFolder,
      workspaceFolders: [{ uri: workspaceFolder, name: 'repo' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          completion: { completionItem: { snippetSupport: true } },
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
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

  async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const published = this.nextDiagnostics(uri, 1);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
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

  async stop(): Promise<number | null> {
    const exited = once(this.process, 'exit');
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const [code] = await exited;
    this.connection.dispose();
    return code as number | null;
  }
}

interface Position {
  line: number;
  character: number;
}

interface TextChange {
  range: { start: Position; end: Position };
  text: string;
}
