import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { editorCapabilities, initializeServer, shutdownServer, spawnServer, streamConnection } from '../test/support/lspServer';

export { serverPath } from '../test/support/lspServer';

/** The server bundled from server/src/server.ts with an in-memory transport (see inprocess.ts, built by run.ts). */
export const inProcessBundle = fileURLToPath(new URL('./out/inprocess.cjs', import.meta.url));

/** Clock ticks per second of /proc/<pid>/stat's CPU times. */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Waiter {
  uri: string;
  version: number | undefined;
  resolve: (event: { at: number; params: PublishDiagnosticsParams }) => void;
}

/**
 * A minimal LSP client for measuring: it time-stamps every publishDiagnostics the moment it is read, so a
 * keystroke's latency is "didChange written" → "diagnostics for that version read".
 */
export class BenchClient {
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcessWithoutNullStreams | undefined,
    /** What the server process has written to stderr (nothing in process). */
    readonly stderr: string[] = [],
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const at = performance.now();
      for (let i = 0; i < this.waiters.length; i++) {
        const waiter = this.waiters[i]!;
        if (waiter.uri !== params.uri || (waiter.version !== undefined && waiter.version !== params.version)) continue;
        this.waiters.splice(i--, 1);
        waiter.resolve({ at, params });
      }
    });
    // Default settings for every document, as a client without a `postmortem` section would answer.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.listen();
  }

  /** The bundled server as an editor runs it: its own process over stdio. */
  static spawn(nodeArgs: string[] = []): BenchClient {
    const server = spawnServer({ nodeArgs });
    return new BenchClient(server.connection, server.process, server.stderr);
  }

  /** The same server in this process over a pair of in-memory streams, so that this process can measure its heap. */
  static inProcess(): BenchClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const { startInProcessServer } = createRequire(import.meta.url)(inProcessBundle) as {
      startInProcessServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void;
    };
    startInProcessServer(toServer, toClient);
    return new BenchClient(streamConnection(toClient, toServer), undefined);
  }

  async initialize(rootUri: string): Promise<void> {
    await initializeServer(
      this.connection,
      { uri: rootUri, name: 'bench' },
      { ...editorCapabilities, textDocument: { synchronization: { didSave: true }, ...editorCapabilities.textDocument } },
    );
  }

  /** Resolves when diagnostics for `uri` (and `version`, when given) are read, with the time they were read. */
  diagnostics(uri: string, version?: number): Promise<{ at: number; params: PublishDiagnosticsParams }> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string): Promise<{ ms: number; params: PublishDiagnosticsParams }> {
    const published = this.diagnostics(uri, 1);
    this.versions.set(uri, 1);
    const start = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const { at, params } = await published;
    return { ms: at - start, params };
  }

  /** Sends one didChange and returns its version with the promise of that version's diagnostics. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): { start: number; version: number; published: Promise<{ at: number; params: PublishDiagnosticsParams }> } {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const published = this.diagnostics(uri, version);
    const start = performance.now();
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return { start, version, published };
  }

  async close(uri: string): Promise<void> {
    const published = this.diagnostics(uri);
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await published;
  }

  /** A request and how long its answer took, measured from writing it to reading the answer. */
  async timed<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const start = performance.now();
    const result = await this.connection.sendRequest<R>(method, params);
    return { ms: performance.now() - start, result };
  }

  /** The server process's resident set, in bytes, from /proc (Linux). */
  rssBytes(field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
    if (!this.process?.pid) throw new Error('no server process');
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${this.process.pid}/status`);
    return Number(match[1]) * 1024;
  }

  /**
   * CPU time the server process has used so far (user + system, all its threads), in milliseconds, from
   * /proc/<pid>/stat. Unlike latency it does not grow when other work competes for the cores; its resolution is
   * one clock tick (10 ms), so it is read over many requests.
   */
  cpuMs(): number {
    if (!this.process?.pid) throw new Error('no server process');
    const stat = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields counted from 1 resume after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  }

  /**
   * Resolves once the server has used at most one clock tick of CPU over half a second (or after `maxMs`): opening a
   * large document leaves garbage that V8 collects over the next seconds, on the server's and its helper threads.
   * Returns how long that took.
   */
  async idle(maxMs = 10_000): Promise<number> {
    const start = performance.now();
    let before = this.cpuMs();
    while (performance.now() - start < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = this.cpuMs();
      if (now - before <= 1000 / clockTicks) break;
      before = now;
    }
    return performance.now() - start;
  }

  async stop(): Promise<void> {
    if (!this.process) {
      this.connection.dispose();
      return;
    }
    await shutdownServer(this.connection, this.process);
  }
}
