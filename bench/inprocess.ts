import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from '../server/src/server';

/**
 * The server wired to a pair of in-memory streams, for measurements that must run in the server's own process
 * (heap after `global.gc()`, a CPU profile of just the keystrokes). Message readers rather than raw streams, so
 * that the connection does not exit the process when a stream ends.
 */
export function startInProcessServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void {
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StreamMessageWriter(output)));
}
