/**
 * Incremental Markdown parsing. The document is cut into chunks (blocks.ts); each chunk is parsed on its own and its
 * top-level nodes kept. On a new version only the chunks whose text changed are parsed again: the unchanged ones
 * before the edit are kept as they are, those after it are moved by the edit's length and line count. The spliced
 * tree equals what remark gives for the whole text (test/unit/incremental.test.ts checks it on random edits).
 *
 * The work is a generator that yields the chunks to parse and receives their parses, so the same code runs with the
 * parser in this thread (the CLI, tests) or in a worker (the server).
 */
import type { List, Nodes, Root, RootContent } from 'mdast';
import { bulletOf, canStartChunk, countLineBreaks, endsWithBlankLine, scanChunks, type Chunk } from './blocks';
import { definitionsText, parseChunk, type ChunkJob, type Definition, type ParsedChunk } from './markdownChunks';

interface ChunkState extends Chunk {
  /** 0-based line where the chunk ends (the line of `end`). */
  endLine: number;
  /** Top-level nodes, positions in the whole document; undefined until parsed. */
  children?: RootContent[];
  /** Every position point in `children`, flat: moving the chunk is one tight loop, not a tree walk. */
  points?: Point[];
  closed: boolean;
  endsBlank: boolean;
  definitions: Definition[];
  /** The chunk has `[`: its references may read differently with other definitions elsewhere. */
  brackets: boolean;
  /** The document's definitions it was parsed with. */
  definitionsKey: string;
  capped: boolean;
}

export type ParseSteps = Generator<ChunkJob[], Root, ParsedChunk[]>;

/** Between two versions of a text: its first `prefix` characters and its last `suffix` characters did not change. */
export interface Unchanged {
  prefix: number;
  suffix: number;
}

export class IncrementalMarkdown {
  private text = '';
  private chunks: ChunkState[] = [];
  private root: Root | undefined;
  private definitions = new Map<string, Definition>();
  private definitionsKey = '';
  /** Lists merged from parts in chunks, by their first part: the same parts give the same merged node again. */
  private merged = new WeakMap<List, List>();

  /**
   * `minChunk`: the smallest chunk the scan cuts (blocks.ts `MIN_CHUNK`); tests cut finer to exercise every cut.
   * `once`: the text will not be edited (the command line), so it is cut only at headings: each remark call costs
   * about 0.2 ms before it reads a character, but a section without a table parses without the table construct
   * (markdownChunks.ts `mayHoldTable`), about 6% less for a 5 KB postmortem than one call for the whole text.
   */
  constructor(private readonly options: { minChunk?: number; once?: boolean } = {}) {}

  /** Whether the last parse neutralised pathological input somewhere (caps.ts). */
  get capped(): boolean {
    return this.chunks.some((chunk) => chunk.capped);
  }

  /** Chunks and their sizes, for tests and measurements. */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /**
   * The tree of `next`, parsing only what changed since the last call. `unchanged`, when the caller knows it (the
   * editor sent the edits' ranges), says how much of the start and end of the text is as it was; otherwise the old
   * and new texts are compared.
   */
  *update(next: string, unchanged?: Unchanged): ParseSteps {
    if (this.root && next === this.text) return this.root;
    const { middle, around, removedDefinitions } = this.replan(next, unchanged);
    // Parse, then check every cut next to a parsed chunk; merge across unsafe cuts and parse again.
    let pending = middle;
    let definitionsMayChange = removedDefinitions;
    for (;;) {
      if (pending.length > 0) {
        const parsed = yield pending.map((chunk) => this.job(chunk));
        pending.forEach((chunk, n) => this.apply(chunk, parsed[n]!));
        definitionsMayChange ||= pending.some((chunk) => chunk.definitions.length > 0);
      }
      const merged = this.mergeUnsafeCuts(new Set([...pending, ...around]));
      around.length = 0;
      if (merged.length > 0) {
        pending = merged;
        continue;
      }
      const stale = definitionsMayChange ? this.refreshDefinitions() : [];
      definitionsMayChange = false;
      if (stale.length === 0) break;
      pending = stale;
    }
    this.root = this.splice();
    return this.root;
  }

  /**
   * Keeps the chunks the change did not touch (moving those after it), scans the changed region into new chunks, and
   * returns those (to parse), the kept chunks on either side of the change (their cuts to check), and whether a chunk
   * that went away had definitions.
   */
  private replan(next: string, unchanged?: Unchanged): { middle: ChunkState[]; around: ChunkState[]; removedDefinitions: boolean } {
    const old = this.text;
    const oldChunks = this.root ? this.chunks : [];
    const delta = next.length - old.length;

    // Chunks before the first change keep their text and place; those after the last change keep their text and move.
    const shorter = Math.min(old.length, next.length);
    const same = unchanged ? Math.min(unchanged.prefix, shorter) : commonPrefix(old, next);
    const sameEnd = unchanged ? Math.min(unchanged.suffix, shorter - same) : commonSuffix(old, next, shorter - same);
    let i = 0;
    while (i < oldChunks.length && oldChunks[i]!.end <= same && isLineStart(next, oldChunks[i]!.end)) i++;
    let j = oldChunks.length;
    while (j > i) {
      const chunk = oldChunks[j - 1]!;
      const start = chunk.start + delta;
      // The top of the document parses differently (front matter, a byte order mark): nothing moves to or from it.
      if (chunk.start < old.length - sameEnd || chunk.frontMatter || chunk.start === 0 || start === 0 || start < (i > 0 ? oldChunks[i - 1]!.end : 0) || !isLineStart(next, start)) break;
      j--;
    }
    // The changed region must begin where a chunk may begin, after what ends the chunk before it.
    while (i > 0) {
      const previous = oldChunks[i - 1]!;
      if (previous.end >= next.length || previous.frontMatter) break;
      if (canStartChunk(next, previous.end, previous.endsBlank, lastBullet(next, previous))) break;
      i--;
    }
    if (j < i) j = i;

    const from = i > 0 ? oldChunks[i - 1]!.end : 0;
    const fromLine = i > 0 ? oldChunks[i - 1]!.endLine : 0;
    // The scan stops at the first kept chunk it would cut at anyway (almost always the first or second one).
    const stops: number[] = [];
    for (let k = j; k < oldChunks.length && stops.length < 64; k++) stops.push(oldChunks[k]!.start + delta);
    const scan = scanChunks(next, from, next.length, {
      line: fromLine,
      documentStart: from === 0,
      stops,
      minChunk: this.options.once ? Infinity : (this.options.minChunk ?? minChunkFor(next.length)),
    });
    const kept = scan.end < next.length ? j + stops.indexOf(scan.end) : oldChunks.length;
    const suffix = scan.end < next.length && kept >= j ? oldChunks.slice(kept) : [];
    const lineDelta = suffix.length > 0 ? fromLine + scan.lineBreaks - suffix[0]!.line : 0;
    for (const chunk of suffix) moveChunk(chunk, delta, lineDelta);
    let removedDefinitions = false;
    for (let k = i; k < kept; k++) if (oldChunks[k]!.definitions.length > 0) removedDefinitions = true;

    const nonEmpty = scan.chunks.filter((chunk) => chunk.end > chunk.start);
    const alone = i === 0 && suffix.length === 0 && nonEmpty.length === 0;
    const middle = (alone ? scan.chunks.slice(0, 1) : nonEmpty).map((chunk) => this.fresh(next, chunk));
    this.text = next;
    this.chunks = [...oldChunks.slice(0, i), ...middle, ...suffix];
    return { middle, around: [...(i > 0 ? [oldChunks[i - 1]!] : []), ...suffix.slice(0, 1)], removedDefinitions };
  }

  private fresh(text: string, chunk: Chunk): ChunkState {
    return {
      ...chunk,
      endLine: chunk.line + countLineBreaks(text, chunk.start, chunk.end),
      closed: false,
      endsBlank: endsWithBlankLine(text, chunk.start, chunk.end),
      definitions: [],
      brackets: text.slice(chunk.start, chunk.end).includes('['),
      definitionsKey: '',
      capped: false,
    };
  }

  private job(chunk: ChunkState): ChunkJob {
    const start = chunk.start + (this.hasBom(chunk) ? 1 : 0);
    chunk.definitionsKey = chunk.brackets && !chunk.frontMatter ? this.definitionsKey : '';
    return {
      text: this.text.slice(start, chunk.end),
      line: chunk.line,
      frontMatter: chunk.frontMatter === true,
      definitions: chunk.definitionsKey ? definitionsText(this.definitions.values()) : '',
    };
  }

  private hasBom(chunk: ChunkState): boolean {
    return chunk.start === 0 && this.text.charCodeAt(0) === 0xfeff;
  }

  private apply(chunk: ChunkState, parsed: ParsedChunk): void {
    const bom = this.hasBom(chunk) ? 1 : 0;
    const offsetDelta = chunk.start + bom - parsed.prefixLength;
    const lineDelta = chunk.line - parsed.prefixLines;
    const points: Point[] = [];
    for (const node of parsed.children) shiftTree(node, offsetDelta, lineDelta, bom, points);
    chunk.children = parsed.children;
    chunk.points = points;
    chunk.closed = parsed.closed;
    chunk.definitions = parsed.definitions;
    chunk.capped = parsed.capped;
  }

  /** Merges each unsafe cut next to a changed chunk; returns the merged chunks, which need parsing. */
  private mergeUnsafeCuts(changed: Set<ChunkState>): ChunkState[] {
    const merged: ChunkState[] = [];
    const chunks = this.chunks;
    for (let n = 0; n + 1 < chunks.length; n++) {
      const a = chunks[n]!;
      const b = chunks[n + 1]!;
      if (!changed.has(a) && !changed.has(b)) continue;
      // A merged chunk is checked against its neighbours once it has been parsed.
      if (a.children === undefined || b.children === undefined) continue;
      if (a.frontMatter || (a.closed && canStartChunk(this.text, b.start, a.endsBlank, lastBullet(this.text, a)))) continue;
      const union = this.fresh(this.text, { start: a.start, end: b.end, line: a.line });
      chunks.splice(n, 2, union);
      merged.push(union);
    }
    return merged;
  }

  /** Recomputes the document's definitions; returns the chunks parsed with other definitions than these. */
  private refreshDefinitions(): ChunkState[] {
    const definitions = new Map<string, Definition>();
    for (const chunk of this.chunks) for (const definition of chunk.definitions) {
      const key = `${definition.kind}:${definition.identifier}`;
      if (!definitions.has(key)) definitions.set(key, definition);
    }
    const sorted = [...definitions.keys()].sort();
    const key = sorted.join('\n');
    if (key !== this.definitionsKey) {
      this.definitionsKey = key;
      this.definitions = new Map(sorted.map((k) => [k, definitions.get(k)!]));
    }
    return this.chunks.filter((chunk) => chunk.brackets && !chunk.frontMatter && chunk.definitionsKey !== key);
  }

  private splice(): Root {
    const children: RootContent[] = [];
    let run: List[] = [];
    const merged = new WeakMap<List, List>();
    const flush = () => {
      if (run.length === 1) children.push(run[0]!);
      else if (run.length > 1) {
        // Kept when its parts are: readers that remember what they read per node (readerCache.ts) find it again.
        const previous = this.merged.get(run[0]!);
        const list = previous && sameParts(previous, run) ? moveMerged(previous, run) : mergeLists(this.text, run);
        merged.set(run[0]!, list);
        children.push(list);
      }
      run = [];
    };
    for (const chunk of this.chunks) {
      const nodes = chunk.children ?? [];
      nodes.forEach((node, index) => {
        if (index === 0 && node.type === 'list' && run.length > 0 && sameList(this.text, run[run.length - 1]!, node)) {
          run.push(node);
        } else {
          flush();
          if (node.type === 'list') run.push(node);
          else children.push(node);
        }
        // Only a chunk's last node can continue into the next chunk.
        if (index < nodes.length - 1) flush();
      });
    }
    flush();
    this.merged = merged;
    const bom = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return {
      type: 'root',
      children,
      position: { start: { line: 1, column: 1 + bom, offset: bom }, end: endPoint(this.text, this.chunks) },
    };
  }
}

/**
 * The smallest chunk worth its own parse call: small in a small document, so a keystroke re-parses a line or two,
 * larger in a large one, where every extra chunk costs each keystroke's bookkeeping and the first parse a call.
 */
function minChunkFor(length: number): number {
  return Math.min(512, Math.max(64, Math.round(length / 1000)));
}

/** How many characters the two texts share at their start: compared a block at a time, then one by one. */
function commonPrefix(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let same = 0;
  for (let step = 1 << 16; step >= 64; step >>= 2) {
    while (same + step <= length && a.slice(same, same + step) === b.slice(same, same + step)) same += step;
  }
  while (same < length && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  return same;
}

/** How many characters the two texts share at their end, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let same = 0;
  for (let step = 1 << 16; step >= 64; step >>= 2) {
    while (same + step <= limit && a.slice(a.length - same - step, a.length - same) === b.slice(b.length - same - step, b.length - same)) same += step;
  }
  while (same < limit && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  return same;
}

/** `offset` is 0, the end of the text, or just after a line break that is not the `\r` of a `\r\n`. */
function isLineStart(text: string, offset: number): boolean {
  if (offset === 0 || offset === text.length) return true;
  const before = text.charCodeAt(offset - 1);
  if (before === 10) return true;
  return before === 13 && text.charCodeAt(offset) !== 10;
}

/** The bullet of the chunk's last top-level node when it is a bullet list. */
function lastBullet(text: string, chunk: ChunkState): string | undefined {
  const last = chunk.children?.[chunk.children.length - 1];
  if (last?.type !== 'list' || last.ordered) return undefined;
  return bulletOf(text.slice(startOf(last), startOf(last) + 4));
}

function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** The list marker as written: the bullet, or the ordered delimiter (`.` or `)`). */
function markerOf(text: string, list: List): string {
  const start = startOf(list);
  const head = text.slice(start, start + 12);
  if (!list.ordered) return head.trimStart()[0] ?? '';
  return /^\s*\d+([.)])/.exec(head)?.[1] ?? '';
}

function sameList(text: string, a: List, b: List): boolean {
  return a.ordered === b.ordered && markerOf(text, a) === markerOf(text, b);
}

/** Lists cut into chunks between their items, as one list again. */
function mergeLists(text: string, parts: List[]): List {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  let spread = parts.some((part) => part.spread === true);
  for (let n = 1; n < parts.length && !spread; n++) {
    const before = parts[n - 1]!.children[parts[n - 1]!.children.length - 1];
    const after = parts[n]!.children[0];
    if (before && after && /\n[ \t]*(\r?\n|\r)|\r[ \t]*\r/.test(text.slice(endOf(before), startOf(after)))) spread = true;
  }
  return {
    type: 'list',
    ordered: first.ordered ?? null,
    start: first.start ?? null,
    spread,
    children: parts.flatMap((part) => part.children),
    position: { start: { ...first.position!.start }, end: { ...last.position!.end } },
  };
}

/** The merged list was made from exactly these parts (the same nodes, in order). */
function sameParts(merged: List, parts: List[]): boolean {
  let n = 0;
  for (const part of parts) for (const item of part.children) if (merged.children[n++] !== item) return false;
  return n === merged.children.length;
}

/** The merged list's position follows its parts, which may have moved. */
function moveMerged(merged: List, parts: List[]): List {
  merged.position = { start: { ...parts[0]!.position!.start }, end: { ...parts[parts.length - 1]!.position!.end } };
  return merged;
}

function moveChunk(chunk: ChunkState, delta: number, lineDelta: number): void {
  if (delta === 0 && lineDelta === 0) return;
  chunk.start += delta;
  chunk.end += delta;
  chunk.line += lineDelta;
  chunk.endLine += lineDelta;
  for (const point of chunk.points ?? []) {
    point.line += lineDelta;
    point.offset += delta;
  }
}

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Moves every position in the tree, collecting its points; iterative, so deep nesting cannot overflow the stack. */
function shiftTree(root: RootContent, offsetDelta: number, lineDelta: number, bomColumn: number, points: Point[]): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = node.position;
    if (position) {
      const { start, end } = position;
      start.line += lineDelta;
      end.line += lineDelta;
      if (start.offset !== undefined) start.offset += offsetDelta;
      if (end.offset !== undefined) end.offset += offsetDelta;
      if (bomColumn !== 0) {
        if (start.line === 1) start.column += bomColumn;
        if (end.line === 1) end.column += bomColumn;
      }
      points.push(start as Point, end as Point);
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
    }
  }
}

/** The point just past the text, as micromark puts the end of the root. */
function endPoint(text: string, chunks: readonly ChunkState[]): { line: number; column: number; offset: number } {
  const lastChunk = chunks[chunks.length - 1];
  const line = (lastChunk?.endLine ?? countLineBreaks(text, 0, text.length)) + 1;
  let lineStart = text.length;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  return { line, column: text.length - lineStart + 1, offset: text.length };
}

/** The whole text through the chunked parser in this thread, once: what the incremental parse must always equal. */
export function parseMarkdownDocument(text: string): Root {
  return runSync(new IncrementalMarkdown({ once: true }).update(text));
}

/** Drives the steps with the parser in this thread. */
export function runSync(steps: ParseSteps): Root {
  let step = steps.next();
  while (!step.done) step = steps.next(step.value.map(parseChunk));
  return step.value;
}
