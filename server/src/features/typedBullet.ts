import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import type { Unchanged } from '../model/incremental';
import { lineEndOf } from '../model/source';
import type { PostmortemDocument } from '../model/types';
import type { TypedLine } from './completion';

/**
 * Completion on a bullet just typed (`- ` on a new line under a timeline entry) answered from the last analysis, so
 * that it does not wait for the new version's parse and readers (about 6 ms of CPU at 500 KB, more than the whole
 * completion may take).
 *
 * Only where the answer is the one a fresh analysis gives: the only change since the analysed text is the cursor's
 * line — added, or retyped from a bare bullet or a blank line — which holds a bullet and nothing else, right under an
 * item of the same bullet, and followed by nothing the new empty item could take in (an indented line) or that
 * continued the item above lazily (paragraph text). Completion on such a line reads the lines above it, which both
 * texts share, and facts about the whole document (timeline entries, sections, times mentioned) that an empty item
 * in a list does not change. test/unit/features/typedBullet.test.ts compares the two answers on real and generated documents.
 */

/** What the last analysis read: its model and the text it was read from (the model's document has moved on since). */
export interface AnalysedText {
  model: PostmortemDocument;
  text: string;
  version: number;
}

export interface TypedBullet {
  /** The analysed model, on a document frozen at the analysed text. */
  model: PostmortemDocument;
  line: TypedLine;
}

/** The longest stretch of text compared by hand: the window the edits give covers the rest. */
const MAX_COMPARED = 4096;
/** Blank lines looked past, below the typed line, for what comes next. */
const MAX_BLANK_LINES = 64;

const bulletOnly = /^([-*+])[ \t]+$/;
/** What the line may have held before (a bullet being typed, or nothing): the model reads it as the bullet. */
const bareBullet = /^(?:[-*+][ \t]*)?$/;
const itemLine = /^([-*+])[ \t]+\S/;
/** Lines that start a block even right under a paragraph, so no item above took them in lazily. */
const blockStart = /^(?:[-*+][ \t]+\S|#{1,6}(?:[ \t]|$)|>|```|~~~|1[.)][ \t]+\S)/;

/**
 * The analysed text as a document, read through the open document's line index: `before` is `after` with [from, to)
 * replaced by `middle` (no line break in it). A document of its own would index all of its lines first, a millisecond
 * at 500 KB; this one only works out the line that differs.
 */
export class TextBeforeTyping implements TextDocument {
  private readonly line: number;
  private readonly linesRemoved: number;
  /** How many characters longer `after` is. */
  private readonly delta: number;
  private readonly lineStart: number;
  private readonly lineEnd: number;
  /** Where the line after the one that differs starts, if there is one. */
  private readonly nextLineStart: number | undefined;

  constructor(
    private readonly after: TextDocument,
    private readonly before: string,
    readonly version: number,
    from: number,
    to: number,
    middle: string,
  ) {
    const text = after.getText();
    this.delta = to - from - middle.length;
    this.line = after.positionAt(from).line;
    const toLine = after.positionAt(to).line;
    this.linesRemoved = toLine - this.line;
    this.lineStart = after.offsetAt({ line: this.line, character: 0 });
    this.lineEnd = lineEndOf(text, to) - this.delta;
    this.nextLineStart = toLine + 1 < after.lineCount ? after.offsetAt({ line: toLine + 1, character: 0 }) - this.delta : undefined;
  }

  get uri(): string {
    return this.after.uri;
  }

  get languageId(): string {
    return this.after.languageId;
  }

  get lineCount(): number {
    return this.after.lineCount - this.linesRemoved;
  }

  getText(range?: Range): string {
    return range ? this.before.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.before;
  }

  offsetAt(position: Position): number {
    if (position.line < this.line) return this.after.offsetAt(position);
    if (position.line === this.line) return position.character <= 0 ? this.lineStart : Math.min(this.lineStart + position.character, this.lineEnd);
    return this.after.offsetAt({ line: position.line + this.linesRemoved, character: position.character }) - this.delta;
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const last = Math.min(line, this.lineCount - 1);
    const start = this.offsetAt({ line: last, character: 0 });
    const end = line > last ? this.before.length : this.offsetAt({ line: last, character: Number.MAX_SAFE_INTEGER });
    return { start: { line: last, character: 0 }, end: { line: last, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const next = line + 1 < this.lineCount ? this.offsetAt({ line: line + 1, character: 0 }) : this.before.length;
    return this.before.slice(this.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }), next);
  }

  positionAt(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.before.length));
    if (at < this.lineStart) return this.after.positionAt(at);
    if (this.nextLineStart === undefined || at < this.nextLineStart) return { line: this.line, character: Math.min(at, this.lineEnd) - this.lineStart };
    const position = this.after.positionAt(at + this.delta);
    return { line: position.line - this.linesRemoved, character: position.character };
  }
}

/** The model on the text it was read from: its own document has the newer text. */
function modelBeforeTyping(analysed: AnalysedText, document: TextDocument, from: number, to: number, middle: string): PostmortemDocument {
  return { ...analysed.model, document: new TextBeforeTyping(document, analysed.text, analysed.version, from, to, middle) };
}

/**
 * The analysed model and how the cursor's line differs from it, when completion at `position` of `document` may be
 * answered from it; undefined otherwise. `unchanged`: what the edits since the analysed version left alone (EditLog).
 */
export function typedBullet(analysed: AnalysedText, document: TextDocument, unchanged: Unchanged | undefined, position: Position): TypedBullet | undefined {
  const model = analysed.model;
  if (!unchanged || document.languageId !== 'markdown' || position.line === 0) return undefined;
  if (model.frontMatter && model.frontMatter.range.end.line >= position.line - 1) return undefined;
  const after = document.getText();
  const start = document.offsetAt({ line: position.line, character: 0 });
  const end = lineEndOf(after, start);
  const line = after.slice(start, end);
  const bullet = bulletOnly.exec(line);
  if (!bullet || position.character > line.length) return undefined;
  const aboveStart = document.offsetAt({ line: position.line - 1, character: 0 });
  const above = itemLine.exec(after.slice(aboveStart, lineEndOf(after, aboveStart)));
  if (above?.[1] !== bullet[1] || !nothingTakenIn(after, end)) return undefined;

  const before = analysed.text;
  const breakAfter = after.startsWith('\r\n', end) ? 2 : end < after.length ? 1 : 0;
  const breakBefore = after.startsWith('\r\n', start - 2) ? 2 : 1;
  const linePrefix = line.slice(0, position.character);
  // The line added: the text before is this one without it and one of its line breaks.
  const [from, to] = breakAfter > 0 ? [start, end + breakAfter] : [start - breakBefore, end];
  if (between(before, after, unchanged, from, to) === '') return { model: modelBeforeTyping(analysed, document, from, to, ''), line: { linePrefix, addedLine: position.line } };
  // The line retyped: it held a bare bullet or nothing.
  const retyped = between(before, after, unchanged, start, end);
  if (retyped !== undefined && bareBullet.test(retyped)) return { model: modelBeforeTyping(analysed, document, start, end, retyped), line: { linePrefix } };
  return undefined;
}

/**
 * Below the typed line (ending at `end`): the end of the text, blank lines and then a line at the margin, or right
 * away a line that starts a block of its own. Anything else would be read into the new empty item, or was read into
 * the item above as a lazy continuation.
 */
function nothingTakenIn(text: string, end: number): boolean {
  let at = end;
  for (let blank = 0; ; blank++) {
    if (at >= text.length) return true;
    at += text.startsWith('\r\n', at) ? 2 : 1;
    const lineEnd = lineEndOf(text, at);
    const next = text.slice(at, lineEnd);
    if (next.trim() !== '') return blank > 0 ? !/^[ \t]/.test(next) : blockStart.test(next);
    if (blank >= MAX_BLANK_LINES) return false;
    at = lineEnd;
  }
}

/**
 * When `before` is `after` with [from, to) replaced by some text, that text; undefined when it is not (or telling
 * would mean comparing long stretches). `unchanged` says how much of the start and end is known to be the same.
 */
function between(before: string, after: string, unchanged: Unchanged, from: number, to: number): string | undefined {
  const tail = after.length - to;
  const middleEnd = before.length - tail;
  if (from < 0 || middleEnd < from) return undefined;
  if (!sameStart(before, after, from, unchanged.prefix) || !sameEnd(before, after, tail, unchanged.suffix)) return undefined;
  return before.slice(from, middleEnd);
}

/** Whether the two texts' first `length` characters are the same: their first `known` are already. */
function sameStart(before: string, after: string, length: number, known: number): boolean {
  if (known >= length) return true;
  return length - known <= MAX_COMPARED && before.slice(known, length) === after.slice(known, length);
}

/** Whether the two texts' last `length` characters are the same: their last `known` are already. */
function sameEnd(before: string, after: string, length: number, known: number): boolean {
  if (known >= length) return true;
  return length - known <= MAX_COMPARED && before.slice(before.length - length, before.length - known) === after.slice(after.length - length, after.length - known);
}
