/**
 * Where a Markdown document can be cut into chunks that each parse alone to exactly what the whole document's parse
 * has in their place: before ATX headings, before a line that follows a blank line, and between the items of a tight
 * top-level bullet list. A cheap line scan proposes the cuts; `cutIsSafe` checks each one against the parse of the
 * chunk before it, so a wrong guess of the scan (a fence it did not see, HTML it misread) costs a merge, never a
 * wrong tree.
 */
import type { Nodes, Root, RootContent } from 'mdast';

export interface Chunk {
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /** The YAML front matter at the top of the document: it is parsed with front matter on, and only there. */
  frontMatter?: boolean;
}

interface Line {
  start: number;
  /** Before the line break. */
  end: number;
  /** After the line break. */
  next: number;
}

function lineAt(text: string, start: number): Line {
  let i = start;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 10) return { start, end: i, next: i + 1 };
    if (c === 13) return { start, end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { start, end: length, next: length };
}

/** Spaces and tabs only, as micromark counts blank lines. */
export function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Leading whitespace in columns (tab stops of 4, as CommonMark), and where the content starts. */
function indentOf(text: string, start: number, end: number): { columns: number; content: number } {
  let columns = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else break;
  }
  return { columns, content: i };
}

const atxHeading = /^#{1,6}(?:[ \t]|$)/;
const fenceOpen = /^(`{3,}|~{3,})(.*)$/;
const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const bulletItem = /^([-+*])(?:[ \t]+)(\S)/;
const orderedItem = /^\d{1,9}([.)])(?:[ \t]+|$)/;
const frontMatterFence = /^---[ \t]*$/;
const htmlBlockStart = /^<(?:[A-Za-z/!?])/;
const htmlTerminators: Array<[RegExp, RegExp]> = [
  [/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** The bullet of a top-level bullet-list item line with content (`- x`), or undefined. */
export function bulletOf(line: string): string | undefined {
  if (thematicBreak.test(line)) return undefined;
  return bulletItem.exec(line)?.[1];
}

/**
 * Whether a chunk may start at `start` (a line start), given what ends the chunk before it: the line is not indented
 * and is an ATX heading, follows a blank line, or continues the previous chunk's top-level bullet list (`listBullet`).
 */
export function canStartChunk(text: string, start: number, previousEndsBlank: boolean, listBullet: string | undefined): boolean {
  const { end } = lineAt(text, start);
  if (end === start) return false;
  const first = text.charCodeAt(start);
  // micromark drops a byte order mark that starts its input: only the document's own start may have one.
  if (first === 32 || first === 9 || first === 0xfeff) return false;
  const line = text.slice(start, Math.min(end, start + 64));
  if (atxHeading.test(line)) return true;
  if (previousEndsBlank) return !isBlankLine(text, start, end);
  return listBullet !== undefined && bulletOf(line) === listBullet;
}

/** Whether the text just before `offset` (a line start) is a blank line. */
export function endsWithBlankLine(text: string, from: number, offset: number): boolean {
  if (offset <= from) return false;
  let i = offset - 1;
  const last = text.charCodeAt(i);
  if (last !== 10 && last !== 13) return false;
  if (last === 10 && i > from && text.charCodeAt(i - 1) === 13) i--;
  const lineEnd = i;
  if (lineEnd < from) return false;
  let start = lineEnd;
  while (start > from && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  return isBlankLine(text, start, lineEnd);
}

/** Where the YAML front matter at the top ends (the start of the line after its closing fence), if there is one. */
export function frontMatterEnd(text: string, from: number): number | undefined {
  const first = lineAt(text, from);
  if (!frontMatterFence.test(text.slice(first.start, first.end)) || first.next === first.end) return undefined;
  let line = lineAt(text, first.next);
  for (;;) {
    if (frontMatterFence.test(text.slice(line.start, line.end))) return line.next;
    if (line.next === line.end) return undefined;
    line = lineAt(text, line.next);
  }
}

export interface Scan {
  chunks: Chunk[];
  /** Where the scan stopped: `to`, or one of the `stops`. */
  end: number;
  /** Line breaks between `from` and `end`. */
  lineBreaks: number;
}

/** Cuts other than headings are made only once a chunk has this many characters: each parse call costs a little. */
export const MIN_CHUNK = 256;

export interface ScanStart {
  /** 0-based line of `from`. */
  line: number;
  /** Smallest chunk worth a cut of its own (default `MIN_CHUNK`); stops are cut at regardless. */
  minChunk?: number;
  /** `from` is the start of the document: front matter may open there. */
  documentStart: boolean;
  /**
   * Offsets (ascending, after `from`) where the scan may stop early: starts of chunks kept from the previous version.
   * It stops at the first one that it would cut at anyway.
   */
  stops?: readonly number[];
}

/** Proposes chunks covering `[from, to)`; `from` must be a line start where a chunk may begin. */
export function scanChunks(text: string, from: number, to: number, start: ScanStart): Scan {
  const chunks: Chunk[] = [];
  let chunkStart = from;
  let chunkLine = start.line;
  let lineNumber = start.line;
  let offset = from;
  const stops = start.stops ?? [];
  let stopIndex = 0;
  const minChunk = start.minChunk ?? MIN_CHUNK;

  if (start.documentStart) {
    const body = text.charCodeAt(from) === 0xfeff ? from + 1 : from;
    const end = frontMatterEnd(text, body);
    if (end !== undefined && end <= to) {
      chunks.push({ start: from, end, line: start.line, frontMatter: true });
      lineNumber += countLineBreaks(text, from, end);
      chunkStart = end;
      chunkLine = lineNumber;
      offset = end;
    }
  }

  let fence: { marker: number; length: number } | undefined;
  let html: RegExp | 'blank' | undefined;
  let previousBlank = false;
  // The innermost open top-level list item: its bullet and the column its content starts at.
  let item: { bullet: string | undefined; contentColumn: number } | undefined;

  while (offset < to) {
    while (stopIndex < stops.length && stops[stopIndex]! < offset) stopIndex++;
    const line = lineAt(text, offset);
    const blank = isBlankLine(text, line.start, line.end);
    if (fence) {
      const { columns, content } = indentOf(text, line.start, line.end);
      if (columns <= 3 && closesFence(text.slice(content, line.end), fence)) fence = undefined;
    } else if (html) {
      if (html === 'blank' ? blank : html.test(text.slice(line.start, line.end))) html = undefined;
      // A blank line ends the block and is not part of it: let it count as one below.
      if (blank) previousBlank = true;
    } else if (blank) {
      previousBlank = true;
    } else {
      const { columns, content } = indentOf(text, line.start, line.end);
      const rest = text.slice(content, Math.min(line.end, content + 256));
      const insideItem = item !== undefined && columns >= item.contentColumn;
      if (columns === 0 && offset > chunkStart && text.charCodeAt(offset) !== 0xfeff) {
        // Headings always cut (sections are the natural unit of an edit); blank lines and list items once the
        // chunk is large enough to be worth a parse call of its own.
        const heading = atxHeading.test(rest);
        const cut = heading || previousBlank || (item?.bullet !== undefined && bulletOf(rest) === item.bullet);
        const atStop = stopIndex < stops.length && stops[stopIndex] === offset;
        if (cut && (atStop || heading || offset - chunkStart >= minChunk)) {
          if (atStop) {
            return { chunks: [...chunks, { start: chunkStart, end: offset, line: chunkLine }], end: offset, lineBreaks: lineNumber - start.line };
          }
          chunks.push({ start: chunkStart, end: offset, line: chunkLine });
          chunkStart = offset;
          chunkLine = lineNumber;
        }
      }
      if (!insideItem && columns <= 3) {
        const opened = fenceOpen.exec(rest);
        if (opened && !(opened[1]![0] === '`' && opened[2]!.includes('`'))) {
          fence = { marker: opened[1]!.charCodeAt(0), length: opened[1]!.length };
          item = undefined;
        } else if (htmlBlockStart.test(rest)) {
          const kind = htmlTerminators.find(([open]) => open.test(rest));
          html = kind ? kind[1] : 'blank';
          // Types 1–5 may close on their first line.
          if (kind && kind[1].test(rest.slice(2))) html = undefined;
          item = undefined;
        } else {
          const bullet = bulletOf(rest);
          const ordered = bullet === undefined && !thematicBreak.test(rest) ? orderedItem.exec(rest) : null;
          if (bullet !== undefined || ordered) {
            const markerEnd = content + (bullet !== undefined ? 1 : ordered![0].trimEnd().length);
            const after = indentOf(text, markerEnd, line.end);
            const spaces = after.columns;
            const contentColumn = columns + (markerEnd - content) + (spaces >= 5 || after.content === line.end ? 1 : spaces);
            item = { bullet, contentColumn };
          } else if (columns < (item?.contentColumn ?? 0)) {
            item = undefined;
          }
        }
      }
      previousBlank = false;
    }
    if (line.next === line.end) {
      offset = text.length;
      break;
    }
    offset = line.next;
    lineNumber++;
  }
  const end = Math.min(Math.max(offset, chunkStart), to);
  if (end > chunkStart || chunks.length === 0) chunks.push({ start: chunkStart, end: Math.max(end, chunkStart), line: chunkLine });
  return { chunks, end: Math.max(end, from), lineBreaks: lineNumber - start.line };
}

function closesFence(rest: string, fence: { marker: number; length: number }): boolean {
  let i = 0;
  while (rest.charCodeAt(i) === fence.marker) i++;
  return i >= fence.length && isBlankLine(rest, i, rest.length);
}

export function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      count++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return count;
}

/**
 * Whether nothing the chunk's parse leaves open at its end can take in the lines after it: no unclosed fenced code,
 * no HTML block still waiting for its terminator or (without a blank line after it) for a blank line. An HTML block
 * that waits for a blank line inside a list item is closed: the next chunk's first line is never indented
 * (`canStartChunk`), so it ends the item and all in it. `text` is the chunk's own text and `tree` its parse, whose
 * offsets are `base` more than the chunk's.
 */
export function endsClosed(text: string, tree: Root, base = 0): boolean {
  const endsBlank = endsWithBlankLine(text, 0, text.length);
  let node: Nodes | undefined = tree;
  let parentType = 'root';
  while (node && 'children' in node && node.children.length > 0) {
    const last: RootContent = node.children[node.children.length - 1]!;
    // Indented code stays open across blank lines (micromark then reads the next line as interrupting it, so `3.`
    // cannot start a list there); an unclosed fence takes in everything after it.
    if (last.type === 'code' && (!isFenced(text, last, base) || !fenceIsClosed(text, last, base))) return false;
    if (last.type === 'html' && (parentType === 'root' || node.type === 'listItem' || node.type === 'blockquote' || node.type === 'footnoteDefinition')) {
      const kind = htmlTerminators.find(([open]) => open.test(last.value.trimStart()));
      if (kind && !kind[1].test(last.value.trimStart().slice(2))) return false;
      // A list of `- <fill in>` items was cut after every such item as unsafe, merged and parsed again: 60,000 of them
      // took the server 75 s a keystroke.
      if (!endsBlank && node.type !== 'listItem') return false;
    }
    parentType = node.type;
    node = last;
  }
  return true;
}

function isFenced(text: string, node: RootContent, base: number): boolean {
  const start = (node.position?.start.offset ?? 0) - base;
  return /^(`{3,}|~{3,})/.test(text.slice(start, start + 3));
}

/** A fenced code block whose last line is a closing fence as long as its opening one; indented code is always closed. */
function fenceIsClosed(text: string, node: RootContent, base: number): boolean {
  const start = (node.position?.start.offset ?? 0) - base;
  const end = (node.position?.end.offset ?? 0) - base;
  const opening = /^(`{3,}|~{3,})/.exec(text.slice(start, Math.min(end, start + 1024)));
  if (!opening) return true;
  let lastStart = end;
  while (lastStart > start && text.charCodeAt(lastStart - 1) !== 10 && text.charCodeAt(lastStart - 1) !== 13) lastStart--;
  if (lastStart <= start) return false;
  const last = text.slice(lastStart, end).replace(/^[ \t>]*/, '');
  return closesFence(last, { marker: opening[1]!.charCodeAt(0), length: opening[1]!.length });
}
