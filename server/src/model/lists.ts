import type { List, ListItem, Root } from 'mdast';
import { plainText } from '../templates/template';
import { sectionAt } from './sections';
import { endOf, startOf, type Source } from './source';
import { parseLeadingTimestamp } from './time';
import type { ActionItem, Section, TimelineEntry } from './types';

/** How deep nested lists are searched; deeper ones are prose, not structure, and must not cost a deep walk. */
const MAX_LIST_DEPTH = 8;
// The seed writes task lists as `- ☒ done` / `- ☐ open`.
const boxedTask = /^([☐☒☑✅✔])\s*/u;

/** List items that are timeline entries (they start with a time) or action items (task list items). */
export function readLists(root: Root, sections: readonly Section[], source: Source): { timeline: TimelineEntry[]; actionItems: ActionItem[] } {
  const timeline: TimelineEntry[] = [];
  const actionItems: ActionItem[] = [];
  let listId = 0;
  const stack: Array<{ list: List; depth: number }> = [];
  for (let i = root.children.length - 1; i >= 0; i--) {
    const node = root.children[i]!;
    if (node.type === 'list') stack.push({ list: node, depth: 1 });
  }
  while (stack.length > 0) {
    const { list, depth } = stack.pop()!;
    const id = listId++;
    const nested: Array<{ list: List; depth: number }> = [];
    for (const item of list.children) {
      readListItem(item, id);
      if (depth < MAX_LIST_DEPTH) {
        for (const child of item.children) if (child.type === 'list') nested.push({ list: child, depth: depth + 1 });
      }
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
  const byPosition = (a: { range: { start: { line: number; character: number } } }, b: typeof a) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  timeline.sort(byPosition);
  actionItems.sort(byPosition);
  return { timeline, actionItems };

  function readListItem(item: ListItem, id: number): void {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return;
    const contentStart = startOf(first);
    const range = source.nodeRange(item);
    const section = sectionAt(sections, range.start.line);
    const inSection = section !== undefined ? { section } : {};
    const firstText = source.text.slice(contentStart, endOf(first));

    if (typeof item.checked === 'boolean') {
      actionItems.push({ range, text: plainText(first), checked: item.checked, ...inSection });
      return;
    }
    const boxed = boxedTask.exec(firstText);
    if (boxed) {
      actionItems.push({ range, text: firstText.slice(boxed[0].length).replace(/\s+/g, ' ').trim(), checked: boxed[1] !== '☐', ...inSection });
      return;
    }
    const stamp = parseLeadingTimestamp(firstText);
    if (!stamp) return;
    timeline.push({
      range,
      timeText: firstText.slice(stamp.timeStart, stamp.timeEnd),
      timeRange: source.range(contentStart + stamp.timeStart, contentStart + stamp.timeEnd),
      clock: stamp.clock,
      text: firstText.slice(stamp.length).replace(/\s+/g, ' ').trim(),
      format: stamp.format,
      listId: id,
      ...(stamp.date ? { date: stamp.date } : {}),
      ...(stamp.zone ? { zone: stamp.zone } : {}),
      ...inSection,
    });
  }
}
