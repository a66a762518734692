import type { Table, TableCell } from 'mdast';
import { endOf, startOf } from '../source';
import { parseDateLine, parseLeadingTimestamp, parseZone } from '../time';
import type { Inherited, TimelineReader } from './reader';

// `Time`, `Time (UTC)`, `Timestamp`, `When`, `Date`, `Date/Time`, `Time, PDT`; the rest of the header is checked apart.
const timeHeader = /^(?:date\s{0,3}(?:\/|&|and|\+)\s{0,3})?(time(?:stamp)?|when|date|hour)s?(?![\p{L}\p{N}])(.{0,40})$/iu;
const dateHeader = /^(?:date|day)$/i;

interface CellText {
  text: string;
  start: number;
  end: number;
}

/** The columns of a table that make it a timeline: the time column, a date column beside it, and the zone the header states. */
interface TimeColumns {
  time: number;
  date?: number;
  zone?: string;
}

/**
 * A table with a time column: each row whose time cell starts with a timestamp is an entry; the other cells, joined,
 * are its text. Rows are read from the tree, never re-parsed.
 */
export function readTable(reader: TimelineReader, table: Table): void {
  const [header, ...rows] = table.children;
  if (!header) return;
  const headers = header.children.map((cell) => cellContent(reader, cell));
  const columns = findTimeColumns(headers);
  if (!columns) return;
  const timeHeaderCell = headers[columns.time]!;
  let id: number | undefined;
  for (const row of rows) {
    const cell = row.children[columns.time];
    if (!cell) continue;
    const content = cellContent(reader, cell);
    const stamp = parseLeadingTimestamp(content.text);
    if (!stamp) continue;
    id ??= reader.openTimeline('table', startOf(table), endOf(table), {
      table: {
        columns: header.children.length,
        timeColumn: columns.time,
        ...(columns.date !== undefined ? { dateColumn: columns.date } : {}),
        timeHeader: { text: timeHeaderCell.text, range: reader.source.range(timeHeaderCell.start, timeHeaderCell.end) },
      },
      ...(columns.zone ? { zone: columns.zone } : {}),
    });
    const others = row.children
      .filter((_, column) => column !== columns.time && column !== columns.date)
      .map((other) => cellContent(reader, other).text.trim());
    const eventText = [content.text.slice(stamp.length).trim(), ...others].filter(Boolean).join(' | ');
    const dateCell = columns.date !== undefined ? row.children[columns.date] : undefined;
    reader.pushEntry('table', id, content.start, stamp, { start: startOf(row), end: endOf(row) }, eventText, '', {
      ...rowDate(reader, dateCell),
      ...(columns.zone ? { zone: columns.zone } : {}),
    });
  }
}

/** A `Time` column wins over a `Date` one; a `Date` column beside it dates the rows. */
function findTimeColumns(headers: readonly CellText[]): TimeColumns | undefined {
  const reads = headers.map((cell) => readTimeHeader(cell.text));
  const isDate = (column: number) => reads[column]?.word === 'date' || dateHeader.test(headers[column]!.text.trim());
  let time = reads.findIndex((read, column) => read !== undefined && !isDate(column));
  let date: number | undefined;
  if (time < 0) {
    time = reads.findIndex((read) => read !== undefined);
  } else {
    const found = headers.findIndex((_, column) => column !== time && isDate(column));
    if (found >= 0) date = found;
  }
  if (time < 0) return undefined;
  const zone = reads[time]?.zone;
  return { time, ...(date !== undefined ? { date } : {}), ...(zone ? { zone } : {}) };
}

/** The row's date from its date cell, else the date in force. */
function rowDate(reader: TimelineReader, dateCell: TableCell | undefined): Inherited {
  const content = dateCell ? cellContent(reader, dateCell) : undefined;
  const date = content ? parseDateLine(content.text)?.date : undefined;
  if (date && content) return { date, dateSource: 'column', dateRange: reader.source.range(content.start, content.end) };
  return reader.dateInForce();
}

function cellContent(reader: TimelineReader, cell: TableCell): CellText {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  if (!first || !last) return { text: '', start: startOf(cell), end: startOf(cell) };
  return { text: reader.text.slice(startOf(first), endOf(last)), start: startOf(first), end: endOf(last) };
}

/** A table header that names a time column, and the zone it states (`Time (UTC)`); undefined for other headers. */
export function readTimeHeader(header: string): { word: string; zone?: string } | undefined {
  // Decoration (`**Time**`, `🕐 Time`) is not part of the header's words.
  const match = timeHeader.exec(header.replace(/[*_`]/g, '').replace(/^[^\p{L}\p{N}]+/u, ''));
  if (!match) return undefined;
  const word = match[1]!.toLowerCase();
  const rest = match[2]!.trim();
  if (rest === '') return { word };
  const bracketed = /^[([](.*)[)\]]$/.exec(rest);
  const inner = (bracketed ? bracketed[1]! : rest.replace(/^[,:\-–]\s*/, '')).replace(/^(?:in|all)\s+/i, '');
  const zone = parseZone(inner);
  if (zone) return { word, zone };
  // `Time (approx.)` is still a time column; `Time to detect` is not.
  return bracketed ? { word } : undefined;
}
