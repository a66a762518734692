import type { Root } from 'mdast';
import { endOf, startOf, type Source } from '../source';
import { parseZone, readZoneName } from '../time';
import type { DeclaredZone, FrontMatter, Section, TimelineEntry } from '../types';

/** A zone declaration in a block: where the zone's name starts in the block, how long it is, and the zone. */
export interface Declaration {
  at: number;
  length: number;
  zone: string;
}

const frontMatterZoneKeys = ['timezone', 'time_zone', 'timeZone', 'time-zone', 'zone', 'tz'];
// A declaration starts at one of these words; what follows is matched by `declarationRest`, with bounded repetition.
const declarationStart = /(?<![\p{L}\p{N}])(?:times|timestamps|time\s{0,2}zone|timeline)(?![\p{L}\p{N}])/iuy;
// Where a declaration may start: a plain search finds these a few times faster than the Unicode pattern scans prose.
const timeWord = /time/gi;
const declarationRest =
  /^(?:\s{1,3}(?:below|above|here|shown|listed|given|used|quoted|in\s{1,3}this\s{1,3}\p{L}{1,20}))?(?:\s{0,3}(?:are|is|:|-|–|—|=))?(?:\s{1,3}(?:given|shown|listed|written|expressed|reported|quoted|displayed|approximated|approximately|roughly|converted|normali[sz]ed|rounded))?(?:\s{1,3}(?:in|to|into))?\s{0,3}\(?\s{0,2}(?:in\s{1,3})?(?:the\s{1,3})?/iu;
// `UTC`, `UTC+5:30`, `UTC + 5`. A bracketed offset after a name (`PDT (UTC-7)`) is not read: the name is the zone.
const zoneWord = /^[A-Za-z]{1,5}(?:\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)?(?![\p{L}\p{N}])/u;

/**
 * "All times are UTC", "Times are in CET", "All times in PDT (UTC-7)", "Timeline (UTC)", front matter `timezone: UTC`.
 * `declarations` keeps each block's answer between versions: a kept block declares the same.
 */
export function readDeclaredZone(root: Root, frontMatter: FrontMatter | undefined, source: Source, declarations?: WeakMap<object, Declaration | null>): DeclaredZone | undefined {
  const fromFrontMatter = frontMatterZone(frontMatter, source);
  if (fromFrontMatter) return fromFrontMatter;
  for (const node of root.children) {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'blockquote' && node.type !== 'list') continue;
    const start = startOf(node);
    let found = declarations?.get(node);
    if (found === undefined) {
      found = declarationIn(source.text.slice(start, endOf(node)));
      declarations?.set(node, found);
    }
    if (found) return { zone: found.zone, range: source.range(start + found.at, start + found.at + found.length) };
  }
  return undefined;
}

function frontMatterZone(frontMatter: FrontMatter | undefined, source: Source): DeclaredZone | undefined {
  const data = frontMatter?.data;
  if (!data || !frontMatter) return undefined;
  for (const key of frontMatterZoneKeys) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    const zone = parseZone(value);
    if (!zone) continue;
    const start = source.document.offsetAt(frontMatter.range.start);
    const block = source.text.slice(start, source.document.offsetAt(frontMatter.range.end));
    const line = new RegExp(`^${key}\\s*:\\s*["']?`, 'm').exec(block);
    const at = line ? start + line.index + line[0].length : start;
    return { zone, range: line ? source.range(at, at + value.trim().length) : frontMatter.range };
  }
  return undefined;
}

/** The first zone declaration in a block's text. */
function declarationIn(block: string): Declaration | null {
  timeWord.lastIndex = 0;
  for (let hit = timeWord.exec(block); hit; hit = timeWord.exec(block)) {
    declarationStart.lastIndex = hit.index;
    const match = declarationStart.exec(block);
    if (!match) continue;
    timeWord.lastIndex = match.index + match[0].length;
    const word = match[0].toLowerCase();
    // "times" must open a sentence, a parenthesis or "All times"; "3 times in UTC+2 mornings" is not a declaration.
    if (word === 'times' || word === 'timestamps') {
      const before = block.slice(Math.max(0, match.index - 12), match.index);
      if (!/(?:^|[.!?(:*_>#|\-–—\r\n]\s{0,3}|(?<![\p{L}\p{N}])(?:all|the)\s{1,3})$/iu.test(before)) continue;
    }
    const after = block.slice(match.index + match[0].length, match.index + match[0].length + 60);
    const rest = declarationRest.exec(after);
    if (!rest) continue;
    const at = match.index + match[0].length + rest[0].length;
    const named = readZoneName(after.slice(rest[0].length));
    if (named) return { at, length: named.length, zone: named.zone };
    const candidate = zoneWord.exec(after.slice(rest[0].length));
    // Zones are written in capitals; "times are in question" is not one, "all times are utc" is.
    const zone = candidate && /^(?:[A-Z]|utc|gmt)/.test(candidate[0]) ? parseZone(candidate[0]) : undefined;
    if (!candidate || !zone) continue;
    return { at, length: candidate[0].length, zone };
  }
  return null;
}

/**
 * Entries under a zoned timestamp heading (`### 22:04-23:00 UTC: Split found`, then `- 22:05: …` bullets) are in its
 * zone, up to the next H1 or H2 heading. Replaces entries by copies, in place; `entries` are in document order.
 */
export function inheritHeadingZones(entries: TimelineEntry[], sections: readonly Section[]): void {
  const breaks = sections.filter((section) => section.level <= 2).map((section) => section.range.start.line);
  let heading: TimelineEntry | undefined;
  let next = 0;
  entries.forEach((entry, index) => {
    while (next < breaks.length && breaks[next]! <= entry.range.start.line) {
      heading = undefined;
      next++;
    }
    if (entry.kind === 'headings') heading = entry.zone === undefined ? undefined : entry;
    else if (entry.zone === undefined && heading) entries[index] = { ...entry, zone: heading.zone!, zoneSource: 'header' };
  });
}

/** Entries with no zone of their own or inherited take the document's declared zone. Copies: entries may be kept. */
export function applyDeclaredZone(entries: TimelineEntry[], declared: DeclaredZone | undefined): void {
  if (!declared) return;
  entries.forEach((entry, index) => {
    if (entry.zone === undefined) entries[index] = { ...entry, zone: declared.zone, zoneSource: 'declared' };
  });
}
