import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CompletionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, Position } from 'vscode-languageserver-types';
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
import { typedBullet, type TypedBullet } from './features/typedBullet';
import { WorkspaceIndex, type ListParams } from './features/workspaceIndex';
import { completeAnalysis, documentDiagnostics, lintOptionsFor, prepareAnalysis, type AnalysisContext, type DocumentAnalysis, type PreparedAnalysis } from './analysis';
import { parseBudgetMs } from './budget';
import { DocumentModels, type LimitedAnalysis } from './documentModels';
import { EditLog } from './editLog';
import { fileExistsWithin } from './linkTargets';
import { IdleCollector } from './memory';
import { documentLanguage } from './model/languages';
import { cancellable, unlessCancelled } from './cancellation';
import { checkCodeActionParams, checkDocumentParams, checkPositionParams } from './params';
import { ParsePool } from './parsePool';
import { bundledWorkerFile } from './parseWorker';
import type { PostmortemDocument } from './model/types';
import { lint, type LintOptions } from './rules/index';
import { configFileDiagnostics, type EffectiveSettings } from './settings';
import { TemplateLoader } from './templates/load';

interface Analysis extends DocumentAnalysis {
  /** The revision of the text analysed (the TextDocument's version: see `revisions` in startServer). */
  version: number;
  /** The client's version number of that text, which its diagnostics carry. */
  clientVersion?: number;
  /** The text analysed: the model's document is the open document, whose text moves on with the next change. */
  text: string;
  /** Set when the document got the headings-only model (too large, or its parse ran out of time). */
  limited?: LimitedAnalysis;
  /** The document's diagnostics, once computed: code actions' "fix all" reads them instead of linting again. */
  diagnostics?: Diagnostic[];
}

// Rule pages ship beside the bundle (dist/server/ → docs/rules/), so diagnostics can link to them offline.
const docsFolder = path.resolve(__dirname, '..', '..', 'docs', 'rules');
const docsBaseUri = existsSync(docsFolder) ? URI.file(docsFolder).toString() : undefined;

/** Relative links are checked on disk, inside the workspace folder only: nothing is fetched and nothing is run. */
const fileExists = fileExistsWithin;

// Config and template files are watched when the client lets the server register watchers (VS Code does).
const watchedFiles = ['**/.postmortem.{yaml,yml}', '**/*.{md,markdown}'];

/**
 * Quiet time and heap growth after which the heap is collected, after a burst of opens or of typing, and when the
 * second collection follows (memory.ts): over 5 s after the first, when V8 sees little allocated and shrinks.
 */
const IDLE_COLLECT_MS = 2000;
const IDLE_COLLECT_GROWTH_BYTES = 32 * 1024 * 1024;
const IDLE_COLLECT_SECOND_MS = 5500;

/** How long a folder's config lookup stands for a client that does not send file events. */
const CONFIG_RECHECK_MS = 1000;

/**
 * How long the validation of a bullet just typed waits for the editor's completion request, which comes right after
 * the change: answered from the last analysis (typedBullet.ts) it takes a few milliseconds, behind the new version's
 * analysis it would wait for that first.
 */
const TYPED_BULLET_GRACE_MS = 4;

/** The next turn of the event loop, after the I/O and messages already waiting. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves once the replies of the requests answered this turn are written: vscode-jsonrpc queues a reply's write
 * for the next turn (its write queue moves on with setImmediate), so work started sooner would hold the reply back.
 */
async function afterReplies(): Promise<void> {
  await nextTurn();
  await nextTurn();
}

/** Wires LSP requests to the model and features; owns the per-document caches. */
export function startServer(connection: Connection): void {
  // Documents carry VS Code's language ids whatever the editor sent (`rst` → `restructuredtext`), so every reader and
  // feature tells the languages apart by those alone.
  const edits = new EditLog();
  /** Where the last change of a document ended, when it typed a space (a completion trigger): for typedBullet. */
  const typedSpace = new Map<string, { version: number; position: Position }>();
  // Every text a document has here gets a revision of its own, which is its TextDocument's version: the analyses,
  // the parse state and the edit log are keyed by it. The client's version number cannot serve: a client may send the
  // same number again, or an older one, with a new text, and that text is applied all the same. The client's number
  // is only echoed back, on the diagnostics of the text it came with.
  let revisions = 0;
  const clientVersions = new Map<string, number>();
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => {
      clientVersions.set(uri, version);
      return TextDocument.create(uri, documentLanguage(languageId), ++revisions, content);
    },
    update: (document, changes, version) => {
      clientVersions.set(document.uri, version);
      const updated = edits.update(document, changes, ++revisions);
      const last = changes[changes.length - 1];
      if (last && 'range' in last && last.text.endsWith(' ')) {
        const end = updated.offsetAt(last.range.start) + last.text.length;
        typedSpace.set(updated.uri, { version: updated.version, position: updated.positionAt(end) });
      } else typedSpace.delete(updated.uri);
      return updated;
    },
  });
  /** The version of each document a completion was last asked on: a validation of that version need not wait for one. */
  const completionAsked = new Map<string, number>();
  /** Validations waiting for a completion request (graceForTypedBullet), by document: called when it arrives. */
  const awaitingCompletion = new Map<string, () => void>();
  const analyses = new Map<string, Analysis>();
  const clientSettingsByUri = new Map<string, Promise<unknown>>();
  const configs = new Map<string, { size: number; mtimeMs: number; loaded: LoadedConfig }>();
  const configChecks = new Map<string, { at: number; loaded: LoadedConfig | undefined }>();
  const templates = new TemplateLoader(nodeFileSystem);
  // Parsing happens in worker threads, each parse within its budget (budget.ts); one starts now so that it is ready
  // when the first document opens.
  const pool = new ParsePool({ workerFile: bundledWorkerFile(), maxWorkers: 2, budgetMs: parseBudgetMs });
  pool.warm();
  const models = new DocumentModels(pool, undefined, edits);
  /** Analyses under way, one per document and version, so a request and a validation share one. */
  const inflight = new Map<string, { version: number; analysis: Promise<Analysis | undefined> }>();
  /** Documents being validated now, and those that changed meanwhile (validated again, once, at their latest). */
  const validating = new Set<string>();
  const changedWhileValidating = new Set<string>();
  /** Requests waiting for a document's analysis: its validation lets them answer before it lints. */
  const waitingRequests = new Map<string, number>();
  const idle = new IdleCollector({
    idleMs: IDLE_COLLECT_MS,
    minGrowthBytes: IDLE_COLLECT_GROWTH_BYTES,
    secondAfterMs: IDLE_COLLECT_SECOND_MS,
    busy: () => inflight.size > 0 || validating.size > 0 || waitingRequests.size > 0,
  });
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
    // Looked up on disk once per folder, then again only after a file event (revalidateAll) or, for a client that
    // sends none, a second later: every keystroke used to walk the folders and stat the file.
    const checked = configChecks.get(folder);
    if (checked && (canWatchFiles || Date.now() - checked.at < CONFIG_RECHECK_MS)) return checked.loaded;
    const loaded = findConfig(folder);
    configChecks.set(folder, { at: Date.now(), loaded });
    return loaded;
  }

  function findConfig(folder: string): LoadedConfig | undefined {
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

  function analysisContext(document: TextDocument, vscodeSettings: unknown): AnalysisContext {
    const uri = URI.parse(document.uri);
    const folder = folderOf(uri);
    // Untitled documents have no repo: the editor's settings apply, with paths relative to the first folder.
    const root = folder ?? (uri.scheme === 'untitled' ? workspaceFolders.map((f) => URI.parse(f)).find((f) => f.scheme === 'file')?.fsPath : undefined);
    const configFile = folder === undefined ? undefined : configFor(folder);
    return { vscodeSettings, ...(configFile ? { configFile } : {}), ...(root ? { root } : {}), templates, workspaceFolders, realPath };
  }

  /**
   * The analysis of the document as it is now. For an open document: undefined when it changed while its parse was
   * under way (that version is stale: its readers and rules are not run, and the caller asks again).
   */
  function tryAnalyse(document: TextDocument): Promise<Analysis | undefined> {
    const cached = analyses.get(document.uri);
    if (cached?.version === document.version) return Promise.resolve(cached);
    const open = documents.get(document.uri) === document;
    const running = open ? inflight.get(document.uri) : undefined;
    if (running?.version === document.version) return running.analysis;
    const version = document.version;
    const clientVersion = open ? clientVersions.get(document.uri) : undefined;
    const analysis = (async (): Promise<Analysis | undefined> => {
      const context = analysisContext(document, await clientSettingsFor(document.uri));
      if (open && document.version !== version) return undefined;
      // The parse needs no settings: it starts first, and the settings (the template: read from disk, or the built-in
      // one parsed on its first use) are worked out while a worker parses an opened document.
      let prepared: PreparedAnalysis | undefined;
      const prepare = () => (prepared ??= prepareAnalysis(document, context));
      const template = () => prepare().settings.template;
      const building = open
        ? models.model(document, template, () => document.version !== version || documents.get(document.uri) !== document)
        : models.modelOnce(document, template);
      // One microtask: the model's build, queued first, hands its parse to the worker before the settings are read.
      await Promise.resolve();
      prepare();
      const result = await building;
      if (result === 'stale') return undefined;
      const analysis: Analysis = { version, ...(clientVersion !== undefined ? { clientVersion } : {}), text: document.getText(), ...completeAnalysis(prepare(), result.model, context), ...(result.limited ? { limited: result.limited } : {}) };
      if (open && documents.get(document.uri) === document && document.version === version) analyses.set(document.uri, analysis);
      return analysis;
    })();
    if (open) {
      inflight.set(document.uri, { version, analysis });
      const clear = () => {
        if (inflight.get(document.uri)?.analysis === analysis) inflight.delete(document.uri);
      };
      analysis.then(clear, clear);
    }
    return analysis;
  }

  /**
   * The analysis of the document's latest version, however many versions go by meanwhile. A request waiting for it
   * is answered RequestCancelled as soon as it is cancelled; the analysis goes on, for the document's validation.
   */
  async function analyse(document: TextDocument, token?: CancellationToken): Promise<Analysis> {
    for (;;) {
      const analysis = await unlessCancelled(tryAnalyse(document), token);
      if (analysis) return analysis;
    }
  }

  /** The analysis for a request, or undefined when the document is not ours to analyse. */
  async function relevantAnalysis(uri: string, token?: CancellationToken): Promise<Analysis | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    idle.activity();
    waitingRequests.set(uri, (waitingRequests.get(uri) ?? 0) + 1);
    try {
      const analysis = await analyse(document, token);
      return analysis.relevant ? analysis : undefined;
    } finally {
      const count = (waitingRequests.get(uri) ?? 1) - 1;
      if (count > 0) waitingRequests.set(uri, count);
      else waitingRequests.delete(uri);
      // The quiet time before a collection counts from the end of the work, not from the message that started it.
      idle.activity();
    }
  }

  async function modelFor(uri: string, token?: CancellationToken): Promise<PostmortemDocument | undefined> {
    return (await relevantAnalysis(uri, token))?.model;
  }

  function lintOptions(settings: EffectiveSettings): LintOptions {
    return lintOptionsFor(settings, { fileExists, ...(docsBaseUri ? { docsBaseUri } : {}) });
  }

  // A change starts its document's validation as soon as the changes that arrived with it are read (a burst of
  // keystrokes or a multi-cursor edit is validated once, at its last version); changes that arrive meanwhile make one
  // more validation, of the latest version, when it ends.
  function scheduleValidation(uri: string): void {
    if (validating.has(uri)) {
      changedWhileValidating.add(uri);
      return;
    }
    void validateUntilCurrent(uri);
  }

  /**
   * Resolves once two turns of the event loop pass without the document changing. The connection handles one queued
   * message a turn, so changes that arrived together are all applied by then; a lone keystroke waits microseconds.
   */
  async function settled(uri: string): Promise<void> {
    for (;;) {
      const version = documents.get(uri)?.version;
      await nextTurn();
      await nextTurn();
      if (documents.get(uri)?.version === version) return;
    }
  }

  async function validateUntilCurrent(uri: string): Promise<void> {
    validating.add(uri);
    try {
      let validated: number | undefined;
      do {
        await settled(uri);
        await graceForTypedBullet(uri);
        changedWhileValidating.delete(uri);
        validated = documents.get(uri)?.version;
        await validate(uri);
        // Opening a document reports it both opened and changed: the same version is validated once.
      } while (changedWhileValidating.has(uri) && documents.get(uri) && documents.get(uri)!.version !== validated);
    } finally {
      validating.delete(uri);
      changedWhileValidating.delete(uri);
      idle.activity();
    }
  }

  /**
   * After a bullet just typed, the editor's completion request answers first, from the last analysis. The wait ends
   * when the request arrives (not when its answer is done: a slow answer must not let the timer start the analysis
   * ahead of its reply), and after the timer the messages already read get one turn, so a request that came with it
   * is not put behind the analysis either.
   */
  async function graceForTypedBullet(uri: string): Promise<void> {
    const document = documents.get(uri);
    const typed = typedSpace.get(uri);
    if (!document || typed?.version !== document.version || !typedBulletAt(uri, typed.position)) return;
    const asked = () => completionAsked.get(uri) === document.version;
    if (!asked()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, TYPED_BULLET_GRACE_MS);
        function done() {
          clearTimeout(timer);
          if (awaitingCompletion.get(uri) === done) awaitingCompletion.delete(uri);
          resolve();
        }
        awaitingCompletion.set(uri, done);
      });
      if (!asked()) await nextTurn();
    }
    // The answer is written on the turn after its handler (afterReplies).
    if (asked()) await afterReplies();
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    try {
      const analysis = await tryAnalyse(document);
      // A newer version came in while this one was parsed: the loop in validateUntilCurrent takes it.
      if (!analysis || documents.get(uri)?.version !== analysis.version) {
        if (documents.get(uri)) changedWhileValidating.add(uri);
        return;
      }
      // Requests waiting for this analysis (a completion typed with the change) answer before the rules run.
      if (waitingRequests.has(uri)) {
        await afterReplies();
        if (documents.get(uri)?.version !== analysis.version) {
          if (documents.get(uri)) changedWhileValidating.add(uri);
          return;
        }
      }
      const diagnostics = analysis.limited
        ? analysis.relevant ? [limitedDiagnostic(analysis.limited)] : []
        : (analysis.diagnostics ??= documentDiagnostics(analysis, { fileExists, ...(docsBaseUri ? { docsBaseUri } : {}) }));
      await connection.sendDiagnostics({ uri, ...(analysis.clientVersion !== undefined ? { version: analysis.clientVersion } : {}), diagnostics });
    } catch (error) {
      connection.console.error(`Could not analyse ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  function revalidateAll(): void {
    analyses.clear();
    configChecks.clear();
    for (const document of documents.all()) scheduleValidation(document.uri);
  }

  documents.onDidOpen((event) => {
    idle.activity();
    scheduleValidation(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    idle.activity();
    scheduleValidation(event.document.uri);
  });
  documents.onDidClose((event) => {
    idle.activity();
    const uri = event.document.uri;
    analyses.delete(uri);
    clientVersions.delete(uri);
    typedSpace.delete(uri);
    completionAsked.delete(uri);
    models.forget(uri);
    edits.forget(uri);
    clientSettingsByUri.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });
  documents.onDidSave((event) => {
    const file = URI.parse(event.document.uri);
    if (file.scheme === 'file' && templates.knows(realPath(file.fsPath) ?? file.fsPath)) revalidateAll();
  });

  connection.onDocumentSymbol(
    cancellable(async (params, token) => {
      checkDocumentParams(params);
      const model = await modelFor(params.textDocument.uri, token);
      return model ? documentSymbols(model, await keywordsFor(params.textDocument.uri)) : null;
    }),
  );
  connection.onFoldingRanges(
    cancellable(async (params, token) => {
      checkDocumentParams(params);
      const model = await modelFor(params.textDocument.uri, token);
      return model ? foldingRanges(model) : null;
    }),
  );
  /**
   * A bullet just typed under a timeline entry is answered from the last analysis, without waiting for the new text's
   * parse, where that gives the same answer (typedBullet.ts).
   */
  function completionOnTypedBullet(params: CompletionParams): CompletionItem[] | undefined {
    const triggerCharacter = params.context?.triggerCharacter;
    const typed = triggerCharacter === ' ' ? typedBulletAt(params.textDocument.uri, params.position) : undefined;
    if (!typed) return undefined;
    const { zone } = typed.analysis.settings;
    return completions(typed.model, params.position, { ...(zone ? { zone } : {}), triggerCharacter, typedLine: typed.line });
  }

  /** The last analysis and the bullet typed at `position` since, when completion there may be answered from it. */
  function typedBulletAt(uri: string, position: Position): (TypedBullet & { analysis: Analysis }) | undefined {
    const document = documents.get(uri);
    const analysis = analyses.get(uri);
    if (!document || !analysis || analysis.version === document.version || !analysis.relevant || analysis.limited) return undefined;
    const typed = typedBullet(analysis, document, edits.window(uri, analysis.version, document.version), position);
    return typed && { ...typed, analysis };
  }

  connection.onCompletion(
    cancellable(async (params, token) => {
      checkPositionParams(params);
      const { uri } = params.textDocument;
      const version = documents.get(uri)?.version;
      if (version !== undefined) completionAsked.set(uri, version);
      awaitingCompletion.get(uri)?.();
      const typed = completionOnTypedBullet(params);
      if (typed) return typed;
      const analysis = await relevantAnalysis(uri, token);
      const { zone } = analysis?.settings ?? {};
      const triggerCharacter = params.context?.triggerCharacter;
      return analysis ? completions(analysis.model, params.position, { ...(zone ? { zone } : {}), ...(triggerCharacter ? { triggerCharacter } : {}) }) : null;
    }),
  );
  connection.onCodeAction(
    cancellable(async (params, token) => {
      checkCodeActionParams(params);
      const analysis = await relevantAnalysis(params.textDocument.uri, token);
      if (!analysis || analysis.limited) return null;
      const { only } = params.context;
      // Our diagnostics always carry string messages; the 3.18 protocol types also allow MarkupContent.
      const actions = codeActions(analysis.model, params.context.diagnostics as Diagnostic[], only);
      // "Fix all" looks at every problem in the document, not just those under the cursor.
      if (!only || only.some((kind) => FIX_ALL_KIND.startsWith(kind))) {
        const fixAll = fixAllAction(analysis.model, analysis.diagnostics ?? lint(analysis.model, lintOptions(analysis.settings)));
        if (fixAll) actions.push(fixAll);
      }
      return actions;
    }),
  );

  // Authoring: hover, code lens, workspace symbols, the Postmortems view and the New Postmortem command.
  const keywordsFor = async (uri: string) => keywordsFrom(await clientSettingsFor(uri));
  const workspaceIndex = new WorkspaceIndex({
    workspaceFolders: () => workspaceFolders,
    openDocuments: () => documents.all(),
    analyse,
    diagnostics: (analysis) => documentDiagnostics(analysis as Analysis, { fileExists, ...(docsBaseUri ? { docsBaseUri } : {}) }),
  });
  const newPostmortemHost = { workspaceFolders: () => workspaceFolders, analyse, readFile: (file: string) => nodeFileSystem.readFile(file) };
  connection.onHover(
    cancellable(async (params, token) => {
      checkPositionParams(params);
      const model = await modelFor(params.textDocument.uri, token);
      return model ? hover(model, params.position, await keywordsFor(params.textDocument.uri)) : null;
    }),
  );
  connection.onCodeLens(
    cancellable(async (params, token) => {
      checkDocumentParams(params);
      const model = await modelFor(params.textDocument.uri, token);
      return model ? codeLenses(model, await keywordsFor(params.textDocument.uri)) : null;
    }),
  );
  // The scan goes on when its request is cancelled: other requests may share it, and its results are cached.
  connection.onWorkspaceSymbol(cancellable((params, token) => unlessCancelled(workspaceIndex.symbols(params.query), token)));
  connection.onRequest(LIST_REQUEST, cancellable((params: ListParams | undefined, token) => unlessCancelled(workspaceIndex.list(params ?? {}), token)));
  connection.onRequest(TEMPLATES_REQUEST, (params: TemplatesParams) => templateChoices(params ?? {}, newPostmortemHost));
  connection.onRequest(NEW_POSTMORTEM_REQUEST, (params: NewPostmortemParams) => newPostmortem(params, newPostmortemHost));

  connection.onShutdown(() => {
    idle.dispose();
    pool.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/** The one diagnostic a document gets when it is not fully analysed: what still works, what is off, and why. */
function limitedDiagnostic(limited: LimitedAnalysis): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'postmortem',
    code: limited.kind === 'large' ? 'large-document' : 'analysis-skipped',
    message: limited.message,
  };
}
