import type { Root } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditLog } from './editLog';
import { countLineBreaks } from './model/blocks';
import { IncrementalMarkdown, type ParseSteps } from './model/incremental';
import { lightweightPostmortem } from './model/lightweight';
import type { ChunkJob } from './model/markdownChunks';
import { isMarkdown, readPostmortem } from './model/parse';
import { ReaderCache } from './model/readerCache';
import type { PostmortemDocument } from './model/types';
import { ParseTimeout, type ParsePool } from './parsePool';
import type { Template } from './templates/template';

/**
 * The template a model is read against, or how to get it: the parse does not need it, so a caller can work it out
 * while a worker parses (the first time, the built-in template is itself parsed).
 */
export type TemplateSource = Template | (() => Template);

function templateOf(source: TemplateSource): Template {
  return typeof source === 'function' ? source() : source;
}

/** Why a document got the headings-only model instead of a full analysis, in words for the one diagnostic it gets. */
export interface LimitedAnalysis {
  kind: 'large' | 'skipped';
  message: string;
}

export interface ModelResult {
  model: PostmortemDocument;
  limited?: LimitedAnalysis;
}

export interface DocumentModelLimits {
  /** Documents longer than this (characters) are not parsed at all. */
  largeDocumentChars: number;
  /** The incremental parse state (the tree) is kept for at most this many documents… */
  retainDocuments: number;
  /** …and this many characters of them together; the least recently edited ones give theirs up first. */
  retainChars: number;
  /**
   * Of documents opened and not edited since, only this many (the latest parsed) keep theirs: a burst of opens would
   * otherwise keep each tree long enough for V8 to move it to the old generation, where it lingers as garbage
   * (opening 100 documents of 50 KB peaked at about 290 MB RSS keeping 8 trees, 220 MB keeping 1).
   */
  retainUneditedDocuments: number;
}

export const DEFAULT_LIMITS: DocumentModelLimits = {
  largeDocumentChars: 2_000_000,
  retainDocuments: 8,
  retainChars: 4 * 1024 * 1024,
  retainUneditedDocuments: 1,
};

interface Entry {
  markdown?: IncrementalMarkdown;
  /** The document version the kept parse state is of. */
  version?: number;
  /** What the readers read from the kept tree's blocks (dropped with the tree). */
  readers?: ReaderCache;
  chars: number;
  /** The version the document was first parsed at here: a later one means it has been edited. */
  firstVersion?: number;
  /** Serialises the document's parses: the incremental state is updated by one parse at a time. */
  busy: Promise<unknown>;
  /** Chunk texts whose parse ran out of time: not tried again until they change. */
  slow: Set<string>;
}

class KnownSlow extends Error {
  constructor(readonly job: ChunkJob) {
    super('a part of the document that could not be parsed in time is unchanged');
  }
}

function megabytes(chars: number): string {
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}

/**
 * The models of open documents, parsed in the worker pool: Markdown incrementally, each document's tree kept while it
 * is among the recently edited ones. Too large a document, or a parse that runs out of time, gets a model read from
 * its headings alone, with the reason.
 */
export class DocumentModels {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly pool: ParsePool,
    private readonly limits: DocumentModelLimits = DEFAULT_LIMITS,
    /** What stayed the same between two versions of a document, when the edits are known (editLog.ts). */
    private readonly edits?: EditLog,
  ) {}

  /**
   * The model of the document's text as it is now. `stale` is asked once the parse is done: when it says the
   * document has moved on, the readers are not run and 'stale' comes back (the parse still serves the next version).
   */
  model(document: TextDocument, template: TemplateSource, stale: () => boolean = () => false): Promise<ModelResult | 'stale'> {
    const entry = this.entry(document.uri);
    const run = entry.busy.then(() => this.build(entry, document, template, stale));
    entry.busy = run.catch(() => undefined);
    return run;
  }

  /** A one-off model of a document that is not open (no incremental state is kept for it). */
  async modelOnce(document: TextDocument, template: TemplateSource): Promise<ModelResult> {
    const result = await this.build({ chars: 0, busy: Promise.resolve(), slow: new Set() }, document, template, () => false, false);
    return result === 'stale' ? { model: lightweightPostmortem(document, templateOf(template)) } : result;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Documents whose tree is kept (for tests and measurements). */
  get retained(): number {
    return [...this.entries.values()].filter((entry) => entry.markdown).length;
  }

  /** Whether the document's tree is kept (for tests). */
  keepsTree(uri: string): boolean {
    return this.entries.get(uri)?.markdown !== undefined;
  }

  private entry(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { chars: 0, busy: Promise.resolve(), slow: new Set() };
      this.entries.set(uri, entry);
    }
    return entry;
  }

  private async build(entry: Entry, document: TextDocument, source: TemplateSource, stale: () => boolean, keep = true): Promise<ModelResult | 'stale'> {
    const template = () => templateOf(source);
    const text = document.getText();
    if (text.length > this.limits.largeDocumentChars) {
      entry.markdown = undefined;
      return {
        model: lightweightPostmortem(document, template()),
        limited: {
          kind: 'large',
          message:
            `This document is ${megabytes(text.length)}, over the ${megabytes(this.limits.largeDocumentChars)} postmortem analysis handles: ` +
            'the outline, folding and section completion work from its headings; the postmortem rules, timeline completion and quick fixes are off for it.',
        },
      };
    }
    let root: Root;
    let readers: ReaderCache | undefined;
    try {
      if (isMarkdown(document.languageId)) {
        const kept = keep ? entry.markdown : undefined;
        const markdown = kept ?? new IncrementalMarkdown();
        readers = (kept ? entry.readers : undefined) ?? new ReaderCache();
        // Until the parse is done the state is half-updated: it only goes back once complete.
        entry.markdown = undefined;
        entry.readers = undefined;
        const unchanged = kept && entry.version !== undefined ? this.edits?.window(document.uri, entry.version, document.version) : undefined;
        root = await this.drive(markdown.update(text, unchanged), entry);
        if (keep) {
          entry.version = document.version;
          entry.firstVersion ??= document.version;
          this.retain(document.uri, entry, markdown, readers, text.length);
          this.edits?.reached(document.uri, document.version);
        }
      } else {
        root = await this.pool.parseText(text, document.languageId, template());
      }
    } catch (error) {
      return { model: lightweightPostmortem(document, template()), limited: { kind: 'skipped', message: skippedMessage(error, text) } };
    }
    if (stale()) return 'stale';
    return { model: readPostmortem(root, document, template(), readers) };
  }

  private async drive(steps: ParseSteps, entry: Entry): Promise<Root> {
    let step = steps.next();
    while (!step.done) {
      const jobs = step.value;
      const known = jobs.find((job) => entry.slow.has(job.text));
      if (known) throw new KnownSlow(known);
      try {
        step = steps.next(await this.pool.parseChunks(jobs));
      } catch (error) {
        if (error instanceof ParseTimeout && jobs[error.index]) {
          entry.slow.add(jobs[error.index]!.text);
          throw new ChunkTimeout(jobs[error.index]!, error.budgetMs);
        }
        throw error;
      }
    }
    // The chunks that were slow once and have changed since are not worth remembering.
    if (entry.slow.size > 0) entry.slow.clear();
    return step.value;
  }

  private retain(uri: string, entry: Entry, markdown: IncrementalMarkdown, readers: ReaderCache, chars: number): void {
    entry.markdown = markdown;
    entry.readers = readers;
    entry.chars = chars;
    // Most recently parsed last; give up the oldest trees past the limits.
    this.entries.delete(uri);
    this.entries.set(uri, entry);
    let documents = 0;
    let total = 0;
    let unedited = 0;
    for (const candidate of [...this.entries.values()].reverse()) {
      if (!candidate.markdown) continue;
      documents++;
      total += candidate.chars;
      const edited = candidate.version !== candidate.firstVersion;
      if (!edited) unedited++;
      const over = documents > this.limits.retainDocuments || total > this.limits.retainChars || (!edited && unedited > this.limits.retainUneditedDocuments);
      if (candidate !== entry && over) {
        candidate.markdown = undefined;
        candidate.readers = undefined;
      }
    }
  }
}

class ChunkTimeout extends Error {
  constructor(
    readonly job: ChunkJob,
    readonly budgetMs: number,
  ) {
    super(`parsing took longer than ${budgetMs} ms`);
  }
}

function lines(job: ChunkJob): string {
  const breaks = countLineBreaks(job.text, 0, job.text.length);
  const last = job.line + Math.max(0, breaks - (/[\r\n]$/.test(job.text) ? 1 : 0));
  return last > job.line ? `lines ${job.line + 1}–${last + 1}` : `line ${job.line + 1}`;
}

function skippedMessage(error: unknown, text: string): string {
  const after = 'The outline, folding and section completion work from the headings; the postmortem rules are off until that part changes.';
  if (error instanceof ChunkTimeout || error instanceof KnownSlow) {
    const budget = error instanceof ChunkTimeout ? ` took longer than ${(error.budgetMs / 1000).toFixed(1)} s to parse` : ' could not be parsed in time';
    return `Postmortem analysis was skipped: ${lines(error.job)}${budget} (text a Markdown parser is very slow on, such as thousands of nested or unmatched markers). ${after}`;
  }
  if (error instanceof ParseTimeout) {
    return `Postmortem analysis was skipped: this ${megabytes(text.length)} document took longer than ${(error.budgetMs / 1000).toFixed(1)} s to parse. ${after}`;
  }
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `Postmortem analysis was skipped: the parser failed (${reason}). ${after}`;
}
