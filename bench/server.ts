import type { CompletionItem, CompletionList, DocumentSymbol, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { BenchClient } from './lsp';
import { repeat, round, summarise, type Repeat, type Stat } from './stats';

export interface ServerPlan {
  keystroke: Repeat;
  /** Completion right after typing `- ` under a timeline entry: didChange and the request sent together. */
  completionTyped?: Repeat;
  /** Document symbols requested together with a one-character edit. */
  symbolsAfterEdit?: Repeat;
  /** The same requests again with no edit in between: the cost of the feature on a cached model. */
  cached: Repeat;
}

export interface ServerResult {
  openMs: number;
  /** From the first diagnostics until the server's CPU went quiet (BenchClient.idle), before the first keystroke. */
  settleMs?: number;
  keystroke: Stat;
  /** Server CPU time (all threads) per keystroke, averaged over the measured keystrokes. */
  keystrokeCpuMs: number;
  completionTyped?: Stat;
  completionCached?: Stat;
  symbolsAfterEdit?: Stat;
  symbolsCached?: Stat;
  /** What the server found, to see that it analysed the document (and to compare before/after a change). */
  diagnostics: number;
  symbols: number;
  completionItems?: number;
  rssAfterBytes: number;
  hwmBytes: number;
  skipped: string[];
  /** Answers that were timed but empty: the numbers then do not measure the feature. */
  warnings?: string[];
  editLine: number;
  completionLine?: number;
}

const timelineEntry = /^- \*\*\d{1,2}:\d{2}(?::\d{2})? UTC:?\*\*/;

/** A line at or after the middle that is prose or a list item outside code blocks and tables: where typing goes. */
export function middleEditLine(lines: readonly string[]): number {
  let fenced = false;
  const candidates: number[] = [];
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^(?:[-*] |\d+\. |[A-Za-z*])/.test(line) && line.trim().length > 10) candidates.push(index);
  });
  const middle = Math.floor(lines.length / 2);
  const line = candidates.find((index) => index >= middle) ?? candidates.at(-1);
  if (line === undefined) throw new Error('no line to type in');
  return line;
}

/**
 * The bench's keystroke, typed at the end of the line that `middleEditLine` picks: an `x` typed there, then taken
 * out again, in turn, so the document goes back and forth between two texts.
 */
export function alternatingKeystroke(lines: readonly string[]): () => TextDocumentContentChangeEvent {
  const line = middleEditLine(lines);
  const end = lines[line]!.length;
  let typed = false;
  return () => {
    typed = !typed;
    return typed
      ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }
      : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
  };
}

/** A blank line right after a timeline list, at or after the middle: completion there offers the next entry. */
export function blankAfterTimeline(lines: readonly string[]): number | undefined {
  const middle = Math.floor(lines.length / 2);
  const fits = (index: number) => lines[index] === '' && timelineEntry.test(lines[index - 1] ?? '');
  for (let index = middle; index < lines.length; index++) if (fits(index)) return index;
  for (let index = middle; index > 0; index--) if (fits(index)) return index;
  return undefined;
}

/** A top-level timeline entry at or after the middle that another entry follows: a new bullet goes below it. */
export function middleTimelineLine(lines: readonly string[]): number | undefined {
  const middle = Math.floor(lines.length / 2);
  const fits = (index: number) => timelineEntry.test(lines[index]!) && timelineEntry.test(lines[index + 1] ?? '');
  for (let index = middle; index < lines.length - 1; index++) if (fits(index)) return index;
  for (let index = middle; index >= 0; index--) if (fits(index)) return index;
  return undefined;
}

/**
 * The completion-after-typing sample: `- ` typed on a new line under the timeline entry at `line`, the change that
 * takes it out again, and where the cursor is after the space (where the editor asks for completion).
 */
export function typedBulletEdit(lines: readonly string[], line: number): { insert: TextDocumentContentChangeEvent; remove: TextDocumentContentChangeEvent; cursor: Position } {
  const at = { line, character: lines[line]!.length };
  const cursor = { line: line + 1, character: 2 };
  return { insert: { range: { start: at, end: at }, text: '\n- ' }, remove: { range: { start: at, end: cursor }, text: '' }, cursor };
}

function countSymbols(symbols: readonly DocumentSymbol[] | null): number {
  return (symbols ?? []).reduce((sum, symbol) => sum + 1 + countSymbols(symbol.children ?? []), 0);
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

/**
 * Opens one document in a fresh server and measures, through the real protocol, the latency of a keystroke
 * (didChange → publishDiagnostics of that version), of completion and of document symbols.
 */
export async function measureDocument(rootUri: string, uri: string, text: string, plan: ServerPlan): Promise<ServerResult> {
  const client = BenchClient.spawn();
  try {
    await client.initialize(rootUri);
    const opened = await client.open(uri, text);
    // Typing starts once the server is idle again, as it is when an author starts typing in a document opened a moment
    // ago; the opening's own cost is the open → diagnostics column.
    const settleMs = await client.idle();
    const lines = text.split(/\r?\n/);
    const skipped: string[] = [];
    const warnings: string[] = [];

    // Typing at the end of a line in the middle; every other keystroke takes the character out again.
    const alternate = alternatingKeystroke(lines);
    let keystrokes = 0;
    const keystroke = () => {
      keystrokes++;
      return alternate();
    };

    // The symbol measurements do not depend on whether the last keystroke left its character in; the completion
    // after typing does (its line may be the one typed in), so that character is taken out before it.
    let cpuBefore = 0;
    const keystrokeStat = await repeat(plan.keystroke, async (index) => {
      if (index === 0) cpuBefore = client.cpuMs();
      const { start, published } = client.change(uri, [keystroke()]);
      const { at } = await published;
      return at - start;
    });
    const keystrokeCpuMs = round((client.cpuMs() - cpuBefore) / keystrokeStat.n);

    const symbolsParams = { textDocument: { uri } };
    let symbols = 0;
    let symbolsAfterEdit: Stat | undefined;
    if (plan.symbolsAfterEdit) {
      symbolsAfterEdit = await repeat(plan.symbolsAfterEdit, async () => {
        const { published } = client.change(uri, [keystroke()]);
        const { ms, result } = await client.timed<DocumentSymbol[] | null>('textDocument/documentSymbol', symbolsParams);
        symbols = countSymbols(result);
        await published;
        return ms;
      });
    } else skipped.push('symbols after an edit');
    const symbolsCached = await repeat(plan.cached, async () => {
      const { ms, result } = await client.timed<DocumentSymbol[] | null>('textDocument/documentSymbol', symbolsParams);
      symbols = countSymbols(result);
      return ms;
    });

    if (keystrokes % 2 === 1) await client.change(uri, [keystroke()]).published;
    let completionTyped: Stat | undefined;
    let completionCached: Stat | undefined;
    let completionItems: number | undefined;
    // An empty answer is timed all the same, but flagged: a fast "nothing" is not a fast completion.
    const check = (result: CompletionItem[] | CompletionList | null, line: number) => {
      completionItems = items(result).length;
      const warning = `completion at line ${line + 1} returned no items`;
      if (completionItems === 0 && !warnings.includes(warning)) warnings.push(warning);
    };
    // On the blank line after a timeline, no edit needed: the feature's own cost on the cached model.
    const blankLine = blankAfterTimeline(lines);
    if (blankLine !== undefined) {
      const params = { textDocument: { uri }, position: { line: blankLine, character: 0 }, context: { triggerKind: 1 } };
      completionCached = await repeat(plan.cached, async () => {
        const { ms, result } = await client.timed<CompletionItem[] | CompletionList | null>('textDocument/completion', params);
        check(result, blankLine);
        return ms;
      });
    }
    const completionLine = middleTimelineLine(lines);
    if (completionLine === undefined || blankLine === undefined) {
      skipped.push('completion (no timeline entries)');
    } else if (plan.completionTyped) {
      // `- ` typed on a new line under a timeline entry; the editor asks for completion on the space.
      const { insert, remove, cursor } = typedBulletEdit(lines, completionLine);
      const params = { textDocument: { uri }, position: cursor, context: { triggerKind: 2, triggerCharacter: ' ' } };
      completionTyped = await repeat(plan.completionTyped, async () => {
        const { published } = client.change(uri, [insert]);
        const { ms, result } = await client.timed<CompletionItem[] | CompletionList | null>('textDocument/completion', params);
        check(result, completionLine + 1);
        await published;
        await client.change(uri, [remove]).published;
        return ms;
      });
    } else skipped.push('completion after typing');

    return {
      openMs: Math.round(opened.ms),
      settleMs: Math.round(settleMs),
      keystroke: keystrokeStat,
      keystrokeCpuMs,
      ...(completionTyped ? { completionTyped } : {}),
      ...(completionCached ? { completionCached } : {}),
      ...(symbolsAfterEdit ? { symbolsAfterEdit } : {}),
      symbolsCached,
      ...(symbols === 0 ? { warnings: [...warnings, 'document symbols returned nothing'] } : warnings.length > 0 ? { warnings } : {}),
      diagnostics: opened.params.diagnostics.length,
      symbols,
      ...(completionItems !== undefined ? { completionItems } : {}),
      rssAfterBytes: client.rssBytes(),
      hwmBytes: client.rssBytes('VmHWM'),
      skipped,
      editLine: middleEditLine(lines) + 1,
      ...(completionLine !== undefined ? { completionLine: completionLine + 1 } : {}),
    };
  } finally {
    await client.stop();
  }
}

export interface ColdStartResult {
  /** spawn → first publishDiagnostics for the opened document. */
  firstDiagnostics: Stat;
  /** spawn → initialize answered. */
  initialize: Stat;
}

/** A fresh server per run: spawn, initialize, open one document, until its first diagnostics arrive. */
export async function measureColdStart(rootUri: string, uri: string, text: string, runs: number): Promise<ColdStartResult> {
  const first: number[] = [];
  const init: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const client = BenchClient.spawn();
    await client.initialize(rootUri);
    init.push(performance.now() - start);
    const published = client.diagnostics(uri, 1);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const { at } = await published;
    first.push(at - start);
    await client.stop();
  }
  return { firstDiagnostics: summarise(first), initialize: summarise(init) };
}

export interface MemoryResult {
  documents: number;
  documentBytes: number;
  rssBaselineBytes: number;
  /** Right after the last document's first diagnostics: with the garbage of the opens. */
  rssOpenBytes: number;
  /** `settleMs` later, with nothing sent meanwhile: once the server has collected that garbage (server/src/memory.ts). */
  rssSettledBytes?: number;
  settleMs?: number;
  hwmBytes: number;
  openAllMs: number;
}

/** The server collects 2 s and 7.5 s after the last open (server/src/memory.ts); 10 s leaves it time on a busy machine. */
const SETTLE_MS = 10_000;

/**
 * RSS of one server process (VmRSS in /proc) before and after opening `texts`, each to its first diagnostics, and
 * once the server has settled.
 */
export async function measureOpenDocuments(rootUri: string, docs: ReadonlyArray<{ uri: string; text: string }>): Promise<MemoryResult> {
  const client = BenchClient.spawn();
  try {
    await client.initialize(rootUri);
    const rssBaselineBytes = client.rssBytes();
    const start = performance.now();
    for (const doc of docs) await client.open(doc.uri, doc.text);
    const openAllMs = Math.round(performance.now() - start);
    const rssOpenBytes = client.rssBytes();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return {
      documents: docs.length,
      documentBytes: docs.reduce((sum, doc) => sum + Buffer.byteLength(doc.text), 0),
      rssBaselineBytes,
      rssOpenBytes,
      rssSettledBytes: client.rssBytes(),
      settleMs: SETTLE_MS,
      hwmBytes: client.rssBytes('VmHWM'),
      openAllMs,
    };
  } finally {
    await client.stop();
  }
}

/** RSS of one server process over `cycles` open → diagnostics → close cycles, each with a new URI. */
export async function measureOpenCloseRss(rootUri: string, uriFor: (i: number) => string, texts: readonly string[], cycles: number, samplesEvery: number): Promise<Array<{ cycle: number; rssBytes: number }>> {
  const client = BenchClient.spawn();
  try {
    await client.initialize(rootUri);
    const samples = [{ cycle: 0, rssBytes: client.rssBytes() }];
    for (let i = 1; i <= cycles; i++) {
      const uri = uriFor(i);
      await client.open(uri, texts[i % texts.length]!);
      await client.close(uri);
      if (i % samplesEvery === 0) samples.push({ cycle: i, rssBytes: client.rssBytes() });
    }
    return samples;
  } finally {
    await client.stop();
  }
}
