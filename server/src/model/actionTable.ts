import type { Root, Table, TableRow } from 'mdast';
import { plainText } from '../templates/template';
import { sectionAt } from './sections';
import type { Source } from './source';
import type { ActionItem, Section } from './types';

// Column headers of an action-item table, as teams write them (`Action | Owner | Ticket | Status`).
const actionColumn = /^(?:action(?: items?)?|actions?|tasks?|items?|description|what|follow[- ]?ups?|remediation(?: items?)?|corrective actions?)$/i;
const ownerColumn = /^(?:owners?|assignees?|assigned(?: to)?|who|responsible|dri|team|person)$/i;
const ticketColumn = /^(?:tickets?|issues?|links?|tracking|jira|bugs?|prs?|pull requests?|reference)$/i;
const statusColumn = /^(?:status|state|done|progress|completed?)$/i;
const doneStatus = /^(?:done|complete[d]?|closed|fixed|resolved|finished|shipped|merged|implemented|yes|x|✅|✔️?|☑️?)(?![\p{L}])/iu;
/** An empty or placeholder cell names nobody. */
const nobody = /^(?:|-+|—|–|n\/a|none|tbd|tbc|todo|\?+)$/i;

interface Columns {
  action: number;
  owner?: number;
  ticket?: number;
  status?: number;
}

/** Rows of action-item tables (a table with an action column and an owner, ticket or status column) as action items. */
export function readActionTables(root: Root, sections: readonly Section[], source: Source): ActionItem[] {
  const items: ActionItem[] = [];
  for (const node of root.children) {
    if (node.type !== 'table') continue;
    const columns = columnsOf(node);
    if (!columns) continue;
    for (const row of node.children.slice(1)) {
      const item = rowItem(row, columns, source);
      if (!item) continue;
      const section = sectionAt(sections, item.range.start.line);
      items.push(section === undefined ? item : { ...item, section });
    }
  }
  return items;
}

function columnsOf(table: Table): Columns | undefined {
  const headers = (table.children[0]?.children ?? []).map((cell) => plainText(cell).replace(/[:*_]/g, '').trim());
  const find = (pattern: RegExp) => {
    const index = headers.findIndex((header) => pattern.test(header));
    return index < 0 ? undefined : index;
  };
  const action = find(actionColumn);
  const owner = find(ownerColumn);
  const ticket = find(ticketColumn);
  const status = find(statusColumn);
  if (action === undefined || (owner === undefined && ticket === undefined && status === undefined)) return undefined;
  return { action, ...(owner === undefined ? {} : { owner }), ...(ticket === undefined ? {} : { ticket }), ...(status === undefined ? {} : { status }) };
}

/** One row: done when its status says so; assigned when its owner or ticket cell names someone or something. */
function rowItem(row: TableRow, columns: Columns, source: Source): ActionItem | undefined {
  const cell = (index: number | undefined) => (index === undefined ? undefined : row.children[index]);
  const text = (index: number | undefined) => {
    const found = cell(index);
    return found ? plainText(found) : '';
  };
  const action = text(columns.action);
  if (action === '') return undefined;
  const named = (index: number | undefined) => !nobody.test(rawText(cell(index), source));
  const status = cell(columns.status);
  return {
    range: source.nodeRange(row),
    text: action,
    checked: doneStatus.test(text(columns.status)),
    assigned: named(columns.owner) || named(columns.ticket),
    ...(status?.position ? { statusRange: source.nodeRange(status) } : {}),
  };
}

/** The cell as written, markup included: a ticket cell may hold only a link or an image. */
function rawText(cell: TableRow['children'][number] | undefined, source: Source): string {
  if (!cell?.position) return '';
  return source.text.slice(cell.position.start.offset ?? 0, cell.position.end.offset ?? 0).replace(/^\|/, '').replace(/\|$/, '').trim();
}
