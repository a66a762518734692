import { memoize } from './memo';
import { formatUtcOffset } from './time';
import type { CalendarDate } from './types';

/**
 * Winter and summer abbreviations of one region. `allYear`: the winter one is also used all year somewhere else
 * (MST in Arizona, CST in China, AEST in Queensland, GMT as UTC), so it is never wrong in summer.
 */
const REGIONS: ReadonlyArray<{ region: string; place: string; winter: string; summer: string; allYear?: true }> = [
  { region: 'America/Los_Angeles', place: 'US Pacific time', winter: 'PST', summer: 'PDT' },
  { region: 'America/Denver', place: 'US Mountain time', winter: 'MST', summer: 'MDT', allYear: true },
  { region: 'America/Chicago', place: 'US Central time', winter: 'CST', summer: 'CDT', allYear: true },
  { region: 'America/New_York', place: 'US Eastern time', winter: 'EST', summer: 'EDT' },
  { region: 'America/Anchorage', place: 'Alaska', winter: 'AKST', summer: 'AKDT' },
  { region: 'Europe/London', place: 'the UK', winter: 'GMT', summer: 'BST', allYear: true },
  { region: 'Europe/Paris', place: 'Central Europe', winter: 'CET', summer: 'CEST' },
  { region: 'Europe/Athens', place: 'Eastern Europe', winter: 'EET', summer: 'EEST' },
  { region: 'Europe/Lisbon', place: 'Western Europe', winter: 'WET', summer: 'WEST' },
  { region: 'Australia/Sydney', place: 'Eastern Australia', winter: 'AEST', summer: 'AEDT', allYear: true },
  { region: 'Pacific/Auckland', place: 'New Zealand', winter: 'NZST', summer: 'NZDT' },
];

export interface SeasonMismatch {
  /** The abbreviation in effect on the date. */
  right: string;
  /** Where, in words (`US Pacific time`). */
  place: string;
  /** Its offset then, as `UTC-08:00`. */
  offset: string;
}

/**
 * A summer-time abbreviation on a winter date or the reverse (`PDT` in January, `CEST` in December, `BST` in
 * December): the abbreviation that was in effect, read from the time zone database node carries (`Intl`, no network).
 */
export function seasonMismatch(zone: string, date: CalendarDate): SeasonMismatch | undefined {
  const written = zone.toUpperCase();
  const pair = REGIONS.find((candidate) => candidate.winter === written || candidate.summer === written);
  if (!pair) return undefined;
  const offset = offsetOn(pair.region, date.year, date.month, date.day);
  const summer = offset > Math.min(offsetOn(pair.region, date.year, 1, 15), offsetOn(pair.region, date.year, 7, 15));
  const right = summer ? pair.summer : pair.winter;
  if (right === written || (written === pair.winter && pair.allYear)) return undefined;
  return { right, place: pair.place, offset: formatUtcOffset(offset) };
}

/** Whether two abbreviations are one region's winter and summer time (`PST` and `PDT`). */
export function sameRegion(a: string, b: string): boolean {
  const [x, y] = [a.toUpperCase(), b.toUpperCase()];
  return REGIONS.some((pair) => (pair.winter === x && pair.summer === y) || (pair.winter === y && pair.summer === x));
}

/** Minutes east of UTC in `region` at noon UTC of the date. */
function offsetOn(region: string, year: number, month: number, day: number): number {
  return offsetAt(`${region}|${year}|${month}|${day}`);
}

// Asked for each zoned entry on every analysis: a few regions and dates, read once each.
const offsetAt = memoize((key: string): number => {
  const [region, year, month, day] = key.split('|');
  const name = formatterFor(region!).formatToParts(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12))).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}, 512);

// A formatter costs far more to make than to use: one per region.
const formatterFor = memoize((region: string) => new Intl.DateTimeFormat('en-US', { timeZone: region, timeZoneName: 'longOffset' }), 16);

