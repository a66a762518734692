import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfigFile, loadConfig, nodeFileSystem, type LoadedConfig } from '../config';

/**
 * What the CLI knows about the folders files are in: the git root (the first folder up with a `.git`), the repo
 * config that applies (`.postmortem.yaml` from the file's folder up to the git root), and the root template paths
 * must stay inside. Each folder is looked at once per run.
 */
export class Repositories {
  private readonly gitRoots = new Map<string, string | undefined>();
  private readonly configPaths = new Map<string, string | undefined>();
  private readonly configs = new Map<string, LoadedConfig>();

  constructor(private readonly cwd: string) {}

  gitRootOf(folder: string): string | undefined {
    if (this.gitRoots.has(folder)) return this.gitRoots.get(folder);
    const parent = path.dirname(folder);
    const root = fs.existsSync(path.join(folder, '.git')) ? folder : parent === folder ? undefined : this.gitRootOf(parent);
    this.gitRoots.set(folder, root);
    return root;
  }

  configPathFor(folder: string): string | undefined {
    if (!this.configPaths.has(folder)) this.configPaths.set(folder, findConfigFile(folder, nodeFileSystem));
    return this.configPaths.get(folder);
  }

  config(configPath: string): LoadedConfig {
    let loaded = this.configs.get(configPath);
    if (!loaded) {
      loaded = loadConfig(configPath, nodeFileSystem);
      this.configs.set(configPath, loaded);
    }
    return loaded;
  }

  /** The repo config that applies to a file and its root: what lintFile analyses it with, and what --cache keys it by. */
  placeOf(file: string): { configPath: string | undefined; root: string } {
    const folder = path.dirname(file);
    const configPath = this.configPathFor(folder);
    return { configPath, root: this.rootFor(folder, configPath) };
  }

  /** The folder `files` globs are relative to and template files must be inside: the git root, else the config's folder, else the current one. */
  rootFor(folder: string, configPath: string | undefined): string {
    return this.gitRootOf(folder) ?? (configPath ? path.dirname(configPath) : this.cwd);
  }
}
