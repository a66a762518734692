import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, SymbolKind, type Diagnostic, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import type { PostmortemDocument } from '../model/types';

/** Bounds on a workspace scan, so a huge repository costs a bounded amount of time and memory. */
export const SCAN_LIMITS = {
  /** Postmortems indexed per scan, over all folders. */
  maxFiles: 2000,
  /** Directory entries looked at per scan, over all folders. */
  maxEntries: 50_000,
  maxDepth: 12,
  /** Larger files are skipped: a postmortem is a few pages. */
  maxBytes: 1024 * 1024,
};
// Directories that never hold a team's postmortems and can be huge.
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'bower_components', 'vendor', 'target', 'dist', 'out', '__pycache__']);
const EXTENSIONS = /\.(?:md|markdown|rst|txt)$/i;
const LANGUAGE_OF: Record<string, string> = { '.rst': 'restructuredtext', '.txt': 'plaintext' };
// Metadata keys that name what broke: `**Services:** api, db`, front matter `services: [api]`.
const SERVICE_KEYS = new Set(['service', 'services', 'affected service', 'affected services', 'component', 'components', 'system', 'systems']);

/** What the index needs from an analysis: the model, whether it is a postmortem, and the settings it ran with. */
export interface IndexedAnalysis {
  model: PostmortemDocument;
  relevant: boolean;
  settings: { files: string[]; template: { name: string }; templatePath?: string; rules: unknown; zone?: string };
}

/** What the server provides: its folders and open documents, and the same analysis and diagnostics the editor gets. */
export interface IndexHost {
  workspaceFolders(): readonly string[];
  openDocuments(): readonly TextDocument[];
  analyse(document: TextDocument): Promise<IndexedAnalysis>;
  diagnostics(analysis: IndexedAnalysis): Diagnostic[];
}

/** One postmortem of the workspace, as the Postmortems view lists it. */
export interface PostmortemSummary {
  uri: string;
  /** Relative to its workspace folder, with `/`. */
  path: string;
  title: string;
  /** The incident's date, `YYYY-MM-DD`, when the document states one. */
  date?: string;
  /** Problems as the Problems panel counts them (hints are not shown there). */
  problems: { errors: number; warnings: number; information: number };
  services: string[];
  titleRange: Range;
}

/** The `postmortem/list` response. */
export interface PostmortemList {
  postmortems: PostmortemSummary[];
  /** Set when a scan limit was reached, so the list may be incomplete. */
  truncated?: string;
}

interface Cached {
  size: number;
  mtimeMs: number;
  fingerprint: string;
  summary: PostmortemSummary | undefined;
}

/**
 * The workspace's postmortems, for workspace symbols and the Postmortems view. A scan walks each folder (skipping
 * hidden and dependency directories), keeps the files the folder's `postmortem.files` globs match, and analyses
 * each the way the editor does; files are only read, never run. Results are cached by size, mtime and settings, and
 * open documents are read from the editor, unsaved changes included.
 */
export class WorkspaceIndex {
  private readonly cache = new Map<string, Cached>();
  private scanning: Promise<PostmortemList> | undefined;

  constructor(private readonly host: IndexHost) {}

  /** The postmortems, newest first. Concurrent callers share one scan. */
  list(): Promise<PostmortemList> {
    this.scanning ??= this.scan().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  /** Title and service symbols of every postmortem whose title, date, path or services match `query`. */
  async symbols(query: string): Promise<SymbolInformation[]> {
    const { postmortems } = await this.list();
    const symbols: SymbolInformation[] = [];
    for (const postmortem of postmortems) {
      const name = postmortem.date && !postmortem.title.includes(postmortem.date) ? `${postmortem.date} ${postmortem.title}` : postmortem.title;
      const location = { uri: postmortem.uri, range: postmortem.titleRange };
      if (matches(query, `${name} ${postmortem.path}`)) symbols.push({ name, kind: SymbolKind.File, location, containerName: postmortem.path });
      for (const service of postmortem.services) {
        if (matches(query, service)) symbols.push({ name: service, kind: SymbolKind.Module, location, containerName: name });
      }
    }
    return symbols;
  }

  private async scan(): Promise<PostmortemList> {
    const budget = { entries: SCAN_LIMITS.maxEntries, files: SCAN_LIMITS.maxFiles, truncated: undefined as string | undefined };
    const open = new Map(this.host.openDocuments().map((document) => [document.uri, document]));
    const found: PostmortemSummary[] = [];
    const seen = new Set<string>();
    for (const folderUri of this.host.workspaceFolders()) {
      const folder = URI.parse(folderUri);
      if (folder.scheme !== 'file') continue;
      // The folder's settings, resolved as for a file at its root: which files are postmortems, and a fingerprint
      // of everything that changes a file's problems.
      const probe = await this.host.analyse(TextDocument.create(URI.file(path.join(folder.fsPath, '.postmortem-index.md')).toString(), 'markdown', 0, ''));
      const isPostmortemPath = picomatch(probe.settings.files, { dot: true });
      const fingerprint = JSON.stringify([probe.settings.files, probe.settings.template.name, probe.settings.templatePath, probe.settings.rules, probe.settings.zone]);
      for await (const file of walk(folder.fsPath, budget)) {
        const relative = path.relative(folder.fsPath, file.path).split(path.sep).join('/');
        if (!isPostmortemPath(relative)) continue;
        if (budget.files-- <= 0) {
          budget.truncated = `more than ${SCAN_LIMITS.maxFiles} postmortems; the first ${SCAN_LIMITS.maxFiles} are listed`;
          break;
        }
        const uri = URI.file(file.path).toString();
        seen.add(uri);
        const summary = await this.summarise(uri, relative, file.path, open.get(uri), fingerprint);
        if (summary) found.push(summary);
        // Let requests for open documents in between: a scan must never hold up typing.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // Open postmortems that no glob matches (front matter `type: postmortem`, or template headings) are listed too.
    for (const document of open.values()) {
      if (seen.has(document.uri)) continue;
      const parsed = URI.parse(document.uri);
      const folder = this.host.workspaceFolders().map((f) => URI.parse(f)).find((f) => f.scheme === parsed.scheme && parsed.path.startsWith(`${f.path.replace(/\/$/, '')}/`));
      if (!folder) continue;
      const analysis = await this.host.analyse(document);
      if (analysis.relevant) found.push(this.summaryOf(analysis, parsed.path.slice(folder.path.replace(/\/$/, '').length + 1)));
    }
    found.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
    return { postmortems: found, ...(budget.truncated ? { truncated: budget.truncated } : {}) };
  }

  private async summarise(uri: string, relative: string, file: string, open: TextDocument | undefined, fingerprint: string): Promise<PostmortemSummary | undefined> {
    if (open) {
      const analysis = await this.host.analyse(open);
      return analysis.relevant ? this.summaryOf(analysis, relative) : undefined;
    }
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile() || stat.size > SCAN_LIMITS.maxBytes) return undefined;
    const cached = this.cache.get(file);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs && cached.fingerprint === fingerprint) return cached.summary;
    let text;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const document = TextDocument.create(uri, LANGUAGE_OF[path.extname(file).toLowerCase()] ?? 'markdown', 0, text);
    const analysis = await this.host.analyse(document);
    const summary = analysis.relevant ? this.summaryOf(analysis, relative) : undefined;
    this.cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, fingerprint, summary });
    return summary;
  }

  private summaryOf(analysis: IndexedAnalysis, relative: string): PostmortemSummary {
    const { model } = analysis;
    const problems = { errors: 0, warnings: 0, information: 0 };
    for (const diagnostic of this.host.diagnostics(analysis)) {
      if (diagnostic.severity === DiagnosticSeverity.Error) problems.errors++;
      else if (diagnostic.severity === DiagnosticSeverity.Warning) problems.warnings++;
      else if (diagnostic.severity === DiagnosticSeverity.Information) problems.information++;
    }
    const date = model.incidentDate;
    const services = model.metadata
      .filter((field) => SERVICE_KEYS.has(field.key))
      .flatMap((field) => field.value.split(/[,;]/))
      .map((service) => service.trim())
      .filter((service) => service !== '' && service.length <= 60);
    return {
      uri: model.document.uri,
      path: relative,
      title: model.title?.text || path.posix.basename(relative),
      ...(date ? { date: `${date.year}-${pad(date.month)}-${pad(date.day)}` } : {}),
      problems,
      services: [...new Set(services)],
      titleRange: model.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    };
  }
}

/** Files under `root` with a postmortem's extension, breadth first, within the budget; symbolic links are not followed. */
async function* walk(root: string, budget: { entries: number; truncated: string | undefined }): AsyncGenerator<{ path: string }> {
  let level = [root];
  for (let depth = 0; depth <= SCAN_LIMITS.maxDepth && level.length > 0; depth++) {
    const next: string[] = [];
    for (const directory of level) {
      let entries: Dirent[];
      try {
        entries = await fs.readdir(directory, { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        if (budget.entries-- <= 0) {
          budget.truncated = `the workspace has more than ${SCAN_LIMITS.maxEntries} files; only the first were looked at`;
          return;
        }
        if (entry.name.startsWith('.')) continue;
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) next.push(full);
        } else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
          yield { path: full };
        }
      }
    }
    level = next;
  }
}

/**
 * Every word of the query is in the text: as written (`2021-07`, `redis`), or as letters in order within one word
 * of the text (`cscd` finds "cascading"), case-insensitively.
 */
function matches(query: string, text: string): boolean {
  const haystack = text.toLowerCase();
  const words = haystack.split(/[^\p{L}\p{N}]+/u);
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((part) => haystack.includes(part) || (/^\p{L}+$/u.test(part) && words.some((word) => isSubsequence(part, word))));
}

function isSubsequence(part: string, word: string): boolean {
  let at = 0;
  for (const c of word) if (c === part[at]) at++;
  return at === part.length;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
