/**
 * Caps on the inputs micromark (under remark-parse) is super-linear on, applied before parsing as a rewrite of the
 * same length, so every offset stays true: thousands of emphasis or bracket delimiters in one paragraph (20 KB of
 * `*a` takes micromark 25 s), lists or quotes nested hundreds deep (500 levels: 11 s). Past a cap the extra markers
 * become look-alike characters that mean nothing to Markdown. Decisions are local to a line or a paragraph, never
 * crossing a blank line, a heading or a list item, so a chunk gives the same text alone as inside the whole document.
 * Ordinary postmortems never come near a cap, and then the text is returned as is.
 */

/** Container markers (`>`, list items) one line may open; deeper nesting is prose, not structure. */
export const MAX_NESTING = 32;
/** Columns of indentation before a list marker that still nest (two per level). */
const MAX_MARKER_COLUMN = 2 * MAX_NESTING;
/** Delimiter runs of one kind in one paragraph-like run of lines. */
export const MAX_DELIMITERS = 200;

const LOOKALIKE: Record<string, string> = {
  '*': '\u2217',
  _: '\uff3f',
  '~': '\u223c',
  '[': '\uff3b',
  ']': '\uff3d',
  '`': '\u02cb',
  '<': '\u2039',
  '>': '\u203a',
  '-': '\u2010',
  '+': '\uff0b',
  '.': '\uff0e',
  ')': '\uff09',
};

// Delimiter kinds counted per paragraph: emphasis, strikethrough, link brackets, code spans, raw HTML openings.
const KINDS = ['*', '_', '~', '[', ']', '`', '<'] as const;
type Kind = (typeof KINDS)[number];

interface LinePrefix {
  /** Offset of the line's content after container markers. */
  content: number;
  /** Offsets of marker characters past the nesting cap. */
  excess: number[];
  /** The line opens a list item (its content starts a new paragraph). */
  item: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function readPrefix(text: string, start: number, end: number): LinePrefix {
  let i = start;
  let depth = 0;
  let column = 0;
  let item = false;
  const excess: number[] = [];
  for (;;) {
    while (i < end && isSpace(text.charCodeAt(i))) {
      column += text.charCodeAt(i) === 9 ? 4 - (column % 4) : 1;
      i++;
    }
    if (i >= end) break;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) {
      if (++depth > MAX_NESTING) excess.push(i);
      i++;
      column++;
      continue;
    }
    if ((c === 45 || c === 43 || c === 42) && (i + 1 >= end || isSpace(text.charCodeAt(i + 1)))) {
      item = true;
      if (++depth > MAX_NESTING || column > MAX_MARKER_COLUMN) excess.push(i);
      i++;
      column++;
      continue;
    }
    if (isDigit(c)) {
      let j = i;
      while (j < end && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) && (j + 1 >= end || isSpace(text.charCodeAt(j + 1)))) {
        item = true;
        if (++depth > MAX_NESTING || column > MAX_MARKER_COLUMN) excess.push(j);
        column += j + 1 - i;
        i = j + 1;
        continue;
      }
    }
    break;
  }
  return { content: i, excess, item };
}

/**
 * What a line is, from its content on: blank, an ATX heading or a code fence (a paragraph cannot run across those),
 * or text. Only what surely is a heading or a fence counts as one: `#*a`, `####### x` and anything indented four
 * columns are paragraph text to micromark, and a paragraph of such lines took it minutes past the caps.
 */
function lineKind(text: string, content: number, end: number): 'blank' | 'heading' | 'fence' | 'text' {
  if (content >= end) return 'blank';
  let indent = 0;
  for (let i = content - 1; i >= 0 && isSpace(text.charCodeAt(i)); i--) indent += text.charCodeAt(i) === 9 ? 4 : 1;
  if (indent >= 4) return 'text';
  const c = text.charCodeAt(content);
  let run = 0;
  while (content + run < end && text.charCodeAt(content + run) === c) run++;
  const after = content + run;
  if (c === 35 /* # */) return run <= 6 && (after >= end || isSpace(text.charCodeAt(after))) ? 'heading' : 'text';
  // A backtick fence's info string holds no backtick: ``` `a` ``` on one line is a code span.
  if (c === 126 /* ~ */ && run >= 3) return 'fence';
  if (c === 96 /* ` */ && run >= 3) return text.slice(after, end).includes('`') ? 'text' : 'fence';
  return 'text';
}

/** The text with pathological runs neutralised, or the text itself when there are none. */
export function neutralise(text: string): string {
  const replace: number[] = [];
  const counts = new Map<Kind, number>();
  const length = text.length;
  let start = 0;
  while (start <= length) {
    let end = start;
    while (end < length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const prefix = readPrefix(text, start, end);
    for (const at of prefix.excess) replace.push(at);
    const kind = lineKind(text, prefix.content, end);
    if (kind !== 'text' || prefix.item) counts.clear();
    // A heading's text is parsed as inline content of its own: counted alone.
    if (kind !== 'fence') countDelimiters(text, prefix.content, end, counts, replace);
    if (kind === 'blank' || kind === 'heading') counts.clear();
    if (end >= length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (replace.length === 0) return text;
  replace.sort((a, b) => a - b);
  let out = '';
  let last = 0;
  for (const at of replace) {
    if (at < last) continue;
    out += text.slice(last, at) + (LOOKALIKE[text[at]!] ?? text[at]!);
    last = at + 1;
  }
  return out + text.slice(last);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/** Counts delimiter runs on one line into the paragraph's counts, marking every character of runs past the cap. */
function countDelimiters(text: string, from: number, to: number, counts: Map<Kind, number>, replace: number[]): void {
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (!(KINDS as readonly string[]).includes(ch)) {
      i++;
      continue;
    }
    const kind = ch as Kind;
    let j = i + 1;
    // Brackets and `<` count one by one; the others as runs.
    if (kind !== '[' && kind !== ']' && kind !== '<') while (j < to && text[j] === ch) j++;
    // `snake_case`: an underscore inside a word can neither open nor close emphasis.
    const intraword = kind === '_' && i > from && j < to && isWordChar(text.charCodeAt(i - 1)) && isWordChar(text.charCodeAt(j));
    // `<` only matters where it could open raw HTML or an autolink.
    const opensHtml = kind !== '<' || /[A-Za-z!?/]/.test(text[j] ?? '');
    if (!intraword && opensHtml) {
      const count = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, count);
      if (count > MAX_DELIMITERS) for (let k = i; k < j; k++) replace.push(k);
    }
    i = j;
  }
}
