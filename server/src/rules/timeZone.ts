import type { TextEdit } from 'vscode-languageserver-types';
import { entriesByTimeline, stampRange } from '../model/timeline';
import { addDays, clockProblem, closingBracket, formatClock, formatIsoDate, hourOfDay, zoneKey, zoneOffset } from '../model/time';
import type { PostmortemDocument, TimelineEntry, TimestampFormat } from '../model/types';
import { sameRegion, seasonMismatch } from '../model/zoneSeasons';
import type { Fix, Rule } from './rule';

const DAY = 24 * 60;

type ZoneFinding =
  | { kind: 'missing'; timelineId: number; zone: string }
  | { kind: 'mixed'; timelineId: number; index: number; zone: string }
  | { kind: 'season'; timelineId: number; wrong: string; zone: string };

export const timeZone: Rule = {
  id: 'PM009',
  name: 'time-zone',
  description:
    'A timeline gives times without a time zone, mixes time zones, names summer time on a winter date (or the reverse), or gives a time in two zones that are not the same moment.',
  defaultSeverity: 'warning',
  check(model, report, { zone: repositoryZone }) {
    const groups = entriesByTimeline(model);
    // With no zone anywhere, the document has one mistake, told once on its first timeline; where some timelines
    // give a zone, each one that does not is told apart.
    const noZoneAnywhere = !model.timeline.some((entry) => entry.zone !== undefined);
    let told = false;
    for (const [timelineId, entries] of groups) {
      // Offsets from the start (`T+45m`) need no zone.
      if (entries.every((entry) => entry.relative !== undefined)) continue;
      const zoned = entries.filter((entry) => entry.zone !== undefined);
      if (zoned.length === 0) {
        // The repository states the zone once for all its postmortems (`zone:` in .postmortem.yaml or the settings).
        if (repositoryZone || (noZoneAnywhere && told)) continue;
        told = true;
        const zone = zoneUsedElsewhere(model) ?? 'UTC';
        // Offsets from the start among clock times need no zone: the first clock time is the one to place.
        const first = entries.find((entry) => entry.relative === undefined)!;
        const which = noZoneAnywhere && groups.size > 1 ? 'No timeline gives a time zone' : 'The timeline gives no time zone';
        report({
          range: first.timeRange,
          message: `${which}: readers in other zones cannot place ${first.timeText}. Add one (${zone}?) to the timestamps, or state it once ("All times are ${zone}").`,
          data: { kind: 'missing', timelineId, zone } satisfies ZoneFinding,
        });
        continue;
      }
      for (const entry of entries) {
        const message = alternateMismatch(entry);
        // No fix, so no data: which of the two times is wrong is for the author to say.
        if (message) report({ range: entry.timeRange, message });
      }
      const season = seasonFinding(model, entries);
      if (season) report({ ...season, data: { ...season.data, timelineId } });
      const main = dominantZone(zoned);
      for (const [index, entry] of entries.entries()) {
        if (entry.zoneSource !== 'timestamp' || zoneKey(entry.zone!) === zoneKey(main)) continue;
        // PST in January and PDT in July are one zone across a clock change, when each is right for its date.
        const date = dateOf(model, entry);
        if (sameRegion(entry.zone!, main) && date && !seasonMismatch(entry.zone!, date)) continue;
        report({
          range: entry.timeRange,
          message: `${entry.timeText} is in ${entry.zone}, the rest of the timeline in ${main}: give every time in one zone.`,
          data: { kind: 'mixed', timelineId, index, zone: main } satisfies ZoneFinding,
        });
      }
    }
  },
  fixes(model, diagnostic) {
    const data = diagnostic.data as ZoneFinding | undefined;
    if (!data || typeof data.timelineId !== 'number' || typeof data.zone !== 'string') return [];
    const entries = entriesByTimeline(model).get(data.timelineId);
    if (!entries) return [];
    if (data.kind === 'missing') return addZone(model, entries, data.zone);
    if (data.kind === 'season') return rightSeason(model, entries, data.wrong, data.zone);
    const entry = entries[data.index];
    return entry ? convertZone(model, entry, data.zone) : [];
  },
};

/**
 * `09:15 UTC (19:15 JST)`: the second time is not the first one in its zone. Only zones with one known offset are
 * compared; which of the two is wrong is for the author to say, so there is no fix.
 */
function alternateMismatch(entry: TimelineEntry): string | undefined {
  const { alternate, zone } = entry;
  if (!alternate || zone === undefined || clockProblem(entry.clock) || clockProblem(alternate.clock)) return undefined;
  const from = zoneOffset(zone);
  const to = zoneOffset(alternate.zone);
  if (from === undefined || to === undefined) return undefined;
  const expected = (((hourOfDay(entry.clock) * 60 + entry.clock.minute - from + to) % DAY) + DAY) % DAY;
  const given = hourOfDay(alternate.clock) * 60 + alternate.clock.minute;
  if (expected === given) return undefined;
  const hhmm = (minutes: number) => formatClock({ hour: Math.floor(minutes / 60), minute: minutes % 60 }, { padHour: true, hasSeconds: false });
  return `${hhmm(hourOfDay(entry.clock) * 60 + entry.clock.minute)} ${zone} is ${hhmm(expected)} ${alternate.zone}, not ${hhmm(given)} ${alternate.zone}: one of the two times is wrong.`;
}

/**
 * The first entry of a timeline whose zone abbreviation was not in effect on its date (`PDT` on 2024-01-15): one
 * finding per timeline, whose fix writes the right abbreviation in every timestamp that has the wrong one.
 */
function seasonFinding(model: PostmortemDocument, entries: readonly TimelineEntry[]) {
  for (const entry of entries) {
    if (entry.zoneSource !== 'timestamp' || entry.zone === undefined) continue;
    const date = dateOf(model, entry);
    const mismatch = date && seasonMismatch(entry.zone, date);
    if (!date || !mismatch) continue;
    return {
      range: entry.timeRange,
      message: `${entry.zone} was not in effect on ${formatIsoDate(date)}: ${mismatch.place} was on ${mismatch.right} (${mismatch.offset}). Write ${mismatch.right}, or check the time.`,
      data: { kind: 'season' as const, wrong: entry.zone, zone: mismatch.right },
    };
  }
  return undefined;
}

/** The entry's calendar date: its own, else the incident's; undefined without a year to read the season in. */
function dateOf(model: PostmortemDocument, entry: TimelineEntry): { year: number; month: number; day: number } | undefined {
  const incident = model.incidentDate;
  const own = entry.date;
  const year = own?.year ?? incident?.year;
  if (year === undefined) return undefined;
  if (own) return { year, month: own.month, day: own.day };
  return incident ? { year, month: incident.month, day: incident.day } : undefined;
}

/** `PDT` → `PST` in every timestamp of the timeline that writes the wrong abbreviation. */
function rightSeason(model: PostmortemDocument, entries: readonly TimelineEntry[], wrong: string, right: string): Fix[] {
  const edits: TextEdit[] = [];
  for (const entry of entries) {
    if (entry.zoneSource !== 'timestamp' || entry.zone !== wrong) continue;
    // A date written after the zone (`15:10 PDT 3rd May`) puts the zone mid-stamp: left to the author.
    if (entry.dateSource === 'timestamp' && entry.format.datePrefix === undefined) continue;
    const written = entry.format.zoneText.trimStart();
    const end = entry.timeRange.end;
    edits.push({ range: { start: { line: end.line, character: end.character - written.length }, end }, newText: written.replace(wrong, right) });
  }
  return edits.length === 0 ? [] : [{ title: `Write ${right} instead of ${wrong}`, edits, safe: false }];
}

/** The zone most entries are in (declared and header zones count for the entries they cover); ties go to the first. */
function dominantZone(zoned: readonly TimelineEntry[]): string {
  const counts = new Map<string, { zone: string; count: number }>();
  for (const entry of zoned) {
    const key = zoneKey(entry.zone!);
    const found = counts.get(key);
    if (found) found.count++;
    else counts.set(key, { zone: entry.zone!, count: 1 });
  }
  let best: { zone: string; count: number } | undefined;
  for (const candidate of counts.values()) if (!best || candidate.count > best.count) best = candidate;
  return best!.zone;
}

/** The zone the rest of the document uses, to suggest for a timeline without one. */
function zoneUsedElsewhere(model: PostmortemDocument): string | undefined {
  const zoned = model.timeline.filter((entry) => entry.zone !== undefined);
  return zoned.length > 0 ? dominantZone(zoned) : undefined;
}

/**
 * The way most timestamps of the entry's timeline are written (bold or not, brackets, the colon after them), the
 * document's timelines of the same kind breaking ties, so that a rewritten timestamp looks like its neighbours.
 */
function dominantFormat(model: PostmortemDocument, entry: TimelineEntry): Pick<TimestampFormat, 'emphasis' | 'brackets' | 'punctuation' | 'after'> {
  const counts = new Map<string, { format: TimestampFormat; count: number }>();
  for (const other of model.timeline) {
    if (other.kind !== entry.kind) continue;
    const { emphasis, brackets, punctuation, after } = other.format;
    const key = JSON.stringify([emphasis, brackets, punctuation, after]);
    const weight = other.timelineId === entry.timelineId ? 1 : 1 / (model.timeline.length + 1);
    const found = counts.get(key);
    if (found) found.count += weight;
    else counts.set(key, { format: other.format, count: weight });
  }
  let best = { format: entry.format, count: 0 };
  for (const candidate of counts.values()) if (candidate.count > best.count) best = candidate;
  return best.format;
}

/**
 * A timestamp rewritten in the document's usual format with `zone`: `00:27` → `**00:27 UTC:**` when the others are
 * bold. `time` is the date, clock and range as they should read (the entry's own, unless converted).
 */
function rewrite(model: PostmortemDocument, entry: TimelineEntry, time: string, zone: string): TextEdit {
  // An entry in bold as a whole keeps its own shape: its bold closes at the end of the entry, not here.
  const usual = entry.kind === 'headings' || entry.kind === 'table' || entry.format.closesAtEnd ? entry.format : dominantFormat(model, entry);
  const open = `${usual.emphasis}${usual.brackets}`;
  const close = `${usual.punctuation}${closingBracket(usual.brackets)}${entry.format.closesAtEnd ? '' : usual.emphasis}${usual.after}`;
  return { range: stampRange(entry), newText: `${open}${time} ${zone}${close}` };
}

/** The timestamp's date, clock and range as written, without its zone. */
function timeWithoutZone(model: PostmortemDocument, entry: TimelineEntry): string {
  const written = model.document.getText(entry.timeRange);
  return entry.zoneSource === 'timestamp' ? written.slice(0, written.length - entry.format.zoneText.length) : written;
}

function addZone(model: PostmortemDocument, entries: readonly TimelineEntry[], zone: string): Fix[] {
  const first = entries[0]!;
  const timeline = model.timelines[first.timelineId];
  if (timeline?.table) {
    // One zone in the header covers every row.
    const header = timeline.table.timeHeader;
    return [{ title: `Add ${zone} to the "${header.text}" column`, edits: [{ range: { start: header.range.end, end: header.range.end }, newText: ` (${zone})` }], safe: false }];
  }
  const clockTimes = entries.filter((entry) => entry.relative === undefined);
  const edits = clockTimes.map((entry) => rewrite(model, entry, timeWithoutZone(model, entry), zone));
  return [{ title: `Add ${zone} to ${edits.length === 1 ? 'the timestamp' : `the ${edits.length} timestamps`}`, edits, safe: false }];
}

/** `14:05 PDT` → `21:05 UTC`, in the dominant zone, when both zones have a known offset. */
function convertZone(model: PostmortemDocument, entry: TimelineEntry, zone: string): Fix[] {
  const from = entry.zone !== undefined ? zoneOffset(entry.zone) : undefined;
  const to = zoneOffset(zone);
  if (from === undefined || to === undefined || entry.end || clockProblem(entry.clock)) return [];
  // A date written after the time (`15:10 UTC 3rd May`) is not rewritten here: it would be lost.
  if (entry.dateSource === 'timestamp' && entry.format.datePrefix === undefined) return [];
  const minutes = hourOfDay(entry.clock) * 60 + entry.clock.minute - from + to;
  const days = Math.floor(minutes / DAY);
  const ofDay = minutes - days * DAY;
  const clock = { hour: Math.floor(ofDay / 60), minute: ofDay % 60, ...(entry.clock.second !== undefined ? { second: entry.clock.second } : {}) };
  const written = formatClock(clock, entry.format);
  let datePrefix = entry.format.datePrefix ?? '';
  if (days !== 0 && entry.date) {
    // A date from a heading or column cannot move with one entry; a written one in ISO form can.
    if (entry.dateSource !== 'timestamp' || entry.date.year === undefined || !/^\d{4}-\d{2}-\d{2}/.test(datePrefix)) return [];
    const moved = addDays(entry.date, days);
    datePrefix = `${moved.year}-${pad(moved.month)}-${pad(moved.day)}${datePrefix.slice(10)}`;
  }
  return [
    {
      title: `Convert to ${zone} (${written} ${zone})`,
      edits: [rewrite(model, entry, `${datePrefix}${written}`, zone)],
      safe: false,
    },
  ];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
