import type { Source } from './source';
import { dateProblem, dayNumber, leadingIsoDate, leadingIsoShape } from './time';
import type { CalendarDate, DateMention, FrontMatter, IncidentDate, MetadataField, Title } from './types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthName = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
// `February 06, 2023`, `Feb 6 2023`, `6 February 2023`, `Saturday 30th January 2021`.
const monthFirst = new RegExp(String.raw`^(?:[a-z]+,?\s+)?${monthName}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i');
const dayFirst = new RegExp(String.raw`^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+${monthName},?\s+(\d{4})\b`, 'i');
// `30-09-2024`, `09/30/2024`, `30.09.2024`: read only when one of the two numbers cannot be a month.
const numeric = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)/;
// Where a date may start inside a title: a digit or a letter after a space, a dash or the start.
const dateStart = /(?<![\p{L}\p{N}])[\p{L}\d]/gu;

/** Reads a date written out by a person (ISO, or with a month name), if it is a real date. */
export function parseWrittenDate(text: string): CalendarDate | undefined {
  const trimmed = text.trim();
  const iso = leadingIsoDate(trimmed);
  if (iso) return iso;
  let found: CalendarDate | undefined;
  const a = monthFirst.exec(trimmed);
  if (a) found = { year: Number(a[3]), month: monthIndex(a[1]!), day: Number(a[2]) };
  const b = !found ? dayFirst.exec(trimmed) : null;
  if (b) found = { year: Number(b[3]), month: monthIndex(b[2]!), day: Number(b[1]) };
  found ??= numericDate(trimmed);
  return found && !dateProblem(found) ? found : undefined;
}

/** `30-09-2024` is day-first, `09/30/2024` month-first; `03/04/2024` could be either and is not read. */
function numericDate(text: string): CalendarDate | undefined {
  const match = numeric.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const second = Number(match[3]);
  const year = Number(match[4]);
  if (first > 12 && second <= 12) return { year, month: second, day: first };
  if (second > 12 && first <= 12) return { year, month: first, day: second };
  return undefined;
}

/**
 * The first date written anywhere in a title (`Outage on 12 March 2024`, `2021-02-30: DNS`), as written: an ISO date
 * is kept even when it does not exist, for PM004 to report.
 */
export function findWrittenDate(title: string): CalendarDate | undefined {
  // A title is a line; past its first few hundred characters it is no title a date would be read from.
  const text = title.slice(0, 300);
  dateStart.lastIndex = 0;
  for (let hit = dateStart.exec(text); hit; hit = dateStart.exec(text)) {
    const rest = text.slice(hit.index, hit.index + 40);
    const found = leadingIsoShape(rest) ?? parseWrittenDate(rest);
    if (found) return found;
  }
  return undefined;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Every place that states the incident's date, in the order they are trusted. */
export function readDateMentions(
  frontMatter: FrontMatter | undefined,
  title: Title | undefined,
  metadata: readonly MetadataField[],
  source: Source,
): DateMention[] {
  const mentions: DateMention[] = [];
  const declared = frontMatter?.data?.['date'];
  const fromFrontMatter = typeof declared === 'string' ? (parseWrittenDate(declared) ?? leadingIsoShape(declared.trim())) : undefined;
  if (fromFrontMatter && frontMatter) {
    const start = source.document.offsetAt(frontMatter.range.start);
    const line = /^date\s*:.*$/m.exec(source.text.slice(start, source.document.offsetAt(frontMatter.range.end)));
    const range = line ? source.range(start + line.index, start + line.index + line[0].length) : frontMatter.range;
    mentions.push(mention(fromFrontMatter, 'front-matter', range));
  }
  const fromTitle = title ? findWrittenDate(title.text) : undefined;
  if (fromTitle && title) mentions.push(mention(fromTitle, 'title', title.range));
  for (const field of metadata) {
    if (field.key !== 'date' || field.source === 'front-matter') continue;
    const date = parseWrittenDate(field.value) ?? leadingIsoShape(field.value.trim());
    if (date) mentions.push(mention(date, 'metadata', field.range));
  }
  const fileName = safeDecode(source.document.uri.slice(source.document.uri.lastIndexOf('/') + 1));
  const fromFileName = leadingIsoShape(fileName);
  if (fromFileName) mentions.push(mention(fromFileName, 'file-name', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }));
  return mentions;
}

function mention(date: CalendarDate, source: DateMention['source'], range: DateMention['range']): DateMention {
  const problem = dateProblem(date);
  return { year: date.year, month: date.month, day: date.day, source, range, ...(problem ? { problem } : {}) };
}

/** The incident's date: the first mention (front matter, then the title, a `Date:` line, the file name). */
export function incidentDateFrom(mentions: readonly DateMention[]): IncidentDate | undefined {
  const usable = mentions.filter((found) => !found.problem);
  const title = usable.find((found) => found.source === 'title');
  // A front matter date weeks after the title's is the day the report was published: the title names the incident's.
  const first = title && usable.some((found) => isPublicationOf(found, title)) ? title : usable[0];
  return first ? { year: first.year, month: first.month, day: first.day, source: first.source } : undefined;
}

/**
 * Whether `later` reads as the day a report about `incident` was written or published: a front matter or file name
 * date (a blog's `date:`, a file named when written) 2 to 31 days after the title's. One day apart is more likely a
 * slip (or a zone) than a publication; a Date line in the text states the incident's date.
 */
export function isPublicationOf(later: DateMention, incident: DateMention): boolean {
  if ((later.source !== 'front-matter' && later.source !== 'file-name') || incident.source !== 'title') return false;
  const days = dayNumber(later.year, later.month, later.day) - dayNumber(incident.year, incident.month, incident.day);
  return days >= 2 && days <= 31;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
