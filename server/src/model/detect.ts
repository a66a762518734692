import { URI } from 'vscode-uri';
import { globMatcher } from './glob';
import { memoize } from './memo';
import { isIncidentKind, sectionKinds } from '../templates/vocabulary';
import type { PostmortemDocument } from './types';

/** Three section headings make a document a postmortem even outside the configured folders. */
const MIN_TEMPLATE_HEADINGS = 3;

/**
 * Whether the document gets our analysis: its path matches a `postmortem.files` glob, its front matter says
 * `type: postmortem`, or it has enough template headings. Untitled documents can only qualify by content.
 * A template file (`type: template`) never does, however many template headings it has.
 */
export function isPostmortem(model: PostmortemDocument, globs: readonly string[], workspaceFolders: readonly string[]): boolean {
  if (isTableOfContents(model)) return false;
  const type = model.frontMatter?.data?.['type'];
  if (type === 'template') return false;
  if (type === 'postmortem') return true;
  if (matchesGlobs(model.document.uri, globs, workspaceFolders)) return true;
  return readsAsIncidentReport(model);
}

/**
 * Whether the content says it is an incident review wherever the file lives: its title says so, three headings are
 * sections of the configured template, or three are sections of any template's kinds, two of them ones only an
 * incident review has (a design document has a summary, a timeline and next steps, but no root cause or detection).
 */
function readsAsIncidentReport(model: PostmortemDocument): boolean {
  if (model.title && incidentTitle.test(model.title.text) && !notAReport.test(model.title.text)) return true;
  if (model.templateChoice.how === 'configured') {
    const matched = new Set(model.sections.flatMap((section) => (section.matches ?? []).map((match) => match.index)));
    if (matched.size >= MIN_TEMPLATE_HEADINGS) return true;
  }
  const kinds = new Set([...model.sections.flatMap((section) => section.kinds), ...model.metadata.flatMap((field) => (field.source === 'line' ? sectionKinds(field.key) : []))]);
  return kinds.size >= MIN_TEMPLATE_HEADINGS && [...kinds].filter(isIncidentKind).length >= 2;
}

const incidentTitle = /(?<![\p{L}\p{N}])(?:post[- ]?mortem|incident|outage|rca|root cause analysis|retrospective)(?![\p{L}\p{N}])/iu;
// Titles of documents about incidents in general: a playbook is not a report.
const notAReport = /(?<![\p{L}\p{N}])(?:playbook|runbook|process|guide|policy|procedure|handbook|template|checklist|management|response plan|how to)(?![\p{L}\p{N}])/iu;

// A Sphinx page with a `.. toctree::` lists postmortems; it is never one itself, even in a postmortems folder.
const toctree = /^[ \t]*\.\.[ \t]+toctree::/m;

function isTableOfContents(model: PostmortemDocument): boolean {
  return model.document.languageId === 'restructuredtext' && toctree.test(model.document.getText());
}

export function matchesGlobs(uri: string, globs: readonly string[], workspaceFolders: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return false;
  const path = parsed.path;
  const folder = workspaceFolders
    .map((folderUri) => URI.parse(folderUri).path.replace(/\/$/, ''))
    .filter((folderPath) => path.startsWith(`${folderPath}/`))
    .sort((a, b) => b.length - a.length)[0];
  const relative = folder !== undefined ? path.slice(folder.length + 1) : path.replace(/^\//, '');
  return filesMatcher(JSON.stringify(globs))(relative);
}

// Compiling the globs costs a few milliseconds, asked for every analysis (each keystroke, each file of the command
// line); the matcher also keeps what it learns of the paths it has seen (glob.ts).
const filesMatcher = memoize((globs: string) => globMatcher(JSON.parse(globs) as string[], { nocase: true }), 32);

// A file named as a template (`template.md`, `incident-template.md`, French `modele_de_rapport.md`).
const templateName = /(?:^|[-_.\s])(?:templates?|mod[eè]les?|skeleton|boilerplate|blank)(?:[-_.\s]|$)/iu;
// Fill-in fields of a template: `{{ title }}`, `[Date]`, `[Date and time]`, `<fill in>` (not links: no `(` or `[` after).
const fillIn = /\{\{[^{}\n]{1,60}\}\}|\[[A-Z][\p{L} ]{0,40}\](?![(\[:])|<fill[ -]?in[^<>\n]{0,60}>/gu;

/**
 * Whether a document that is not declared a template is one all the same: its file is named as one, or it has fields
 * to fill in and no timeline time yet. It is then checked as a template only, not held to one.
 */
export function looksLikeTemplate(model: PostmortemDocument): boolean {
  const name = URI.parse(model.document.uri).path.split('/').pop() ?? '';
  if (templateName.test(name.replace(/\.[^.]*$/, ''))) return true;
  if (model.timeline.length > 0) return false;
  let fields = 0;
  for (const _match of model.document.getText().slice(0, 200_000).matchAll(fillIn)) if (++fields >= 3) return true;
  return false;
}

/**
 * Whether a document is a template rather than a postmortem: its front matter says `type: template`, or it is the
 * template file the settings or repo config point to (`templatePath`, the real path of both).
 */
export function isTemplateDocument(frontMatter: Record<string, unknown> | undefined, documentPath: string | undefined, templatePath: string | undefined): boolean {
  if (frontMatter?.['type'] === 'template') return true;
  return documentPath !== undefined && templatePath !== undefined && documentPath === templatePath;
}
