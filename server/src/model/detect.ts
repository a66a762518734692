import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { memoize } from './memo';
import type { PostmortemDocument } from './types';

/** Three template headings make a document a postmortem even outside the configured folders. */
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
  const matched = new Set(model.sections.flatMap((section) => (section.match ? [section.match.index] : [])));
  if (matched.size >= MIN_TEMPLATE_HEADINGS) return true;
  return matchesGlobs(model.document.uri, globs, workspaceFolders);
}

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
  return globMatcher(JSON.stringify(globs))(relative);
}

// Compiling the globs costs about 60 µs, asked for every analysis (each keystroke, each file of the command line).
const globMatcher = memoize((globs: string) => picomatch(JSON.parse(globs) as string[], { dot: true }), 32);

/**
 * Whether a document is a template rather than a postmortem: its front matter says `type: template`, or it is the
 * template file the settings or repo config point to (`templatePath`, the real path of both).
 */
export function isTemplateDocument(frontMatter: Record<string, unknown> | undefined, documentPath: string | undefined, templatePath: string | undefined): boolean {
  if (frontMatter?.['type'] === 'template') return true;
  return documentPath !== undefined && templatePath !== undefined && documentPath === templatePath;
}
