import * as path from 'node:path';
import { CACHE_FOLDER, LintCache, type CacheKeyParts } from './cache';
import type { FileTask } from './files';
import type { LintRunOptions } from './lintFile';
import { lintFiles } from './pool';
import { digestOf } from './read';
import { Repositories } from './repo';
import type { FileReport } from './report';

/**
 * `lintFiles` with --cache: a file whose result is in the cache, unchanged in everything it depended on, is not
 * analysed again; the others are, and their results are kept for the next run. With --fix, a cached result with
 * something to fix is a miss, so the fix is made.
 */
export async function lintFilesCached(tasks: readonly FileTask[], options: LintRunOptions, jobs: number, script: string, cache: LintCache): Promise<FileReport[]> {
  const keyParts = keyPartsFor(options);
  const parts = tasks.map((task) => keyParts(task));
  const reports: FileReport[] = new Array(tasks.length);
  const misses: number[] = [];
  tasks.forEach((task, index) => {
    const digest = digestOf(task.path);
    const hit = digest === undefined ? undefined : cache.lookup(task.path, LintCache.key(digest, parts[index]!));
    if (hit && (options.fix === 'off' || !hit.diagnostics.some((diagnostic) => diagnostic.fixable))) reports[index] = hit;
    else misses.push(index);
  });
  const linted = await lintFiles(misses.map((index) => tasks[index]!), options, jobs, script);
  linted.forEach((report, position) => {
    const index = misses[position]!;
    const { dependencies, ...rest } = report;
    if (dependencies) cache.store(report, dependencies, parts[index]!);
    reports[index] = rest;
  });
  cache.save();
  if (process.env['POSTMORTEM_LINT_TRACE']) {
    const why = cache.discarded ? ` (the cache was not used: ${cache.discarded})` : '';
    process.stderr.write(`postmortem-lint: ${tasks.length - misses.length} of ${tasks.length} files from the cache${why}\n`);
  }
  return reports;
}

/** The parts of a file's cache key besides its content, as lintFile would find them: its root and repo config. */
function keyPartsFor(options: LintRunOptions): (task: FileTask) => CacheKeyParts {
  const repositories = new Repositories(options.cwd);
  const configDigests = new Map<string, string>();
  return (task) => {
    const { configPath, root } = repositories.placeOf(task.path);
    let config = '';
    if (configPath) {
      if (!configDigests.has(configPath)) configDigests.set(configPath, digestOf(configPath) ?? 'unreadable');
      config = configDigests.get(configPath)!;
    }
    return { all: options.all, root, config };
  };
}

/** Where the cache lives: --cache-location, else `.postmortem-cache` at the repository root (or here, outside one). */
export function cacheFolder(cwd: string, location: string | undefined): string {
  if (location !== undefined) return path.resolve(cwd, location);
  return path.join(new Repositories(cwd).gitRootOf(cwd) ?? cwd, CACHE_FOLDER);
}
