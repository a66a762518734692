import type { Heading, Html, Paragraph, PhrasingContent, RootContent, Yaml } from 'mdast';
import { parseDocument } from 'yaml';
import { parseMarkdown } from '../model/markdown';
import { normalizeSectionName } from '../model/normalize';
import { codePointSpan, endOf, startOf } from '../model/source';
import { sectionKinds, type SectionKind } from './vocabulary';

export interface Template {
  /** A built-in name (`google-sre`) or the template file's path relative to the workspace folder. */
  name: string;
  sections: TemplateSection[];
  /** Lower-cased metadata keys a postmortem using this template must state (front matter `metadata: [severity, status]`). */
  requiredMetadata: string[];
  /** Whether authors are expected to delete the italic prompts once a section is written (front matter `prompts: remove`). */
  removePrompts: boolean;
  /** Whether the file's front matter says `type: template`. */
  declared: boolean;
  /** Set on the `auto` template: the document's own sections choose a built-in template, or none. */
  auto?: boolean;
  /** What is wrong with the template file itself; empty for a good template. */
  problems: TemplateProblem[];
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
  /** What the section is about, from its names: a heading of the same kind matches it ("Mitigation" for "Recovery"). */
  kinds: SectionKind[];
}

/** A problem in a template file, located by UTF-16 offsets into its text (the caller turns them into a range). */
export interface TemplateProblem {
  message: string;
  severity: 'error' | 'warning' | 'hint';
  start: number;
  end: number;
}

/** The front matter keys a template file may use. */
export const TEMPLATE_KEYS = ['type', 'description', 'metadata', 'prompts'] as const;

// `<!-- postmortem: optional; aliases = Root cause | Root causes -->` under a heading.
const directive = /^<!--\s*postmortem:(.*?)-->$/s;

/**
 * A template is a Markdown file: H2+ headings are its sections in order, an italic paragraph is a prompt, and YAML
 * front matter says what else documents using it need. The text is only ever read as data.
 */
export function parseTemplate(name: string, text: string): Template {
  const template: Template = { name, sections: [], requiredMetadata: [], removePrompts: false, declared: false, problems: [] };
  const sections = template.sections;
  let current: TemplateSection | undefined;
  const root = parseMarkdown(text);
  for (const node of root.children) {
    if (node.type === 'yaml') {
      readTemplateFrontMatter(template, node, text);
    } else if (node.type === 'heading') {
      current = undefined;
      if (node.depth === 1) continue;
      const heading = plainText(node);
      if (!heading) continue;
      current = { heading, names: [normalizeSectionName(heading)], level: node.depth, optional: false, index: sections.length, kinds: [...sectionKinds(heading)] };
      sections.push(current);
    } else if (current && node.type === 'html') {
      applyDirective(template, current, node);
    } else if (current && current.prompt === undefined && isPrompt(node)) {
      const prompt = plainText(node);
      if (prompt) current.prompt = prompt;
    }
  }
  if (sections.length === 0) {
    template.problems.push({ message: 'This template has no sections: write each section as a `## Heading`.', severity: 'hint', start: 0, end: 0 });
  }
  reportSharedNames(template, root.children);
  return template;
}

function readTemplateFrontMatter(template: Template, node: Yaml, text: string): void {
  const at = { start: startOf(node), end: Math.min(startOf(node) + 3, endOf(node)) };
  const problem = (message: string, severity: TemplateProblem['severity'] = 'warning') => template.problems.push({ message, severity, ...at });
  const parsed = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true });
  const error = parsed.errors[0];
  if (error) {
    const valueStart = text.indexOf(node.value, startOf(node) + 3);
    const [from, to] = codePointSpan(text, ...(error.pos.map((pos) => valueStart + pos) as [number, number]));
    template.problems.push({
      message: `The template's front matter is not valid YAML and is ignored: ${error.message.split('\n')[0]}`,
      severity: 'error',
      start: from,
      end: Math.min(Math.max(to, from), endOf(node)),
    });
    return;
  }
  let data: unknown;
  try {
    data = parsed.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // An alias to no anchor, or an alias bomb: the YAML parses but cannot become data.
    problem(`The template's front matter is ignored: ${cause instanceof Error ? cause.message : String(cause)}`, 'error');
    return;
  }
  if (data === null || data === undefined) return;
  if (typeof data !== 'object' || Array.isArray(data)) {
    problem('The template\'s front matter should be a mapping (`type: template`).', 'error');
    return;
  }
  const values = data as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) problem(`Unknown template key "${key}" is ignored; a template's front matter may have ${TEMPLATE_KEYS.join(', ')}.`);
  }
  if (values['type'] === 'template') template.declared = true;
  else if (values['type'] !== undefined) problem(`A template's front matter says \`type: template\`, not ${JSON.stringify(values['type'])}.`);
  const metadata = values['metadata'];
  const keys = typeof metadata === 'string' ? [metadata] : metadata;
  if (Array.isArray(keys) && keys.every((key) => typeof key === 'string' && key.trim() !== '')) {
    template.requiredMetadata = [...new Set((keys as string[]).map((key) => key.trim().toLowerCase().replace(/\s+/g, ' ')))];
  } else if (metadata !== undefined && metadata !== null) {
    problem('`metadata` should be a list of the keys documents must state, such as `[severity, status, authors]`.');
  }
  const prompts = values['prompts'];
  if (prompts === 'remove') template.removePrompts = true;
  else if (prompts !== undefined && prompts !== 'keep') problem('`prompts` should be `keep` (prompts stay in the document) or `remove` (authors delete them).');
}

function applyDirective(template: Template, section: TemplateSection, node: Html): void {
  const body = directive.exec(node.value.trim())?.[1];
  if (body === undefined) return;
  for (const part of body.split(';')) {
    if (part.trim() === '') continue;
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    if (key === 'optional') section.optional = true;
    else if (key === 'aliases') {
      for (const alias of value.split('|')) {
        const name = normalizeSectionName(alias);
        if (!name) continue;
        section.names.push(name);
        for (const kind of sectionKinds(alias)) if (!section.kinds.includes(kind)) section.kinds.push(kind);
      }
    }
    else {
      template.problems.push({
        message: `Unknown template directive "${key}": use \`optional\` or \`aliases = A | B\`.`,
        severity: 'warning',
        start: startOf(node),
        end: endOf(node),
      });
    }
  }
}

/** A heading recognised by two sections is always matched to the first: say so where the second one is written. */
function reportSharedNames(template: Template, nodes: readonly RootContent[]): void {
  const owner = new Map<string, TemplateSection>();
  const headings = nodes.filter((node): node is Heading => node.type === 'heading' && node.depth > 1 && plainText(node) !== '');
  for (const section of template.sections) {
    for (const name of section.names) {
      const first = owner.get(name);
      if (!first) {
        owner.set(name, section);
        continue;
      }
      if (first === section) continue;
      const heading = headings[section.index];
      template.problems.push({
        message: `"${name}" already names the section "${first.heading}", so a heading "${name}" will always match that one.`,
        severity: 'warning',
        start: heading ? startOf(heading) : 0,
        end: heading ? endOf(heading) : 0,
      });
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
export function plainText(node: Heading | Paragraph | RootContent | PhrasingContent): string {
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
