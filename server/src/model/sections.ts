import type { Heading, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { isPrompt, plainText } from '../templates/template';
import { sectionKinds } from '../templates/vocabulary';
import { normalizeSectionName } from './normalize';
import { endOf, startOf, type Source } from './source';
import { onlyHtmlComments } from './suppressions';
import type { FrontMatter, Section, Title } from './types';

/** The first H1; the title comes from it, or from front matter `title` when there is none. */
export function findTitleHeading(root: Root): Heading | undefined {
  return root.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
}

export function readTitle(heading: Heading | undefined, frontMatter: FrontMatter | undefined, source: Source): Title | undefined {
  if (heading) {
    const text = plainText(heading);
    if (text) return { text, range: source.nodeRange(heading), source: 'heading' };
  }
  const fromFrontMatter = frontMatter?.data?.['title'];
  if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim() && frontMatter) {
    return { text: fromFrontMatter.trim(), range: frontMatter.range, source: 'front-matter' };
  }
  return undefined;
}

/** A heading or a bold-key paragraph that starts a section: its index among the root's children and its level. */
interface SectionStart {
  index: number;
  /** 1–6 for a heading; bold-key sections sit below every heading (7). */
  depth: number;
  heading: string;
  /** What the section's range covers: the heading, or the bold key. */
  node: RootContent | PhrasingContent;
  bold: boolean;
}

const BOLD_DEPTH = 7;

/**
 * Every heading but the title, and every paragraph that opens with a bold section name (`**Impact**: …`), with its
 * body, prompt and emptiness. Template matching is `applyTemplate`'s (templates/match.ts).
 */
export function readSections(root: Root, title: Heading | undefined, source: Source): Section[] {
  const children = root.children;
  const starts = sectionStarts(children, title);
  const sections: Section[] = [];
  const open: number[] = [];
  // Indexes into the children rather than slices of them: a slice per heading made a long document's outline
  // quadratic.
  for (const [n, start] of starts.entries()) {
    const { index } = start;
    // The section runs to the next heading of the same or a higher level.
    let last = children.length;
    for (let m = n + 1; m < starts.length; m++) {
      if (starts[m]!.depth <= start.depth) {
        last = starts[m]!.index;
        break;
      }
    }
    let first = index + 1;
    while (first < last && children[first]!.type === 'html') first++;
    const prompt = !start.bold && first < last && isPrompt(children[first]!) ? children[first] : undefined;
    let isEmpty = !start.bold || !hasTextAfterKey(children[index] as Paragraph);
    for (let i = index + 1; i < last && isEmpty; i++) isEmpty = children[i] === prompt || isComment(children[i]!);
    const node = children[index]!;
    const lastDirect = children[(starts[n + 1]?.index ?? children.length) - 1]!;
    const lastParagraph = (lastDirect !== node || start.bold) && lastDirect.type === 'paragraph' && lastDirect !== prompt ? lastDirect : undefined;
    const contentEnd = last > index + 1 ? endOf(children[last - 1]!) : endOf(node);
    const keyEnd = endOf(start.node);
    const bodyStart = start.bold ? keyEnd : source.lineEnd(endOf(node));

    while (open.length > 0 && sections[open[open.length - 1]!]!.level >= start.depth) open.pop();
    const section: Section = {
      heading: start.heading,
      level: start.depth,
      range: source.nodeRange(start.node),
      bodyRange: source.range(bodyStart, Math.max(bodyStart, contentEnd)),
      fullRange: source.range(startOf(node), Math.max(endOf(node), contentEnd)),
      isEmpty,
      name: normalizeSectionName(start.heading),
      kinds: sectionKinds(start.heading),
      ...(start.bold ? { style: 'bold' as const } : {}),
      ...(prompt ? { prompt: { text: plainText(prompt), range: source.nodeRange(prompt) } } : {}),
      ...(open.length > 0 ? { parent: open[open.length - 1]! } : {}),
      ...(lastParagraph ? { lastParagraph: { text: plainText(lastParagraph), range: source.nodeRange(lastParagraph) } } : {}),
    };
    open.push(sections.length);
    sections.push(section);
  }
  return sections;
}

function sectionStarts(children: readonly RootContent[], title: Heading | undefined): SectionStart[] {
  const starts: SectionStart[] = [];
  children.forEach((node, index) => {
    if (node.type === 'heading') {
      if (node !== title) starts.push({ index, depth: node.depth, heading: plainText(node), node, bold: false });
      return;
    }
    const key = node.type === 'paragraph' ? boldKey(node, children[index + 1]) : undefined;
    if (key) starts.push({ index, depth: BOLD_DEPTH, heading: key.text, node: key.node, bold: true });
  });
  return starts;
}

/**
 * The section name a paragraph opens with, when it is written as a key: `**Impact**: …`, `**Root cause:** …`, or a
 * line of its own (`**Action items**`, `Action items:`) over a list. Only names of the section vocabulary count, so
 * bold emphasis in prose never starts a section.
 */
function boldKey(paragraph: Paragraph, next: RootContent | undefined): { text: string; node: PhrasingContent } | undefined {
  const first = paragraph.children[0];
  if (!first) return undefined;
  if (first.type === 'strong') {
    const text = withoutColon(plainText(first));
    const rest = paragraph.children[1];
    const keyLike = !rest || rest.type === 'break' || (rest.type === 'text' && /^(?:\s*[:：\-–—]|\s*$|\s*\n)/.test(rest.value)) || plainText(first).endsWith(':');
    return keyLike && text.length <= 60 && sectionKinds(text).length > 0 ? { text, node: first } : undefined;
  }
  if (first.type === 'text' && paragraph.children.length === 1 && next?.type === 'list') {
    const text = withoutColon(first.value.trim());
    return text.length <= 40 && !text.includes('\n') && sectionKinds(text).length > 0 ? { text, node: first } : undefined;
  }
  return undefined;
}

function withoutColon(key: string): string {
  return key.replace(/[:：]$/, '').trimEnd();
}

/** Whether a bold-key paragraph says more than its key: `**Impact**: none` is written, `**Impact**:` is not. */
function hasTextAfterKey(paragraph: Paragraph): boolean {
  return plainText({ ...paragraph, children: paragraph.children.slice(1) }).replace(/^[\s:：\-–—]+/, '') !== '';
}

/** HTML comments (suppressions, template notes) are not content an author wrote for readers. */
function isComment(node: RootContent): boolean {
  return node.type === 'html' && onlyHtmlComments(node.value);
}

/** Index of the last section starting at or before `line`, by binary search over the sections' start lines. */
/**
 * The nearest heading at or above `index` that is no template section (and one of `among`, when given): in a file
 * that logs several incidents, an incident's own heading.
 */
export function unmatchedAncestor(sections: readonly Section[], index: number | undefined, among?: ReadonlySet<number>): number | undefined {
  for (let at = index; at !== undefined; at = sections[at]!.parent) {
    if (!sections[at]!.match && (!among || among.has(at))) return at;
  }
  return undefined;
}

export function sectionAt(sections: readonly Section[], line: number): number | undefined {
  let low = 0;
  let high = sections.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sections[mid]!.range.start.line <= line) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
