import type { Heading, Root, RootContent } from 'mdast';
import { isPrompt, plainText, type Template } from '../templates/template';
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

/** Every top-level heading but the title, with its body, prompt, emptiness and template match. */
export function readSections(root: Root, title: Heading | undefined, template: Template, source: Source): Section[] {
  const children = root.children;
  const headingIndexes = children.flatMap((node, index) => (node.type === 'heading' && node !== title ? [index] : []));
  const sections: Section[] = [];
  const open: number[] = [];
  // Indexes into the children rather than slices of them: a slice per heading made a long document's outline
  // quadratic.
  for (const [n, index] of headingIndexes.entries()) {
    const heading = children[index] as Heading;
    // The section runs to the next heading of the same or a higher level.
    let last = children.length;
    for (let m = n + 1; m < headingIndexes.length; m++) {
      if ((children[headingIndexes[m]!] as Heading).depth <= heading.depth) {
        last = headingIndexes[m]!;
        break;
      }
    }
    let first = index + 1;
    while (first < last && children[first]!.type === 'html') first++;
    const prompt = first < last && isPrompt(children[first]!) ? children[first] : undefined;
    let isEmpty = true;
    for (let i = index + 1; i < last && isEmpty; i++) isEmpty = children[i] === prompt || isComment(children[i]!);
    const lastDirect = children[(headingIndexes[n + 1] ?? children.length) - 1]!;
    const lastParagraph = lastDirect !== heading && lastDirect.type === 'paragraph' && lastDirect !== prompt ? lastDirect : undefined;
    const contentEnd = last > index + 1 ? endOf(children[last - 1]!) : endOf(heading);
    const headingLineEnd = source.lineEnd(endOf(heading));

    while (open.length > 0 && sections[open[open.length - 1]!]!.level >= heading.depth) open.pop();
    const text = plainText(heading);
    const name = normalizeSectionName(text);
    const match = name ? template.sections.find((section) => section.names.includes(name)) : undefined;
    const section: Section = {
      heading: text,
      level: heading.depth,
      range: source.nodeRange(heading),
      bodyRange: source.range(headingLineEnd, Math.max(headingLineEnd, contentEnd)),
      fullRange: source.range(startOf(heading), Math.max(endOf(heading), contentEnd)),
      isEmpty,
      ...(match ? { match } : {}),
      ...(prompt ? { prompt: { text: plainText(prompt), range: source.nodeRange(prompt) } } : {}),
      ...(open.length > 0 ? { parent: open[open.length - 1]! } : {}),
      ...(lastParagraph ? { lastParagraph: { text: plainText(lastParagraph), range: source.nodeRange(lastParagraph) } } : {}),
    };
    open.push(sections.length);
    sections.push(section);
  }
  return sections;
}

/** HTML comments (suppressions, template notes) are not content an author wrote for readers. */
function isComment(node: RootContent): boolean {
  return node.type === 'html' && onlyHtmlComments(node.value);
}

/** Index of the last section starting at or before `line`, by binary search over the sections' start lines. */
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
