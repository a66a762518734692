import { URI, Utils } from 'vscode-uri';
import type { Rule, RuleContext } from './rule';

// Anything with a scheme (https:, mailto:), protocol-relative, or only a fragment is not a file in the repository.
const notAFile = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

export const brokenLink: Rule = {
  id: 'PM014',
  name: 'broken-link',
  description: 'A relative link or image points at a file that does not exist.',
  defaultSeverity: 'warning',
  check(model, report, { fileExists, root }) {
    if (!fileExists) return;
    const base = URI.parse(model.document.uri);
    if (base.scheme !== 'file') return;
    const top = root === undefined ? undefined : URI.file(root);
    const lookUp = (target: () => URI) => exists(target, top, root, fileExists);
    for (const link of model.links) {
      const target = link.url.split(/[?#]/)[0]!.trim();
      if (!target || notAFile.test(link.url)) continue;
      let path: string;
      try {
        path = decodeURIComponent(target);
      } catch {
        path = target;
      }
      if (path.startsWith('/')) {
        // Static sites link from their root (`/images/graph.png`): look in the repository and its usual static
        // folders, never outside it; a route with no file extension (`/posts/slug/`) is a page the site builds.
        if (!top || !/\.[a-z0-9]{1,8}$/i.test(path)) continue;
        const found = STATIC_FOLDERS.map((folder) => lookUp(() => Utils.joinPath(top, `${folder}${path}`)));
        // A place that is not ours to look at answers nothing, and neither may the others: silence tells nothing.
        if (found.includes(true) || found.includes(undefined)) continue;
        report({ range: link.range, message: `Broken ${link.kind}: "${link.url}" is not in the repository, nor in its ${STATIC_FOLDERS.filter(Boolean).join(', ')} folders.` });
        continue;
      }
      if (lookUp(() => Utils.joinPath(Utils.dirname(base), path)) !== false) continue;
      report({
        range: link.range,
        message: `Broken ${link.kind}: "${link.url}" does not exist relative to this file.`,
      });
    }
  },
};

/** Where static-site generators serve root-relative paths from, after the repository root itself. */
const STATIC_FOLDERS = ['', 'static', 'public', 'assets', 'docs', 'content', 'src', 'site', 'source'];

function isWithin(folder: string, path: string): boolean {
  const top = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(top);
}

/**
 * Whether the file exists: undefined when it is outside the root (`..` climbing out is caught here, symbolic links by
 * `fileExists`), false for a path no URI can hold (a lone surrogate).
 */
function exists(target: () => URI, top: URI | undefined, root: string | undefined, fileExists: NonNullable<RuleContext['fileExists']>): boolean | undefined {
  try {
    const resolved = target();
    // Outside the workspace is not ours to look at: whether a file exists there is not the repository's business.
    if (top && !isWithin(top.path, resolved.path)) return undefined;
    // A lone surrogate makes the URI's string throw; so may the file system.
    return fileExists(resolved.toString(), root);
  } catch {
    return false;
  }
}
