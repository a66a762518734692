import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { globMatcher } from '../model/glob';
import { POSTMORTEM_EXTENSIONS } from '../settings';

/** The extensions a folder is searched for: the languages the model reads. */
export const LINTED_EXTENSIONS = POSTMORTEM_EXTENSIONS;

/** Never searched: installed packages and git's own files (dot-folders are skipped as well). */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface FileTask {
  /** Absolute path as found (not resolved: a symbolic link stays a link, so a loop is reported as one). */
  path: string;
  /** Named on the command line: a file that cannot be read is an error even when its path says nothing. */
  explicit: boolean;
}

export interface CollectedFiles {
  files: FileTask[];
  /** Targets that name nothing: usage errors. */
  problems: string[];
}

/**
 * Files, folders and globs → the files to lint, each once (by real path), in path order. Folders are searched
 * without following symbolic links, so a link loop cannot make the search endless; a link named on the command line
 * is followed.
 */
export async function collectFiles(targets: readonly string[], options: { cwd: string; ignore: readonly string[] }): Promise<CollectedFiles> {
  const problems: string[] = [];
  const found: FileTask[] = [];
  const ignored = options.ignore.length > 0 ? globMatcher(options.ignore) : undefined;
  const isIgnored = (file: string) => {
    if (!ignored) return false;
    // Like .gitignore: a pattern that matches a folder leaves out everything in it.
    let relative = path.relative(options.cwd, file).split(path.sep).join('/');
    while (relative !== '' && relative !== '.' && !relative.startsWith('../')) {
      if (ignored(relative)) return true;
      const parent = path.posix.dirname(relative);
      if (parent === relative) break;
      relative = parent;
    }
    return false;
  };
  const search = (cwd: string, patterns: string[]) =>
    glob(patterns, { cwd, absolute: true, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: ALWAYS_IGNORED, expandDirectories: false });

  for (const target of targets) {
    const absolute = path.resolve(options.cwd, target);
    let stat: fs.Stats | undefined;
    let statError: NodeJS.ErrnoException | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      statError = error as NodeJS.ErrnoException;
    }
    if (stat?.isDirectory()) {
      const files = await search(absolute, [`**/*.{${LINTED_EXTENSIONS.join(',')}}`]);
      found.push(...files.map((file) => ({ path: path.resolve(file), explicit: false })));
    } else if (stat || (statError && statError.code !== 'ENOENT' && statError.code !== 'ENOTDIR') || isLink(absolute)) {
      // A file, a FIFO, a link loop or to nothing, an unreadable path: reading it says what is wrong, file by file.
      found.push({ path: absolute, explicit: true });
    } else if (isDynamicPattern(target)) {
      const { base, pattern } = splitGlob(target.split(path.sep).join('/'));
      const files = await search(path.resolve(options.cwd, base), [pattern]);
      if (files.length === 0) problems.push(`${target}: the glob matches no files.`);
      found.push(...files.map((file) => ({ path: path.resolve(file), explicit: false })));
    } else {
      problems.push(`${target}: no such file or folder.`);
    }
  }

  const byRealPath = new Map<string, FileTask>();
  for (const task of found) {
    if (isIgnored(task.path)) continue;
    const key = realPathOr(task.path);
    const seen = byRealPath.get(key);
    // The same file named and found in a folder counts as named.
    if (seen) seen.explicit ||= task.explicit;
    else byRealPath.set(key, { ...task });
  }
  const files = [...byRealPath.values()];
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/** `docs/<glob>` → search the folder `docs` for `<glob>`: the glob library takes patterns relative to the folder it searches. */
function splitGlob(target: string): { base: string; pattern: string } {
  const segments = target.split('/');
  let staticSegments = 0;
  while (staticSegments < segments.length - 1 && !isDynamicPattern(segments[staticSegments]!)) staticSegments++;
  const base = segments.slice(0, staticSegments).join('/');
  return { base: base === '' && target.startsWith('/') ? '/' : base || '.', pattern: segments.slice(staticSegments).join('/') };
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function realPathOr(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}
