import { spanWalker } from '../model/inline';
import { lineEndOf, lineStartOf } from '../model/source';
import type { TextMatch } from '../model/textSearch';
import { addDays, dateProblem, dayNumber, minutesOfDay, parseLeadingTimestamp, parseZone, zoneOffset, type ParsedTimestamp } from '../model/time';
import type { CalendarDate, Clock, PostmortemDocument, TimelineDate, TimelineEntry, TimestampFormat } from '../model/types';
import { formatDuration, placeTimeline } from './incidentTimes';

const DAY = 24 * 60;
/** At most this many times mentioned in the prose are offered, the earliest first. */
const MAX_MENTIONS = 12;
// Zones that switch with daylight saving time: "now" needs the region's rules, not a fixed offset.
const REGION_OF: Record<string, string> = {
  PT: 'America/Los_Angeles', MT: 'America/Denver', CT: 'America/Chicago', ET: 'America/New_York',
};

/** One way to write the next timeline timestamp. */
export interface TimestampSuggestion {
  /** The clock on a 24-hour dial (the format turns it into `2:54 PM` where the timeline uses 12 hours). */
  clock: Clock;
  /** The date, when it differs from the entry above's (midnight crossed, or a dated mention). */
  date?: TimelineDate;
  /** Days after the entry above, when the timeline's entries carry no date to write it in. */
  nextDay?: boolean;
  /** Whether the time is a guess the author overwrites (a snippet placeholder) or a fact (inserted as is). */
  placeholder: boolean;
  detail: string;
  documentation?: string;
  /** `previous` first, then `gap`, `now` and the mentions; `now` moves first during a live incident. */
  kind: 'previous' | 'gap' | 'now' | 'mentioned';
}

export interface SuggestionOptions {
  /** The clock "now" is read from; tests pass a fixed one. */
  now?: Date;
  /** The zone the settings declare (`postmortem.zone`), for timelines that name none. */
  zone?: string;
  /** A line added at this line since the model's text (typedBullet.ts): mentions from it on are a line further down. */
  addedLine?: number;
}

/**
 * What the next timestamp after `previous` may be:
 * 1. the previous entry's time, as a placeholder — never out of order, the hour is usually right, and the author
 *    types over just the digits that differ (a guess of the next time from the log is wrong more often than not);
 * 2. the previous time plus the timeline's typical gap (the median of the gaps so far), for notes taken at a cadence;
 * 3. now, in the timeline's zone, for notes taken during the incident (first when the incident is happening today);
 * 4. times the document mentions elsewhere ("At 19:55 UTC" in the summary) that no entry has yet.
 */
export function suggestNextTimestamps(model: PostmortemDocument, previous: TimelineEntry, options: SuggestionOptions = {}): TimestampSuggestion[] {
  // An offset from the start (`T+45m`) is the author's to count: no clock time is offered after one.
  if (previous.relative !== undefined) return [];
  const suggestions: TimestampSuggestion[] = [
    { clock: { ...previous.clock }, placeholder: true, detail: `Next timeline entry, after ${previous.timeText}`, kind: 'previous' },
  ];
  const gap = typicalGap(model, previous);
  if (gap !== undefined) {
    const shifted = shiftClock(previous, gap);
    suggestions.push({
      ...shifted,
      placeholder: true,
      detail: `${previous.timeText} + ${formatDuration(gap)}, the timeline's typical gap`,
      kind: 'gap',
    });
  }
  const zone = previous.zone ?? options.zone;
  const now = nowIn(zone, options.now ?? new Date());
  const sameDay = now && previous.date ? sameCalendarDay(previous.date, now.date) : true;
  // Never a time the timeline-order rule would flag once accepted: now is offered only when it is not before the entry.
  if (now && !(sameDay && isBefore(now.clock, previous.clock))) {
    suggestions.push({
      clock: keepSeconds(now.clock, previous.format),
      ...(previous.date && !sameDay ? { date: withYearLike(now.date, previous.date) } : {}),
      placeholder: true,
      detail: `Now (${now.zoneName})`,
      kind: 'now',
    });
  }
  suggestions.push(...mentionedTimes(model, previous.zone ?? options.zone, previous, options.addedLine));
  return suggestions;
}

/** Suggestions for the first entry of an empty timeline: now and the times the prose mentions. */
export function suggestFirstTimestamps(model: PostmortemDocument, zone: string | undefined, options: SuggestionOptions = {}): TimestampSuggestion[] {
  const suggestions: TimestampSuggestion[] = [];
  const now = nowIn(zone, options.now ?? new Date());
  if (now) suggestions.push({ clock: now.clock, placeholder: false, detail: `Now (${now.zoneName})`, kind: 'now' });
  suggestions.push(...mentionedTimes(model, zone, undefined, options.addedLine));
  return suggestions;
}

/** Whether the incident is happening now: the entry above is less than a day old by the clock. */
export function isLive(model: PostmortemDocument, previous: TimelineEntry, now: Date): boolean {
  const placed = placeTimeline(model, previous.timelineId).find((p) => p.entry === previous);
  if (!placed || (!previous.date && !model.incidentDate)) return false;
  if (previous.zone === undefined || zoneOffset(previous.zone) === undefined) return false;
  const nowMinutes = now.getTime() / 60_000;
  return placed.at <= nowMinutes + 5 && nowMinutes - placed.at < DAY;
}

/** The median of the gaps between consecutive entries of the previous entry's timeline, in whole minutes. */
function typicalGap(model: PostmortemDocument, previous: TimelineEntry): number | undefined {
  const placed = placeTimeline(model, previous.timelineId);
  const upTo = placed.findIndex((p) => p.entry === previous);
  if (upTo < 1) return undefined;
  const gaps: number[] = [];
  for (let i = 1; i <= upTo; i++) {
    const gap = placed[i]!.at - placed[i - 1]!.at;
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return undefined;
  gaps.sort((a, b) => a - b);
  const middle = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  return previous.format.hasSeconds ? Math.max(1 / 60, Math.round(median * 60) / 60) : Math.max(1, Math.round(median));
}

/** The entry's clock moved on by `minutes`, with the day it lands on. */
function shiftClock(previous: TimelineEntry, minutes: number): Pick<TimestampSuggestion, 'clock' | 'date' | 'nextDay'> {
  const total = minutesOfDay(previous.clock) + minutes;
  const days = Math.floor(total / DAY);
  const clock = clockAt(total - days * DAY);
  if (days === 0) return { clock };
  if (previous.date) return { clock, date: addDays(previous.date, days) };
  return { clock, nextDay: true };
}

function clockAt(minutes: number): Clock {
  const seconds = Math.round(minutes * 60);
  const hour = Math.floor(seconds / 3600) % 24;
  const minute = Math.floor((seconds % 3600) / 60);
  const second = seconds % 60;
  return { hour, minute, ...(second ? { second } : {}) };
}

function keepSeconds(clock: Clock, format: TimestampFormat): Clock {
  return format.hasSeconds ? clock : { hour: clock.hour, minute: clock.minute };
}

function sameCalendarDay(a: TimelineDate, b: CalendarDate): boolean {
  return a.month === b.month && a.day === b.day && (a.year === undefined || a.year === b.year);
}

/** A date written with a year only when the timeline writes years. */
function withYearLike(date: CalendarDate, like: TimelineDate): TimelineDate {
  return like.year === undefined ? { month: date.month, day: date.day } : date;
}

/**
 * The time now in `zone`: a fixed offset (`UTC`, `PDT`, `+02:00`), an IANA name (`Europe/Paris`) or a region's
 * abbreviation (`PT`); the machine's local time when the timeline names no zone. Undefined for a zone that names
 * several places (`CST`, `IST`), where a guess would be wrong for half of its readers.
 */
export function nowIn(zone: string | undefined, now: Date): { clock: Clock; date: CalendarDate; zoneName: string } | undefined {
  if (zone === undefined || zone === '') {
    return {
      clock: { hour: now.getHours(), minute: now.getMinutes(), second: now.getSeconds() },
      date: { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() },
      zoneName: 'local time: the timeline names no zone',
    };
  }
  const offset = zoneOffset(zone);
  if (offset !== undefined) {
    const shifted = new Date(now.getTime() + offset * 60_000);
    return {
      clock: { hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), second: shifted.getUTCSeconds() },
      date: { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
      zoneName: zone,
    };
  }
  const region = REGION_OF[zone.toUpperCase()] ?? (zone.includes('/') ? zone : undefined);
  if (!region) return undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: region, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(now);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return {
      clock: { hour: part('hour') % 24, minute: part('minute'), second: part('second') },
      date: { year: part('year'), month: part('month'), day: part('day') },
      zoneName: zone === region ? zone : `${zone}, ${region}`,
    };
  } catch {
    return undefined;
  }
}

// A clock in prose, optionally after an ISO date: `19:55`, `2021-07-11 19:55`, `7:05 PM`. `parseLeadingTimestamp`
// then reads it the way timelines are read (zone, AM/PM, not a duration such as `1:30 hours`).
const trailingZone = /^[ \t]{1,2}(\(?[A-Z]{1,5}(?:[+\-−]\d{1,2}(?::?\d{2})?)?\)?)(?![\p{L}\p{N}])/u;
const proseClock = /(?<![\p{L}\p{N}_:./-])(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?![\d])/gu;

/** A clock in the text; `reading` is what it says as a time of day (null: nothing valid), once it is asked. */
interface ClockMatch extends TextMatch {
  reading: ClockReading | null | undefined;
}

interface ClockReading {
  stamp: ParsedTimestamp;
  /** The time as written: date, clock and zone. */
  written: string;
}

/**
 * The clocks in text[start, end) (none crosses a line break). Kept per block between versions (TextSearch), so a
 * completion in a large document scans only the blocks an edit replaced.
 */
function findClocks(text: string, start: number, end: number): ClockMatch[] {
  // The block's text alone: a search of the whole text from `start` would run on to the next clock, however far.
  // Every field set from the start: a reading added later would change the objects' shape under optimised code.
  return Array.from(text.slice(start, end).matchAll(proseClock), (match) => ({ index: start + match.index, text: match[0], kind: 0, reading: undefined }));
}

/** The clock at `at` read as a time of day, or null when it is not a valid one. It reads only the clock's line. */
function readClock(text: string, at: number): ClockReading | null {
  const stamp = parseLeadingTimestamp(text.slice(at, at + 120));
  if (!stamp) return null;
  // In a sentence the zone may be followed by a full stop, which a timeline's timestamp never is.
  const zoneAfter = stamp.zone === undefined ? trailingZone.exec(text.slice(at + stamp.timeEnd, at + stamp.timeEnd + 24)) : null;
  const zone = zoneAfter ? parseZone(zoneAfter[1]!) : undefined;
  if (zoneAfter && zone) {
    stamp.zone = zone;
    stamp.timeEnd += zoneAfter[0].length;
  }
  // proseClock reads colons only, so the clock is never dotted (`10.30`).
  if (stamp.clock.minute > 59 || minutesOfDay(stamp.clock) >= DAY) return null;
  if (stamp.clock.meridiem ? stamp.clock.hour < 1 || stamp.clock.hour > 12 : stamp.clock.hour > 23) return null;
  if (stamp.date && (stamp.date.year === undefined || dateProblem(stamp.date))) return null;
  return { stamp, written: text.slice(at, at + stamp.timeEnd) };
}

/**
 * Where the timeline's timestamps are in the text, sorted and disjoint like the code spans. Once per read of a text,
 * keyed like placeEntries by its timeline, which a model seen through another document (typedBullet.ts) shares.
 */
function stampSpans(model: PostmortemDocument): Array<[number, number]> {
  let spans = stampSpansByRead.get(model.timeline);
  if (!spans) {
    const document = model.document;
    spans = model.timeline.map(({ timeRange: { start, end } }) => [document.offsetAt(start), document.offsetAt(end)]);
    // Entries come in document order, so the spans are sorted already unless timelines interleave.
    if (spans.some((span, i) => i > 0 && span[0] < spans![i - 1]![0])) spans.sort((a, b) => a[0] - b[0]);
    stampSpansByRead.set(model.timeline, spans);
  }
  return spans;
}
const stampSpansByRead = new WeakMap<readonly TimelineEntry[], Array<[number, number]>>();

/** Times the document mentions outside the timeline's timestamps that no entry has yet, earliest first. */
function mentionedTimes(model: PostmortemDocument, timelineZone: string | undefined, previous: TimelineEntry | undefined, addedLine?: number): TimestampSuggestion[] {
  const text = model.document.getText();
  // The entries' times, in the timeline's zone: only needed once the prose mentions a time, which most texts do not.
  let entryTimes: Map<number, Array<TimelineDate | undefined>> | undefined;
  const timesOfEntries = () => {
    const times = new Map<number, Array<TimelineDate | undefined>>();
    for (const entry of model.timeline) {
      const converted = convert(entry.clock, entry.date, entry.zone, timelineZone);
      const seconds = secondsOfDay(converted.clock);
      const dates = times.get(seconds);
      if (dates) dates.push(converted.date);
      else times.set(seconds, [converted.date]);
    }
    return times;
  };
  const taken = (seconds: number, date: TimelineDate | undefined) =>
    ((entryTimes ??= timesOfEntries()).get(seconds) ?? []).some((other) => !other || !date || (other.month === date.month && other.day === date.day));
  const found = new Map<string, TimestampSuggestion & { sortKey: number }>();
  // Mentions are sorted in time; undated ones are on the day of the entry above (or the incident's).
  const base = previous?.date ?? model.incidentDate;
  const baseYear = base?.year ?? model.incidentDate?.year ?? 2000;
  const baseDay = { year: baseYear, day: base ? dayNumber(baseYear, base.month, base.day) : 0 };
  const inCode = spanWalker(model.codeSpans);
  const inHtml = spanWalker(model.htmlSpans);
  const inStamp = spanWalker(stampSpans(model));
  model.search.each(findClocks, (match, at) => {
    if (inCode(at) || inHtml(at) || inStamp(at)) return;
    // Read once while its block is kept: the reading depends only on the clock's line, which moves with the block.
    const reading = match.reading !== undefined ? match.reading : (match.reading = readClock(text, at));
    if (!reading) return;
    const { stamp, written } = reading;
    const converted = convert(stamp.clock, stamp.date, stamp.zone, timelineZone);
    const seconds = secondsOfDay(converted.clock);
    const key = [seconds, converted.date?.year, converted.date?.month, converted.date?.day].join();
    if (taken(seconds, converted.date) || found.has(key)) return;
    const modelLine = model.document.positionAt(at).line;
    const line = addedLine !== undefined && modelLine >= addedLine ? modelLine + 1 : modelLine;
    const lineText = text.slice(lineStartOf(text, at), lineEndOf(text, at));
    const converting = converted.from !== undefined ? ` (${written}, in ${timelineZone})` : '';
    const dayShift = !converted.date && converted.days !== 0 ? { nextDay: converted.days > 0 } : {};
    const date = converted.date ?? (previous?.date && converted.days !== 0 ? addDays(previous.date, converted.days) : undefined);
    found.set(key, {
      clock: { hour: Math.floor(minutesOfDay(converted.clock) / 60), minute: converted.clock.minute, ...(converted.clock.second !== undefined ? { second: converted.clock.second } : {}) },
      ...(date ? { date } : dayShift),
      placeholder: true,
      detail: `Mentioned on line ${line + 1}${converting}`,
      documentation: excerpt(lineText, written),
      kind: 'mentioned',
      sortKey: (date ? dayNumber(date.year ?? baseDay.year, date.month, date.day) - baseDay.day : converted.days) * DAY + minutesOfDay(converted.clock),
    });
  });
  // After an entry, a mentioned time before it belongs higher up the timeline: not offered here.
  const from = previous ? minutesOfDay(previous.clock) : -Infinity;
  return [...found.values()]
    .filter((suggestion) => suggestion.sortKey >= from)
    .sort((a, b) => a.sortKey - b.sortKey)
    .slice(0, MAX_MENTIONS)
    .map(({ sortKey: _, ...suggestion }) => suggestion);
}

/** A mention's clock in the timeline's zone, when both zones have known offsets and differ. */
function convert(clock: Clock, date: TimelineDate | undefined, zone: string | undefined, timelineZone: string | undefined) {
  const from = zone !== undefined ? zoneOffset(zone) : undefined;
  const to = timelineZone !== undefined ? zoneOffset(timelineZone) : undefined;
  if (from === undefined || to === undefined || from === to) return { clock, date, days: 0, from: undefined };
  const total = minutesOfDay(clock) - from + to;
  const days = Math.floor(total / DAY);
  const moved = clockAt(total - days * DAY);
  return { clock: moved, date: date ? addDays(date, days) : undefined, days, from };
}

/** `clock` is earlier than `than` on the same day, by less than twelve hours (more reads as the next day). */
function isBefore(clock: Clock, than: Clock): boolean {
  const back = minutesOfDay(than) - minutesOfDay(clock);
  return back > 0 && back < DAY / 2;
}

function secondsOfDay(clock: Clock): number {
  return Math.round(minutesOfDay(clock) * 60);
}

/** The line a time is mentioned on, shortened around the time. */
function excerpt(line: string, written: string): string {
  const trimmed = line.trim().replace(/\s+/g, ' ');
  if (trimmed.length <= 100) return trimmed;
  const at = Math.max(0, Math.min(trimmed.indexOf(written) - 40, trimmed.length - 100));
  return `${at > 0 ? '…' : ''}${trimmed.slice(at, at + 100).trim()}${at + 100 < trimmed.length ? '…' : ''}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * `prefix` (the date before the clock, as the entry writes it: `2021-07-11 `, `03-26 `, `Sat Jul 10, `) rewritten
 * for `date` in the same style; undefined when the style is not one it knows how to write.
 */
export function rewriteDatePrefix(prefix: string, old: TimelineDate, date: TimelineDate): string | undefined {
  // A number written as wide as the one it replaces (`7` → `8`, `07` → `08`).
  const pad = (n: number, like: string) => String(n).padStart(like.length, '0');
  const iso = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})/.exec(prefix);
  if (iso) {
    return `${date.year ?? iso[1]}${iso[2]}${pad(date.month, iso[3]!)}${iso[2]}${pad(date.day, iso[4]!)}${prefix.slice(iso[0].length)}`;
  }
  const numeric = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})/.exec(prefix);
  if (numeric) {
    // Written in the order the document reads its numeric dates (numericDates.ts).
    const [a, b] = old.numeric === 'day-first' ? [date.day, date.month] : [date.month, date.day];
    return `${pad(a, numeric[1]!)}${numeric[2]}${pad(b, numeric[3]!)}${numeric[2]}${date.year ?? numeric[4]}${prefix.slice(numeric[0].length)}`;
  }
  const monthDay = /^(\d{2})-(\d{2})/.exec(prefix);
  if (monthDay) {
    const dayFirst = Number(monthDay[1]) === old.day && Number(monthDay[2]) === old.month && old.day !== old.month;
    const [a, b] = dayFirst ? [date.day, date.month] : [date.month, date.day];
    return `${String(a).padStart(2, '0')}-${String(b).padStart(2, '0')}${prefix.slice(monthDay[0].length)}`;
  }
  let failed = false;
  let out = prefix.replace(/\p{L}+\.?/gu, (word) => {
    const bare = word.replace('.', '');
    const month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(bare.toLowerCase()) && bare.length >= 3);
    if (month >= 0 && month + 1 === old.month) return sameCase(monthName(date.month, bare.length === MONTHS[month]!.length), bare) + (word.endsWith('.') ? '.' : '');
    const weekday = WEEKDAYS.findIndex((d) => d.toLowerCase().startsWith(bare.toLowerCase()) && bare.length >= 3);
    if (weekday >= 0) {
      // The weekday moves on by as many days as the date did (a year without one is taken as 365 days).
      const year = date.year ?? 2001;
      let days = dayNumber(year, date.month, date.day) - dayNumber(old.year ?? year, old.month, old.day);
      if (date.year === undefined && days < -180) days += 365;
      if (!Number.isFinite(days)) failed = true;
      const index = (((weekday + days) % 7) + 7) % 7;
      const name = WEEKDAYS[index]!;
      return sameCase(bare.length === WEEKDAYS[weekday]!.length ? name : name.slice(0, bare.length), bare) + (word.endsWith('.') ? '.' : '');
    }
    return word;
  });
  if (failed) return undefined;
  let replacedDay = false;
  out = out.replace(/\b\d{1,4}\b/g, (digits) => {
    const n = Number(digits);
    if (digits.length === 4 && n === old.year && date.year !== undefined) return String(date.year);
    if (!replacedDay && n === old.day && digits.length <= 2) {
      replacedDay = true;
      // `09` → `10` keeps its zero; `31` → `1`: "August 01" is no one's style.
      return digits.startsWith('0') ? String(date.day).padStart(2, '0') : String(date.day);
    }
    return digits;
  });
  return replacedDay ? out : undefined;
}

/** A month's name in full, or as commonly shortened: `Sept` → `Oct`, not `Octo`. */
function monthName(month: number, full: boolean): string {
  return full ? MONTHS[month - 1]! : MONTHS[month - 1]!.slice(0, 3);
}

function sameCase(word: string, like: string): string {
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like === like.toLowerCase()) return word.toLowerCase();
  return word;
}
