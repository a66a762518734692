import type { Node } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';

/** The document text with offset → LSP range conversion done by the TextDocument (UTF-16, any line ending). */
export class Source {
  readonly text: string;

  constructor(readonly document: TextDocument) {
    this.text = document.getText();
  }

  range(start: number, end: number): Range {
    const [from, to] = codePointSpan(this.text, start, end);
    return { start: this.document.positionAt(from), end: this.document.positionAt(to) };
  }

  nodeRange(node: Node): Range {
    return this.range(startOf(node), endOf(node));
  }

  /** Offset of the end of the line `offset` is on (before its line break). */
  lineEnd(offset: number): number {
    return lineEndOf(this.text, offset);
  }
}

/** Offset of the start of the line `offset` is on (after the line break before it; any line ending). */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** Offset of the end of the line `offset` is on (before its line break; any line ending). */
export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

export function startOf(node: Node): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: Node): number {
  return node.position?.end.offset ?? 0;
}

/**
 * [start, end) widened so that neither end falls between the two halves of a surrogate pair: a parser may point at
 * one code unit (the YAML library reports an error at the first half of `𝔘`), and an editor cannot place a cursor there.
 */
export function codePointSpan(text: string, start: number, end: number): [number, number] {
  const splits = (at: number) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
  return [splits(start) ? start - 1 : start, splits(end) ? end + 1 : end];
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
