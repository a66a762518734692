import {
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completions } from './features/completion';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { isPostmortem } from './model/detect';
import { parsePostmortem } from './model/parse';
import type { PostmortemDocument } from './model/types';
import { lint } from './rules/index';
import { defaultSettings, toSettings, type Settings } from './settings';
import { builtInTemplate } from './templates/index';

interface Analysis {
  version: number;
  model: PostmortemDocument;
  /** False for Markdown that is not a postmortem: it gets nothing from us. */
  relevant: boolean;
}

/** Wires LSP requests to the model and features; owns the per-document caches. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Analysis>();
  const settingsByUri = new Map<string, Promise<Settings>>();
  const pending = new Map<string, NodeJS.Immediate>();
  let workspaceFolders: string[] = [];
  let canReadConfiguration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Postmortem' },
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ' '] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (workspaceFolders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
        revalidateAll();
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsByUri.clear();
    revalidateAll();
  });

  function settingsFor(uri: string): Promise<Settings> {
    if (!canReadConfiguration) return Promise.resolve(defaultSettings);
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'postmortem' })
        .then(toSettings, () => defaultSettings);
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  async function analyse(document: TextDocument): Promise<Analysis> {
    const cached = analyses.get(document.uri);
    if (cached?.version === document.version) return cached;
    const settings = await settingsFor(document.uri);
    const model = parsePostmortem(document, builtInTemplate(settings.template));
    const analysis = { version: document.version, model, relevant: isPostmortem(model, settings.files, workspaceFolders) };
    // A newer version may have been analysed while this one waited for settings; keep the newest.
    if (documents.get(document.uri)?.version === document.version) analyses.set(document.uri, analysis);
    return analysis;
  }

  /** The model for a request, or undefined when the document is not ours to analyse. */
  async function modelFor(uri: string): Promise<PostmortemDocument | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const analysis = await analyse(document);
    return analysis.relevant ? analysis.model : undefined;
  }

  // Changes that arrive together (a burst of keystrokes in one read) coalesce into one analysis of the latest text.
  function scheduleValidation(uri: string): void {
    if (pending.has(uri)) return;
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        void validate(uri);
      }),
    );
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    try {
      const analysis = await analyse(document);
      if (documents.get(uri)?.version !== analysis.version) return;
      const diagnostics = analysis.relevant ? lint(analysis.model) : [];
      await connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    } catch (error) {
      connection.console.error(`Could not analyse ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  function revalidateAll(): void {
    analyses.clear();
    for (const document of documents.all()) scheduleValidation(document.uri);
  }

  documents.onDidOpen((event) => scheduleValidation(event.document.uri));
  documents.onDidChangeContent((event) => scheduleValidation(event.document.uri));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const timer = pending.get(uri);
    if (timer) clearImmediate(timer);
    pending.delete(uri);
    analyses.delete(uri);
    settingsByUri.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDocumentSymbol(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? documentSymbols(model) : null;
  });
  connection.onFoldingRanges(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? foldingRanges(model) : null;
  });
  connection.onCompletion(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? completions(model, params.position) : null;
  });

  documents.listen(connection);
  connection.listen();
}
