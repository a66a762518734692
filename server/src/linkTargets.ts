import { lstatSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/**
 * Whether the file a link names exists, for the broken-link rule, in the editor and on the command line alike. It is
 * looked up inside `root` (the workspace folder or the repository root) only: undefined, not ours to say, when there
 * is no root or the file lies outside it, by its path or through a symbolic link. The real path of the file, or of its
 * nearest existing folder, must be inside the real path of the root; otherwise a link to /etc/passwd, or through a
 * folder linked to /etc, would tell in its diagnostics whether that file exists.
 */
export function fileExistsWithin(uri: string, root: string | undefined): boolean | undefined {
  if (root === undefined) return undefined;
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return undefined;
  const top = realPath(path.resolve(root));
  if (top === undefined) return undefined;
  const target = path.resolve(parsed.fsPath);
  let existing = target;
  let real = realPath(existing);
  while (real === undefined) {
    // A symbolic link to nothing may point anywhere: whether its target exists is not ours to say either.
    if (isLink(existing)) return undefined;
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    existing = parent;
    real = realPath(existing);
  }
  return isWithin(top, real) ? existing === target : undefined;
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function isWithin(folder: string, file: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);
}
