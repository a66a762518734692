import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYaml } from 'yaml';
import { applyTemplate } from '../templates/match';
import type { Template } from '../templates/template';
import { sectionKinds } from '../templates/vocabulary';
import { frontMatterEnd } from './blocks';
import { normalizeSectionName } from './normalize';
import { TextSearch } from './textSearch';
import type { FrontMatter, PostmortemDocument, Section, Title } from './types';

const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The model of a document that is not parsed (too large, or a parse that ran out of time): its ATX headings, read by
 * a line scan that skips front matter and fenced code. Enough for the outline, folding and section completion; every
 * other part is empty, so no rule finds anything.
 */
export function lightweightPostmortem(document: TextDocument, template: Template): PostmortemDocument {
  const text = document.getText();
  const headings: Array<{ level: number; text: string; start: number; end: number }> = [];
  const bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const yamlEnd = frontMatterEnd(text, bodyStart);
  let offset = yamlEnd ?? bodyStart;
  const frontMatter = yamlEnd !== undefined ? readFrontMatter(text.slice(bodyStart, yamlEnd), { start: document.positionAt(bodyStart), end: document.positionAt(yamlEnd) }) : undefined;
  let open: { marker: string; length: number } | undefined;
  while (offset < text.length) {
    let end = offset;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(offset, Math.min(end, offset + 1024));
    const fenced = fence.exec(line);
    if (open) {
      if (fenced && fenced[1]![0] === open.marker && fenced[1]!.length >= open.length && line.trim() === fenced[1]) open = undefined;
    } else if (fenced) {
      open = { marker: fenced[1]![0]!, length: fenced[1]!.length };
    } else {
      const heading = atxHeading.exec(line);
      if (heading) headings.push({ level: heading[1]!.length, text: (heading[2] ?? '').trim(), start: offset, end });
    }
    offset = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }

  const range = (start: number, end: number) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const titleIndex = headings.findIndex((heading) => heading.level === 1);
  const title: Title | undefined = titleIndex >= 0 && headings[titleIndex]!.text
    ? { text: headings[titleIndex]!.text, range: range(headings[titleIndex]!.start, headings[titleIndex]!.end), source: 'heading' }
    : undefined;
  const sections: Section[] = [];
  const stack: number[] = [];
  const rest = headings.filter((_, index) => index !== titleIndex);
  // For each heading, where the next one of the same or a higher level starts: one pass from the end with a stack.
  const sectionEnds: number[] = new Array(rest.length);
  const after: number[] = [];
  for (let n = rest.length - 1; n >= 0; n--) {
    while (after.length > 0 && rest[after[after.length - 1]!]!.level > rest[n]!.level) after.pop();
    sectionEnds[n] = after.length > 0 ? rest[after[after.length - 1]!]!.start : text.length;
    after.push(n);
  }
  rest.forEach((heading, n) => {
    let contentEnd = sectionEnds[n]!;
    while (contentEnd > heading.end && /\s/.test(text[contentEnd - 1]!)) contentEnd--;
    while (stack.length > 0 && sections[stack[stack.length - 1]!]!.level >= heading.level) stack.pop();
    sections.push({
      heading: heading.text,
      level: heading.level,
      range: range(heading.start, heading.end),
      bodyRange: range(heading.end, Math.max(heading.end, contentEnd)),
      fullRange: range(heading.start, Math.max(heading.end, contentEnd)),
      isEmpty: contentEnd <= heading.end,
      name: normalizeSectionName(heading.text),
      kinds: sectionKinds(heading.text),
      ...(stack.length > 0 ? { parent: stack[stack.length - 1]! } : {}),
    });
    stack.push(sections.length - 1);
  });
  const { template: heldTo, choice: templateChoice } = applyTemplate(sections, template);
  return {
    document,
    template: heldTo,
    templateChoice,
    sections,
    timeline: [],
    timelines: [],
    dateHeadings: [],
    actionItems: [],
    whys: [],
    metadata: [],
    statedTimes: [],
    dateMentions: [],
    links: [],
    codeSpans: [],
    htmlSpans: [],
    search: new TextSearch(text),
    ...(title ? { title } : {}),
    ...(frontMatter ? { frontMatter } : {}),
  };
}

/** The front matter's data (`type: postmortem` still makes the document one), without its error reporting. */
function readFrontMatter(block: string, range: FrontMatter['range']): FrontMatter {
  const body = block.replace(/^---[ \t]*(?:\r\n|\r|\n)/, '').replace(/(?:\r\n|\r|\n)?---[ \t]*(?:\r\n|\r|\n)?$/, '');
  try {
    const data: unknown = parseYaml(body, { maxAliasCount: 100 });
    return { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined, range };
  } catch {
    return { data: undefined, range };
  }
}
