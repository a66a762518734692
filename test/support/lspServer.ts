// The bundled language server spoken to over the protocol, as an editor does: started in its own process (or given a
// pair of streams), initialized with one workspace folder, shut down. Shared by the protocol tests' client, the
// command-line test that starts the installed command, and the benchmarks' client.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_ARGS } from '../../server/src/nodeArgs';

/** The server `npm run build` bundles from server/src/main.ts. */
export const serverPath = fileURLToPath(new URL('../../dist/server/main.cjs', import.meta.url));

/** What an editor's client says it supports: settings and folders asked for, versioned diagnostics, nested symbols, snippets. */
export const editorCapabilities: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true },
  textDocument: {
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: true } },
  },
};

export interface ServerProcess {
  readonly process: ChildProcessWithoutNullStreams;
  /** Not listening yet: the caller registers its handlers, then calls `listen()`. */
  readonly connection: ProtocolConnection;
  /** What the server has written to stderr so far. */
  readonly stderr: string[];
}

/** A protocol connection reading the server's messages from one stream and writing the client's to the other. */
export function streamConnection(fromServer: NodeJS.ReadableStream, toServer: NodeJS.WritableStream): ProtocolConnection {
  return createProtocolConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
}

/**
 * Starts the server with `--stdio` in its own process: the bundle under this Node, with the flags the editor starts
 * it with (SERVER_NODE_ARGS) and `nodeArgs`, or, given a `command`, an installed command found on the environment's
 * PATH.
 */
export function spawnServer(options: { nodeArgs?: readonly string[]; command?: string; env?: NodeJS.ProcessEnv } = {}): ServerProcess {
  const child = options.command
    ? spawn(options.command, ['--stdio'], { env: options.env, stdio: 'pipe' })
    : spawn(process.execPath, [...SERVER_NODE_ARGS, ...(options.nodeArgs ?? []), serverPath, '--stdio'], { env: options.env, stdio: 'pipe' });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return { process: child, connection: streamConnection(child.stdout, child.stdin), stderr };
}

/** `initialize` with one workspace folder, then `initialized`; resolves with the server's answer to `initialize`. */
export async function initializeServer(
  connection: ProtocolConnection,
  folder: { uri: string; name: string },
  capabilities: ClientCapabilities = editorCapabilities,
): Promise<InitializeResult> {
  const result = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: folder.uri,
    workspaceFolders: [folder],
    capabilities,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return result;
}

/** `shutdown`, then `exit`; resolves with the server process's exit code once it has exited, the connection disposed. */
export async function shutdownServer(connection: ProtocolConnection, server: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = once(server, 'exit');
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  const [code] = (await exited) as [number | null];
  connection.dispose();
  return code;
}
