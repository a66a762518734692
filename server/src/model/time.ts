import type { CalendarDate, Clock, TimestampFormat } from './types';

// Zones written after times in real postmortems; a bare capitalised word is not a zone ("00:27 DNS fails").
const ZONES = [
  'UTC', 'GMT', 'Z', 'PST', 'PDT', 'MST', 'MDT', 'CST', 'CDT', 'EST', 'EDT', 'AKST', 'AKDT', 'HST',
  'BST', 'IST', 'CET', 'CEST', 'EET', 'EEST', 'WET', 'WEST', 'MSK', 'GST', 'JST', 'KST', 'HKT', 'SGT',
  'AEST', 'AEDT', 'ACST', 'AWST', 'NZST', 'NZDT', 'BRT', 'ART',
];
// A bare negative offset needs a space before it, so that a range (`10:00-11:00`) is not read as a zone.
const zone = `(?:(?:UTC|GMT)\\s?[+-]\\d{1,2}(?::?\\d{2})?|\\+\\d{2}:?\\d{2}|(?<=\\s)-\\d{2}:?\\d{2}|(?:${ZONES.join('|')})(?![\\p{L}\\p{N}]))`;
const date = String.raw`(?:(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})[ T])?`;
const time = String.raw`(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?![\d:])`;
const zoned = String.raw`(?<zoned>(?:\s*(?<zone>${zone}))?)`;

/** `**00:27 UTC:** text` — the timestamp, optionally dated and zoned, in bold. */
const boldTimestamp = new RegExp(String.raw`^(?<emphasis>\*\*|__)(?<stamp>${date}${time}${zoned})(?<separator>\s*:?)\k<emphasis>(?=\s|$)\s*`, 'du');
/** `00:27 UTC text`, `00:27 UTC: text`, `00:27 - text`. */
const plainTimestamp = new RegExp(String.raw`^(?<stamp>${date}${time}${zoned})(?<separator>(?:\s*[:\-–—])?)(?=\s|$)\s*`, 'du');

export interface ParsedTimestamp {
  /** Length of the timestamp, its emphasis and the separator after it: where the event text starts. */
  length: number;
  /** Where the timestamp itself (date, time, zone) starts and ends, without emphasis or separator. */
  timeStart: number;
  timeEnd: number;
  clock: Clock;
  date?: CalendarDate;
  zone?: string;
  format: TimestampFormat;
}

/** Reads a timestamp at the very start of a list item's text, or returns undefined. */
export function parseLeadingTimestamp(text: string): ParsedTimestamp | undefined {
  const match = boldTimestamp.exec(text) ?? plainTimestamp.exec(text);
  const g = match?.groups;
  const stamp = match?.indices?.groups?.['stamp'];
  const hourAt = match?.indices?.groups?.['hour'];
  if (!match || !g || !stamp || !hourAt) return undefined;
  const emphasis = (g['emphasis'] ?? '') as TimestampFormat['emphasis'];
  const hasDate = g['year'] !== undefined;
  return {
    length: match[0].length,
    timeStart: stamp[0],
    timeEnd: stamp[1],
    clock: {
      hour: Number(g['hour']),
      minute: Number(g['minute']),
      ...(g['second'] !== undefined ? { second: Number(g['second']) } : {}),
    },
    ...(hasDate ? { date: { year: Number(g['year']), month: Number(g['month']), day: Number(g['day']) } } : {}),
    ...(g['zone'] ? { zone: g['zone'].replace(/\s+/g, '') } : {}),
    format: {
      emphasis,
      suffix: (g['zoned'] ?? '') + (g['separator'] ?? ''),
      padHour: (g['hour'] ?? '').length === 2,
      hasSeconds: g['second'] !== undefined,
      ...(hasDate ? { datePrefix: text.slice(stamp[0], hourAt[0]) } : {}),
    },
  };
}

/** Why a clock reading cannot be a time of day, or undefined when it can. 23:59:60 is a leap second. */
export function clockProblem(clock: Clock): string | undefined {
  if (clock.hour > 23) return clock.hour === 24 && clock.minute === 0 ? '24:00 is not a time of day; write 00:00 of the next day' : `hour ${clock.hour} is past 23`;
  if (clock.minute > 59) return `minute ${clock.minute} is past 59`;
  const second = clock.second ?? 0;
  if (second > 60 || (second === 60 && !(clock.hour === 23 && clock.minute === 59))) return `second ${second} is past 59`;
  return undefined;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Why a calendar date does not exist (2021-02-30), or undefined when it does. `Date` would roll it over silently. */
export function dateProblem({ year, month, day }: CalendarDate): string | undefined {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > days) return `${year}-${pad(month)} has ${days} days, not ${day}`;
  return undefined;
}

export function minutesOfDay(clock: Clock): number {
  return clock.hour * 60 + clock.minute + (clock.second ?? 0) / 60;
}

export function formatClock(clock: Clock, format: Pick<TimestampFormat, 'padHour' | 'hasSeconds'>): string {
  const hour = format.padHour ? pad(clock.hour) : String(clock.hour);
  return `${hour}:${pad(clock.minute)}${format.hasSeconds ? `:${pad(clock.second ?? 0)}` : ''}`;
}

/** Reads `2020-12-11` at the start of a string (a title or file name), if it is a real date. */
export function leadingIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  if (!match) return undefined;
  const found = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return dateProblem(found) ? undefined : found;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
