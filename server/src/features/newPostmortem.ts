import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { dateProblem } from '../model/time';
import { builtInTemplate, builtInTemplateNames, builtInTemplateText, isBuiltInTemplate } from '../templates/index';

export const NEW_POSTMORTEM_REQUEST = 'postmortem/newPostmortem';
export const TEMPLATES_REQUEST = 'postmortem/templates';
export const LIST_REQUEST = 'postmortem/list';

export interface TemplatesParams {
  /** The workspace folder the postmortem will be in: its settings say which template is configured. */
  folderUri?: string;
}

export interface TemplateChoice {
  name: string;
  description: string;
  /** The template the folder's settings choose (`postmortem.template`, `.postmortem.yaml`). */
  configured: boolean;
}

export interface NewPostmortemParams {
  title: string;
  /** A built-in template name or the folder's configured template; the configured one when absent. */
  template?: string;
  /** `YYYY-MM-DD`, the author's today; the server's local date when absent. */
  date?: string;
  folderUri?: string;
}

export interface NewPostmortemResult {
  /** `YYYY-MM-DD-<slug>.md`. */
  fileName: string;
  text: string;
  template: string;
}

/** What the feature needs from the server: the folder's settings, as a document at its root would get them. */
export interface NewPostmortemHost {
  workspaceFolders(): readonly string[];
  analyse(document: TextDocument): Promise<{ settings: { template: { name: string; requiredMetadata: string[] }; templatePath?: string } }>;
  readFile(fsPath: string): string;
}

/** The built-in templates and the folder's configured one (a team's own file), the configured one first. */
export async function templateChoices(params: TemplatesParams, host: NewPostmortemHost): Promise<TemplateChoice[]> {
  const configured = await configuredTemplate(params.folderUri, host);
  const choices = builtInTemplateNames.map((name) => ({ name, description: describeBuiltIn(name), configured: name === configured.name }));
  if (!isBuiltInTemplate(configured.name)) choices.unshift({ name: configured.name, description: 'Your team\'s template (postmortem.template)', configured: true });
  return choices.sort((a, b) => Number(b.configured) - Number(a.configured));
}

/** A new postmortem from a template: its text and file name. */
export async function newPostmortem(params: NewPostmortemParams, host: NewPostmortemHost): Promise<NewPostmortemResult> {
  const title = (params.title ?? '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
  if (!title) throw new Error('A postmortem needs a title.');
  const date = validDate(params.date) ?? today();
  const configured = await configuredTemplate(params.folderUri, host);
  const name = params.template?.trim() || configured.name;
  let templateText: string | undefined;
  let requiredMetadata: string[];
  if (isBuiltInTemplate(name)) {
    templateText = builtInTemplateText(name);
    requiredMetadata = builtInTemplate(name).requiredMetadata;
  } else if (name === configured.name && configured.path) {
    templateText = host.readFile(configured.path);
    requiredMetadata = configured.requiredMetadata;
  } else {
    throw new Error(`Unknown template "${name}": use ${[...builtInTemplateNames, ...(configured.path ? [configured.name] : [])].join(', ')}.`);
  }
  const text = postmortemFromTemplate(templateText ?? '', {
    title,
    date,
    requiredMetadata,
    ...(name !== configured.name ? { template: name } : {}),
  });
  return { fileName: `${date}-${slugify(title)}.md`, text, template: name };
}

/**
 * The template's text made into a postmortem: its front matter replaced by a postmortem's (`type: postmortem`, the
 * template when it is not the folder's own, the metadata the template requires), its title written with the
 * date and title, and its `<!-- postmortem: … -->` directives removed. Headings and prompts stay as they are.
 */
export function postmortemFromTemplate(
  templateText: string,
  options: { title: string; date: string; requiredMetadata?: readonly string[]; template?: string },
): string {
  const body = templateText.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, '');
  const lines = body
    .replace(/^[ \t]*<!--[ \t]*postmortem:[^]{0,2000}?-->[ \t]*\r?\n(?:[ \t]*\r?\n)?/gm, '')
    .split(/\r?\n/);
  const titleIndex = lines.findIndex((line) => /^#\s/.test(line));
  const titleLine = `# ${/YYYY-MM-DD/.test(lines[titleIndex] ?? '') ? `${options.date}: ${options.title}` : options.title}`;
  if (titleIndex >= 0) lines[titleIndex] = titleLine;
  else lines.unshift(titleLine, '');
  const frontMatter = ['---', 'type: postmortem'];
  if (options.template) frontMatter.push(`template: ${options.template}`);
  for (const key of options.requiredMetadata ?? []) {
    if (key === 'date') frontMatter.push(`date: ${options.date}`);
    else if (key === 'status') frontMatter.push('status: draft');
    else frontMatter.push(`${/^[\w-]+$/.test(key) ? key : JSON.stringify(key)}:`);
  }
  frontMatter.push('---', '');
  const text = [...frontMatter, ...dropLeadingBlank(lines)].join('\n').replace(/\n{3,}/g, '\n\n');
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** `Database failover loops!` → `database-failover-loops`; at most 60 characters, cut at a word. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-');
  return shorten(trimDashes(slug));
}

/** A slug of at most 60 characters, cut at a word when one ends late enough. */
function shorten(slug: string): string {
  if (slug.length <= 60) return slug || 'incident';
  const cut = slug.slice(0, 61);
  return trimDashes(cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60));
}

function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  return text.slice(start, end);
}

async function configuredTemplate(folderUri: string | undefined, host: NewPostmortemHost) {
  const folder = folderUri ?? host.workspaceFolders()[0];
  const probeUri = folder ? URI.parse(folder).with({ path: path.posix.join(URI.parse(folder).path, '.postmortem-new.md') }).toString() : 'untitled:postmortem-new';
  const { settings } = await host.analyse(TextDocument.create(probeUri, 'markdown', 0, ''));
  return { name: settings.template.name, requiredMetadata: settings.template.requiredMetadata, ...(settings.templatePath ? { path: settings.templatePath } : {}) };
}

function describeBuiltIn(name: string): string {
  const text = builtInTemplateText(name) ?? '';
  return /^description:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '';
}

function validDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return undefined;
  return dateProblem({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }) ? undefined : value;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function dropLeadingBlank(lines: string[]): string[] {
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  return lines.slice(i);
}
