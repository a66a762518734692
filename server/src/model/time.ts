import { memoize } from './memo';
import { parseRelativeStamp } from './relativeTime';
import type { CalendarDate, Clock, TimelineDate, TimestampFormat } from './types';

// Zones written after times in real postmortems; a bare capitalised word is not a zone ("00:27 DNS fails").
const ZONES = [
  'UTC', 'GMT', 'Z', 'PST', 'PDT', 'PT', 'MST', 'MDT', 'MT', 'CST', 'CDT', 'CT', 'EST', 'EDT', 'ET', 'AKST', 'AKDT', 'HST',
  'BST', 'IST', 'CET', 'CEST', 'EET', 'EEST', 'WET', 'WEST', 'MSK', 'GST', 'JST', 'KST', 'HKT', 'SGT',
  'AEST', 'AEDT', 'ACST', 'AWST', 'NZST', 'NZDT', 'BRT', 'ART',
  // Spelled out after a time, as US teams write them (`7:09 AM Eastern`).
  'Eastern', 'Central', 'Mountain', 'Pacific',
];

// The spelled-out US zones are the same zones as their short names, which switch with daylight saving time.
const SPELLED_ZONES: Record<string, string> = { EASTERN: 'ET', CENTRAL: 'CT', MOUNTAIN: 'MT', PACIFIC: 'PT' };

// Offsets in minutes east of UTC, only for abbreviations that mean one thing. CST, IST, BST and GST each name
// several zones, and PT/ET/CT/MT switch with daylight saving time: those compare by name only.
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, PST: -480, PDT: -420, MST: -420, MDT: -360, CDT: -300, EST: -300, EDT: -240,
  AKST: -540, AKDT: -480, HST: -600, CET: 60, CEST: 120, WEST: 60, EET: 120, EEST: 180, MSK: 180, JST: 540, KST: 540,
  HKT: 480, SGT: 480, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780, BRT: -180, ART: -180,
};

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// Every quantifier below is bounded and every alternative starts with a different literal, so a match attempt costs
// the same on any input: timestamps are tried at the start of every list item, table cell, heading and line.
const sp = '[ \\t]';
const offset = `(?:UTC|GMT)${sp}?[+\\-−]${sp}?\\d{1,2}(?::?\\d{2})?`;
const zoneName = `(?:${ZONES.join('|')})(?![\\p{L}\\p{N}])`;
// A bare negative offset needs a space before it, so that a range (`10:00-11:00`) is not read as a zone.
const zoneCore = `(?:${offset}|${zoneName}(?:${sp}\\(${offset}\\))?|\\+\\d{2}:?\\d{2}|(?<=\\s)[\\-−]\\d{2}:?\\d{2})`;
const zone = `(?:${zoneCore}|\\(${zoneCore}\\))`;
// Zones are case-sensitive ("west", "est" and "art" are words), so month and day names spell out their capitals.
const month =
  '(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|' +
  '[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)(?![\\p{L}])\\.?';
const weekday = `(?:(?:[Mm]on|[Tt]ues?|[Ww]ed(?:nes)?|[Tt]hu(?:rs?)?|[Ff]ri|[Ss]at(?:ur)?|[Ss]un)(?:day)?(?![\\p{L}])\\.?,?${sp}{1,3})`;
const ordinal = '(?:st|nd|rd|th)?';
const isoDate = '(?<year>\\d{4})(?<dsep>[-/])(?<month>\\d{1,2})\\k<dsep>(?<day>\\d{1,2})';
const monthDay = '(?<mdMonth>\\d{2})-(?<mdDay>\\d{2})';
const namedDate =
  `(?:(?<nMonth>${month})${sp}{1,3}(?<nDay>\\d{1,2})${ordinal}|(?<nDay2>\\d{1,2})${ordinal}${sp}{1,3}(?<nMonth2>${month}))` +
  `(?:,?${sp}{1,3}(?<nYear>\\d{4}))?`;
// `30/09/2024`, `09.30.2024`, `03-04-2024`: which number is the month is settled from the document (numericDates.ts).
const numericDate = '(?<xFirst>\\d{1,2})(?<xsep>[./-])(?<xSecond>\\d{1,2})\\k<xsep>(?<xYear>\\d{4})(?!\\d)';
const date = `(?:${weekday}?(?:${isoDate}|${numericDate}|${monthDay}|${namedDate}))`;
const meridiem = `${sp}?[AaPp]\\.?[Mm]\\.?(?![\\p{L}\\p{N}])`;
// `1:30 hours` is a duration, not a time of day.
const notDuration = `(?!${sp}{0,3}(?:h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)(?![\\p{L}]))`;
// `14h30` as French and Quebec teams write it. `1625`, `0915Z`: military time, read only with a zone or an ISO date (parseLeadingTimestamp): `2022: …` is a year.
const clock =
  `(?<clock>(?<hour>\\d{1,2})(?<sep>[:.h])(?<minute>\\d{2})(?:\\k<sep>(?<second>\\d{2})(?:(?<=:\\d{2})\\.\\d{1,9})?)?|(?<mHour>[01]\\d|2[0-3])(?<mMinute>[0-5]\\d))(?!\\d|[:.]\\d)${notDuration}` +
  `(?<meridiem>${meridiem})?`;
const rangeEnd =
  `(?:(?:${sp}{0,3}[–—]${sp}{0,3}|-|${sp}{1,3}-${sp}{1,3}|${sp}{1,3}to${sp}{1,3})` +
  `(?<endHour>\\d{1,2}):(?<endMinute>\\d{2})(?::(?<endSecond>\\d{2}))?(?!\\d|:\\d)(?<endMeridiem>${meridiem})?)`;
// A date after the time, as some logs write each entry (`15:10 3rd May`, `09:00 May 4, 2024`).
const trailingDate =
  `(?:(?<tMonth>${month})${sp}{1,3}(?<tDay>\\d{1,2})${ordinal}|(?<tDay2>\\d{1,2})${ordinal}${sp}{1,3}(?<tMonth2>${month}))(?:,?${sp}{1,3}(?<tYear>\\d{4}))?`;
// The same moment in a second zone, for readers elsewhere: `09:15 UTC (18:15 JST)`.
const alternate = `(?:${sp}{1,3}\\((?<altHour>\\d{1,2}):(?<altMinute>\\d{2})(?<altMeridiem>${meridiem})?${sp}{1,2}(?<altZone>${zoneCore})\\))`;
const stamp = `(?<stamp>(?:(?<date>${date})(?<dateGap>T|,?${sp}{1,3}(?:at${sp}{1,3}|@${sp}{0,3})?))?${clock}${rangeEnd}?(?<zoned>${sp}{0,2}(?<zone>${zone}))?${alternate}?(?:,?${sp}{1,3}(?<tdate>${trailingDate}))?)`;
const punctuation = `${sp}{0,2}[:\\-–—|,]`;

/** `**00:27 UTC:** text`, `` `00:27` text``, `*00:27*: text` — the timestamp in emphasis or code. */
const emphasised = new RegExp(
  `^(?<emphasis>\\*\\*|__|\\*|_|\`)${stamp}(?<punct>(?:${punctuation})?)\\k<emphasis>(?![*_\`])(?<after>(?:${punctuation})?)(?=\\s|$)[ \\t]*`,
  'du',
);
/** `**09:12 UTC: Deploy rolled back**`: the whole entry in bold, the timestamp its first words. */
const emphasisedEntry = new RegExp(`^(?<emphasis>\\*\\*|__)${stamp}(?<punct>${punctuation})[ \\t]*(?=[^\\s*_])`, 'du');
/** `[13:26] text`, `[03-26 23:04] text`. */
const bracketed = new RegExp(`^\\[${stamp}(?<punct>)\\](?<after>(?:${punctuation})?)(?=\\s|$)[ \\t]*`, 'du');
/** `(7:30 UTC) text`, as status pages write updates. */
const parenthesised = new RegExp(`^\\(${stamp}(?<punct>)\\)(?<after>(?:${punctuation})?)(?=\\s|$)[ \\t]*`, 'du');

/** The bracket that closes `open`. */
export function closingBracket(open: TimestampFormat['brackets']): string {
  return open === '[' ? ']' : open === '(' ? ')' : '';
}
/** `00:27 UTC text`, `00:27 UTC: text`, `2:54 PM PST: text`, `00:27 - text`. */
const plain = new RegExp(`^${stamp}(?<punct>(?:${punctuation})?)(?=\\s|$)[ \\t]*`, 'du');
const wholeZone = new RegExp(`^${zone}$`, 'iu');
const leadingDate = new RegExp(`^${date}`, 'du');

export interface ParsedTimestamp {
  /** Length of the timestamp, its emphasis or brackets and the separator after it: where the event text starts. */
  length: number;
  /** Where the timestamp itself (date, time, zone) starts and ends, without emphasis, brackets or separator. */
  timeStart: number;
  timeEnd: number;
  /** Where the clock (`14:43`, `14.43:05`) starts and ends. */
  clockStart: number;
  clockEnd: number;
  /** Where the date (`2021-07-11`, `Sep 27 2017`) starts and ends, when the timestamp has one. */
  dateStart?: number;
  dateEnd?: number;
  clock: Clock;
  end?: Clock;
  date?: TimelineDate;
  zone?: string;
  /** Written with a dot (`14.43`): read as a time, but a malformed one. */
  dotted: boolean;
  /** The same moment given in a second zone after it: `09:15 UTC (18:15 JST)`. */
  alternate?: { clock: Clock; zone: string };
  /** Minutes after the incident's start, for an offset (`T+45m`); the clock then counts from a midnight standing for T. */
  relative?: number;
  /** In emphasis or brackets, or followed by punctuation: set apart from the text as a timestamp, not a word of prose. */
  delimited: boolean;
  format: Omit<TimestampFormat, 'lead'>;
}

/** Reads a timestamp at the very start of a list item, table cell, heading or line, or returns undefined. */
export function parseLeadingTimestamp(text: string): ParsedTimestamp | undefined {
  // Cheap rejection first: a timestamp starts with a digit, a month or day name, emphasis or a bracket.
  const first = text.charCodeAt(0);
  const wrapper = first === 42 /* * */ || first === 95 /* _ */ || first === 96; /* ` */
  if (!wrapper && first !== 91 /* [ */ && first !== 40 /* ( */ && !/^[\d\p{L}]/u.test(text)) return undefined;
  const inEmphasis = wrapper ? emphasised.exec(text) : null;
  // The whole entry in bold is tried only when the bold does not close right after the time.
  const closesAtEnd = wrapper && !inEmphasis;
  const match = wrapper
    ? (inEmphasis ?? wholeEntry(text))
    : first === 91
      ? bracketed.exec(text)
      : first === 40
        ? parenthesised.exec(text)
        : plain.exec(text);
  const g = match?.groups;
  const at = match?.indices?.groups;
  if (!match || !g || !at?.['stamp'] || !at['clock']) return mayBeRelative(text) ? parseRelativeStamp(text) : undefined;
  const [timeStart, timeEnd] = at['stamp'];
  const [clockStart, clockEnd] = at['clock'];
  const military = g['mHour'] !== undefined;
  // Without a zone, only after an ISO date (`2022-02-02 1625`): after `June 25, ` four digits are the year.
  if (military && g['zone'] === undefined && g['year'] === undefined) return undefined;
  const written = readClock(g['hour'] ?? g['mHour'], g['minute'] ?? g['mMinute'], g['second'], g['meridiem'] ?? g['endMeridiem']);
  const end = g['endHour'] !== undefined ? readClock(g['endHour'], g['endMinute'], g['endSecond'], g['endMeridiem'] ?? g['meridiem']) : undefined;
  const dateFound = dateOf(g);
  const emphasis = g['emphasis'] ?? '';
  const brackets = emphasis === '' && (first === 91 || first === 40) ? (text[0] as '[' | '(') : '';
  const zoneText = g['zoned'] ?? '';
  const dateAt = at['date'] ?? at['tdate'];
  const datePrefix = dateFound && at['date'] ? text.slice(timeStart, clockStart) : undefined;
  const meridiemText = g['meridiem'];
  return {
    length: match[0].length,
    timeStart,
    timeEnd,
    clockStart,
    clockEnd,
    clock: written,
    ...(dateFound && dateAt ? { dateStart: dateAt[0], dateEnd: dateAt[1] } : {}),
    ...(end ? { end } : {}),
    ...(dateFound ? { date: dateFound } : {}),
    ...(g['zone'] ? { zone: normalizeZone(g['zone']) } : {}),
    dotted: g['sep'] === '.',
    ...(g['altZone'] !== undefined ? { alternate: { clock: readClock(g['altHour'], g['altMinute'], undefined, g['altMeridiem']), zone: normalizeZone(g['altZone']) } } : {}),
    delimited: emphasis !== '' || brackets !== '' || (g['punct'] ?? '') !== '' || (g['after'] ?? '') !== '',
    format: {
      emphasis: emphasis as TimestampFormat['emphasis'],
      brackets,
      padHour: military || (g['hour'] ?? '').length === 2,
      hasSeconds: g['second'] !== undefined,
      ...(datePrefix !== undefined ? { datePrefix } : {}),
      ...(meridiemText !== undefined ? { meridiem: meridiemText } : {}),
      zoneText,
      punctuation: g['punct'] ?? '',
      after: g['after'] ?? '',
      ...(closesAtEnd ? { closesAtEnd: true as const } : {}),
    },
  };
}

/** `T+…`, `**T+…`, `[T+…`, `(+…`: only these can open an offset from the start. */
function mayBeRelative(text: string): boolean {
  const open = text.startsWith('**') || text.startsWith('__') ? 2 : text[0] === '[' || text[0] === '(' ? 1 : 0;
  const first = text[open];
  return first === 'T' || first === '+';
}

/** The timestamp of an entry written in bold as a whole, when the bold closes at the end of its first line. */
function wholeEntry(text: string): RegExpExecArray | null {
  const match = emphasisedEntry.exec(text);
  if (!match) return null;
  const lineEnd = text.indexOf('\n');
  return text.slice(0, lineEnd < 0 ? text.length : lineEnd).trimEnd().endsWith(match.groups!['emphasis']!) ? match : null;
}

/** Reads a line that is only a date (`2021-01-30`, `Saturday 30 January`, `Sep 27, 2017:`), as date headings write it. */
export function parseDateLine(text: string): { date: TimelineDate; start: number; end: number } | undefined {
  const match = leadingDate.exec(text);
  // `10-12` alone is more likely a range of numbers than a date.
  if (!match?.groups || match.groups['mdMonth'] !== undefined) return undefined;
  if (!/^[\s:.,]*$/.test(text.slice(match[0].length))) return undefined;
  const found = dateOf(match.groups);
  return found ? { date: found, start: 0, end: match[0].length } : undefined;
}

function readClock(hour: string | undefined, minute: string | undefined, second: string | undefined, meridiemText: string | undefined): Clock {
  return {
    hour: Number(hour),
    minute: Number(minute),
    ...(second !== undefined ? { second: Number(second) } : {}),
    ...(meridiemText !== undefined ? { meridiem: /p/i.test(meridiemText) ? ('PM' as const) : ('AM' as const) } : {}),
  };
}

function dateOf(g: Record<string, string | undefined>): TimelineDate | undefined {
  if (g['year'] !== undefined) return { year: Number(g['year']), month: Number(g['month']), day: Number(g['day']) };
  if (g['xYear'] !== undefined) return numericDateOf(Number(g['xFirst']), Number(g['xSecond']), Number(g['xYear']));
  if (g['mdMonth'] !== undefined) {
    const first = Number(g['mdMonth']);
    const second = Number(g['mdDay']);
    // `03-26` is month-day; `26-03` cannot be, and is read the only way it can be meant.
    return first > 12 && second <= 12 ? { month: second, day: first } : { month: first, day: second };
  }
  const trailing = g['tMonth'] ?? g['tMonth2'];
  const name = g['nMonth'] ?? g['nMonth2'] ?? trailing;
  if (name === undefined) return undefined;
  const monthNumber = MONTH_NAMES.findIndex((m) => m.startsWith(name.replace('.', '').toLowerCase().slice(0, 3))) + 1;
  const year = g['nYear'] ?? g['tYear'];
  return {
    ...(year !== undefined ? { year: Number(year) } : {}),
    month: monthNumber,
    day: Number(g['nDay'] ?? g['nDay2'] ?? g['tDay'] ?? g['tDay2']),
  };
}

/**
 * `30/09/2024` is day-first and `09/30/2024` month-first; `03/04/2024` could be either, and is read month-first until
 * the document's other dates tell (numericDates.ts).
 */
function numericDateOf(first: number, second: number, year: number): TimelineDate {
  if (first > 12 && second <= 12) return { year, month: second, day: first, numeric: 'day-first' };
  if (second > 12 && first <= 12) return { year, month: first, day: second, numeric: 'month-first' };
  return { year, month: first, day: second, numeric: first === second || (first > 12 && second > 12) ? 'month-first' : 'either' };
}

/** `(UTC)` → `UTC`, `PDT (UTC-7)` → `PDT`, `UTC −7` → `UTC-7`: the zone as a short token. */
export function normalizeZone(written: string): string {
  let inner = written.replace(/^\((.*)\)$/, '$1');
  // ` (UTC-7)` after the name goes; found by search, as `/\s*\(.*\)$/` is quadratic in a run of spaces.
  const open = inner.indexOf('(');
  if (open >= 0 && inner.endsWith(')') && !/[\r\n\u2028\u2029]/.test(inner.slice(open))) inner = inner.slice(0, open);
  const short = inner.replace(/\s+/g, '').replace(/−/g, '-').toUpperCase();
  return SPELLED_ZONES[short] ?? short;
}

// `US/Pacific`, `America/New_York`, `Europe/Berlin`: a name of the time zone database, kept as written.
const regionZone = /^[A-Z][A-Za-z_]{1,20}(?:\/[A-Za-z_-]{1,30}){1,2}(?![\p{L}\p{N}/])/u;
// `Eastern`, `Pacific Time`, `US Central`, `Eastern Standard Time`.
const spelledZone = /^(?:US\s)?(Eastern|Central|Mountain|Pacific)(?:\s(?:Standard|Daylight))?(?:\sTime)?(?![\p{L}\p{N}])/u;

/** A zone written out at the start of `text` (a time zone database name, or a US zone in words): for declarations. */
export function readZoneName(text: string): { zone: string; length: number } | undefined {
  const region = regionZone.exec(text);
  if (region && isRegion(region[0])) return { zone: region[0], length: region[0].length };
  const spelled = spelledZone.exec(text);
  return spelled ? { zone: SPELLED_ZONES[spelled[1]!.toUpperCase()]!, length: spelled[0].length } : undefined;
}

/** Whether the time zone database that node carries knows the name (`Intl`, no network). */
function isRegion(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a written offset cannot be a zone (`UTC+99`, `-25:00`, `+02:75`), or undefined. Real zones run from UTC-12:00
 * to UTC+14:00.
 */
export function offsetProblem(zoneText: string): string | undefined {
  return writtenOffset(normalizeZone(zoneText))?.problem;
}

/** A zone written as an offset (`UTC+2`, `-05:30`, already normalised): minutes east of UTC, and why it cannot be one. */
function writtenOffset(zone: string): { east: number; problem?: string } | undefined {
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[3] ?? 0);
  const east = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + minutes);
  if (minutes > 59) return { east, problem: `minute ${minutes} is past 59` };
  return east < -12 * 60 || east > 14 * 60 ? { east, problem: 'zone offsets run from UTC-12:00 to UTC+14:00' } : { east };
}

/** Minutes east of UTC for a zone that names one offset, or undefined when it is ambiguous or unknown. */
export function zoneOffset(zoneText: string): number | undefined {
  return zoneOffsets(zoneText);
}

// Asked for every timeline entry by the rules and by completion, on every edit.
const zoneOffsets = memoize(computeZoneOffset, 1024);

function computeZoneOffset(zoneText: string): number | undefined {
  const z = normalizeZone(zoneText);
  if (z in ZONE_OFFSETS) return ZONE_OFFSETS[z];
  const offset = writtenOffset(z);
  return offset && !offset.problem ? offset.east : undefined;
}

// A document writes a handful of zones thousands of times, and the timeline rules ask for each one's key every edit.
const zoneKeys = memoize(computeZoneKey, 1024);

/** What two zones are compared by: their offset when it is known (`UTC` = `GMT` = `Z`, `PDT` = `UTC-7`), else the name. */
export function zoneKey(zoneText: string): string {
  return zoneKeys(zoneText);
}

function computeZoneKey(zoneText: string): string {
  const minutes = zoneOffset(zoneText);
  if (minutes === undefined) return normalizeZone(zoneText);
  return minutes === 0 ? 'UTC' : formatUtcOffset(minutes);
}

/** A zone named in `text`, as a whole (`UTC`, `(PDT)`, `utc+2`): for table headers and declarations. */
export function parseZone(text: string): string | undefined {
  const match = wholeZone.exec(text.trim());
  return match ? normalizeZone(match[0]) : undefined;
}

/** The hour on a 24-hour clock: 12:xx AM is 00:xx, 12:xx PM is 12:xx. */
export function hourOfDay(clock: Clock): number {
  if (!clock.meridiem) return clock.hour;
  const base = clock.hour % 12;
  return clock.meridiem === 'PM' ? base + 12 : base;
}

/** Why a clock reading cannot be a time of day, or undefined when it can. 23:59:60 is a leap second. */
export function clockProblem(clock: Clock): string | undefined {
  if (clock.meridiem) {
    if (clock.hour < 1 || clock.hour > 12) return `hour ${clock.hour} does not exist on a 12-hour clock (${clock.meridiem})`;
  } else if (clock.hour > 23) {
    return clock.hour === 24 && clock.minute === 0 && !clock.second ? '24:00 is not a time of day; write 00:00 of the next day' : `hour ${clock.hour} is past 23`;
  }
  if (clock.minute > 59) return `minute ${clock.minute} is past 59`;
  const second = clock.second ?? 0;
  if (second > 60 || (second === 60 && !(hourOfDay(clock) === 23 && clock.minute === 59))) return `second ${second} is past 59`;
  return undefined;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Why a calendar date does not exist (2021-02-30), or undefined when it does. `Date` would roll it over silently.
 * Without a year, February 29 is possible.
 */
export function dateProblem({ year, month, day }: TimelineDate): string | undefined {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const days = [31, year === undefined || isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  const name = year === undefined ? MONTH_NAMES[month - 1]!.replace(/^./, (c) => c.toUpperCase()) : `${year}-${pad(month)}`;
  if (day < 1 || day > days) return `${name} has ${days} days, not ${day}`;
  return undefined;
}

export function minutesOfDay(clock: Clock): number {
  return hourOfDay(clock) * 60 + clock.minute + (clock.second ?? 0) / 60;
}

/** A clock written the way `format` writes clocks: hour padding, seconds, and AM/PM in the same style. */
export function formatClock(clock: Clock, format: Pick<TimestampFormat, 'padHour' | 'hasSeconds' | 'meridiem'>): string {
  const twelve = format.meridiem !== undefined;
  const hourValue = twelve ? hourOfDay(clock) % 12 || 12 : hourOfDay(clock);
  const hour = format.padHour ? pad(hourValue) : String(hourValue);
  const seconds = format.hasSeconds ? `:${pad(clock.second ?? 0)}` : '';
  return `${hour}:${pad(clock.minute)}${seconds}${twelve ? writeMeridiem(hourOfDay(clock) >= 12, format.meridiem!) : ''}`;
}

/** `' PM'` written like `style` (`'am'`, `' a.m.'`, `' AM'`). */
function writeMeridiem(pm: boolean, style: string): string {
  return style.replace(/[AaPp]/, (c) => {
    const letter = pm ? 'p' : 'a';
    return c === c.toUpperCase() ? letter.toUpperCase() : letter;
  });
}

/**
 * The whole timestamp as `format` writes it, without the line's lead: `**00:27 UTC:**`, `[03-26 23:04]`, `2:54 PM PST:`.
 * `zoneText` replaces the format's own zone (with its leading space), for fixes that add or change one.
 */
export function writeTimestamp(format: Omit<TimestampFormat, 'lead'>, clock: Clock, options: { zoneText?: string; datePrefix?: string } = {}): {
  text: string;
  clockStart: number;
  clockEnd: number;
} {
  const open = `${format.emphasis}${format.brackets}${options.datePrefix ?? format.datePrefix ?? ''}`;
  const written = formatClock(clock, format);
  const close = `${options.zoneText ?? format.zoneText}${format.punctuation}${closingBracket(format.brackets)}${format.emphasis}${format.after}`;
  return { text: `${open}${written}${close}`, clockStart: open.length, clockEnd: open.length + written.length };
}

/** Days since 1970-01-01 for a proleptic Gregorian date; pure arithmetic, no `Date` rollover. */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `days` after `date` (before, when negative). A date without a year stays without one. */
export function addDays(date: TimelineDate, days: number): TimelineDate {
  const z = dayNumber(date.year ?? 2000, date.month, date.day) + days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { ...(date.year !== undefined ? { year } : {}), month, day };
}

/** Reads `2020-12-11` at the start of a string (a title or file name), if it is a real date. */
export function leadingIsoDate(text: string): CalendarDate | undefined {
  const found = leadingIsoShape(text);
  return found && !dateProblem(found) ? found : undefined;
}

/** `2021-02-30` at the start of the text, whether the date exists or not. */
export function leadingIsoShape(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

/** `2021-07-11`. */
export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** `UTC+05:30`, `UTC-08:00`: minutes east of UTC as an offset. */
export function formatUtcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
