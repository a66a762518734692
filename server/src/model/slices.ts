import type { Nodes, PhrasingContent, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * Markdown constructs that mean something else (or nothing) in reStructuredText and plain text: `#` and underlined
 * headings, indented and fenced code, `>` quotes, HTML, `[x]: url` definitions and `[x](url)` links. Without them a
 * slice of RST or plain text reads as paragraphs and lists, with `*emphasis*`, `**strong**` and ``code`` as in both.
 * Indented code being off also lets list markers and paragraphs sit at any indentation.
 */
const markdownOnly = [
  'headingAtx',
  'setextUnderline',
  'codeIndented',
  'codeFenced',
  'blockQuote',
  'htmlFlow',
  'htmlText',
  'thematicBreak',
  'definition',
  'labelStartLink',
  'labelStartImage',
];

// Full GFM here: in reStructuredText a bare URL is a link (a "standalone hyperlink"), as a GFM literal autolink is.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(function disableMarkdownOnlySyntax() {
    const data = this.data();
    (data.micromarkExtensions ??= []).push({ disable: { null: markdownOnly } });
  });

/** The text split into lines: where each starts and ends (before its line break), and its indentation in columns. */
export class Lines {
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    let start = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.starts.push(start);
      this.ends.push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.starts.push(start);
    this.ends.push(length);
  }

  get count(): number {
    return this.starts.length;
  }

  line(index: number): string {
    return this.text.slice(this.starts[index]!, this.ends[index]!);
  }

  isBlank(index: number): boolean {
    for (let i = this.starts[index]!; i < this.ends[index]!; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 12 && c !== 11) return false;
    }
    return true;
  }

  /** Leading whitespace in columns, tabs to the next multiple of 8 as docutils counts them. */
  indent(index: number): number {
    let column = 0;
    for (let i = this.starts[index]!; i < this.ends[index]!; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 32) column++;
      else if (c === 9) column += 8 - (column % 8);
      else break;
    }
    return column;
  }

  /** Offset of the first non-blank character of the line (its end when it is blank). */
  contentStart(index: number): number {
    let i = this.starts[index]!;
    while (i < this.ends[index]! && /[ \t]/.test(this.text[i]!)) i++;
    return i;
  }

  /** Offset just after the last non-blank character of the line. */
  contentEnd(index: number): number {
    let i = this.ends[index]!;
    while (i > this.starts[index]! && /[ \t]/.test(this.text[i - 1]!)) i--;
    return i;
  }

  /** The line an offset is on, by binary search. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  point(offset: number): { line: number; column: number; offset: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1, offset };
  }

  position(start: number, end: number): { start: ReturnType<Lines['point']>; end: ReturnType<Lines['point']> } {
    return { start: this.point(start), end: this.point(end) };
  }
}

/**
 * Parses `text.slice(start, end)` as Markdown without the Markdown-only constructs, with every position moved to
 * where it is in the whole text. `rewrite` may replace characters of the slice with others, one for one, before
 * parsing (offsets stay right; what the replacements mean is the caller's business).
 */
export function parseSlice(lines: Lines, start: number, end: number, rewrite?: (slice: string) => string): Root {
  const slice = lines.text.slice(start, end);
  const root = processor.parse(rewrite ? rewrite(slice) : slice);
  shiftPositions(root, lines, start);
  return root;
}

// What may start inline markup: emphasis, code, escapes, references, entities, autolinks (`<…>`, `www.`, `x@y`, `h:`).
const inlineMarkup = /[*_`\\[\]<>&~!@:]|www\./i;

/** The inline content of `text.slice(start, end)` (one line or a few): its phrasing nodes, or one text node. */
export function parseInline(lines: Lines, start: number, end: number, rewrite?: (slice: string) => string): PhrasingContent[] {
  if (end <= start) return [];
  // Most titles and table cells hold no markup at all: no need to run the parser for them.
  if (!inlineMarkup.test(lines.text.slice(start, end))) {
    return [{ type: 'text', value: lines.text.slice(start, end), position: lines.position(start, end) }];
  }
  const root = parseSlice(lines, start, end, rewrite);
  const only = root.children[0];
  if (root.children.length === 1 && only?.type === 'paragraph') return only.children;
  return [{ type: 'text', value: lines.text.slice(start, end), position: lines.position(start, end) }];
}

/** Moves positions from the slice's coordinates to the whole text's; an iterative walk, so depth cannot overflow. */
function shiftPositions(root: Root, lines: Lines, base: number): void {
  const firstLine = lines.lineOf(base);
  const firstColumn = base - lines.starts[firstLine]!;
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = node.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        if (point.line === 1) point.column += firstColumn;
        point.line += firstLine;
        if (point.offset !== undefined) point.offset += base;
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
}
