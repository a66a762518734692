import type { Code, Paragraph } from 'mdast';
import { endOf, startOf } from '../source';
import { sectionAt } from '../sections';
import { parseDateLine, parseLeadingTimestamp, type ParsedTimestamp } from '../time';
import type { TimelineDate } from '../types';
import { PARAGRAPH_LEVEL, type TimelineReader } from './reader';

interface StampedLine {
  start: number;
  end: number;
  stamp: ParsedTimestamp;
  text: string;
}

// A dash or dot before a time that Markdown does not read as a list (`– 10:00 …`); the opening fence of a code block.
const dashLead = /^[ \t]*(?:[–—•·][ \t]{1,3})?/;
const fence = /^[ \t]{0,3}(?:```|~~~)/;

/**
 * A paragraph: a date that dates what follows (`**Saturday 30 January**`), or lines that start with times — a
 * timeline of plain lines, continued by the next paragraph of such lines.
 */
export function readParagraph(reader: TimelineReader, node: Paragraph, index: number): void {
  const { text, source } = reader;
  const start = startOf(node);
  const raw = text.slice(start, endOf(node));
  const dated = readDateParagraph(text.slice(start, reader.contentOf(node)[1]));
  if (dated) {
    reader.linesRun = undefined;
    const range = source.range(start + dated.start, start + dated.end);
    reader.dateHeadings.push({ date: dated.date, text: raw.slice(dated.start, dated.end), range, kind: 'paragraph' });
    reader.currentDate = { date: dated.date, level: PARAGRAPH_LEVEL, range };
    return;
  }
  const lines = readStampedLines(raw);
  if (!lines) {
    reader.linesRun = undefined;
    return;
  }
  const run = reader.linesRun;
  const id = run && run.lastIndex === index - 1 ? run.id : reader.openTimeline('lines', start, endOf(node));
  reader.extendTimeline(id, endOf(node));
  reader.linesRun = { id, lastIndex: index };
  pushLines(reader, id, start, lines);
}

/** A fenced block of timestamped lines is a timeline only under a timeline heading: elsewhere it is a log excerpt. */
export function readCode(reader: TimelineReader, node: Code): void {
  const { text, source, sections } = reader;
  const section = sectionAt(sections, source.nodeRange(node).start.line);
  if (section === undefined || !sections[section]!.kinds.includes('timeline')) return;
  const start = startOf(node);
  const block = text.slice(start, endOf(node));
  // Between the fence lines; an indented block has none and is not read.
  const firstBreak = block.indexOf('\n');
  if (firstBreak < 0 || !fence.test(block)) return;
  const lastBreak = block.lastIndexOf('\n');
  const closed = fence.test(block.slice(lastBreak + 1));
  const lines = readStampedLines(block.slice(firstBreak + 1, closed ? lastBreak : block.length));
  if (!lines) return;
  pushLines(reader, reader.openTimeline('lines', start, endOf(node)), start + firstBreak + 1, lines);
}

function pushLines(reader: TimelineReader, id: number, base: number, lines: readonly StampedLine[]): void {
  for (const line of lines) {
    reader.pushEntry('lines', id, base + line.start, line.stamp, { start: base + line.start, end: base + line.end }, line.text, '', reader.dateInForce());
  }
}

/** A paragraph (or a list item's first line) that is only a date, bold or not: `**Saturday 30 January**`, `2021-01-30:`. */
export function readDateParagraph(raw: string): { date: TimelineDate; start: number; end: number } | undefined {
  if (raw.length > 80 || /[\r\n]/.test(raw)) return undefined;
  const wrapped = /^(\*\*|__|\*|_)(.+?)\1(:?)$/.exec(raw.trim());
  const inner = wrapped ? wrapped[2]! : raw.trim();
  const dated = parseDateLine(inner);
  if (!dated) return undefined;
  const start = raw.indexOf(inner);
  let end = inner.length;
  while (end > 0 && /[\s:.,]/.test(inner[end - 1]!)) end--;
  return { date: dated.date, start, end: start + end };
}

/**
 * The entries of a text whose lines start with times (`16:42 GST: …`). One such line counts only when its time is
 * set apart (bold, bracketed, or followed by `:` or `-`), so that "14:30 UTC was when we…" stays prose; two or more
 * make the text a timeline. Lines without a time continue the entry above; lines before the first are a lead-in.
 */
export function readStampedLines(raw: string): StampedLine[] | undefined {
  const found: StampedLine[] = [];
  // `<br>` breaks lines too: some timelines are one paragraph of `21:14 - text<br> 21:20 - text<br>` runs.
  const lineBreak = /\r\n|\r|\n|<br[ \t]{0,3}\/?>[ \t]{0,8}/gi;
  let lineStartAt = 0;
  let anyColon = false;
  for (;;) {
    const brk = lineBreak.exec(raw);
    const lineEndAt = brk ? brk.index : raw.length;
    const line = raw.slice(lineStartAt, lineEndAt);
    const indent = dashLead.exec(line)![0].length;
    const content = line.slice(indent);
    const stamp = parseLeadingTimestamp(content);
    const contentEnd = lineStartAt + line.trimEnd().length;
    if (stamp) {
      anyColon ||= !stamp.dotted;
      found.push({ start: lineStartAt + indent, end: contentEnd, stamp, text: content.slice(stamp.length) });
    } else if (found.length > 0 && content.trim() !== '') {
      const last = found[found.length - 1]!;
      last.end = contentEnd;
      last.text += ` ${content}`;
    }
    if (!brk) break;
    lineStartAt = brk.index + brk[0].length;
  }
  // `14.43` counts as a (malformed) time only beside real ones, or when set apart like one (bold, zoned).
  const kept = found.filter((line) => !line.stamp.dotted || anyColon || line.stamp.format.emphasis !== '' || line.stamp.zone);
  if (kept.length === 0) return undefined;
  if (kept.length === 1 && !kept[0]!.stamp.delimited) return undefined;
  return kept;
}
