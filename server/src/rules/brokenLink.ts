import { URI, Utils } from 'vscode-uri';
import type { Rule } from './rule';

// Anything with a scheme (https:, mailto:), protocol-relative, or only a fragment is not a file in the repository.
const notAFile = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

export const brokenLink: Rule = {
  id: 'PM014',
  name: 'broken-link',
  description: 'A relative link or image points at a file that does not exist.',
  defaultSeverity: 'warning',
  check(model, report, { fileExists }) {
    if (!fileExists) return;
    const base = URI.parse(model.document.uri);
    if (base.scheme !== 'file') return;
    for (const link of model.links) {
      const target = link.url.split(/[?#]/)[0]!.trim();
      if (!target || notAFile.test(link.url)) continue;
      let path: string;
      try {
        path = decodeURIComponent(target);
      } catch {
        path = target;
      }
      if (exists(base, path, fileExists)) continue;
      report({
        range: link.range,
        message: `Broken ${link.kind}: "${link.url}" does not exist relative to this file.`,
      });
    }
  },
};

/** Whether the link's path names a file; a path no URI can hold (a lone surrogate) names none. */
function exists(base: URI, path: string, fileExists: (uri: string) => boolean): boolean {
  try {
    const resolved = path.startsWith('/') ? base.with({ path }) : Utils.joinPath(Utils.dirname(base), path);
    return fileExists(resolved.toString());
  } catch {
    return false;
  }
}
