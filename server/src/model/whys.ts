import type { Root, RootContent } from 'mdast';
import { plainText } from '../templates/template';
import { endOf, startOf, type Source } from './source';
import type { Section, Why } from './types';

// `**Why?**`, `Why?`, `Why did …`: the start of one step of a five-whys chain.
const whyMarker = /^[\s*_]*why\b/i;

/** Whether a section is a five-whys analysis, by its template match or its heading. */
export function isFiveWhysSection(section: Section): boolean {
  const names = section.match?.names ?? [];
  return names.some((name) => /\b(five|5) whys\b/.test(name)) || /\b(five|5)\s+why/i.test(section.heading);
}

/**
 * The steps of each five-whys section: list items, paragraphs or sub-headings that start with "Why"; where none do,
 * the list items themselves (a numbered chain without markers).
 */
export function readWhys(root: Root, sections: readonly Section[], source: Source): Why[] {
  const whys: Why[] = [];
  sections.forEach((section, index) => {
    if (!isFiveWhysSection(section)) return;
    const start = source.document.offsetAt(section.range.start);
    const end = source.document.offsetAt(section.fullRange.end);
    const blocks = root.children.filter((node) => startOf(node) > start && endOf(node) <= end);
    const candidates: Array<{ node: RootContent; marked: boolean }> = [];
    for (const block of blocks) {
      if (block.type === 'list') {
        for (const item of block.children) candidates.push({ node: item, marked: whyMarker.test(plainText(item)) });
      } else if (block.type === 'paragraph' || block.type === 'heading') {
        if (whyMarker.test(plainText(block))) candidates.push({ node: block, marked: true });
      }
    }
    const marked = candidates.filter((c) => c.marked);
    const steps = marked.length > 0 ? marked : candidates.filter((c) => c.node.type === 'listItem').slice(1);
    for (const { node } of steps) whys.push({ range: source.nodeRange(node), text: plainText(node), section: index });
  });
  return whys;
}
