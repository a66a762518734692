import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';

/** A fold per section (heading to its last line of content) and one for the front matter. */
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
  return ranges;
}
