import { readFileSync } from 'node:fs';
import type { Node, Root, RootContent } from 'mdast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { parsePostmortem } from '../../server/src/model/parse';
import type { PostmortemDocument } from '../../server/src/model/types';
import { builtInTemplate } from '../../server/src/templates/index';
import { CURSOR } from './util';

export type Language = 'markdown' | 'restructuredtext' | 'plaintext';

/** The model of a document in any of the three languages; the language follows the URI's extension by default. */
export function modelIn(text: string, uri: string, languageId: Language = languageOf(uri)): PostmortemDocument {
  return parsePostmortem(TextDocument.create(uri, languageId, 1, text), builtInTemplate('python-discord'));
}

export function rstModel(text: string, uri = 'file:///work/postmortems/incident.rst'): PostmortemDocument {
  return modelIn(text, uri, 'restructuredtext');
}

export function plainModel(text: string, uri = 'file:///work/postmortems/incident.txt'): PostmortemDocument {
  return modelIn(text, uri, 'plaintext');
}

/** The model of a text with a cursor marker, and the marker's position (the marker itself removed). */
export function modelAtCursorIn(textWithCursor: string, uri: string): { model: PostmortemDocument; position: Position } {
  const offset = textWithCursor.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker in test document');
  const model = modelIn(textWithCursor.replace(CURSOR, ''), uri);
  return { model, position: model.document.positionAt(offset) };
}

export function languageOf(uri: string): Language {
  return uri.endsWith('.rst') ? 'restructuredtext' : uri.endsWith('.txt') ? 'plaintext' : 'markdown';
}

export function corpus(path: string): string {
  return readFileSync(new URL(`../fixtures/corpus/${path}`, import.meta.url), 'utf8');
}

/** The source text a node covers. */
export function sourceOf(text: string, node: Node): string {
  return text.slice(node.position!.start.offset, node.position!.end.offset);
}

/** `type` (and `depth` for headings) of each top-level node, with the text it covers: a readable shape of the tree. */
export function outlineOf(text: string, root: Root): string[] {
  return root.children.map((node: RootContent) => `${node.type}${node.type === 'heading' ? node.depth : ''} ${sourceOf(text, node)}`);
}

/** Every node's position checked against the text: offsets in order and inside, and line/column agreeing with them. */
export function assertPositionsExact(text: string, root: Root): void {
  const document = TextDocument.create('file:///x', 'plaintext', 1, text);
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = node.position;
    if (!position) throw new Error(`${node.type} has no position`);
    const { start, end } = position;
    if (!(0 <= start.offset! && start.offset! <= end.offset! && end.offset! <= text.length)) {
      throw new Error(`${node.type} offsets ${start.offset}-${end.offset} outside 0-${text.length}`);
    }
    for (const point of [start, end]) {
      const expected = document.positionAt(point.offset!);
      if (expected.line !== point.line - 1 || expected.character !== point.column - 1) {
        throw new Error(`${node.type} at offset ${point.offset}: line/column ${point.line}:${point.column}, expected ${expected.line + 1}:${expected.character + 1}`);
      }
    }
    if ('children' in node) stack.push(...(node.children as Node[]));
  }
}
