import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { parsePostmortem } from '../../server/src/model/parse';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';
import { builtInTemplate } from '../../server/src/templates/index';

export { completePostmortem } from '../support/postmortemText';

export const CURSOR = '{{CURSOR}}';

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

export function modelOf(text: string, uri = 'file:///work/postmortems/incident.md'): PostmortemDocument {
  return parsePostmortem(TextDocument.create(uri, 'markdown', 1, text), builtInTemplate('python-discord'));
}

/** The model of a text with a cursor marker, and the marker's position (the marker itself removed). */
export function modelAtCursor(textWithCursor: string): { model: PostmortemDocument; position: Position } {
  const offset = textWithCursor.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker in test document');
  const model = modelOf(textWithCursor.replace(CURSOR, ''));
  return { model, position: model.document.positionAt(offset) };
}

export function codesOf(text: string): string[] {
  return lint(modelOf(text)).map((d) => String(d.code));
}

export function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}
