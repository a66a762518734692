import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { isRstComment } from './rst';

export type SuppressionKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

/** One `<!-- postmortem-disable… -->` comment, or one `.. postmortem-disable…` comment in reStructuredText. */
export interface SuppressionComment {
  kind: SuppressionKind;
  /** Rule ids it names, or `all` when it names none. References that name no rule are left out (and in `unknown`). */
  rules: string[] | 'all';
  range: Range;
  /** The line its effect starts on: its own line, or for `disable-next-line` the next line with content. */
  line: number;
}

export interface UnknownRuleReference {
  reference: string;
  kind: SuppressionKind;
  /** The whole comment. */
  range: Range;
}

export interface Suppressions {
  comments: SuppressionComment[];
  unknown: UnknownRuleReference[];
  /** Whether a diagnostic of rule `ruleId` that starts on `line` is suppressed. */
  suppresses(ruleId: string, line: number): boolean;
}

// Longest kinds first so `disable-line` is not read as `disable` with an argument.
const htmlComment = /<!--\s*postmortem-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|-->)([\s\S]*?)-->/g;
// The same as a reStructuredText comment, `.. postmortem-disable-next-line PM002`: the rules named are the rest of the
// comment, its indented continuation lines included. `.. postmortem-disable::` is a directive, not a comment.
const rstComment = /^\.\.[ \t]+postmortem-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)/;

const none: Suppressions = { comments: [], unknown: [], suppresses: () => false };

/**
 * The inline suppressions of a document, in the markdownlint style: `disable-next-line`, `disable-line`, `disable` …
 * `enable` regions and `disable-file`. They are read from the document's raw HTML (`htmlSpans`: the parser's HTML
 * nodes, block or inline; in reStructuredText its comments, which the RST parser gives as HTML nodes), so a comment
 * in code is never one. `resolveRule` turns an id or name into a rule id, or undefined when no rule has it.
 */
export function readSuppressions(
  document: TextDocument,
  htmlSpans: ReadonlyArray<readonly [number, number]>,
  resolveRule: (reference: string) => string | undefined,
): Suppressions {
  const text = document.getText();
  if (htmlSpans.length === 0 || !text.includes('postmortem-')) return none;
  const comments: SuppressionComment[] = [];
  const unknown: UnknownRuleReference[] = [];
  const rstCommentBlocks = readRstCommentBlocks(document, text, htmlSpans);
  for (const [base, end] of htmlSpans) {
    for (const { index, length, kind, references: written } of directivesIn(text.slice(base, end))) {
      const start = base + index;
      const range = { start: document.positionAt(start), end: document.positionAt(start + length) };
      const references = written.split(/[\s,]+/).filter(Boolean);
      const rules: string[] = [];
      for (const reference of references) {
        const id = resolveRule(reference);
        if (id) rules.push(id);
        else unknown.push({ reference, kind, range });
      }
      const line = kind === 'disable-next-line' ? nextContentLine(document, range.end.line + 1, rstCommentBlocks) : range.start.line;
      comments.push({ kind, rules: references.length === 0 ? 'all' : rules, range, line });
    }
  }
  comments.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const names = (c: SuppressionComment, ruleId: string) => c.rules === 'all' || c.rules.includes(ruleId);
  const regions = comments.filter((c) => c.kind === 'disable' || c.kind === 'enable');
  return {
    comments,
    unknown,
    suppresses(ruleId, line) {
      let disabled = false;
      for (const c of comments) {
        if (!names(c, ruleId)) continue;
        if (c.kind === 'disable-file') return true;
        if ((c.kind === 'disable-line' || c.kind === 'disable-next-line') && c.line === line) return true;
      }
      // Regions apply in document order from their comment's line; the last one at or above the line wins.
      for (const c of regions) {
        if (c.line > line) break;
        if (names(c, ruleId)) disabled = c.kind === 'disable';
      }
      return disabled;
    },
  };
}

/**
 * The suppressions written in one span: an RST comment that is one (the whole comment), or else the HTML comments in
 * it (raw HTML, including an RST `.. raw:: html` directive's body).
 */
function directivesIn(span: string): Array<{ index: number; length: number; kind: SuppressionKind; references: string }> {
  const rst = span.startsWith('..') ? rstComment.exec(span) : null;
  if (rst) return [{ index: 0, length: span.length, kind: rst[1] as SuppressionKind, references: span.slice(rst[0].length) }];
  return Array.from(span.matchAll(htmlComment), (match) => ({ index: match.index, length: match[0].length, kind: match[1] as SuppressionKind, references: match[2]! }));
}

/** The lines of each RST comment block (a `..` line and the lines indented under it), first line → last line. */
function readRstCommentBlocks(document: TextDocument, text: string, htmlSpans: ReadonlyArray<readonly [number, number]>): Map<number, number> {
  const blocks = new Map<number, number>();
  for (const [start, end] of htmlSpans) {
    if (text.startsWith('..', start) && isRstComment(text.slice(start, end))) blocks.set(document.positionAt(start).line, document.positionAt(end).line);
  }
  return blocks;
}

/**
 * The first line at or after `line` that holds something besides blanks and comments: HTML comments, and RST comment
 * blocks (`rstCommentBlocks`: first line → last line).
 */
function nextContentLine(document: TextDocument, line: number, rstCommentBlocks: ReadonlyMap<number, number>): number {
  let current = line;
  while (current < document.lineCount) {
    const blockEnd = rstCommentBlocks.get(current);
    if (blockEnd !== undefined) current = blockEnd + 1;
    else if (onlyHtmlComments(lineText(document, current))) current++;
    else break;
  }
  return current;
}

/**
 * Whether a text holds nothing but HTML comments and white space. Each comment ends at its first `-->`, as in HTML.
 * A scan rather than `/^\s*(?:<!--[\s\S]*?-->\s*)*$/`, whose backtracking is exponential in the number of comments
 * on a line that ends in something else (24 comments took over a second here, each two more about three times as long).
 */
export function onlyHtmlComments(text: string): boolean {
  let at = skipWhiteSpace(text, 0);
  while (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = skipWhiteSpace(text, end + 3);
  }
  return at === text.length;
}

function skipWhiteSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
}
