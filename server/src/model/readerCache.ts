/**
 * The model readers, remembering what they read per top-level block (or per region, for the timeline) so that after
 * an incremental parse only the blocks the edit replaced are read again. A kept block's nodes are the same objects,
 * moved: its results are moved the same way (lines for ranges, offsets for spans) and its section recomputed. Without
 * a cache every reader runs as usual; test/unit/incremental.test.ts checks both give the same model.
 */
import type { List, Root, RootContent } from 'mdast';
import type { Range } from 'vscode-languageserver-types';
import { readFrontMatter } from './frontMatter';
import { readInline, type CodeSpans } from './inline';
import { readActionItems } from './lists';
import { sectionAt } from './sections';
import { startOf, type Source } from './source';
import { SearchCache } from './textSearch';
import { TimelineCache } from './timeline';
import type { ActionItem, FrontMatter, Link, Section, Why } from './types';
import { isFiveWhysSection, readWhys } from './whys';

interface Placed<T> {
  line: number;
  offset: number;
  value: T;
}

interface Inline {
  links: Link[];
  codeSpans: CodeSpans;
  htmlSpans: CodeSpans;
}

export class ReaderCache {
  readonly timeline = new TimelineCache();
  readonly search = new SearchCache();
  private readonly inline = new WeakMap<RootContent, Placed<Inline>>();
  private readonly actions = new WeakMap<RootContent, Placed<ActionItem[]>>();
  private readonly whys = new WeakMap<RootContent, Placed<{ nodes: RootContent[]; whys: Why[]; section: number }>>();
  private frontMatter: { node: RootContent; value: FrontMatter | undefined } | undefined;

  readFrontMatter(root: Root, source: Source): FrontMatter | undefined {
    const node = root.children[0];
    // Front matter is only ever the first node, at the top: the same node reads the same.
    if (node?.type === 'yaml' && this.frontMatter?.node === node) return this.frontMatter.value;
    const value = readFrontMatter(root, source);
    this.frontMatter = node?.type === 'yaml' ? { node, value } : undefined;
    return value;
  }

  readInline(root: Root, source: Source): Inline {
    const links: Link[] = [];
    const codeSpans: CodeSpans = [];
    const htmlSpans: CodeSpans = [];
    for (const node of root.children) {
      const { lines, offsets, value } = this.place(this.inline, node, () => readInline({ type: 'root', children: [node] }, source));
      for (const link of value.links) links.push(lines === 0 ? link : { ...link, range: moveRange(link.range, lines) });
      for (const [start, end] of value.codeSpans) codeSpans.push(offsets === 0 ? [start, end] : [start + offsets, end + offsets]);
      for (const [start, end] of value.htmlSpans) htmlSpans.push(offsets === 0 ? [start, end] : [start + offsets, end + offsets]);
    }
    return { links, codeSpans, htmlSpans };
  }

  readActionItems(root: Root, sections: readonly Section[], source: Source): ActionItem[] {
    const items: ActionItem[] = [];
    for (const node of root.children) {
      if (node.type !== 'list') continue;
      const { lines, value } = this.place(this.actions, node, () => readActionItems({ type: 'root', children: [node as List] }, sections, source));
      for (const item of value) {
        const range = moveRange(item.range, lines);
        const section = sectionAt(sections, range.start.line);
        if (lines === 0 && section === item.section) {
          items.push(item);
          continue;
        }
        const { section: _old, ...rest } = item;
        items.push({ ...rest, range, ...(section !== undefined ? { section } : {}) });
      }
    }
    return items;
  }

  /** The five whys, read per five-whys section from that section's blocks. */
  readWhys(root: Root, sections: readonly Section[], source: Source): Why[] {
    const whys: Why[] = [];
    const children = root.children;
    let next = 0;
    sections.forEach((section, index) => {
      if (!isFiveWhysSection(section)) return;
      const start = source.document.offsetAt(section.range.start);
      const end = source.document.offsetAt(section.fullRange.end);
      while (next < children.length && startOf(children[next]!) < start) next++;
      let last = next;
      while (last < children.length && startOf(children[last]!) < end) last++;
      const nodes = children.slice(next, last);
      const first = nodes[0];
      if (!first) return;
      const kept = this.whys.get(first);
      const same = kept && kept.value.nodes.length === nodes.length && kept.value.nodes.every((node, n) => node === nodes[n]);
      if (!same) {
        // The section alone: readWhys finds its blocks by offset, and no other five-whys section's.
        const value = { nodes, section: index, whys: readWhys({ type: 'root', children: nodes }, sections, source).filter((why) => why.section === index) };
        this.whys.set(first, { line: first.position?.start.line ?? 0, offset: startOf(first), value });
        whys.push(...value.whys);
        return;
      }
      const lines = (first.position?.start.line ?? 0) - kept.line;
      for (const why of kept.value.whys) whys.push(lines === 0 && index === why.section ? why : { ...why, range: moveRange(why.range, lines), section: index });
    });
    return whys;
  }

  /** The value read for a block, read now or kept from before, with how far the block moved since it was read. */
  private place<T>(map: WeakMap<RootContent, Placed<T>>, node: RootContent, read: () => T): { lines: number; offsets: number; value: T } {
    const line = node.position?.start.line ?? 0;
    const offset = startOf(node);
    const kept = map.get(node);
    if (kept) return { lines: line - kept.line, offsets: offset - kept.offset, value: kept.value };
    const value = read();
    map.set(node, { line, offset, value });
    return { lines: 0, offsets: 0, value };
  }
}

function moveRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}
