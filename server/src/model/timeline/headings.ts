import type { Heading } from 'mdast';
import { endOf, startOf } from '../source';
import { parseDateLine, parseLeadingTimestamp } from '../time';
import { PARAGRAPH_LEVEL, type TimelineReader } from './reader';

/**
 * A heading: an entry when it is an H3+ timestamp (`### 13:40 UTC — Failover`; its body is the entry's text), a date
 * that dates what follows (`## 2021-01-30`), or else the end of the runs and dates it closes.
 */
export function readHeading(reader: TimelineReader, node: Heading, index: number): void {
  const { children, text, headingRuns } = reader;
  const [contentStart, contentEnd] = reader.contentOf(node);
  const content = text.slice(contentStart, contentEnd);
  const stamp = node.depth >= 3 ? parseLeadingTimestamp(content) : undefined;
  const runId = headingRuns.get(node.depth);
  // `### 14.30` is a timestamp only in a run of them, or when set apart (bold, zoned).
  if (stamp && (!stamp.dotted || runId !== undefined || stamp.format.emphasis !== '' || stamp.zone)) {
    const current = reader.currentDate;
    if (current && node.depth < current.level && current.level !== PARAGRAPH_LEVEL) reader.currentDate = undefined;
    for (const depth of [...headingRuns.keys()]) if (depth > node.depth) headingRuns.delete(depth);
    // The entry is the heading and its body, up to the next heading of the same or a higher level.
    let last = index;
    for (let j = index + 1; j < children.length; j++) {
      const next = children[j]!;
      if (next.type === 'heading' && next.depth <= node.depth) break;
      last = j;
    }
    const end = Math.max(endOf(node), endOf(children[last]!));
    const id = runId ?? reader.openTimeline('headings', startOf(node), end);
    reader.extendTimeline(id, end);
    headingRuns.set(node.depth, id);
    const bodyEnd = firstSubHeading(reader, index + 1, last);
    // With no body, children[bodyEnd - 1] is the heading itself and the body is empty.
    const body = text.slice(endOf(node), endOf(children[bodyEnd - 1]!));
    const lead = text.slice(startOf(node), contentStart);
    reader.pushEntry('headings', id, contentStart, stamp, { start: startOf(node), end }, `${content.slice(stamp.length)} ${body}`, lead, reader.dateInForce());
    return;
  }
  for (const depth of [...headingRuns.keys()]) if (depth >= node.depth) headingRuns.delete(depth);
  const dated = node.depth >= 2 ? parseDateLine(content) : undefined;
  if (dated) {
    const range = reader.source.range(contentStart, contentEnd);
    reader.dateHeadings.push({ date: dated.date, text: content.trim(), range, kind: 'heading' });
    reader.currentDate = { date: dated.date, level: node.depth, range };
    return;
  }
  if (reader.currentDate && node.depth <= reader.currentDate.level) reader.currentDate = undefined;
}

/** Index after the last body block before the first sub-heading, for the text of a heading entry. */
function firstSubHeading(reader: TimelineReader, from: number, last: number): number {
  for (let j = from; j <= last; j++) if (reader.children[j]!.type === 'heading') return j;
  return last + 1;
}
