import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { normalizeSectionName } from './normalize';
import { Lines, parseInline, parseSlice } from './slices';

export interface PlainTextOptions {
  /** Normalised section names (a template's, with their aliases): a line that is one of them is a heading. */
  sectionNames?: ReadonlySet<string>;
  /** The template's prompt for a normalised section name, to know the instruction line under a heading. */
  promptFor?: (name: string) => string | undefined;
}

/** Headings free-form postmortems use besides a template's, so their outline is more than a title. */
const COMMON_HEADINGS = new Set([
  'summary', 'incident summary', 'overview', 'background', 'timeline', 'root cause', 'root causes', 'trigger',
  'contributing factors', 'resolution', 'what went well', 'what went wrong', 'where we got lucky', 'action items',
  'next steps', 'supporting information',
]);
const MAX_HEADING_LENGTH = 80;
// `1. Impact`, `IV) Recovery`: numbered headings.
const numbering = /^[ \t]*(?:\d{1,2}|[ivxIVX]{1,4})[.)][ \t]+/;
const bullet = /^[ \t]*(?:[-*+•]|\d+[.)])[ \t]/;
const underline = /^[ \t]*(=|-)\1{2,}[ \t]*$/;
const separator = /^[ \t]*([!-/:-@[-`{-~])\1*[ \t]*$/;

/**
 * Plain text → mdast, positions being offsets into `text`. The first non-empty line is the title; a line that names a
 * section (with or without emoji, numbering or a trailing colon) or is underlined with `===`/`---` is a heading; the
 * line under a template heading that is its prompt (in `*asterisks*` or as the template words it) is the prompt; the
 * rest (paragraphs, `- ` bullets) is parsed by remark between the headings.
 */
export function parsePlainText(text: string, options: PlainTextOptions = {}): Root {
  const lines = new Lines(text);
  const children: RootContent[] = [];
  const names = options.sectionNames ?? new Set<string>();
  let chunkStart = -1;
  let chunkEnd = -1;
  let titleDone = false;
  let afterBlank = true;

  const flush = (): void => {
    if (chunkStart < 0) return;
    children.push(...parseSlice(lines, lines.starts[chunkStart]!, lines.ends[chunkEnd]!).children);
    chunkStart = -1;
  };

  for (let i = 0; i < lines.count; i++) {
    if (lines.isBlank(i)) {
      afterBlank = true;
      continue;
    }
    const start = lines.contentStart(i);
    const end = lines.contentEnd(i);
    const content = text.slice(start, end);
    if (separator.test(content) && i + 1 < lines.count && separator.test(lines.line(i + 1))) {
      // Lines of punctuation drawn as a rule or a box are not prose.
      flush();
      let last = i + 1;
      while (last + 1 < lines.count && separator.test(lines.line(last + 1))) last++;
      children.push({ type: 'html', value: text.slice(start, lines.contentEnd(last)), position: lines.position(start, lines.contentEnd(last)) });
      i = last;
      afterBlank = true;
      continue;
    }
    const underlined = i + 1 < lines.count && underline.test(lines.line(i + 1)) && !bullet.test(content) && content.length <= MAX_HEADING_LENGTH;
    const name = sectionName(content);
    const isHeading = name !== undefined && (names.has(name) || COMMON_HEADINGS.has(name));
    if (!titleDone && !isHeading) {
      titleDone = true;
      flush();
      children.push(heading(start, end, 1));
      if (underlined) i++;
      afterBlank = true;
      continue;
    }
    titleDone = true;
    if (isHeading || (underlined && afterBlank)) {
      flush();
      children.push(heading(start, end, 2));
      if (underlined) i++;
      const prompt = readPrompt(i + 1, name !== undefined ? options.promptFor?.(name) : undefined);
      if (prompt) {
        children.push(prompt.node);
        i = prompt.last;
      }
      afterBlank = true;
      continue;
    }
    if (chunkStart < 0) chunkStart = i;
    chunkEnd = i;
    afterBlank = false;
  }
  flush();
  return { type: 'root', children, position: lines.position(0, text.length) };

  function heading(start: number, end: number, depth: 1 | 2): Heading {
    return { type: 'heading', depth, children: parseInline(lines, start, end), position: lines.position(start, end) };
  }

  /**
   * The prompt under a heading, on the next non-blank line: in asterisks (over up to three lines), or the template's
   * words (the same first three words; authors shorten and reword the rest).
   */
  function readPrompt(from: number, templatePrompt: string | undefined): { node: Paragraph; last: number } | undefined {
    let first = from;
    while (first < lines.count && lines.isBlank(first)) first++;
    if (first >= lines.count) return undefined;
    const start = lines.contentStart(first);
    if (text[start] === '*' && text[start + 1] !== '*') {
      for (let last = first; last < Math.min(lines.count, first + 3) && !lines.isBlank(last); last++) {
        const end = lines.contentEnd(last);
        if (end - start < 2 || text[end - 1] !== '*') continue;
        const parsed = parseSlice(lines, lines.starts[first]!, end).children;
        if (parsed.length === 1 && parsed[0]!.type === 'paragraph') return { node: parsed[0], last };
      }
    }
    if (!templatePrompt) return undefined;
    const end = lines.contentEnd(first);
    const line = text.slice(start, end);
    const wanted = words(templatePrompt);
    const written = words(line);
    if (wanted.length < 3 || written.slice(0, 3).join(' ') !== wanted.slice(0, 3).join(' ')) return undefined;
    const position = lines.position(start, end);
    const node: Paragraph = {
      type: 'paragraph',
      children: [{ type: 'emphasis', children: [{ type: 'text', value: line, position }], position }],
      position,
    };
    return { node, last: first };
  }
}

/** The normalised name a line would have as a heading, or undefined when it cannot be one (a bullet, too long). */
function sectionName(line: string): string | undefined {
  if (line.length > MAX_HEADING_LENGTH) return undefined;
  const unnumbered = line.replace(numbering, '');
  if (bullet.test(unnumbered)) return undefined;
  return normalizeSectionName(unnumbered) || undefined;
}

function words(text: string): string[] {
  return normalizeSectionName(text).split(' ').filter(Boolean);
}
