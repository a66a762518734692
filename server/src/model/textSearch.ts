/**
 * Searches of the document's text for phrases that never cross a line break (blameful wording, placeholders). With a
 * cache kept between versions of an incremental parse, the text is searched per top-level block and a kept block's
 * matches are reused, moved: a keystroke in a 500 KB document searches the blocks the parse replaced, not 500 KB.
 */
import type { Root, RootContent } from 'mdast';
import { endOf, lineEndOf, lineStartOf, startOf } from './source';

export interface TextMatch {
  /** Offset in the document's text. */
  index: number;
  text: string;
  /** Which of the search's patterns matched, for searches with several. */
  kind: number;
}

/**
 * Finds the matches in `text` from `start` to `end`, which are whole lines. It must find the same matches in any run of
 * whole lines as in the whole text, so a match may not cross a line break. A search is a module-level function: the
 * cache knows it by identity.
 */
export type LineSearch<T extends TextMatch = TextMatch> = (text: string, start: number, end: number) => T[];

const none: readonly TextMatch[] = Object.freeze([]);

/** A top-level block: where it is, and a key that stands for it while it lives (not the node, which holds its subtree). */
export interface SearchBlock {
  start: number;
  end: number;
  key: object;
}

/** What each search found per block, relative to the block's first line. */
export class SearchCache {
  private readonly keys = new WeakMap<RootContent, object>();
  private readonly found = new Map<LineSearch, WeakMap<object, readonly TextMatch[]>>();

  /**
   * The tree's top-level blocks. A model keeps these, not the tree: a tree is several times its text, and the models
   * of every open document live as long as the document.
   */
  blocksOf(root: Root): SearchBlock[] {
    return root.children.map((node) => {
      let key = this.keys.get(node);
      if (!key) this.keys.set(node, (key = {}));
      return { start: startOf(node), end: endOf(node), key };
    });
  }

  kept<T extends TextMatch>(search: LineSearch<T>): WeakMap<object, readonly T[]> {
    let kept = this.found.get(search);
    if (!kept) this.found.set(search, (kept = new WeakMap()));
    // The map holds only what `search` found: matches of its own type.
    return kept as WeakMap<object, readonly T[]>;
  }
}

export class TextSearch {
  constructor(
    private readonly text: string,
    private readonly blocks?: { list: readonly SearchBlock[]; cache: SearchCache },
  ) {}

  /** The search's matches in the whole text, in text order (a match's other fields are kept as it found them). */
  find<T extends TextMatch>(search: LineSearch<T>): T[] {
    const matches: T[] = [];
    this.each(search, (match, index) => matches.push({ ...match, index }));
    return matches;
  }

  /**
   * Each of the search's matches in text order, with its offset in the text: `match.index` is relative to its block
   * when the match is a kept one. Copies nothing, for callers that read thousands of matches per request.
   */
  each<T extends TextMatch>(search: LineSearch<T>, visit: (match: T, index: number) => void): void {
    const text = this.text;
    const whole = (start: number, end: number) => {
      for (const match of search(text, start, end)) visit(match, match.index);
    };
    if (!this.blocks) return whole(0, text.length);
    const kept = this.blocks.cache.kept(search);
    let searched = 0;
    for (const block of this.blocks.list) {
      const start = lineStartOf(text, block.start);
      // A block that shares a line with the one before is searched from where that one's lines end; what it finds
      // then depends on its neighbour, so it is not kept.
      const from = Math.max(start, searched);
      const to = lineEndOf(text, block.end);
      // Between blocks there should be only blank lines; anything else there is searched every time.
      if (!blank(text, searched, start)) whole(searched, start);
      if (to <= from) continue;
      let found = from === start ? kept.get(block.key) : undefined;
      if (!found) {
        const fresh = search(text, from, to);
        found = fresh.length === 0 ? (none as readonly T[]) : fresh.map((match) => ({ ...match, index: match.index - from }));
        if (from === start) kept.set(block.key, found);
      }
      for (let i = 0; i < found.length; i++) visit(found[i]!, found[i]!.index + from);
      searched = to;
    }
    if (!blank(text, searched, text.length)) whole(searched, text.length);
  }
}

function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13 && code !== 32 && code !== 9) return false;
  }
  return true;
}
