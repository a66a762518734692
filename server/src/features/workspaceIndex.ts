import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, SymbolKind, type Diagnostic, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { globMatcher } from '../model/glob';
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
  /** Workspace symbols read only this much of each file: the front matter, the title and the metadata under it. */
  headerBytes: 8 * 1024,
};
/** A scan lets other requests run at least this often. */
const YIELD_EVERY_MS = 10;
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
  /** Problems as the Problems panel counts them (hints are not shown there); absent from a quick list. */
  problems?: { errors: number; warnings: number; information: number };
  services: string[];
  titleRange: Range;
}

/** The `postmortem/list` parameters. */
export interface ListParams {
  /** False: list from the head of each file, without problem counts. */
  problems?: boolean;
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

/** How a scan reads each file: analysed in full (the view's problem counts), or just its header (symbols). */
type ScanMode = 'full' | 'header';

/**
 * The workspace's postmortems, for workspace symbols and the Postmortems view. A scan walks each folder (skipping
 * hidden and dependency directories), keeps the files the folder's `postmortem.files` globs match, and analyses
 * each the way the editor does; files are only read, never run. Results are cached by size, mtime and settings, and
 * open documents are read from the editor, unsaved changes included.
 */
export class WorkspaceIndex {
  private readonly cache = new Map<string, Cached>();
  private readonly headers = new Map<string, Cached>();
  private readonly scanning = new Map<ScanMode, Promise<PostmortemList>>();

  constructor(private readonly host: IndexHost) {}

  /**
   * The postmortems, newest first, each analysed as the editor does for its problem count; with `problems: false`,
   * from the head of each file only, with counts only where they are known already (quick, for a first look).
   * Concurrent callers share one scan.
   */
  list(params: ListParams = {}): Promise<PostmortemList> {
    return this.shared(params.problems === false ? 'header' : 'full');
  }

  private shared(mode: ScanMode): Promise<PostmortemList> {
    let scan = this.scanning.get(mode);
    if (!scan) {
      scan = this.scan(mode).finally(() => this.scanning.delete(mode));
      this.scanning.set(mode, scan);
    }
    return scan;
  }

  /**
   * Title and service symbols of every postmortem whose title, date, path or services match `query`. Only the head
   * of each closed file is read (`SCAN_LIMITS.headerBytes`), so the first search of a big workspace stays quick.
   */
  async symbols(query: string): Promise<SymbolInformation[]> {
    const { postmortems } = await this.shared('header');
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

  private async scan(mode: ScanMode): Promise<PostmortemList> {
    const budget = { entries: SCAN_LIMITS.maxEntries, files: SCAN_LIMITS.maxFiles, truncated: undefined as string | undefined };
    const open = new Map(this.host.openDocuments().map((document) => [document.uri, document]));
    const found: PostmortemSummary[] = [];
    const seen = new Set<string>();
    let lastYield = performance.now();
    for (const folderUri of this.host.workspaceFolders()) {
      const folder = URI.parse(folderUri);
      if (folder.scheme !== 'file') continue;
      // The folder's settings, resolved as for a file at its root: which files are postmortems, and a fingerprint
      // of everything that changes a file's problems.
      const probe = await this.host.analyse(TextDocument.create(URI.file(path.join(folder.fsPath, '.postmortem-index.md')).toString(), 'markdown', 0, ''));
      // Case-blind, as detection is (detect.ts): `Incidents/` is listed if a document there is a postmortem.
      const isPostmortemPath = globMatcher(probe.settings.files, { nocase: true });
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
        const summary = await this.summarise(uri, relative, file.path, open.get(uri), fingerprint, mode);
        if (summary) found.push(summary);
        // Let requests for open documents in between: a scan must never hold up typing for long.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
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

  private async summarise(uri: string, relative: string, file: string, open: TextDocument | undefined, fingerprint: string, mode: ScanMode): Promise<PostmortemSummary | undefined> {
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
    if (mode === 'header') {
      const header = this.headers.get(file);
      if (header && header.size === stat.size && header.mtimeMs === stat.mtimeMs) return header.summary;
      const summary = await readHeaderOf(file, uri, relative);
      this.headers.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, fingerprint: '', summary });
      return summary;
    }
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

/** The head of a file, read as `readHeader` reads it; undefined when it cannot be read or is a template. */
async function readHeaderOf(file: string, uri: string, relative: string): Promise<PostmortemSummary | undefined> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
    const buffer = Buffer.alloc(SCAN_LIMITS.headerBytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    // A character cut at the end of the buffer decodes as U+FFFD, past anything the header needs.
    const header = readHeader(buffer.toString('utf8', 0, bytesRead), relative);
    return header ? { uri, path: relative, ...header } : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n/;
const FRONT_MATTER_END = /^(?:---|\.\.\.)[ \t]*$/;
const ATX_TITLE = /^#[ \t]+(.*)$/;
const RST_ADORNMENT = /^([=\-~^"'`#*+<>:._])\1{2,}[ \t]*$/;
const FENCE = /^[ \t]{0,3}(?:```|~~~)/;
// `**Services:** api, db`, `- Components: queue`: what broke, named before the first section.
const SERVICE_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(services?|affected services?|components?|systems?)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(.*)$/i;

/**
 * Title, date and services from the head of a postmortem, without parsing it: front matter (`title`, `date`,
 * `services`), the first `# ` heading (or, in reStructuredText, the first adorned line; in plain text the first
 * line), `Services:` lines before the first section, and a date at the start of the title or the file name.
 * Undefined for a template (`type: template`).
 */
export function readHeader(text: string, relative: string): Pick<PostmortemSummary, 'title' | 'date' | 'services' | 'titleRange'> | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  let line = 0;
  let fields: Record<string, unknown> = {};
  if (FRONT_MATTER.test(text)) {
    const end = lines.findIndex((l, i) => i > 0 && FRONT_MATTER_END.test(l));
    if (end > 0) {
      try {
        const data: unknown = parseYaml(lines.slice(1, end).join('\n'), { schema: 'core', maxAliasCount: 10, logLevel: 'silent' });
        if (data && typeof data === 'object' && !Array.isArray(data)) fields = data as Record<string, unknown>;
      } catch {
        // A front matter that does not parse says nothing; the document's own diagnostics say why.
      }
      line = end + 1;
    }
  }
  if (fields['type'] === 'template') return undefined;
  const services = new Set<string>();
  for (const key of ['services', 'service', 'components', 'systems']) {
    const value = fields[key];
    for (const item of Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : []) if (typeof item === 'string' && item.trim()) services.add(item.trim());
  }
  const extension = path.posix.extname(relative).toLowerCase();
  let title: { text: string; line: number } | undefined;
  let inFence = false;
  for (let i = line; i < lines.length; i++) {
    const current = lines[i]!;
    if (FENCE.test(current)) inFence = !inFence;
    if (inFence) continue;
    if (extension === '.md' || extension === '.markdown') {
      if (/^##/.test(current)) break;
      const atx = ATX_TITLE.exec(current);
      if (atx && !title) title = { text: withoutClosingHashes(atx[1]!).replace(/[*_`]/g, '').trim(), line: i };
    } else if (!title && current.trim()) {
      const next = lines[i + 1] ?? '';
      if (extension === '.txt' || (RST_ADORNMENT.test(next) && !RST_ADORNMENT.test(current))) title = { text: current.trim(), line: i };
    }
    const service = SERVICE_LINE.exec(current);
    if (service) for (const item of service[2]!.replace(/\*\*|__/g, '').split(/[,;]/)) if (item.trim()) services.add(item.trim());
  }
  const frontTitle = typeof fields['title'] === 'string' ? fields['title'].trim() : '';
  const titleText = title?.text || frontTitle || path.posix.basename(relative);
  const isoDate = (value: string) => /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(value)?.[0];
  const frontDate = typeof fields['date'] === 'string' ? isoDate(fields['date']) : undefined;
  const date = isoDate(titleText) ?? frontDate ?? isoDate(path.posix.basename(relative));
  const titleLine = title?.line ?? 0;
  return {
    title: titleText,
    ...(date ? { date } : {}),
    services: [...services].filter((service) => service.length <= 60),
    titleRange: { start: { line: titleLine, character: 0 }, end: { line: titleLine, character: title ? lines[titleLine]!.length : 0 } },
  };
}

/** `Title ##` → `Title`: an ATX heading's optional closing sequence, removed without a regex that could backtrack. */
function withoutClosingHashes(text: string): string {
  let end = text.trimEnd().length;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) end = hashes;
  return text.slice(0, end).trimEnd();
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
