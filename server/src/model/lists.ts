import type { List, ListItem, Root } from 'mdast';
import { plainText } from '../templates/template';
import { readActionTables } from './actionTable';
import { sectionAt } from './sections';
import { endOf, startOf, type Source } from './source';
import type { ActionItem, Section } from './types';

/** How deep nested lists are searched; deeper ones are prose, not structure, and must not cost a deep walk. */
export const MAX_LIST_DEPTH = 8;
// The seed writes task lists as `- ☒ done` / `- ☐ open`.
const boxedTask = /^([☐☒☑✅✔])\s*/u;

/** Every list of the document, nested ones included (to `MAX_LIST_DEPTH`), in document order, with its depth. */
export function allLists(root: Root): Array<{ list: List; depth: number }> {
  const found: Array<{ list: List; depth: number }> = [];
  const stack: Array<{ list: List; depth: number }> = [];
  for (let i = root.children.length - 1; i >= 0; i--) {
    const node = root.children[i]!;
    if (node.type === 'list') stack.push({ list: node, depth: 1 });
  }
  while (stack.length > 0) {
    const entry = stack.pop()!;
    found.push(entry);
    if (entry.depth >= MAX_LIST_DEPTH) continue;
    const nested: Array<{ list: List; depth: number }> = [];
    for (const item of entry.list.children) {
      for (const child of item.children) if (child.type === 'list') nested.push({ list: child, depth: entry.depth + 1 });
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
  return found;
}

/** Whether a list item is a task (`- [ ] …`, `- ☒ …`): an action item, never a timeline entry. */
export function isTask(item: ListItem, source: Source): boolean {
  if (typeof item.checked === 'boolean') return true;
  const first = item.children[0];
  return first?.type === 'paragraph' && boxedTask.test(source.text.slice(startOf(first), endOf(first)));
}

/** Task list items (GFM `- [x]` and the seed's `- ☒`), wherever they are, and the rows of action-item tables. */
export function readActionItems(root: Root, sections: readonly Section[], source: Source): ActionItem[] {
  const actionItems: ActionItem[] = [];
  for (const { list } of allLists(root)) {
    for (const item of list.children) {
      const first = item.children[0];
      if (!first || first.type !== 'paragraph') continue;
      const range = source.nodeRange(item);
      const section = sectionAt(sections, range.start.line);
      const inSection = section !== undefined ? { section } : {};
      if (typeof item.checked === 'boolean') {
        actionItems.push({ range, text: plainText(first), checked: item.checked, ...inSection });
        continue;
      }
      const firstText = source.text.slice(startOf(first), endOf(first));
      const boxed = boxedTask.exec(firstText);
      if (boxed) {
        actionItems.push({ range, text: firstText.slice(boxed[0].length).replace(/\s+/g, ' ').trim(), checked: boxed[1] !== '☐', ...inSection });
      }
    }
  }
  actionItems.push(...readActionTables(root, sections, source));
  actionItems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return actionItems;
}
