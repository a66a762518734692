import type { Node, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkGfmWithoutAutolinks } from './gfm';

/**
 * The remark pipeline every Markdown parse goes through: GFM (gfm.ts) for task lists and tables (`tables: false` for
 * text that cannot hold one), and YAML front matter as its own node so its text never reads as headings (only for
 * text at the top of a document).
 */
export function markdownProcessor({ frontMatter, tables }: { frontMatter: boolean; tables: boolean }) {
  const markdown = unified().use(remarkParse).use(remarkGfmWithoutAutolinks, { tables });
  return frontMatter ? markdown.use(remarkFrontmatter, ['yaml']) : markdown;
}

const processor = markdownProcessor({ frontMatter: true, tables: true });

/** Markdown → mdast. Positions carry UTF-16 offsets into `text`. */
export function parseMarkdown(text: string): Root {
  const root = processor.parse(text);
  // micromark drops a leading byte order mark, so its offsets would be one short of the text's; put them back.
  if (text.charCodeAt(0) === 0xfeff) shiftOffsets(root, 1);
  return root;
}

/** Moves every position in the tree `by` code units, iteratively so deep nesting cannot overflow the stack. */
function shiftOffsets(root: Root, by: number): void {
  const stack: Node[] = [root];
  const moved = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const point of [node.position?.start, node.position?.end]) {
      if (point?.offset === undefined || moved.has(point)) continue;
      moved.add(point);
      point.offset += by;
      if (point.line === 1) point.column += by;
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) stack.push(child);
  }
}
