import type { CodeLens } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';
import { templateLensTitle } from './templateChoice';
import { DEFAULT_KEYWORDS, formatDuration, incidentMetrics, type MilestoneKeywords, type PlacedEntry } from './incidentTimes';

/** The client command a lens runs to show the entry it was read from: `(uri, line)`. */
export const REVEAL_LINE_COMMAND = 'postmortem.revealLine';

/**
 * Above the title: the template the document is held to, then the incident's duration, time to detect and time to resolve, read from the timeline. Each lens
 * jumps to the entry that ends its span; a span that cannot be read says which words were looked for.
 */
export function codeLenses(model: PostmortemDocument, keywords: MilestoneKeywords = DEFAULT_KEYWORDS): CodeLens[] {
  const title = model.title;
  if (!title) return [];
  const range = title.source === 'heading' ? title.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // Which template the document is held to, so an author knows why a section is or is not asked for.
  const template: CodeLens = { range, command: { title: templateLensTitle(model), command: '' } };
  if (model.timeline.length === 0) return [template];
  const metrics = incidentMetrics(model, keywords);
  if (!metrics.start) return [template];
  const uri = model.document.uri;
  const lens = (text: string, to: PlacedEntry | undefined): CodeLens => ({
    range,
    command: to ? { title: text, command: REVEAL_LINE_COMMAND, arguments: [uri, to.entry.range.start.line] } : { title: text, command: '' },
  });
  const missing = (what: string, words: readonly string[]) => `${what}: no entry says ${words.slice(0, 3).map((w) => `"${w}"`).join(', ')}${words.length > 3 ? '…' : ''}`;
  return [
    template,
    metrics.duration !== undefined
      ? lens(`Duration ${formatDuration(metrics.duration)}`, metrics.resolution)
      : metrics.atLeast !== undefined
        ? lens(`Duration at least ${formatDuration(metrics.atLeast)} (the timeline ends at ${metrics.last!.entry.timeText})`, metrics.last)
        : lens(missing('Duration', keywords.resolution), undefined),
    metrics.timeToDetect !== undefined
      ? lens(`Detected after ${formatDuration(metrics.timeToDetect)}`, metrics.detection)
      : lens(missing('Detection', keywords.detection), undefined),
    ...(metrics.timeToResolve !== undefined ? [lens(`Resolved ${formatDuration(metrics.timeToResolve)} after detection`, metrics.resolution)] : []),
  ];
}
