import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfig, nodeFileSystem, type LoadedConfig } from './config';
import { codeActions, fixAllAction, FIX_ALL_KIND } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completions } from './features/completion';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { keywordsFrom } from './features/incidentTimes';
import { LIST_REQUEST, NEW_POSTMORTEM_REQUEST, newPostmortem, TEMPLATES_REQUEST, templateChoices, type NewPostmortemParams, type TemplatesParams } from './features/newPostmortem';
import { WorkspaceIndex, type ListParams } from './features/workspaceIndex';
import { analyseDocument, documentDiagnostics, lintOptionsFor, type DocumentAnalysis } from './analysis';
import type { PostmortemDocument } from './model/types';
import { lint, type LintOptions } from './rules/index';
import { configFileDiagnostics, type EffectiveSettings } from './settings';
import { TemplateLoader } from './templates/load';

interface Analysis extends DocumentAnalysis {
  version: number;
}

// Rule pages ship beside the bundle (dist/server/ → docs/rules/), so diagnostics can link to them offline.
const docsFolder = path.resolve(__dirname, '..', '..', 'docs', 'rules');
const docsBaseUri = existsSync(docsFolder) ? URI.file(docsFolder).toString() : undefined;

/** Relative links are checked on disk only: nothing is fetched and nothing in the workspace is run. */
function fileExists(uri: string): boolean {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' && existsSync(parsed.fsPath);
}

// Config and template files are watched when the client lets the server register watchers (VS Code does).
const watchedFiles = ['**/.postmortem.{yaml,yml}', '**/*.{md,markdown}'];

/** Wires LSP requests to the model and features; owns the per-document caches. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Analysis>();
  const clientSettingsByUri = new Map<string, Promise<unknown>>();
  const configs = new Map<string, { size: number; mtimeMs: number; loaded: LoadedConfig }>();
  const templates = new TemplateLoader(nodeFileSystem);
  const pending = new Map<string, NodeJS.Immediate>();
  let workspaceFolders: string[] = [];
  let canReadConfiguration = false;
  let canWatchFiles = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        // Saves matter for template files: other documents are checked against what was saved.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: { label: 'Postmortem' },
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['#', ' ', '@'] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watchedFiles.map((globPattern) => ({ globPattern })) });
    }
    if (workspaceFolders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
        revalidateAll();
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    clientSettingsByUri.clear();
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    // A new Markdown file may be the template a document is still waiting for ("was not found").
    const waiting = [...analyses.values()].some((analysis) => analysis.settings.problems.length > 0);
    const changed = params.changes.some(({ uri, type }) => {
      const file = URI.parse(uri);
      if (file.scheme !== 'file') return false;
      if ((CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file.fsPath))) return true;
      return templates.knows(realPath(file.fsPath) ?? file.fsPath) || (type === FileChangeType.Created && waiting);
    });
    if (changed) revalidateAll();
  });

  /** The `postmortem` section of the client's settings for a document, or undefined when the client has none to give. */
  function clientSettingsFor(uri: string): Promise<unknown> {
    if (!canReadConfiguration) return Promise.resolve(undefined);
    let settings = clientSettingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'postmortem' }).then(
        (value: unknown) => value,
        () => undefined,
      );
      clientSettingsByUri.set(uri, settings);
    }
    return settings;
  }

  /** The file-system path of the workspace folder a file is in (the innermost), if any. */
  function folderOf(uri: URI): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    return workspaceFolders
      .map((folder) => URI.parse(folder))
      .filter((folder) => folder.scheme === 'file' && (uri.path === folder.path || uri.path.startsWith(`${folder.path.replace(/\/$/, '')}/`)))
      .sort((a, b) => b.path.length - a.path.length)[0]?.fsPath;
  }

  /** The repo config at a workspace folder's root, re-read when the file changes; its own problems go on the file. */
  function configFor(folder: string): LoadedConfig | undefined {
    const file = findConfigFile(folder, nodeFileSystem, { stopAt: folder });
    const previous = configs.get(folder);
    let stat;
    try {
      stat = file === undefined ? undefined : nodeFileSystem.stat(file);
    } catch {
      stat = undefined;
    }
    if (file === undefined || stat === undefined) {
      if (previous) void connection.sendDiagnostics({ uri: URI.file(previous.loaded.path).toString(), diagnostics: [] });
      configs.delete(folder);
      return undefined;
    }
    if (previous && previous.loaded.path === file && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs) return previous.loaded;
    if (previous && previous.loaded.path !== file) void connection.sendDiagnostics({ uri: URI.file(previous.loaded.path).toString(), diagnostics: [] });
    const loaded = loadConfig(file, nodeFileSystem);
    configs.set(folder, { size: stat.size, mtimeMs: stat.mtimeMs, loaded });
    void connection.sendDiagnostics({ uri: URI.file(file).toString(), diagnostics: configFileDiagnostics(loaded) });
    return loaded;
  }

  function realPath(fsPath: string): string | undefined {
    try {
      return nodeFileSystem.realpath(fsPath);
    } catch {
      return undefined;
    }
  }

  async function analyse(document: TextDocument): Promise<Analysis> {
    const cached = analyses.get(document.uri);
    if (cached?.version === document.version) return cached;
    const vscodeSettings = await clientSettingsFor(document.uri);
    const uri = URI.parse(document.uri);
    const folder = folderOf(uri);
    // Untitled documents have no repo: the editor's settings apply, with paths relative to the first folder.
    const root = folder ?? (uri.scheme === 'untitled' ? workspaceFolders.map((f) => URI.parse(f)).find((f) => f.scheme === 'file')?.fsPath : undefined);
    const configFile = folder === undefined ? undefined : configFor(folder);
    const analysis: Analysis = {
      version: document.version,
      ...analyseDocument(document, { vscodeSettings, ...(configFile ? { configFile } : {}), ...(root ? { root } : {}), templates, workspaceFolders, realPath }),
    };
    // A newer version may have been analysed while this one waited for settings; keep the newest.
    if (documents.get(document.uri)?.version === document.version) analyses.set(document.uri, analysis);
    return analysis;
  }

  /** The analysis for a request, or undefined when the document is not ours to analyse. */
  async function relevantAnalysis(uri: string): Promise<Analysis | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const analysis = await analyse(document);
    return analysis.relevant ? analysis : undefined;
  }

  async function modelFor(uri: string): Promise<PostmortemDocument | undefined> {
    return (await relevantAnalysis(uri))?.model;
  }

  function lintOptions(settings: EffectiveSettings): LintOptions {
    return lintOptionsFor(settings, { fileExists, ...(docsBaseUri ? { docsBaseUri } : {}) });
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
      const diagnostics = documentDiagnostics(analysis, { fileExists, ...(docsBaseUri ? { docsBaseUri } : {}) });
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
    clientSettingsByUri.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  documents.onDidSave((event) => {
    const file = URI.parse(event.document.uri);
    if (file.scheme === 'file' && templates.knows(realPath(file.fsPath) ?? file.fsPath)) revalidateAll();
  });

  connection.onDocumentSymbol(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? documentSymbols(model, await keywordsFor(params.textDocument.uri)) : null;
  });
  connection.onFoldingRanges(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? foldingRanges(model) : null;
  });
  connection.onCompletion(async (params) => {
    const analysis = await relevantAnalysis(params.textDocument.uri);
    const { zone } = analysis?.settings ?? {};
    const triggerCharacter = params.context?.triggerCharacter;
    return analysis ? completions(analysis.model, params.position, { ...(zone ? { zone } : {}), ...(triggerCharacter ? { triggerCharacter } : {}) }) : null;
  });
  connection.onCodeAction(async (params) => {
    const analysis = await relevantAnalysis(params.textDocument.uri);
    if (!analysis) return null;
    const { only } = params.context;
    // Our diagnostics always carry string messages; the 3.18 protocol types also allow MarkupContent.
    const actions = codeActions(analysis.model, params.context.diagnostics as Diagnostic[], only);
    // "Fix all" looks at every problem in the document, not just those under the cursor.
    if (!only || only.some((kind) => FIX_ALL_KIND.startsWith(kind))) {
      const fixAll = fixAllAction(analysis.model, lint(analysis.model, lintOptions(analysis.settings)));
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  // Authoring: hover, code lens, workspace symbols, the Postmortems view and the New Postmortem command.
  const keywordsFor = async (uri: string) => keywordsFrom(await clientSettingsFor(uri));
  const workspaceIndex = new WorkspaceIndex({
    workspaceFolders: () => workspaceFolders,
    openDocuments: () => documents.all(),
    analyse,
    diagnostics: (analysis) => documentDiagnostics(analysis as Analysis, { fileExists, ...(docsBaseUri ? { docsBaseUri } : {}) }),
  });
  const newPostmortemHost = { workspaceFolders: () => workspaceFolders, analyse, readFile: (file: string) => nodeFileSystem.readFile(file) };
  connection.onHover(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? hover(model, params.position, await keywordsFor(params.textDocument.uri)) : null;
  });
  connection.onCodeLens(async (params) => {
    const model = await modelFor(params.textDocument.uri);
    return model ? codeLenses(model, await keywordsFor(params.textDocument.uri)) : null;
  });
  connection.onWorkspaceSymbol((params) => workspaceIndex.symbols(params.query));
  connection.onRequest(LIST_REQUEST, (params: ListParams | undefined) => workspaceIndex.list(params ?? {}));
  connection.onRequest(TEMPLATES_REQUEST, (params: TemplatesParams) => templateChoices(params ?? {}, newPostmortemHost));
  connection.onRequest(NEW_POSTMORTEM_REQUEST, (params: NewPostmortemParams) => newPostmortem(params, newPostmortemHost));

  documents.listen(connection);
  connection.listen();
}
