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
    return { start: this.document.positionAt(start), end: this.document.positionAt(end) };
  }

  nodeRange(node: Node): Range {
    return this.range(startOf(node), endOf(node));
  }

  /** Offset of the end of the line `offset` is on (before its line break). */
  lineEnd(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }
}

export function startOf(node: Node): number {
  return node.position?.start.offset ?? 0;
}

export function endOf(node: Node): number {
  return node.position?.end.offset ?? 0;
}
