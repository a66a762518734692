import type { Heading, Html, Paragraph, RootContent } from 'mdast';
import { parseMarkdown } from '../model/markdown';
import { normalizeSectionName } from '../model/normalize';

export interface Template {
  name: string;
  sections: TemplateSection[];
}

export interface TemplateSection {
  /** Heading as the template writes it, emoji included: what completion inserts. */
  heading: string;
  /** Normalised names this section is recognised by: its own, then its aliases. */
  names: string[];
  level: number;
  /** The italic instruction under the heading, without the asterisks. */
  prompt?: string;
  optional: boolean;
  /** Position in the template, for ordering. */
  index: number;
}

// `<!-- postmortem: optional; aliases = Root cause | Root causes -->` under a heading.
const directive = /^<!--\s*postmortem:(.*?)-->$/s;

/** A template is a Markdown file: H2+ headings are its sections in order, an italic paragraph is a prompt. */
export function parseTemplate(name: string, text: string): Template {
  const sections: TemplateSection[] = [];
  let current: TemplateSection | undefined;
  for (const node of parseMarkdown(text).children) {
    if (node.type === 'heading') {
      current = undefined;
      if (node.depth === 1) continue;
      const heading = plainText(node);
      current = { heading, names: [normalizeSectionName(heading)], level: node.depth, optional: false, index: sections.length };
      sections.push(current);
    } else if (current && node.type === 'html') {
      applyDirective(current, node);
    } else if (current && current.prompt === undefined && isPrompt(node)) {
      current.prompt = plainText(node);
    }
  }
  return { name, sections };
}

function applyDirective(section: TemplateSection, node: Html): void {
  const body = directive.exec(node.value.trim())?.[1];
  if (body === undefined) return;
  for (const part of body.split(';')) {
    const [key, value = ''] = part.split('=').map((s) => s.trim());
    if (key === 'optional') section.optional = true;
    if (key === 'aliases') {
      section.names.push(...value.split('|').map(normalizeSectionName).filter(Boolean));
    }
  }
}

/** An italic-only paragraph: `*List the sequence of events that led to the incident*`. */
export function isPrompt(node: RootContent): node is Paragraph {
  if (node.type !== 'paragraph') return false;
  const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return meaningful.length === 1 && meaningful[0]!.type === 'emphasis';
}

/** The text of a node without Markdown markup, iteratively so deep nesting cannot overflow the stack. */
export function plainText(node: Heading | Paragraph | RootContent): string {
  let out = '';
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as { value?: unknown; children?: unknown[]; type: string };
    if (typeof current.value === 'string' && current.type !== 'html') out += current.value;
    else if (current.type === 'break') out += ' ';
    if (Array.isArray(current.children)) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return out.replace(/\s+/g, ' ').trim();
}
