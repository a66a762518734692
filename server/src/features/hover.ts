import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { PostmortemDocument, TimelineEntry } from '../model/types';
import {
  DEFAULT_KEYWORDS,
  formatDuration,
  formatOffset,
  incidentMetrics,
  incidentsOf,
  mentionsKeyword,
  placeEntries,
  milestones,
  type MilestoneKeywords,
  type PlacedEntry,
} from './incidentTimes';
import { templateHoverText } from './templateChoice';

/**
 * On a timeline timestamp: how long after the incident's start it is (T+27 min) and after the entry above it. On the
 * title: the incident's duration, time to detect and time to resolve, and the entries they were read from.
 */
export function hover(model: PostmortemDocument, position: Position, keywords: MilestoneKeywords = DEFAULT_KEYWORDS): Hover | null {
  const entry = model.timeline.find((e) => contains(e.timeRange, position));
  if (entry) return timestampHover(model, entry, keywords);
  if (model.title?.source === 'heading' && contains(model.title.range, position)) return titleHover(model, keywords);
  return null;
}

function timestampHover(model: PostmortemDocument, entry: TimelineEntry, keywords: MilestoneKeywords): Hover | null {
  const placed = placeEntries(model);
  const here = placed.find((p) => p.entry === entry);
  if (!here) return null;
  const { start, detection, resolution } = milestones(placed, keywords);
  const lines: string[] = [];
  if (start) {
    lines.push(here === start ? '**Incident start** (T+0)' : `**${formatOffset(here.at - start.at)}** from the incident start (${start.entry.timeText})`);
  }
  const index = placed.indexOf(here);
  const previous = placed.slice(0, index).reverse().find((p) => p.entry.timelineId === entry.timelineId);
  if (previous) lines.push(`${signed(here.at - previous.at)} after the entry above (${previous.entry.timeText})`);
  if (here === detection) lines.push(`Detection: the first entry that says "${mentionsKeyword(entry.text, keywords.detection)}"`);
  if (here === resolution) lines.push(`Resolution: the last entry that says "${mentionsKeyword(entry.text, keywords.resolution)}"`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: entry.timeRange };
}

function titleHover(model: PostmortemDocument, keywords: MilestoneKeywords): Hover | null {
  const template = templateHoverText(model);
  const several = incidentsOf(model, keywords).length;
  if (several > 0) {
    const value = `This file logs ${several} incidents: each one's duration, time to detect and time to resolve are above its heading.\n\n${template}`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: model.title!.range };
  }
  const metrics = incidentMetrics(model, keywords);
  if (!metrics.start) return { contents: { kind: MarkupKind.Markdown, value: template }, range: model.title!.range };
  const row = (what: string, span: number | undefined, from: PlacedEntry | undefined, to: PlacedEntry | undefined, missing: string) =>
    `| ${what} | ${span !== undefined && from && to ? `${formatDuration(span)} | ${from.entry.timeText} → ${to.entry.timeText}` : `— | ${missing}`} |`;
  const noDetection = `no entry says ${keywords.detection.map((k) => `"${k}"`).join(', ')}`;
  const noResolution = `no entry says ${keywords.resolution.map((k) => `"${k}"`).join(', ')}`;
  const value = [
    '| | | |',
    '| --- | --- | --- |',
    metrics.atLeast !== undefined
      ? `| Duration | at least ${formatDuration(metrics.atLeast)} | ${metrics.start.entry.timeText} → ${metrics.last!.entry.timeText}, the last entry: no entry after the start says it is resolved |`
      : row('Duration', metrics.duration, metrics.start, metrics.resolution, noResolution),
    row('Time to detect', metrics.timeToDetect, metrics.start, metrics.detection, noDetection),
    row('Time to resolve', metrics.timeToResolve, metrics.detection, metrics.resolution, metrics.detection ? noResolution : noDetection),
    '',
    `Read from the timeline: start ${describe(metrics.start)}${metrics.detection ? `, detection ${describe(metrics.detection)}` : ''}${
      metrics.resolution ? `, resolution ${describe(metrics.resolution)}` : ''
    }. The words that mark them are the setting \`postmortem.timelineKeywords\`.`,
    '',
    template,
  ].join('\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: model.title!.range };
}

function describe(placed: PlacedEntry): string {
  const words = placed.entry.text.split(/\s+/).filter(Boolean);
  const text = words.slice(0, 6).join(' ') + (words.length > 6 ? '…' : '');
  return `${placed.entry.timeText} (line ${placed.entry.range.start.line + 1}${text ? `: “${escapeMarkdown(text)}”` : ''})`;
}

function signed(minutes: number): string {
  return minutes < 0 ? `−${formatDuration(-minutes)}` : `+${formatDuration(minutes)}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}

function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}
