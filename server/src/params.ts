import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Checks of a request's parameters before any work on them: `position: null` or a missing `textDocument` is the
 * client's mistake and is answered InvalidParams (-32602), as JSON-RPC says, not an internal error from deep inside a
 * feature. Numbers outside the document are not checked here: positions past its end are clamped, as LSP says.
 */
export function checkDocumentParams(params: unknown): void {
  const textDocument = field(params, 'textDocument');
  if (typeof field(textDocument, 'uri') !== 'string') throw invalid('textDocument should be { uri: string }');
}

export function checkPositionParams(params: unknown): void {
  checkDocumentParams(params);
  if (!isPosition(field(params, 'position'))) throw invalid('position should be { line, character }, two integers');
}

/** A code action request's range and context (the diagnostics it is asked about). */
export function checkCodeActionParams(params: unknown): void {
  checkDocumentParams(params);
  const range = field(params, 'range');
  if (!isPosition(field(range, 'start')) || !isPosition(field(range, 'end'))) throw invalid('range should be { start, end }, two positions');
  if (!Array.isArray(field(field(params, 'context'), 'diagnostics'))) throw invalid('context should be { diagnostics: [] }');
}

function isPosition(value: unknown): boolean {
  return Number.isInteger(field(value, 'line')) && Number.isInteger(field(value, 'character'));
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${message}.`);
}
