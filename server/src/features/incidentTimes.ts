import { placeAfter, placeDated, type PlacedTime } from '../model/placement';
import { unmatchedAncestor } from '../model/sections';
import { clockProblem, dateProblem, dayNumber, minutesOfDay, zoneOffset } from '../model/time';
import type { PostmortemDocument, Section, TimelineEntry } from '../model/types';
import { isIncidentKind } from '../templates/vocabulary';

const DAY = 24 * 60;

/** A timeline entry placed in time: minutes since 1970 (UTC when its zone has a known offset), for differences. */
export interface PlacedEntry {
  entry: TimelineEntry;
  at: number;
}

/** The three moments incident metrics are measured between; each is a timeline entry. */
export interface Milestones {
  start?: PlacedEntry;
  detection?: PlacedEntry;
  resolution?: PlacedEntry;
  /** The latest entry: without a resolution, the incident lasted at least until it. */
  last?: PlacedEntry;
}

// Words of an entry that reports trouble, not recovery: after a resolution, such an entry means it was not the end.
const trouble = /(?<![\p{L}])(?:offline|down|failing|unhealthy|unavailable|unresponsive|degraded|alerted|paged|again)(?![\p{L}])/iu;

function isProblem(text: string): boolean {
  return trouble.test(text);
}

/**
 * Words that mark an entry as the incident's start, its detection or its resolution. A keyword matches a word that
 * begins with it, case-insensitively ("alert" matches "alerted"); a keyword of several words matches them in a row.
 */
export interface MilestoneKeywords {
  start: string[];
  detection: string[];
  resolution: string[];
}

// Start words say where impact began: a responder who "begins" investigating an hour in is not the start. Detection
// words are stems, so "reports" and "reported" both match "report".
export const DEFAULT_KEYWORDS: MilestoneKeywords = {
  start: [
    'impact began', 'impact begins', 'impact started', 'impact starts', 'outage began', 'outage begins', 'outage started', 'outage starts',
    'incident began', 'incident started', 'first error', 'errors began', 'errors started', 'started failing', 'began failing',
    'went down', 'goes down', 'became unavailable', 'became unresponsive', 'stopped responding', 'start of outage', 'start of the outage',
  ],
  detection: ['alert', 'detect', 'notice', 'noticing', 'paged', 'paging', 'report', 'spotted', 'discover', 'aware'],
  resolution: ['resolved', 'recovered', 'restored', 'mitigated', 'fixed', 'back to normal', 'back online', 'fully operational', 'all clear', 'end of outage', 'end of the outage',
    'incident over', 'back in sync', 'fix deployed', 'chain resumes', 'resumed normal'],
};

// A resolution word in a sentence that says the problem goes on does not resolve it: "restored, but volumes will
// not mount", "not yet resolved", "partially recovered".
const goesOn = /(?<![\p{L}])(?:but|however|although|though|yet|still|not|never|partially|partly|unable|cannot)(?![\p{L}])|n't(?![\p{L}])/iu;

// A detection word in a sentence of good news is a status update: "Hypha reports the fresh sync test passes".
const goodNews = /(?<![\p{L}])(?:pass|passes|passed|passing|succeeds?|succeeded|successful(?:ly)?|healthy|works|working again)(?![\p{L}])/iu;

/** Whether a sentence of `text` names a detection and is not a report of good news. */
export function saysDetected(text: string, keywords: readonly string[]): boolean {
  return text.split(/(?<=[.!?;])\s+/).some((sentence) => mentionsKeyword(sentence, keywords) !== undefined && !goodNews.test(sentence));
}

// Entries that show responders already at work: the incident was known by then, whatever a later entry says.
const RESPONSE_WORDS = ['investigat', 'huddle', 'triag', 'war room', 'incident declared', 'declared an incident', 'declares an incident', 'escalat', 'confirm the issue', 'confirms the issue', 'confirmed the issue'];

/** Whether a sentence of `text` names a resolution without saying, in the same sentence, that the problem goes on. */
export function saysResolved(text: string, keywords: readonly string[]): boolean {
  return text.split(/(?<=[.!?;])\s+/).some((sentence) => mentionsKeyword(sentence, keywords) !== undefined && !goesOn.test(sentence));
}

/** `postmortem.timelineKeywords` from the client's settings, each list checked; a missing or bad list keeps its default. */
export function keywordsFrom(vscodeSettings: unknown): MilestoneKeywords {
  const raw = (vscodeSettings as { timelineKeywords?: unknown } | undefined)?.timelineKeywords;
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const list = (key: keyof MilestoneKeywords): string[] => {
    const words = value[key];
    return Array.isArray(words) && words.every((w) => typeof w === 'string') ? (words as string[]).map((w) => w.trim()).filter(Boolean) : DEFAULT_KEYWORDS[key];
  };
  return { start: list('start'), detection: list('detection'), resolution: list('resolution') };
}

/**
 * Every timeline entry that is a real time, placed in time. Each timeline is read on its own, in document order:
 * dated entries use their date, undated ones stay on the day of the entry above unless the clock goes back by more
 * than twelve hours (23:50 → 00:10 crosses midnight); a timeline's first undated entry is on the incident's date.
 */
export function placeEntries(model: PostmortemDocument): readonly PlacedEntry[] {
  let placed = placedByRead.get(model.timeline);
  if (!placed) {
    placed = placeEntriesOf(model);
    placedByRead.set(model.timeline, placed);
  }
  return placed;
}

// The outline and hovers ask again: a model's entries are placed once. Keyed by its timeline, which one read of a
// text makes: a model seen through another document (typedBullet.ts) shares it, and with it the incident date.
const placedByRead = new WeakMap<readonly TimelineEntry[], readonly PlacedEntry[]>();

/**
 * The entries of one timeline placed in time, as placeEntries places them: each timeline is placed on its own, and
 * completion needs only the one above the cursor (a long document has dozens).
 */
export function placeTimeline(model: PostmortemDocument, timelineId: number): readonly PlacedEntry[] {
  let timelines = timelinesByRead.get(model.timeline);
  if (!timelines) timelinesByRead.set(model.timeline, (timelines = new Map()));
  let placed = timelines.get(timelineId);
  if (!placed) timelines.set(timelineId, (placed = placeEntriesOf(model, timelineId)));
  return placed;
}
const timelinesByRead = new WeakMap<readonly TimelineEntry[], Map<number, readonly PlacedEntry[]>>();

/** `only`: the timeline to place, or all of them. */
function placeEntriesOf(model: PostmortemDocument, only?: number): PlacedEntry[] {
  // Undated entries are on the incident's day; without one stated, on the first date an entry gives (not 1970).
  const incident = model.incidentDate ?? model.timeline.find((entry) => entry.date?.year !== undefined && !dateProblem(entry.date))?.date;
  const firstDay = incident?.year !== undefined ? dayNumber(incident.year, incident.month, incident.day) : 0;
  const previousByTimeline = new Map<number, PlacedTime>();
  const placed: PlacedEntry[] = [];
  for (const entry of model.timeline) {
    if ((only !== undefined && entry.timelineId !== only) || clockProblem(entry.clock) || (entry.date && dateProblem(entry.date))) continue;
    const previous = previousByTimeline.get(entry.timelineId);
    const shift = entry.zone !== undefined ? -(zoneOffset(entry.zone) ?? 0) : 0;
    const clock = minutesOfDay(entry.clock) + shift;
    let at: number;
    let year = previous?.year ?? incident?.year;
    if (entry.relative !== undefined) {
      // `T+45m`: after the start, which stands on the incident's day.
      at = firstDay * DAY + entry.relative;
    } else if (entry.date) {
      ({ at, year } = placeDated(entry.date, clock, previous, year));
    } else {
      at = previous ? placeAfter(clock, previous) : firstDay * DAY + clock;
    }
    previousByTimeline.set(entry.timelineId, { at, year });
    placed.push({ entry, at });
  }
  return placed;
}

/** Whether one of `keywords` starts a word of `text`. */
export function mentionsKeyword(text: string, keywords: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  for (const keyword of keywords) {
    const k = keyword.toLowerCase();
    let from = 0;
    for (;;) {
      const at = lower.indexOf(k, from);
      if (at < 0) break;
      if (at === 0 || !/[\p{L}\p{N}]/u.test(lower[at - 1]!)) return keyword;
      from = at + 1;
    }
  }
  return undefined;
}

/**
 * Start, detection and resolution, read from the timeline by keywords. Detection is the first entry with a
 * detection keyword; start is the first entry with a start keyword no later than detection, else the first entry;
 * resolution is the last entry with a resolution keyword after the start (partial recoveries come before the end).
 */
export function milestones(placed: readonly PlacedEntry[], keywords: MilestoneKeywords = DEFAULT_KEYWORDS): Milestones {
  if (placed.length === 0) return {};
  const ordered = [...placed].sort((a, b) => a.at - b.at);
  const detection = detectionOf(ordered, keywords);
  const start =
    ordered.find((p) => (!detection || p.at <= detection.at) && mentionsKeyword(p.entry.text, keywords.start) !== undefined) ?? ordered[0]!;
  const from = detection && detection.at >= start.at ? detection : start;
  let resolution: PlacedEntry | undefined;
  for (const p of ordered) {
    if (p.at >= from.at && p !== from && saysResolved(p.entry.text, keywords.resolution)) resolution = p;
  }
  // A timeline that goes on after its last resolution (06:36 "Python is offline") was not resolved there. The last
  // entry is the last one written, unless a typo put it before the start: then the latest.
  const written = placed[placed.length - 1]!;
  const last = written.at > start.at ? written : ordered[ordered.length - 1]!;
  if (resolution && last.at > resolution.at && !saysResolved(last.entry.text, keywords.resolution) && isProblem(last.entry.text)) resolution = undefined;
  return { start, ...(detection ? { detection } : {}), ...(resolution ? { resolution } : {}), last };
}

/**
 * The first entry that says the problem was detected; when responders were already at work before it ("huddle
 * begins", "investigating"), the first such entry instead: the team knew by then.
 */
function detectionOf(ordered: readonly PlacedEntry[], keywords: MilestoneKeywords): PlacedEntry | undefined {
  for (const p of ordered) {
    if (saysDetected(p.entry.text, keywords.detection)) return p;
    if (mentionsKeyword(p.entry.text, RESPONSE_WORDS) !== undefined) return p;
  }
  return undefined;
}

/** `27 min`, `2 h 14 min`, `1 d 3 h`, `45 s`: a span of minutes as people read it. */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(minutes);
  const whole = Math.floor(total + 1e-9);
  const seconds = Math.round((total - whole) * 60);
  if (whole === 0 && seconds > 0) return `${sign}${seconds} s`;
  const days = Math.floor(whole / DAY);
  const hours = Math.floor((whole % DAY) / 60);
  const mins = whole % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (days === 0 && (mins > 0 || parts.length === 0)) parts.push(`${mins} min`);
  if (whole < 60 && seconds > 0) parts.push(`${seconds} s`);
  return sign + parts.join(' ');
}

/** `T+27 min`, `T−5 min`, `T+0`. */
export function formatOffset(minutes: number): string {
  if (Math.abs(minutes) < 1 / 120) return 'T+0';
  return `T${minutes < 0 ? '−' : '+'}${formatDuration(Math.abs(minutes))}`;
}

/** What the title's code lens and hover say: the milestones and the spans between them, in minutes. */
export interface IncidentMetrics extends Milestones {
  /** Start to resolution. */
  duration?: number;
  /** Start to detection. */
  timeToDetect?: number;
  /** Detection to resolution. */
  timeToResolve?: number;
  /** Without a resolution: start to the timeline's last entry, the least the incident lasted. */
  atLeast?: number;
}

/** One incident of a file that logs several: its heading and the metrics of its own timeline entries. */
export interface Incident {
  heading: Section;
  metrics: IncidentMetrics;
}

/**
 * The incidents of a file that logs several, each under a heading of its own with its own incident sections (Impact,
 * Resolution…) and timeline; empty for a file about one incident. Their metrics are measured apart: one log of many
 * incidents has no duration of its own.
 */
export function incidentsOf(model: PostmortemDocument, keywords: MilestoneKeywords = DEFAULT_KEYWORDS): Incident[] {
  const headings = incidentHeadings(model.sections);
  if (headings.size < 2) return [];
  const byIncident = new Map<number, PlacedEntry[]>();
  for (const placed of placeEntries(model)) {
    const incident = unmatchedAncestor(model.sections, placed.entry.section, headings);
    if (incident === undefined) continue;
    const group = byIncident.get(incident);
    if (group) group.push(placed);
    else byIncident.set(incident, [placed]);
  }
  if (byIncident.size < 2) return [];
  return [...byIncident].map(([index, placed]) => ({ heading: model.sections[index]!, metrics: metricsOf(milestones(placed, keywords)) }));
}

/** Headings that are no template section but hold two or more incident sections: an incident's own heading. */
function incidentHeadings(sections: readonly Section[]): Set<number> {
  const counts = new Map<number, number>();
  sections.forEach((section) => {
    if (!section.match || !section.kinds.some(isIncidentKind)) return;
    const incident = unmatchedAncestor(sections, section.parent);
    if (incident !== undefined) counts.set(incident, (counts.get(incident) ?? 0) + 1);
  });
  return new Set([...counts].filter(([, count]) => count >= 2).map(([index]) => index));
}


export function incidentMetrics(model: PostmortemDocument, keywords: MilestoneKeywords = DEFAULT_KEYWORDS): IncidentMetrics {
  return metricsOf(milestones(placeEntries(model), keywords));
}

function metricsOf(found: Milestones): IncidentMetrics {
  const { start, detection, resolution } = found;
  return {
    ...found,
    ...(start && resolution ? { duration: resolution.at - start.at } : {}),
    ...(start && detection ? { timeToDetect: detection.at - start.at } : {}),
    ...(detection && resolution ? { timeToResolve: resolution.at - detection.at } : {}),
    ...(start && !resolution && found.last && found.last.at > start.at ? { atLeast: found.last.at - start.at } : {}),
  };
}
