// First: the parse worker starts loading before the rest of the server is (earlyWorker.ts).
import './earlyWorker';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// Transport only: stdio when asked (--stdio), otherwise whatever the client set up (IPC from VS Code).
startServer(createConnection(ProposedFeatures.all));
