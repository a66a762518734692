import type { Blockquote, Code, Heading, Html, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow, Text } from 'mdast';
import { Lines, parseInline, parseSlice } from './slices';

export interface RstOptions {
  /** Whether a title names a template section: a first title that does is a section, and the document has no title. */
  isSectionName?: (title: string) => boolean;
}

/** Deeper block quotes are read as plain paragraphs: nesting is bounded whatever the input. */
const MAX_NESTING = 16;
const MAX_DEPTH = 6;

// A line of one repeated punctuation character (`=====`, `~~~~`): a title's underline or overline, or a transition.
const adornment = /^([!-/:-@[-`{-~])\1*[ \t]*$/;
// `.. name:: argument` and `.. |substitution| name:: argument`.
const directive = /^\.\.[ \t]+(?:\|[^|]*\|[ \t]+)?([A-Za-z0-9][\w.:+-]*?)[ \t]*::(?:[ \t]+|$)/;
// `.. _label: https://…`, `.. _`label with spaces`: url`, `.. __: url`.
const target = /^\.\.[ \t]+_(`[^`]*`|[^:`]*|_):(?:[ \t]+|$)/;
const explicitStart = /^\.\.(?:[ \t]|$)/;
const option = /^:[^:\s][^:]*:(?:[ \t]|$)/;
// `- `, `* `, `+ `, `• `, `1. `, `1) `, `(1) `, `#. `, `a. `: a line that starts a list item.
const listItemStart = /^(?:[-*+•‣⁃]|\(?(?:\d+|#|[A-Za-z])[.)])(?:[ \t]|$)/;
const simpleTableBorder = /^=+(?:[ \t]+=+)+[ \t]*$/;
const gridTableBorder = /^\+(?:[-=]+\+)+[ \t]*$/;

const codeDirectives = new Set(['code', 'code-block', 'sourcecode', 'literalinclude', 'math', 'parsed-literal']);
const imageDirectives = new Set(['image', 'figure']);
// Directives whose body is prose a reader reads (admonitions and containers): it is checked like any paragraph.
const proseDirectives = new Set([
  'attention', 'caution', 'danger', 'error', 'hint', 'important', 'note', 'tip', 'warning', 'admonition', 'seealso',
  'topic', 'sidebar', 'epigraph', 'highlights', 'pull-quote', 'compound', 'container', 'versionadded',
  'versionchanged', 'deprecated', 'todo',
]);

// Stand-ins for the underscores after an RST reference (`text <url>`__), one character for one, so Markdown cannot
// pair them into emphasis before they are read back.
const REFERENCE_MARK = '\ue000';
const reference = /(?<![`\\])`([^`]+)`(__?)(?![\p{L}\p{N}_])/gu;
const autoEnumerator = /^([ \t]*)#\.(?=[ \t])/gm;

/**
 * reStructuredText → mdast, every position an offset into `text` itself, so the Markdown readers, rules and features
 * work on RST unchanged. A line scanner finds RST's block structure (titles by adornment, directives, comments and
 * targets, literal blocks, block quotes, simple tables); the prose between them (paragraphs, bullet and enumerated
 * lists, `**strong**`, `*emphasis*`, ``literals``) is parsed by remark slice by slice, which reads them the same way.
 * Directive bodies become `code` or `html` nodes so text rules skip them; comments and targets become HTML comments.
 * Title levels follow docutils: each adornment style gets the next level the first time it is seen; the first title
 * is the document's (depth 1), the next style depth 2, and so on.
 */
export function parseRst(text: string, options: RstOptions = {}): Root {
  const lines = new Lines(text);
  const styles = new Map<string, number>();
  let titleSeen = false;
  const children = scan(0, lines.count, 0, 0);
  return { type: 'root', children, position: lines.position(0, text.length) };

  function scan(from: number, to: number, base: number, nesting: number): RootContent[] {
    const out: RootContent[] = [];
    let chunkStart = -1;
    let chunkEnd = -1;
    let listOpen = false;
    let literalPending = false;
    // Whether the line before is blank or ends a block: where a title or a new paragraph may start.
    let atBlockStart = true;
    let i = from;

    const flush = (): void => {
      if (chunkStart < 0) return;
      out.push(...prose(lines.starts[chunkStart]!, lines.ends[chunkEnd]!));
      chunkStart = -1;
      listOpen = false;
    };
    const addToChunk = (line: number): void => {
      if (chunkStart < 0) chunkStart = line;
      chunkEnd = line;
    };

    while (i < to) {
      if (lines.isBlank(i)) {
        if (i > from && !lines.isBlank(i - 1) && chunkStart >= 0 && chunkEnd === i - 1 && lines.line(i - 1).trimEnd().endsWith('::')) {
          literalPending = true;
        }
        atBlockStart = true;
        i++;
        continue;
      }
      const indent = lines.indent(i);
      const content = text.slice(lines.contentStart(i), lines.ends[i]);
      const literal = literalPending;
      literalPending = false;

      if (indent > base) {
        if (chunkStart >= 0 && !atBlockStart) {
          // A continuation line of a paragraph or list item (the corpus indents them by one space).
          addToChunk(i);
          i++;
          continue;
        }
        if (literal) {
          flush();
          const end = indentedEnd(i, to, base);
          out.push(codeNode(i, end, null));
          i = end;
          atBlockStart = true;
          continue;
        }
        if (chunkStart >= 0 && listOpen && !explicitStart.test(content)) {
          // The body of a list item (its next paragraph or a nested list), read with the list.
          addToChunk(i);
          atBlockStart = false;
          i++;
          continue;
        }
        flush();
        if (explicitStart.test(content)) {
          const end = indentedEnd(i, to, indent);
          out.push(explicitBlock(i, end, nesting));
          i = end;
        } else {
          const end = indentedEnd(i, to, base);
          out.push(nesting < MAX_NESTING ? blockquote(i, end, nesting) : proseBlock(i, end));
          i = end;
        }
        atBlockStart = true;
        continue;
      }

      if (explicitStart.test(content)) {
        flush();
        const end = indentedEnd(i, to, indent);
        out.push(explicitBlock(i, end, nesting));
        i = end;
        atBlockStart = true;
        continue;
      }
      if (atBlockStart && content.trimEnd() === '::') {
        // The expanded form of a literal block: the `::` paragraph itself vanishes, the indented block is code.
        flush();
        out.push(htmlNode(lines.contentStart(i), lines.contentEnd(i), comment('::')));
        literalPending = true;
        i++;
        atBlockStart = true;
        continue;
      }
      if (atBlockStart && base === 0) {
        const title = readTitle(i, to);
        if (title) {
          flush();
          out.push(title.heading);
          i = title.next;
          atBlockStart = true;
          continue;
        }
      }
      if (atBlockStart && simpleTableBorder.test(content)) {
        const end = simpleTableEnd(i, to);
        if (end > i) {
          flush();
          out.push(simpleTable(i, end));
          i = end;
          atBlockStart = true;
          continue;
        }
      }
      if (atBlockStart && gridTableBorder.test(content)) {
        flush();
        let end = i + 1;
        while (end < to && !lines.isBlank(end) && /^[+|]/.test(text.slice(lines.contentStart(end), lines.ends[end]))) end++;
        out.push(htmlNode(lines.starts[i]!, lines.ends[end - 1]!, text.slice(lines.starts[i]!, lines.ends[end - 1]!)));
        i = end;
        atBlockStart = true;
        continue;
      }
      if (atBlockStart && adornmentOf(i) && i + 1 < to && adornmentOf(i + 1)) {
        // Lines of punctuation that make no title: rules drawn as separators, or junk; not prose either way.
        flush();
        let end = i + 1;
        while (end < to && adornmentOf(end)) end++;
        out.push(htmlNode(lines.starts[i]!, lines.contentEnd(end - 1), text.slice(lines.starts[i]!, lines.contentEnd(end - 1))));
        i = end;
        continue;
      }
      if (atBlockStart && isTransition(i, to)) {
        flush();
        out.push({ type: 'thematicBreak', position: lines.position(lines.starts[i]!, lines.contentEnd(i)) });
        i++;
        continue;
      }
      // A paragraph that starts with a bullet opens a list; one that does not closes it.
      const bullet = listItemStart.test(content);
      if (atBlockStart || bullet) listOpen = bullet;
      addToChunk(i);
      atBlockStart = false;
      i++;
    }
    flush();
    return out;
  }

  /** After line `from`, the first line that is neither blank nor indented past `base`, with trailing blanks left out. */
  function indentedEnd(from: number, to: number, base: number): number {
    let end = from + 1;
    while (end < to && (lines.isBlank(end) || lines.indent(end) > base)) end++;
    while (end > from + 1 && lines.isBlank(end - 1)) end--;
    return end;
  }

  /** A directive, comment or target: its first line and the lines indented past its `..` (see `indentedEnd`). */
  function explicitBlock(from: number, end: number, nesting: number): RootContent {
    const start = lines.contentStart(from);
    const blockEnd = lines.contentEnd(end - 1);
    const first = text.slice(start, lines.ends[from]);
    const raw = text.slice(start, blockEnd);
    const found = directive.exec(first);
    if (!found) {
      const link = target.exec(first);
      if (link) {
        const url = (first.slice(link[0].length) + ' ' + bodyText(from + 1, end)).replace(/\s+/g, '');
        const label = link[1]!.replace(/^`|`$/g, '');
        if (url && !url.endsWith('_')) {
          return { type: 'definition', identifier: label.toLowerCase(), label, url, title: null, position: lines.position(start, blockEnd) };
        }
      }
      return htmlNode(start, blockEnd, comment(raw));
    }
    const name = found[1]!.toLowerCase();
    const argumentStart = start + found[0].length;
    const argument = text.slice(argumentStart, lines.ends[from]).trim();
    const bodyFrom = skipOptions(from + 1, end);
    if (codeDirectives.has(name)) return codeNode(from, end, argument || null, bodyFrom);
    if (imageDirectives.has(name)) {
      const alt = /(?:^|\n)[ \t]*:alt:[ \t]*(.*)/.exec(text.slice(lines.starts[from + 1] ?? blockEnd, blockEnd))?.[1]?.trim() ?? '';
      const position = lines.position(start, blockEnd);
      const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'image', url: argument, alt, title: null, position }], position };
      return paragraph;
    }
    if (proseDirectives.has(name) && nesting < MAX_NESTING) {
      const children: RootContent[] = [];
      if (argument) {
        const argumentEnd = lines.contentEnd(from);
        const at = text.indexOf(argument, argumentStart);
        children.push({ type: 'paragraph', children: inline(at, argumentEnd), position: lines.position(at, argumentEnd) });
      }
      if (bodyFrom < end) children.push(...bodyBlocks(bodyFrom, end, nesting));
      const quote: Blockquote = { type: 'blockquote', children: children as Blockquote['children'], position: lines.position(start, blockEnd) };
      return quote;
    }
    if (name === 'raw') return htmlNode(start, blockEnd, bodyText(bodyFrom, end));
    return htmlNode(start, blockEnd, raw);
  }

  /** The first line after a directive's `:option: value` lines. */
  function skipOptions(from: number, end: number): number {
    let line = from;
    while (line < end && !lines.isBlank(line) && option.test(text.slice(lines.contentStart(line), lines.ends[line]))) line++;
    return line;
  }

  function bodyBlocks(from: number, end: number, nesting: number): RootContent[] {
    let first = from;
    while (first < end && lines.isBlank(first)) first++;
    if (first >= end) return [];
    let base = Number.MAX_SAFE_INTEGER;
    for (let line = first; line < end; line++) if (!lines.isBlank(line)) base = Math.min(base, lines.indent(line));
    return scan(first, end, base, nesting + 1);
  }

  /** The text of lines [from, end) with their common indentation removed. */
  function bodyText(from: number, end: number): string {
    const body: string[] = [];
    let common = Number.MAX_SAFE_INTEGER;
    for (let line = from; line < end; line++) if (!lines.isBlank(line)) common = Math.min(common, lines.indent(line));
    for (let line = from; line < end; line++) body.push(lines.isBlank(line) ? '' : lines.line(line).replace(/^[ \t]*/, (lead) => lead.slice(Math.min(lead.length, common))));
    while (body.length > 0 && body[0] === '') body.shift();
    return body.join('\n');
  }

  function codeNode(from: number, end: number, lang: string | null, bodyFrom = from): Code {
    const start = lines.contentStart(from);
    const node: Code = { type: 'code', lang, meta: null, value: bodyText(bodyFrom, end), position: lines.position(start, lines.contentEnd(end - 1)) };
    return node;
  }

  function htmlNode(start: number, end: number, value: string): Html {
    return { type: 'html', value, position: lines.position(start, end) };
  }

  function blockquote(from: number, end: number, nesting: number): Blockquote {
    const children = bodyBlocks(from, end, nesting) as Blockquote['children'];
    return { type: 'blockquote', children, position: lines.position(lines.contentStart(from), lines.contentEnd(end - 1)) };
  }

  /** Past the nesting bound, indented text is one plain paragraph. */
  function proseBlock(from: number, end: number): RootContent {
    const start = lines.contentStart(from);
    const stop = lines.contentEnd(end - 1);
    const position = lines.position(start, stop);
    return { type: 'paragraph', children: [{ type: 'text', value: text.slice(start, stop), position }], position };
  }

  /** Paragraphs and lists, parsed by remark, with RST references read as links. */
  function prose(start: number, end: number): RootContent[] {
    const root = parseSlice(lines, start, end, rewriteRst);
    readReferences(root);
    return root.children;
  }

  /** Inline content (a title, a table cell, a directive's argument), RST references read as links. */
  function inline(start: number, end: number): PhrasingContent[] {
    const children = parseInline(lines, start, end, rewriteRst);
    readReferences({ type: 'root', children: [{ type: 'paragraph', children }] });
    return children;
  }

  function adornmentOf(line: number): { char: string; length: number } | undefined {
    if (line < 0 || line >= lines.count || lines.indent(line) !== 0 || lines.isBlank(line)) return undefined;
    const found = adornment.exec(lines.line(line));
    return found ? { char: found[1]!, length: lines.contentEnd(line) - lines.starts[line]! } : undefined;
  }

  function isTransition(line: number, to: number): boolean {
    const mark = adornmentOf(line);
    return mark !== undefined && mark.length >= 4 && (line + 1 >= to || lines.isBlank(line + 1));
  }

  /** A title at `line`: overline, text and underline, or text and underline. */
  function readTitle(line: number, to: number): { heading: Heading; next: number } | undefined {
    const over = adornmentOf(line);
    if (over) {
      const under = line + 2 < to ? adornmentOf(line + 2) : undefined;
      if (!under || under.char !== over.char || lines.isBlank(line + 1) || adornmentOf(line + 1)) return undefined;
      return { heading: heading(line + 1, `o${over.char}`), next: line + 3 };
    }
    if (line + 1 >= to || lines.indent(line) !== 0) return undefined;
    const under = adornmentOf(line + 1);
    if (!under) return undefined;
    const width = lines.contentEnd(line) - lines.starts[line]!;
    if (under.length < 3 && under.length < width) return undefined;
    if (explicitStart.test(lines.line(line))) return undefined;
    return { heading: heading(line, `u${under.char}`), next: line + 2 };
  }

  function heading(line: number, style: string): Heading {
    const start = lines.contentStart(line);
    const end = lines.contentEnd(line);
    const children = inline(start, end);
    let depth: number;
    if (!titleSeen && !options.isSectionName?.(text.slice(start, end))) {
      depth = 1;
    } else {
      if (!styles.has(style)) styles.set(style, styles.size);
      depth = Math.min(MAX_DEPTH, 2 + styles.get(style)!);
    }
    titleSeen = true;
    return { type: 'heading', depth: depth as Heading['depth'], children, position: lines.position(start, end) };
  }

  /** A simple table ends at a border followed by a blank line (or the end); one that never does is not a table. */
  function simpleTableEnd(from: number, to: number): number {
    for (let line = from + 1; line < to; line++) {
      if (lines.isBlank(line)) return from;
      if (simpleTableBorder.test(lines.line(line)) && (line + 1 >= to || lines.isBlank(line + 1))) return line + 1;
    }
    return from;
  }

  /** A simple table as an mdast table: columns from the top border, the rows above a middle border as the header. */
  function simpleTable(from: number, end: number): Table {
    const border = lines.line(from);
    const columns: number[] = [];
    for (const match of border.matchAll(/=+/g)) columns.push(match.index);
    const rows: TableRow[] = [];
    for (let line = from + 1; line < end - 1; line++) {
      const content = lines.line(line);
      if (simpleTableBorder.test(content) || lines.isBlank(line)) continue;
      // A line whose first column is blank continues the row above.
      if (rows.length > 0 && content.slice(0, columns[1] ?? content.length).trim() === '') {
        const last = rows[rows.length - 1]!;
        last.position!.end = lines.point(lines.contentEnd(line));
        continue;
      }
      const lineStart = lines.starts[line]!;
      const cells = columns.map((column, c) => {
        const next = c + 1 < columns.length ? columns[c + 1]! : content.length;
        let start = lineStart + Math.min(column, content.length);
        let stop = lineStart + Math.min(next, content.length);
        while (start < stop && /\s/.test(text[start]!)) start++;
        while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
        const cellStart = lineStart + Math.min(column, content.length);
        const cellEnd = lineStart + Math.min(next, content.length);
        return { type: 'tableCell' as const, children: inline(start, stop), position: lines.position(cellStart, cellEnd) };
      });
      rows.push({ type: 'tableRow', children: cells, position: lines.position(lineStart, lines.contentEnd(line)) });
    }
    return { type: 'table', align: columns.map(() => null), children: rows, position: lines.position(lines.starts[from]!, lines.contentEnd(end - 1)) };
  }
}

/** One-for-one rewrites before remark reads a slice: reference underscores set aside, `#.` read as `1.`. */
function rewriteRst(slice: string): string {
  let out = slice;
  if (out.includes('`')) out = out.replace(reference, (_m, body: string, underscores: string) => `\`${body}\`${REFERENCE_MARK.repeat(underscores.length)}`);
  if (out.includes('#.')) out = out.replace(autoEnumerator, '$11.');
  return out;
}

/** `` `text <url>`__ `` parsed as code followed by the set-aside underscores becomes a link to `url`. */
function readReferences(root: Root): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    const children = node.children as Nodes[];
    // Rebuilt rather than spliced, so a paragraph of thousands of references stays linear.
    const kept: Nodes[] = [];
    let changed = false;
    for (let k = 0; k < children.length; k++) {
      const child = children[k]!;
      const next = children[k + 1];
      if (child.type === 'inlineCode' && next?.type === 'text' && next.value.startsWith(REFERENCE_MARK)) {
        const marks = next.value.startsWith(REFERENCE_MARK + REFERENCE_MARK) ? 2 : 1;
        kept.push(referenceLink(child, marks));
        next.value = next.value.slice(marks);
        if (next.position) {
          next.position.start = { ...next.position.start, column: next.position.start.column + marks, offset: (next.position.start.offset ?? 0) + marks };
        }
        if (next.value === '') k++;
        changed = true;
        continue;
      }
      if (child.type === 'text' && child.value.includes(REFERENCE_MARK)) child.value = child.value.replaceAll(REFERENCE_MARK, '_');
      kept.push(child);
      stack.push(child);
    }
    if (changed) (node as { children: Nodes[] }).children = kept;
  }
}

function referenceLink(code: { value: string; position?: Nodes['position'] }, marks: number): PhrasingContent {
  // No `\s*` before `<`: with the lazy label it would backtrack over long runs of spaces.
  const written = /^([^<>]*)<([^<>]*)>$/.exec(code.value.trim());
  const label = (written ? written[1]! : code.value).replace(/\s+/g, ' ').trim();
  const url = written ? written[2]!.replace(/\s+/g, '') : `#${label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
  const position = code.position
    ? {
        start: code.position.start,
        end: { ...code.position.end, column: code.position.end.column + marks, offset: (code.position.end.offset ?? 0) + marks },
      }
    : undefined;
  const text: Text = { type: 'text', value: label || url, ...(code.position ? { position: code.position } : {}) };
  return { type: 'link', url, title: null, children: [text], ...(position ? { position } : {}) };
}

/**
 * Whether a block of explicit markup (a `..` line and the lines indented under it) is a comment or a target rather
 * than a directive: what the model holds as an HTML comment.
 */
export function isRstComment(block: string): boolean {
  return explicitStart.test(block) && !directive.test(block);
}

/** What an RST comment or target is to the Markdown readers: an HTML comment, so sections holding only it stay empty. */
function comment(raw: string): string {
  return `<!-- ${raw.replace(/-->/g, '-- >')} -->`;
}
