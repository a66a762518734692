// Property: a timeline written in any supported format reads back as the entries written — as many, in order, with
// their clocks, their text and their instants (midnight crossed, dates, 12-hour clocks, zones).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { placeEntries } from '../../server/src/features/incidentTimes';
import { hourOfDay } from '../../server/src/model/time';
import { joinLines, modelOf } from './util';

const DAY = 24 * 60;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** An entry to write: minutes since 2024-03-05 00:00 in the zone, and its event text. */
interface Written {
  at: number;
  text: string;
}

const dateOf = (at: number) => new Date(Date.UTC(2024, 2, 5) + Math.floor(at / DAY) * DAY * 60_000);
const iso = (at: number) => dateOf(at).toISOString().slice(0, 10);
const hhmm = (at: number) => `${pad(Math.floor((at % DAY) / 60))}:${pad(at % 60)}`;
const twelve = (at: number) => {
  const hour = Math.floor((at % DAY) / 60);
  return `${hour % 12 === 0 ? 12 : hour % 12}:${pad(at % 60)} ${hour < 12 ? 'AM' : 'PM'}`;
};
const ordinal = (day: number) => `${day}${day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'}`;

/** Each format: the lines of a timeline section that writes `entries`, and whether its entries carry their own date. */
const formats: Record<string, (entries: readonly Written[]) => string[]> = {
  'bold bullets': (entries) => entries.map((e) => `- **${hhmm(e.at)} UTC:** ${e.text}`),
  'bold whole entries': (entries) => entries.map((e) => `- **${hhmm(e.at)} UTC: ${e.text}**`),
  'bold time, dash after': (entries) => entries.map((e) => `- **${hhmm(e.at)} UTC** - ${e.text}`),
  'bracketed bullets': (entries) => ['All times are UTC.', '', ...entries.map((e) => `- [${hhmm(e.at)}] ${e.text}`)],
  'numbered, ISO dated': (entries) => entries.map((e, i) => `${i + 1}. ${iso(e.at)} ${hhmm(e.at)} UTC: ${e.text}`),
  '12-hour clock': (entries) => entries.map((e) => `- ${twelve(e.at)} PST: ${e.text}`),
  'military with a zone': (entries) => entries.map((e) => `- ${hhmm(e.at).replace(':', '')} UTC: ${e.text}`),
  'date after the time': (entries) => entries.map((e) => `- ${hhmm(e.at)} UTC ${ordinal(dateOf(e.at).getUTCDate())} ${MONTHS[dateOf(e.at).getUTCMonth()]}: ${e.text}`),
  'en-dash lines': (entries) => entries.map((e) => `– ${hhmm(e.at)} UTC ${e.text}`),
  'parenthesised lines': (entries) => entries.flatMap((e) => [`(${hhmm(e.at)} UTC) ${e.text}`, '']),
  '<br> runs': (entries) => [entries.map((e) => `${hhmm(e.at)} UTC - ${e.text}`).join('<br> ')],
  'fenced block': (entries) => ['```', ...entries.map((e) => `${iso(e.at)} ${hhmm(e.at)} UTC ${e.text}`), '```'],
  'table rows': (entries) => ['| Time (UTC) | Event |', '| --- | --- |', ...entries.map((e) => `| ${hhmm(e.at)} | ${e.text} |`)],
  '14h30 clocks': (entries) => ['All times are CET.', '', ...entries.map((e) => `- ${hhmm(e.at).replace(':', 'h')} : ${e.text}`)],
  'two zones': (entries) => entries.map((e) => `- ${hhmm(e.at)} UTC (${hhmm((e.at + 540) % DAY)} JST): ${e.text}`),
  'timestamp headings': (entries) => entries.flatMap((e) => [`### ${hhmm(e.at)} UTC`, '', e.text, '']),
};

// Up to twelve entries 1 to 300 minutes apart, so an undated clock that goes back has crossed midnight; the words
// are plain, so that no text reads as a time.
const timelines = fc.array(
  fc.record({ gap: fc.integer({ min: 1, max: 300 }), word: fc.constantFrom('deploy', 'alert', 'rollback', 'page', 'restore', 'notice') }),
  { minLength: 2, maxLength: 12 },
);

for (const [name, write] of Object.entries(formats)) {
  test(`timeline property (${name}): the entries read back are the entries written, in order, at their instants`, () => {
    fc.assert(
      fc.property(timelines, fc.integer({ min: 0, max: DAY - 1 }), (steps, startAt) => {
        let at = startAt;
        const entries = steps.map((step, i) => ({ at: (at += i === 0 ? 0 : step.gap), text: `${step.word} ${i}` }));
        const model = modelOf(joinLines('# 2024-03-05: Outage', '', '## Timeline', '', ...write(entries), ''));
        assert.deepEqual(
          model.timeline.map((e) => [hourOfDay(e.clock) * 60 + e.clock.minute, e.text]),
          entries.map((e) => [e.at % DAY, e.text]),
          name,
        );
        const placed = placeEntries(model).map((p) => p.at - placeEntries(model)[0]!.at);
        assert.deepEqual(placed, entries.map((e) => e.at - entries[0]!.at), `${name}: instants`);
      }),
      { numRuns: 60, seed: 20_241_206 },
    );
  });
}
