import { formatDuration, incidentMetrics, incidentsOf, type PlacedEntry } from '../features/incidentTimes';
import { inCode } from '../model/inline';
import type { TextMatch } from '../model/textSearch';
import { clockProblem, dateProblem, dayNumber, minutesOfDay, zoneOffset, type ParsedTimestamp } from '../model/time';
import type { PostmortemDocument, StatedTime } from '../model/types';
import { capitalise } from './incidentDate';
import type { Rule } from './rule';

// What a report states about its own length: "lasted about three hours", "Duration: 1 hour and 48 minutes",
// "detected after 12 minutes", "TTR: 40 min". A number is digits or a word; every repetition is bounded.
const approx = String.raw`(?:(?:about|around|roughly|approximately|approx\.|nearly|almost|just over|just under|over|under|some|~)\s{1,3})?`;
const number = String.raw`\d{1,3}(?:\.\d)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety`;
const amount = String.raw`(${number}|half an?)\s{0,2}(hours?|hrs?|h|minutes?|mins?|m)(?![\p{L}])(?:,?\s{0,3}(?:and\s{1,3})?(${number})\s{0,2}(minutes?|mins?|m)(?![\p{L}]))?`;
const statements = new RegExp(
  String.raw`(?<![\p{L}])(?:(lasted|lasting|outage of|downtime of|total duration:?|duration(?: of| was|:)|down for|unavailable for|degraded for)|(detected (?:after|within|in)|time to detect(?:ion)?:?|ttd:?)|(time to (?:resolve|resolution|recover|recovery|mitigate):?|ttr:?|resolved (?:after|within|in)))[*_]{0,2}\s{1,3}${approx}${amount}`,
  'giu',
);
const WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, fifty: 50, sixty: 60, ninety: 90,
};

type Kind = 'duration' | 'detect' | 'resolve';
interface Statement extends TextMatch {
  what: Kind;
  minutes: number;
}

/** The statements in text[start, end), none crossing a line break. */
export function findStatements(text: string, start: number, end: number): Statement[] {
  const found: Statement[] = [];
  for (const match of text.slice(start, end).matchAll(statements)) {
    const what: Kind = match[1] ? 'duration' : match[2] ? 'detect' : 'resolve';
    const minutes = minutesOf(match[4]!, match[5]!) + (match[6] ? minutesOf(match[6], match[7]!) : 0);
    if (minutes > 0) found.push({ index: start + match.index, text: match[0], kind: 0, what, minutes });
  }
  return found;
}

function minutesOf(count: string, unit: string): number {
  const lower = count.toLowerCase();
  const n = lower.startsWith('half') ? 0.5 : (WORDS[lower] ?? Number(lower));
  return /^h/i.test(unit) ? n * 60 : n;
}

const DAY = 24 * 60;
const SAYS: Record<Kind, string> = { duration: 'the incident lasted', detect: 'it was detected after', resolve: 'it was resolved after' };
const SPAN: Record<Kind, string> = { duration: 'duration', detect: 'time to detect', resolve: 'time to resolve' };

export const statedDuration: Rule = {
  id: 'PM018',
  name: 'stated-duration',
  description: 'The text states a duration, time to detect or time to resolve that the timeline disagrees with.',
  defaultSeverity: 'info',
  check(model, report) {
    // A file that logs several incidents has no figures of its own to hold a statement to.
    if (model.timeline.length < 2 || incidentsOf(model).length > 0) return;
    const metrics = incidentMetrics(model);
    const spans: Record<Kind, { minutes?: number; from?: PlacedEntry; to?: PlacedEntry }> = {
      duration: { ...(metrics.duration !== undefined ? { minutes: metrics.duration } : {}), from: metrics.start, to: metrics.resolution },
      detect: { ...(metrics.timeToDetect !== undefined ? { minutes: metrics.timeToDetect } : {}), from: metrics.start, to: metrics.detection },
      resolve: { ...(metrics.timeToResolve !== undefined ? { minutes: metrics.timeToResolve } : {}), from: metrics.detection, to: metrics.resolution },
    };
    // One finding per line: a Resolved line that disagrees gives a wrong duration and a wrong time to resolve.
    const told = new Set<StatedTime>();
    for (const stated of statedSpans(model)) {
      const span = spans[stated.what];
      if (told.has(stated.to) || span.minutes === undefined || !span.from || !span.to || agree(stated.minutes, span.minutes)) continue;
      told.add(stated.to);
      report({
        range: stated.to.timeRange,
        message: `The ${capitalise(stated.from.key)} and ${capitalise(stated.to.key)} lines give a ${SPAN[stated.what]} of ${formatDuration(stated.minutes)}; the timeline gives ${formatDuration(span.minutes)} (${span.from.entry.timeText} → ${span.to.entry.timeText}).`,
        relatedInformation: [{ location: { uri: model.document.uri, range: span.to.entry.timeRange }, message: `The entry the ${SPAN[stated.what]} ends at` }],
      });
    }
    for (const statement of model.search.find(findStatements)) {
      const span = spans[statement.what];
      if (span.minutes === undefined || !span.from || !span.to || agree(statement.minutes, span.minutes)) continue;
      const end = statement.index + statement.text.length;
      if (inCode(model.codeSpans, statement.index, end)) continue;
      report({
        range: { start: model.document.positionAt(statement.index), end: model.document.positionAt(end) },
        message: `The text says ${SAYS[statement.what]} ${formatDuration(statement.minutes)}; the timeline gives a ${SPAN[statement.what]} of ${formatDuration(span.minutes)} (${span.from.entry.timeText} → ${span.to.entry.timeText}).`,
        relatedInformation: [{ location: { uri: model.document.uri, range: span.to.entry.timeRange }, message: `The entry the ${SPAN[statement.what]} ends at` }],
      });
    }
  },
};

const PAIRS: Array<[Kind, StatedTime['role'], StatedTime['role']]> = [
  ['duration', 'start', 'resolution'],
  ['detect', 'start', 'detection'],
  ['resolve', 'detection', 'resolution'],
];

/**
 * The spans metadata lines state (`Started: 09:41 UTC` … `Resolved: 10:10 UTC`), in minutes. Times without a date are
 * on one day, an end before its start on the next; zones with known offsets are converted, others must be the same.
 */
function statedSpans(model: PostmortemDocument): Array<{ what: Kind; minutes: number; from: StatedTime; to: StatedTime }> {
  const first = (role: StatedTime['role']) => model.statedTimes.find((stated) => stated.role === role && !clockProblem(stated.stamp.clock));
  const spans: Array<{ what: Kind; minutes: number; from: StatedTime; to: StatedTime }> = [];
  for (const [what, fromRole, toRole] of PAIRS) {
    const from = first(fromRole);
    const to = first(toRole);
    if (!from || !to) continue;
    const minutes = minutesBetween(from.stamp, to.stamp, model.declaredZone?.zone);
    if (minutes !== undefined) spans.push({ what, minutes, from, to });
  }
  return spans;
}

function minutesBetween(from: ParsedTimestamp, to: ParsedTimestamp, declared: string | undefined): number | undefined {
  const zones = [from.zone ?? declared, to.zone ?? declared];
  const offsets = zones.map((zone) => (zone === undefined ? 0 : zoneOffset(zone)));
  if (offsets.some((offset) => offset === undefined) && zones[0] !== zones[1]) return undefined;
  const at = (stamp: ParsedTimestamp, offset: number | undefined) => {
    const day = stamp.date?.year !== undefined && !dateProblem(stamp.date) ? dayNumber(stamp.date.year, stamp.date.month, stamp.date.day) : 0;
    return day * DAY + minutesOfDay(stamp.clock) - (offset ?? 0);
  };
  let minutes = at(to, offsets[1]) - at(from, offsets[0]);
  if (minutes < 0 && !(from.date && to.date)) minutes += DAY;
  return minutes >= 0 ? minutes : undefined;
}

/** Within the larger of 15 minutes and a fifth of the longer span: "about three hours" agrees with 2 h 40 min. */
function agree(stated: number, measured: number): boolean {
  return Math.abs(stated - measured) <= Math.max(15, 0.2 * Math.max(stated, measured));
}
