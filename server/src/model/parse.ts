import type { Heading, List, ListItem, Root, RootContent, Yaml } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { parseDocument } from 'yaml';
import { isPrompt, plainText, type Template } from '../templates/template';
import { parseMarkdown } from './markdown';
import { normalizeSectionName } from './normalize';
import { leadingIsoDate, parseLeadingTimestamp } from './time';
import type { ActionItem, FrontMatter, IncidentDate, PostmortemDocument, Section, TimelineEntry, Title } from './types';

/** How deep nested lists are searched for timeline entries and action items; deeper ones are prose, not structure. */
const MAX_LIST_DEPTH = 8;
// The seed writes task lists as `- ☒ done` / `- ☐ open`.
const boxedTask = /^([☐☒☑✅✔])\s*/u;

/** Text → the postmortem model. Pure: the same document and template always give the same model. */
export function parsePostmortem(document: TextDocument, template: Template): PostmortemDocument {
  const text = document.getText();
  const root = parseMarkdown(text);
  const span = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });

  const frontMatter = readFrontMatter(root, text, span);
  const titleHeading = root.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  const title = readTitle(titleHeading, frontMatter, span);
  const sections = readSections(root, titleHeading, template, text, span);
  const { timeline, actionItems } = readLists(root, sections, text, span);
  const incidentDate = readIncidentDate(frontMatter, title, document.uri);

  return {
    document,
    template,
    sections,
    timeline,
    actionItems,
    ...(title ? { title } : {}),
    ...(frontMatter ? { frontMatter } : {}),
    ...(incidentDate ? { incidentDate } : {}),
  };
}

type Span = (start: number, end: number) => Range;

function start(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

function end(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

function readFrontMatter(root: Root, text: string, span: Span): FrontMatter | undefined {
  const node = root.children[0];
  if (node?.type !== 'yaml') return undefined;
  const range = span(start(node), end(node));
  const valueStart = text.indexOf((node as Yaml).value, start(node) + 3);
  // YAML 1.2 (the library's default) keeps `date: 2020-12-11` a string instead of a shifted Date.
  const parsed = parseDocument((node as Yaml).value, { prettyErrors: false, uniqueKeys: true });
  const error = parsed.errors[0];
  if (error) {
    const [from, to] = error.pos.map((pos) => valueStart + pos) as [number, number];
    return { data: undefined, range, error: { message: error.message.split('\n')[0]!, range: span(from, Math.max(to, from)) } };
  }
  const data: unknown = parsed.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { data: {}, range };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { data: undefined, range, error: { message: 'Front matter should be a mapping of keys to values (`title: …`).', range } };
  }
  return { data: data as Record<string, unknown>, range };
}

function readTitle(heading: Heading | undefined, frontMatter: FrontMatter | undefined, span: Span): Title | undefined {
  if (heading) {
    const text = plainText(heading);
    if (text) return { text, range: span(start(heading), end(heading)), source: 'heading' };
  }
  const fromFrontMatter = frontMatter?.data?.['title'];
  if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim() && frontMatter) {
    return { text: fromFrontMatter.trim(), range: frontMatter.range, source: 'front-matter' };
  }
  return undefined;
}

function readSections(root: Root, title: Heading | undefined, template: Template, text: string, span: Span): Section[] {
  const children = root.children;
  const headingIndexes = children.flatMap((node, index) => (node.type === 'heading' && node !== title ? [index] : []));
  const sections: Section[] = [];
  const open: number[] = [];
  for (const [n, index] of headingIndexes.entries()) {
    const heading = children[index] as Heading;
    // The section runs to the next heading of the same or a higher level.
    let last = children.length;
    for (const next of headingIndexes.slice(n + 1)) {
      if ((children[next] as Heading).depth <= heading.depth) {
        last = next;
        break;
      }
    }
    const body = children.slice(index + 1, last);
    const firstBody = body.find((node) => node.type !== 'html');
    const prompt = firstBody && isPrompt(firstBody) && firstBody.type === 'paragraph' ? firstBody : undefined;
    const contentEnd = body.length > 0 ? end(body[body.length - 1]!) : end(heading);
    const headingLineEnd = lineEnd(text, end(heading));

    while (open.length > 0 && sections[open[open.length - 1]!]!.level >= heading.depth) open.pop();
    const name = normalizeSectionName(plainText(heading));
    const match = name ? template.sections.find((section) => section.names.includes(name)) : undefined;
    const section: Section = {
      heading: plainText(heading),
      level: heading.depth,
      range: span(start(heading), end(heading)),
      bodyRange: span(headingLineEnd, Math.max(headingLineEnd, contentEnd)),
      fullRange: span(start(heading), Math.max(end(heading), contentEnd)),
      isEmpty: body.every((node) => node === prompt || isBlank(node)),
      ...(match ? { match } : {}),
      ...(prompt ? { prompt: { text: plainText(prompt), range: span(start(prompt), end(prompt)) } } : {}),
      ...(open.length > 0 ? { parent: open[open.length - 1]! } : {}),
    };
    open.push(sections.length);
    sections.push(section);
  }
  return sections;
}

/** Nodes an author did not write as content: HTML comments (suppressions, template notes) and empty HTML. */
function isBlank(node: RootContent): boolean {
  return node.type === 'html' && /^\s*(<!--[\s\S]*?-->\s*)*$/.test(node.value);
}

function readLists(root: Root, sections: Section[], text: string, span: Span): { timeline: TimelineEntry[]; actionItems: ActionItem[] } {
  const timeline: TimelineEntry[] = [];
  const actionItems: ActionItem[] = [];
  const sectionStarts = sections.map((section) => section.range.start.line);
  let listId = 0;
  const stack: Array<{ list: List; depth: number }> = [];
  for (const node of root.children) if (node.type === 'list') stack.push({ list: node, depth: 1 });
  stack.reverse();

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
  const byPosition = (a: { range: Range }, b: { range: Range }) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  timeline.sort(byPosition);
  actionItems.sort(byPosition);
  return { timeline, actionItems };

  function readListItem(item: ListItem, id: number): void {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return;
    const contentStart = start(first);
    const range = span(start(item), end(item));
    const section = sectionAt(sectionStarts, range.start.line);
    const sectionField = section !== undefined ? { section } : {};
    const firstText = text.slice(contentStart, end(first));

    if (typeof item.checked === 'boolean') {
      actionItems.push({ range, text: plainText(first), checked: item.checked, ...sectionField });
      return;
    }
    const boxed = boxedTask.exec(firstText);
    if (boxed) {
      actionItems.push({ range, text: firstText.slice(boxed[0].length).replace(/\s+/g, ' ').trim(), checked: boxed[1] !== '☐', ...sectionField });
      return;
    }
    const stamp = parseLeadingTimestamp(firstText);
    if (!stamp) return;
    timeline.push({
      range,
      timeText: firstText.slice(stamp.timeStart, stamp.timeEnd),
      timeRange: span(contentStart + stamp.timeStart, contentStart + stamp.timeEnd),
      clock: stamp.clock,
      text: firstText.slice(stamp.length).replace(/\s+/g, ' ').trim(),
      format: stamp.format,
      listId: id,
      ...(stamp.date ? { date: stamp.date } : {}),
      ...(stamp.zone ? { zone: stamp.zone } : {}),
      ...sectionField,
    });
  }
}

/** Index of the last section starting at or before `line`. */
function sectionAt(sectionStarts: number[], line: number): number | undefined {
  let low = 0;
  let high = sectionStarts.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sectionStarts[mid]! <= line) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function readIncidentDate(frontMatter: FrontMatter | undefined, title: Title | undefined, uri: string): IncidentDate | undefined {
  const declared = frontMatter?.data?.['date'];
  const fromFrontMatter = typeof declared === 'string' ? leadingIsoDate(declared.trim()) : undefined;
  if (fromFrontMatter) return { ...fromFrontMatter, source: 'front-matter' };
  const fromTitle = title ? leadingIsoDate(title.text) : undefined;
  if (fromTitle) return { ...fromTitle, source: 'title' };
  const fileName = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  const fromFileName = leadingIsoDate(fileName);
  return fromFileName ? { ...fromFileName, source: 'file-name' } : undefined;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
