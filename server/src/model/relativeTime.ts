import type { ParsedTimestamp } from './time';
import type { TimestampFormat } from './types';

const DAY = 24 * 60;
const sp = '[ \\t]';
// `45m`, `1h30m`, `1h 30 min`, `2 hours`, `1d 4h`, `1:30`, `0`: every part bounded, each one optional but not all.
const amount =
  `(?:(?<hm>\\d{1,3}:\\d{2})|(?:(?<days>\\d{1,3})${sp}?d(?:ays?)?(?![\\p{L}])${sp}?)?(?:(?<hours>\\d{1,4})${sp}?h(?:ours?|rs?)?(?![\\p{L}])${sp}?)?` +
  `(?:(?<minutes>\\d{1,5})${sp}?m(?:in(?:ute)?s?)?(?![\\p{L}]))?|(?<zero>0)(?!\\d|:\\d))`;
// `T+45m`, `T - 5 min`, `T+0`; `+2h` only in brackets or emphasis, where it cannot be a number in prose.
const offset = `(?:T${sp}?(?<sign>[+\\-−])${sp}?${amount}|(?<bare>\\+)${amount.replace(/\?<(\w+)>/g, '?<$1B>')})`;
const punctuation = `${sp}{0,2}[:\\-–—|,]`;
const relative = new RegExp(
  `^(?<open>\\*\\*|__|\\[|\\()?(?<stamp>${offset})(?<punct>(?:${punctuation})?)(?<close>\\*\\*|__|\\]|\\))?(?<after>(?:${punctuation})?)(?=\\s|$)[ \\t]*`,
  'du',
);
const CLOSING: Record<string, string> = { '**': '**', __: '__', '[': ']', '(': ')' };

/**
 * A timestamp given as an offset from the incident's start (`T+45m`, `**T+1h30m:**`, `(+2h)`): minutes after T, read
 * with a clock of that many hours and minutes past a midnight that stands for T.
 */
export function parseRelativeStamp(text: string): ParsedTimestamp | undefined {
  const match = relative.exec(text);
  const g = match?.groups;
  const at = match?.indices?.groups;
  if (!match || !g || !at?.['stamp']) return undefined;
  const open = g['open'] ?? '';
  if ((open === '' ? '' : CLOSING[open]) !== (g['close'] ?? '')) return undefined;
  if (g['bare'] !== undefined && open === '') return undefined;
  const minutes = offsetMinutes(g);
  if (minutes === undefined) return undefined;
  const [timeStart, timeEnd] = at['stamp'];
  const ofDay = ((minutes % DAY) + DAY) % DAY;
  const emphasis = open === '**' || open === '__' ? open : '';
  const brackets = open === '[' || open === '(' ? open : '';
  const format: Omit<TimestampFormat, 'lead'> = { emphasis, brackets, padHour: false, hasSeconds: false, zoneText: '', punctuation: g['punct'] ?? '', after: g['after'] ?? '' };
  return {
    length: match[0].length,
    timeStart,
    timeEnd,
    clockStart: timeStart,
    clockEnd: timeEnd,
    clock: { hour: Math.floor(ofDay / 60), minute: ofDay % 60 },
    relative: minutes,
    dotted: false,
    delimited: true,
    format,
  };
}

function offsetMinutes(g: Record<string, string | undefined>): number | undefined {
  const part = (name: string) => g[name] ?? g[`${name}B`];
  const sign = (g['sign'] ?? '+') === '+' ? 1 : -1;
  const hm = part('hm');
  if (hm !== undefined) {
    const [h, m] = hm.split(':').map(Number);
    return m! > 59 ? undefined : sign * (h! * 60 + m!);
  }
  if (part('zero') !== undefined) return 0;
  const days = part('days');
  const hours = part('hours');
  const minutes = part('minutes');
  if (days === undefined && hours === undefined && minutes === undefined) return undefined;
  return sign * (Number(days ?? 0) * DAY + Number(hours ?? 0) * 60 + Number(minutes ?? 0));
}
