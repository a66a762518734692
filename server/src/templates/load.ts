import * as path from 'node:path';
import type { FileSystem } from '../config';
import { builtInTemplate, isBuiltInTemplate } from './index';
import { parseTemplate, type Template } from './template';

/** Larger files are refused: a template is a page of headings, and reading one happens on every analysis. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

export type TemplateLoad = { template: Template; /** Real path of the template file; absent for a built-in. */ path?: string } | { error: string };

export interface TemplateLocation {
  /** Relative paths are resolved against this directory (the workspace folder, or the config file's directory). */
  base: string;
  /** The folder a template file must be inside, symbolic links resolved: the workspace folder or repository root. */
  root: string | undefined;
}

/**
 * Loads templates by name or path, keeping each file's parse until the file changes (size or modification time).
 * A path is only ever read when it stays inside `root`, is a Markdown file and is at most `MAX_TEMPLATE_BYTES`.
 */
export class TemplateLoader {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; template: Template }>();
  /** Template files asked for since takeUsed() last emptied it, found or not: what a cached result depends on. */
  private readonly used = new Set<string>();

  constructor(private readonly fileSystem: FileSystem) {}

  load(reference: string, location: TemplateLocation): TemplateLoad {
    const value = reference.trim();
    if (isBuiltInTemplate(value)) return { template: builtInTemplate(value) };
    const file = this.locate(value, location);
    if ('error' in file) {
      if (file.missing) this.used.add(file.missing);
      return { error: file.error };
    }
    this.used.add(file.real);
    let stat;
    try {
      stat = this.fileSystem.stat(file.real);
    } catch {
      return { error: `Template "${value}" could not be read.` };
    }
    if (!stat.isFile()) return { error: `Template "${value}" is not a file.` };
    if (stat.size > MAX_TEMPLATE_BYTES) {
      return { error: `Template "${value}" is ${Math.ceil(stat.size / 1024)} KB; a template may be at most ${MAX_TEMPLATE_BYTES / 1024} KB.` };
    }
    const cached = this.cache.get(file.real);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return { template: cached.template, path: file.real };
    let text: string;
    try {
      text = this.fileSystem.readFile(file.real);
    } catch {
      return { error: `Template "${value}" could not be read.` };
    }
    // The size check above was on the file as it was; the text is what counts.
    if (text.length > MAX_TEMPLATE_BYTES) return { error: `Template "${value}" is larger than ${MAX_TEMPLATE_BYTES / 1024} KB.` };
    const template = parseTemplate(file.name, text);
    this.cache.set(file.real, { size: stat.size, mtimeMs: stat.mtimeMs, template });
    return { template, path: file.real };
  }

  /** Whether `realPath` is a template file this loader has read: a change to it changes other documents' analysis. */
  knows(realPath: string): boolean {
    return this.cache.has(realPath);
  }

  /** The template files load() was asked for since the last call (see `used`). */
  takeUsed(): string[] {
    const used = [...this.used];
    this.used.clear();
    return used;
  }

  clear(): void {
    this.cache.clear();
  }

  /** The real path of a template reference, or why it may not be read. */
  private locate(value: string, { base, root }: TemplateLocation): { real: string; name: string } | { error: string; missing?: string } {
    if (value === '' || value.includes('\0')) return { error: 'The template is empty: give a built-in name or a path to a Markdown file.' };
    if (!/\.(md|markdown)$/i.test(value)) return { error: `Template "${value}" is neither a built-in template nor a Markdown file (.md).` };
    if (root === undefined) {
      return { error: `Template "${value}" is a path, but this document is in no workspace folder to look in; only built-in templates work here.` };
    }
    const outside = { error: `Template "${value}" is outside the workspace folder; a template file must be inside it.` };
    const candidate = path.resolve(base, value);
    if (!isInside(path.resolve(root), candidate)) return outside;
    let realRoot: string;
    let real: string;
    try {
      realRoot = this.fileSystem.realpath(root);
    } catch {
      return { error: `Template "${value}" cannot be read: the workspace folder is not on disk.` };
    }
    try {
      real = this.fileSystem.realpath(candidate);
    } catch {
      return { error: `Template file "${value}" was not found.`, missing: candidate };
    }
    if (!isInside(realRoot, real)) return { error: `Template "${value}" links to a file outside the workspace folder; a template file must be inside it.` };
    return { real, name: path.relative(path.resolve(root), candidate).split(path.sep).join('/') };
  }
}

/** Whether `child` is strictly inside `parent` (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
