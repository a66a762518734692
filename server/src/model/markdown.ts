import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// GFM for task lists and tables; YAML front matter as its own node so its text never reads as headings.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Markdown → mdast. Positions carry UTF-16 offsets into `text`. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
