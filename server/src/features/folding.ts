import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';

/** A list folds when it is at least this many lines long; shorter ones are read at a glance. */
export const LONG_LIST_LINES = 5;
// A list item's first line: `- `, `* `, `+ `, `1. `, `1) `, indented at most three spaces for a top-level list.
const listItem = /^( {0,3})(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Folds: the front matter, each section (heading to its last line of content), each timeline (a list, table, run
 * of timestamp headings or timestamped lines), and every other list of at least `LONG_LIST_LINES` lines.
 */
export function foldingRanges(model: PostmortemDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const frontMatter = model.frontMatter?.range;
  if (frontMatter && frontMatter.end.line > frontMatter.start.line) {
    ranges.push({ startLine: frontMatter.start.line, endLine: frontMatter.end.line, kind: FoldingRangeKind.Region });
  }
  for (const section of model.sections) {
    const { start, end } = section.fullRange;
    if (end.line > start.line) ranges.push({ startLine: start.line, endLine: end.line });
  }
  const taken = new Set(ranges.map((range) => range.startLine));
  for (const timeline of model.timelines) {
    // Timestamp headings fold as sections already.
    if (timeline.kind === 'headings') continue;
    const { start, end } = timeline.range;
    const endLine = end.character === 0 ? end.line - 1 : end.line;
    if (endLine > start.line && !taken.has(start.line)) {
      ranges.push({ startLine: start.line, endLine });
      taken.add(start.line);
    }
  }
  for (const list of longLists(model)) {
    if (!taken.has(list.startLine)) ranges.push(list);
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

/**
 * Top-level lists of at least `LONG_LIST_LINES` lines, read line by line: a list runs from an item while lines are
 * items, indented continuations, or blank lines followed by more of the list. Code blocks are not lists.
 */
function longLists(model: PostmortemDocument): FoldingRange[] {
  const document = model.document;
  const text = document.getText();
  const lines = text.split(/\r\n|\r|\n/);
  const inCode = (line: number) => {
    const offset = document.offsetAt({ line, character: 0 });
    return model.codeSpans.some(([start, end]) => offset >= start && offset < end);
  };
  const found: FoldingRange[] = [];
  let line = 0;
  while (line < lines.length) {
    if (!listItem.test(lines[line]!) || inCode(line)) {
      line++;
      continue;
    }
    const start = line;
    let last = line;
    let next = line + 1;
    while (next < lines.length) {
      const current = lines[next]!;
      if (current.trim() === '') {
        next++;
        continue;
      }
      // After a blank line only an item or an indented line continues the list; before one, any text does (lazily).
      const continues = listItem.test(current) || /^[ \t]+\S/.test(current) || (next === last + 1 && !/^(?:#{1,6}\s|\||>|```|~~~)/.test(current));
      if (!continues) break;
      last = next;
      next++;
    }
    if (last - start + 1 >= LONG_LIST_LINES) found.push({ startLine: start, endLine: last });
    line = last + 1;
  }
  return found;
}
