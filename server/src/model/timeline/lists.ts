import type { List, ListItem } from 'mdast';
import { isTask, MAX_LIST_DEPTH } from '../lists';
import { endOf, lineStartOf, startOf } from '../source';
import { parseLeadingTimestamp, type ParsedTimestamp } from '../time';
import { readDateParagraph } from './lines';
import type { DateInForce, TimelineReader } from './reader';

interface Candidate {
  stamp: ParsedTimestamp;
  contentStart: number;
  firstText: string;
  item: ListItem;
}

interface PendingList {
  list: List;
  depth: number;
  date: DateInForce | undefined;
}

/**
 * A list and the lists nested in it: each list whose items start with times is a timeline. An item that is only a date
 * (`- **Tuesday 3 May**`) with a list under it dates that list. Tasks (`- [ ] …`) are action items, never entries.
 */
export function readList(reader: TimelineReader, top: List): void {
  const stack: PendingList[] = [{ list: top, depth: 1, date: reader.currentDate }];
  while (stack.length > 0) {
    const pending = stack.pop()!;
    const { candidates, nested } = readItems(reader, pending);
    pushAccepted(reader, pending, candidates);
    for (let n = nested.length - 1; n >= 0; n--) stack.push(nested[n]!);
  }
}

/** The items of one list that start with a timestamp, and the lists nested in its items, with the date they inherit. */
function readItems(reader: TimelineReader, { list, depth, date }: PendingList): { candidates: Candidate[]; nested: PendingList[] } {
  const { text, source } = reader;
  const candidates: Candidate[] = [];
  const nested: PendingList[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    let itemDate = date;
    if (first?.type === 'paragraph' && !isTask(item, source)) {
      const contentStart = startOf(first);
      const firstText = text.slice(contentStart, endOf(first));
      const stamp = parseLeadingTimestamp(firstText);
      if (stamp) {
        candidates.push({ stamp, contentStart, firstText, item });
      } else {
        const dated = readDateParagraph(text.slice(contentStart, reader.contentOf(first)[1]));
        if (dated && item.children.some((child) => child.type === 'list')) {
          const range = source.range(contentStart + dated.start, contentStart + dated.end);
          reader.dateHeadings.push({ date: dated.date, text: firstText.slice(dated.start, dated.end), range, kind: 'list-item' });
          itemDate = { date: dated.date, range };
        }
      }
    }
    if (depth < MAX_LIST_DEPTH) for (const child of item.children) if (child.type === 'list') nested.push({ list: child, depth: depth + 1, date: itemDate });
  }
  return { candidates, nested };
}

function pushAccepted(reader: TimelineReader, { list, date }: PendingList, candidates: readonly Candidate[]): void {
  // `14.43` counts as a (malformed) time only beside real ones, or when set apart like one (bold, bracketed, zoned).
  const hasColonTime = candidates.some((c) => !c.stamp.dotted);
  const accepted = candidates.filter((c) => !c.stamp.dotted || hasColonTime || c.stamp.format.emphasis !== '' || c.stamp.format.brackets !== '' || c.stamp.zone);
  if (accepted.length === 0) return;
  const { text } = reader;
  const id = reader.openTimeline('list', startOf(list), endOf(list));
  for (const { stamp, contentStart, firstText, item } of accepted) {
    const itemStart = startOf(item);
    const leadText = text.slice(lineStartOf(text, itemStart), contentStart);
    // What follows the last line break, when the item's first line is not the paragraph's.
    const lastBreak = Math.max(leadText.lastIndexOf('\n'), leadText.lastIndexOf('\r'));
    const lead = lastBreak >= 0 ? leadText.slice(lastBreak + 1) || '- ' : leadText;
    reader.pushEntry('list', id, contentStart, stamp, { start: itemStart, end: endOf(item) }, firstText.slice(stamp.length), lead, {
      ...(date ? { date: date.date, dateSource: 'heading' as const, dateRange: date.range } : {}),
    });
  }
}
