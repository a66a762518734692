// First: the parse worker starts loading before the rest of the server is (earlyWorker.ts).
import './earlyWorker';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FramingGuard } from './framing';
import { Lifecycle } from './lifecycle';
import { startServer } from './server';

const lifecycle = new Lifecycle();
const options = { messageStrategy: lifecycle };
let connection: Connection;
// Transport only: stdio when asked (--stdio), read through the framing guard; otherwise whatever the client set up
// (IPC from VS Code, where messages come whole).
if (process.argv.includes('--stdio')) {
  const input = process.stdin.pipe(new FramingGuard((message) => process.stderr.write(`postmortem-language-server: ${message}\n`)));
  // Given its streams, the library no longer sends console output to the client as it does for --stdio: anything
  // written to stdout would break the protocol, so the console writes to stderr.
  globalThis.console = new console.Console(process.stderr, process.stderr);
  connection = createConnection(ProposedFeatures.all, input, process.stdout, options);
} else {
  connection = createConnection(ProposedFeatures.all, options);
}
lifecycle.answerRefusals(connection);
startServer(connection);
