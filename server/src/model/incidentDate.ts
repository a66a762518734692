import type { Source } from './source';
import { dateProblem, leadingIsoDate, leadingIsoShape } from './time';
import type { CalendarDate, DateMention, FrontMatter, IncidentDate, MetadataField, Title } from './types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthName = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
// `February 06, 2023`, `Feb 6 2023`, `6 February 2023`, `Saturday 30th January 2021`.
const monthFirst = new RegExp(String.raw`^(?:[a-z]+,?\s+)?${monthName}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i');
const dayFirst = new RegExp(String.raw`^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+${monthName},?\s+(\d{4})\b`, 'i');

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
  return found && !dateProblem(found) ? found : undefined;
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
  const fromTitle = title ? leadingIsoShape(title.text) : undefined;
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
  const first = mentions.find((found) => !found.problem);
  return first ? { year: first.year, month: first.month, day: first.day, source: first.source } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
