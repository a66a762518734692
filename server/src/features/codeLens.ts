import type { CodeLens, Range } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';
import { templateLensTitle } from './templateChoice';
import { DEFAULT_KEYWORDS, formatDuration, incidentMetrics, incidentsOf, type IncidentMetrics, type MilestoneKeywords, type PlacedEntry } from './incidentTimes';

const DAY = 24 * 60;
/** Longer than this, a timeline is taken to cover several incidents, not to measure one. */
const MAX_INCIDENT_DAYS = 60;

/** The client command a lens runs to show the entry it was read from: `(uri, line)`. */
export const REVEAL_LINE_COMMAND = 'postmortem.revealLine';

/**
 * Above the title: the template the document is held to, then the incident's duration, time to detect and time to
 * resolve, read from the timeline (above each incident's heading instead, in a file that logs several). Each lens
 * jumps to the entry that ends its span.
 */
export function codeLenses(model: PostmortemDocument, keywords: MilestoneKeywords = DEFAULT_KEYWORDS): CodeLens[] {
  const title = model.title;
  if (!title) return [];
  const range = title.source === 'heading' ? title.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // Which template the document is held to, so an author knows why a section is or is not asked for.
  const template: CodeLens = { range, command: { title: templateLensTitle(model), command: '' } };
  if (model.timeline.length === 0) return [template];
  // A file that logs several incidents gets each one's metrics above its heading, and none for the file as a whole.
  const incidents = incidentsOf(model, keywords);
  if (incidents.length > 0) return [template, ...incidents.flatMap((incident) => metricLenses(model, incident.heading.range, incident.metrics, keywords))];
  return [template, ...metricLenses(model, range, incidentMetrics(model, keywords), keywords)];
}

/** Duration, time to detect and time to resolve above `range`; a span that cannot be read says which words were looked for. */
function metricLenses(model: PostmortemDocument, range: Range, metrics: IncidentMetrics, keywords: MilestoneKeywords): CodeLens[] {
  if (!metrics.start) return [];
  // Entries months apart are no one incident's timeline (a status page, a log of incidents): no duration is read.
  const span = metrics.last ? metrics.last.at - metrics.start.at : 0;
  if (span > MAX_INCIDENT_DAYS * DAY) return [{ range, command: { title: `No duration: the timeline spans ${formatDuration(span)}`, command: '' } }];
  const uri = model.document.uri;
  const lens = (text: string, to: PlacedEntry | undefined): CodeLens => ({
    range,
    command: to ? { title: text, command: REVEAL_LINE_COMMAND, arguments: [uri, to.entry.range.start.line] } : { title: text, command: '' },
  });
  const missing = (what: string, words: readonly string[]) => `${what}: no entry says ${words.slice(0, 3).map((w) => `"${w}"`).join(', ')}${words.length > 3 ? '…' : ''}`;
  return [
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
