import type { Nodes, Root } from 'mdast';
import { endOf, startOf, type Source } from './source';
import type { Link } from './types';

/** Sorted [start, end) offsets of text that is not prose. */
export type CodeSpans = Array<[number, number]>;

/**
 * One iterative walk over the whole tree (no recursion, so deep nesting cannot overflow the stack) collecting links,
 * images and definitions with their targets, and the spans that are code (code, inline code, front matter) or raw HTML
 * rather than prose.
 */
export function readInline(root: Root, source: Source): { links: Link[]; codeSpans: CodeSpans; htmlSpans: CodeSpans } {
  const links: Link[] = [];
  const codeSpans: CodeSpans = [];
  const htmlSpans: CodeSpans = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'yaml':
        codeSpans.push([startOf(node), endOf(node)]);
        continue;
      case 'html':
        htmlSpans.push([startOf(node), endOf(node)]);
        continue;
      case 'link':
      case 'image':
      case 'definition':
        links.push({ url: node.url, kind: node.type === 'image' ? 'image' : 'link', range: source.nodeRange(node) });
        break;
      default:
        break;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  codeSpans.sort((a, b) => a[0] - b[0]);
  htmlSpans.sort((a, b) => a[0] - b[0]);
  return { links, codeSpans, htmlSpans };
}

/** Whether [start, end) overlaps any of the spans. */
export function inCode(codeSpans: CodeSpans, start: number, end: number): boolean {
  let low = 0;
  let high = codeSpans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [spanStart, spanEnd] = codeSpans[mid]!;
    if (spanEnd <= start) low = mid + 1;
    else if (spanStart >= end) high = mid - 1;
    else return true;
  }
  return false;
}

/**
 * `inCode` for offsets asked in increasing order, each for [at, at + 1): one pass over the spans for a whole text
 * rather than a search per offset (a 500 KB timeline has thousands of spans and of offsets to ask about).
 */
export function spanWalker(spans: CodeSpans): (at: number) => boolean {
  let next = 0;
  return (at) => {
    while (next < spans.length && spans[next]![1] <= at) next++;
    return next < spans.length && spans[next]![0] <= at;
  };
}
