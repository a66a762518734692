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
export type LineSearch = (text: string, start: number, end: number) => TextMatch[];

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

  kept(search: LineSearch): WeakMap<object, readonly TextMatch[]> {
    let kept = this.found.get(search);
    if (!kept) this.found.set(search, (kept = new WeakMap()));
    return kept;
  }
}

export class TextSearch {
  constructor(
    private readonly text: string,
    private readonly blocks?: { list: readonly SearchBlock[]; cache: SearchCache },
  ) {}

  /** The search's matches in the whole text, in text order. */
  find(search: LineSearch): TextMatch[] {
    const text = this.text;
    if (!this.blocks) return search(text, 0, text.length);
    const kept = this.blocks.cache.kept(search);
    const matches: TextMatch[] = [];
    let searched = 0;
    for (const block of this.blocks.list) {
      const start = lineStartOf(text, block.start);
      // A block that shares a line with the one before is searched from where that one's lines end; what it finds
      // then depends on its neighbour, so it is not kept.
      const from = Math.max(start, searched);
      const to = lineEndOf(text, block.end);
      // Between blocks there should be only blank lines; anything else there is searched every time.
      if (!blank(text, searched, start)) matches.push(...search(text, searched, start));
      if (to <= from) continue;
      let found = from === start ? kept.get(block.key) : undefined;
      if (!found) {
        const fresh = search(text, from, to);
        found = fresh.length === 0 ? none : fresh.map((match) => ({ ...match, index: match.index - from }));
        if (from === start) kept.set(block.key, found);
      }
      for (const match of found) matches.push({ ...match, index: match.index + from });
      searched = to;
    }
    if (!blank(text, searched, text.length)) matches.push(...search(text, searched, text.length));
    return matches;
  }
}

function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13 && code !== 32 && code !== 9) return false;
  }
  return true;
}
