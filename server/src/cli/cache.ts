import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileExistsWithin } from '../linkTargets';
import { digestOf, sha256 } from './read';
import type { FileReport, ReportedDiagnostic } from './report';

/** The folder the cache lives in, at the repository root unless --cache-location says otherwise. */
export const CACHE_FOLDER = '.postmortem-cache';
const RESULTS_FILE = 'results.json';
const FORMAT = 1;
/** A cache larger than this is not read (ten thousand files take about 10 MB): it is rebuilt instead. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** What a file's result depended on besides its own text, recorded while it was linted (lintFile.ts). */
export interface FileDependencies {
  /** SHA-256 of the file's bytes as read. */
  digest: string;
  /** Template files the analysis loaded (real paths): a change to one changes the result. */
  templates: string[];
  /** Each link target the broken-link rule looked up, with the root it was looked up in and the answer. */
  links: Array<[uri: string, root: string | undefined, exists: boolean | undefined]>;
}

/**
 * Everything else a result depends on: the options, the root, the repo config. Whether the file was named on the
 * command line is not: that matters only for a file that cannot be read, whose result is never kept.
 */
export interface CacheKeyParts {
  all: boolean;
  /** The root `files` globs and links are relative to. */
  root: string;
  /** SHA-256 of the repo config file that applies, or '' when none does. */
  config: string;
}

interface CacheEntry {
  /** The file's digest and CacheKeyParts, hashed together. */
  key: string;
  templates: Record<string, string>;
  links: FileDependencies['links'];
  report: Omit<FileReport, 'path'>;
}

interface CacheContents {
  format: typeof FORMAT;
  /** The tool that wrote it (a hash of its own bundle): another build's results are not used. */
  tool: string;
  entries: Record<string, CacheEntry>;
}

/**
 * Results of earlier runs, per file, by the file's content and everything else they depended on: options, repo
 * config, templates, the tool's own build, and whether each linked file existed. A hit is a report as the run
 * that wrote it made it; anything that cannot be shown unchanged is a miss, and the file is linted again.
 */
export class LintCache {
  private readonly entries: Map<string, CacheEntry>;
  private readonly templateDigests = new Map<string, string | undefined>();
  private changed = false;

  private constructor(
    readonly folder: string,
    private readonly tool: string,
    entries: Record<string, CacheEntry>,
    /** Why an existing cache file was not used, for the trace. */
    readonly discarded: string | undefined,
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** The cache in `folder`; an absent, unreadable, foreign or corrupt one is an empty cache, rewritten on save. */
  static open(folder: string, tool: string): LintCache {
    const file = path.join(folder, RESULTS_FILE);
    let text: string;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return new LintCache(folder, tool, {}, 'it is not a file of a sensible size');
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return new LintCache(folder, tool, {}, undefined);
    }
    try {
      const contents = JSON.parse(text) as Partial<CacheContents>;
      if (contents.format !== FORMAT || typeof contents.entries !== 'object' || contents.entries === null) return new LintCache(folder, tool, {}, 'its format is unknown');
      if (contents.tool !== tool) return new LintCache(folder, tool, {}, 'another build of postmortem-lint wrote it');
      return new LintCache(folder, tool, contents.entries, undefined);
    } catch {
      return new LintCache(folder, tool, {}, 'it is not valid JSON');
    }
  }

  /** The key of a file's result: its content and the run's parts. */
  static key(digest: string, parts: CacheKeyParts): string {
    return sha256(JSON.stringify([digest, parts.all, parts.root, parts.config]));
  }

  /** The report kept for `file` under `key`, when its templates and link targets are as they were. */
  lookup(file: string, key: string): FileReport | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.key !== key || !isEntry(entry)) return undefined;
    for (const [template, digest] of Object.entries(entry.templates)) {
      if (this.templateDigest(template) !== digest) return undefined;
    }
    // JSON keeps an unknown root or answer (undefined) as null.
    for (const [uri, root, exists] of entry.links) {
      if (fileExistsWithin(uri, root ?? undefined) !== (exists ?? undefined)) return undefined;
    }
    return { path: file, ...structuredClone(entry.report) };
  }

  /** Keeps a report that can be given again: a file linted or skipped as no postmortem, not one fixed or failed. */
  store(report: FileReport, dependencies: FileDependencies, parts: CacheKeyParts): void {
    if (report.fixed || report.diff !== undefined || report.status === 'error' || report.skipReason === 'not-text') return;
    const templates: Record<string, string> = {};
    for (const template of dependencies.templates) {
      const digest = this.templateDigest(template);
      if (digest === undefined) return;
      templates[template] = digest;
    }
    const { path: file, dependencies: _, ...rest } = report;
    this.entries.set(file, { key: LintCache.key(dependencies.digest, parts), templates, links: dependencies.links, report: rest });
    this.changed = true;
  }

  /**
   * Writes the cache, without the entries of files that no longer exist, through a temporary file and a rename: a
   * run that stops half-way, or two runs at once, leave a whole cache. The folder gets a .gitignore of its own, so
   * the cache is never committed. A cache that cannot be written is no error: the next run lints again.
   */
  save(): void {
    for (const file of this.entries.keys()) {
      if (!fs.existsSync(file)) {
        this.entries.delete(file);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const contents: CacheContents = { format: FORMAT, tool: this.tool, entries: Object.fromEntries(this.entries) };
    const temporary = path.join(this.folder, `${RESULTS_FILE}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      const ignore = path.join(this.folder, '.gitignore');
      if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Written by postmortem-lint --cache: nothing here is to be committed.\n*\n');
      fs.writeFileSync(temporary, JSON.stringify(contents));
      fs.renameSync(temporary, path.join(this.folder, RESULTS_FILE));
    } catch {
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // The folder could not be made: there is no temporary file either.
      }
    }
  }

  private templateDigest(file: string): string | undefined {
    if (!this.templateDigests.has(file)) this.templateDigests.set(file, digestOf(file));
    return this.templateDigests.get(file);
  }
}

/** Whether an entry read from disk has the shape this build writes: anything else is a miss, never a crash. */
function isEntry(entry: CacheEntry): boolean {
  const { templates, links, report } = entry as Partial<CacheEntry>;
  const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
  return (
    isObject(templates) &&
    Object.values(templates).every((digest) => typeof digest === 'string') &&
    Array.isArray(links) &&
    links.every((link) => Array.isArray(link) && typeof link[0] === 'string' && (link[1] === undefined || link[1] === null || typeof link[1] === 'string')) &&
    isObject(report) &&
    (report.status === 'linted' || report.status === 'skipped') &&
    Array.isArray(report.diagnostics) &&
    report.diagnostics.every(isDiagnostic)
  );
}

function isDiagnostic(value: unknown): boolean {
  const d = value as Partial<ReportedDiagnostic> | null;
  const isPosition = (p: unknown) => typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return (
    typeof d === 'object' && d !== null &&
    typeof d.ruleId === 'string' && typeof d.message === 'string' && typeof d.fixable === 'boolean' &&
    ['error', 'warning', 'info', 'hint'].includes(d.severity as string) &&
    typeof d.range === 'object' && d.range !== null && isPosition(d.range.start) && isPosition(d.range.end)
  );
}
