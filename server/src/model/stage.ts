import type { PostmortemDocument } from './types';

// Status words of a document still being written, and of one handed to reviewers or published.
const draftStatus = /^(?:draft|wip|work in progress|in progress|in-progress|writing|being written|todo|not started|started|incomplete|unfinished)\b/i;
const finalStatus = /^(?:review|in review|ready for review|under review|final|complete|completed|done|published|approved|closed)\b/i;
const MIN_UNWRITTEN = 3;
const statusKeys = new Set(['status', 'state', 'document status', 'doc status', 'postmortem status', 'review status']);

/**
 * Whether the document is a draft: its status says so, or (when no status says it is under review or final) most of
 * its template sections still hold only their prompts. A draft hears about unwritten sections once and quietly, not per section.
 */
export function isDraft(model: PostmortemDocument): boolean {
  const status = model.metadata.find((field) => statusKeys.has(field.key))?.value.trim().replace(/^[*_`"']+/, '');
  if (status && finalStatus.test(status)) return false;
  if (status && draftStatus.test(status)) return true;
  const matched = model.sections.filter((section) => section.match);
  if (matched.length === 0) return false;
  // Still the template's prompt and nothing else: an empty heading alone is a section the author left empty.
  // A single prompt left in a written report is a section to finish, not a draft: a draft has several.
  const unwritten = matched.filter((section) => section.isEmpty && section.prompt).length;
  return unwritten >= MIN_UNWRITTEN && unwritten * 2 > matched.length;
}
