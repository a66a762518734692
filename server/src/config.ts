import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { isMap, isScalar, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { codePointSpan } from './model/source';
import { globProblem } from './model/glob';
import { offsetProblem } from './model/time';
import { ruleByReference, rules as knownRules, type RuleSetting } from './rules/index';
import { isBuiltInTemplate, templateSettingNames } from './templates/index';

/** The few file operations settings need; `nodeFileSystem` in the server and CLI, an in-memory one in tests. */
export interface FileSystem {
  /** The canonical absolute path, every symbolic link resolved; throws when the path does not exist. */
  realpath(path: string): string;
  /** Follows symbolic links; throws when the path does not exist. */
  stat(path: string): { size: number; mtimeMs: number; isFile(): boolean; isDirectory(): boolean };
  readFile(path: string): string;
}

export const nodeFileSystem: FileSystem = {
  realpath: (p) => fs.realpathSync.native(p),
  stat: (p) => fs.statSync(p),
  readFile: (p) => readCapped(p, READ_CAP_BYTES),
};

/** Looked for in this order; the first that exists is the repo's config. */
export const CONFIG_FILE_NAMES = ['.postmortem.yaml', '.postmortem.yml'] as const;
export const MAX_CONFIG_BYTES = 64 * 1024;
/** The most characters the `files` globs may have together: matching a path costs up to that many steps a character. */
export const MAX_FILES_GLOBS_LENGTH = 10_000;
/** The most any config or template read takes in: a size from stat can lie (`/proc` files say 0). */
const READ_CAP_BYTES = 1024 * 1024;

/** At most `maxBytes` of a file, however large it says it is or turns out to be. */
function readCapped(file: string, maxBytes: number): string {
  const descriptor = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    let length = 0;
    for (let read = -1; read !== 0 && length < maxBytes; length += read) read = fs.readSync(descriptor, buffer, length, maxBytes - length, null);
    return buffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(descriptor);
  }
}

export type SeverityName = NonNullable<RuleSetting['severity']>;
export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'error', 'warning', 'info', 'hint'];

/** The keys shared by the VS Code settings `postmortem.*`, the repo config file and the CLI. */
export interface SettingsValues {
  /** A built-in template name or a path to a Markdown template. */
  template?: string;
  /** Globs, relative to the workspace folder, of Markdown files that are postmortems. */
  files?: string[];
  /** The zone timeline times are in when they do not say (`UTC`, `Europe/Paris`, `+02:00`). */
  zone?: string;
  /** Rule id → setting; names in the input are turned into ids. */
  rules?: Record<string, RuleSetting>;
}

export const SETTINGS_KEYS = ['template', 'files', 'zone', 'rules'] as const;

/** Something wrong in a setting, the config file or a document's front matter; shown as a diagnostic, never thrown. */
export interface SettingsProblem {
  origin: 'settings' | 'config' | 'front-matter';
  message: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  /** The file the problem is in (the config file), when it is not the document itself. */
  file?: string;
  /** Where in `file` (or, for front matter, in the document). */
  range?: Range;
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  values: SettingsValues;
  problems: SettingsProblem[];
}

/**
 * The repo config file for a directory: `.postmortem.yaml` (or `.yml`) in `startDir` or the nearest parent that has
 * one, stopping at the git root (a directory with `.git`), at `stopAt` (inclusive) or at the file-system root.
 */
export function findConfigFile(startDir: string, fileSystem: FileSystem = nodeFileSystem, options: { stopAt?: string } = {}): string | undefined {
  const stopAt = options.stopAt === undefined ? undefined : path.resolve(options.stopAt);
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(fileSystem, candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (dir === stopAt || parent === dir || exists(fileSystem, path.join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

/** Reads and validates a config file. Never throws: an unreadable or invalid file gives problems and no values. */
export function loadConfig(configPath: string, fileSystem: FileSystem = nodeFileSystem): LoadedConfig {
  const absolute = path.resolve(configPath);
  const fail = (message: string): LoadedConfig => ({ path: absolute, values: {}, problems: [{ origin: 'config', message, severity: 'error', file: absolute }] });
  let size: number;
  try {
    // A config committed as a link is followed only to a file in its own folder or below: a link to a secrets file
    // elsewhere would have its lines echoed into diagnostics and CI logs.
    const real = fileSystem.realpath(absolute);
    const folder = fileSystem.realpath(path.dirname(absolute));
    if (real !== absolute && !real.startsWith(folder + path.sep)) return fail(`${path.basename(absolute)} is a link to a file outside its folder, so it is ignored.`);
    const stat = fileSystem.stat(absolute);
    if (!stat.isFile()) return fail(`${path.basename(absolute)} is not a regular file, so it is ignored.`);
    size = stat.size;
  } catch {
    return fail(`${path.basename(absolute)} could not be read.`);
  }
  if (size > MAX_CONFIG_BYTES) return fail(`${path.basename(absolute)} is ${Math.ceil(size / 1024)} KB; a config file may be at most ${MAX_CONFIG_BYTES / 1024} KB, so it is ignored.`);
  let text: string;
  try {
    text = fileSystem.readFile(absolute);
  } catch {
    return fail(`${path.basename(absolute)} could not be read.`);
  }
  // The size above was the file's word for it; the text read is what counts.
  if (text.length > MAX_CONFIG_BYTES) return fail(`${path.basename(absolute)} is larger than ${MAX_CONFIG_BYTES / 1024} KB, so it is ignored.`);
  return parseConfig(text, absolute);
}

/** Validates config text: YAML 1.2 core schema (dates stay strings), unique keys, aliases capped. */
export function parseConfig(text: string, configPath: string): LoadedConfig {
  const lines = TextDocument.create('config', 'yaml', 0, text);
  const rangeOf = (start: number, end: number): Range => {
    const [from, to] = codePointSpan(text, start, end);
    return { start: lines.positionAt(from), end: lines.positionAt(to) };
  };
  const problems: SettingsProblem[] = [];
  const name = path.basename(configPath);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const [from, to] = error.pos;
    problems.push({ origin: 'config', severity: 'error', file: configPath, range: rangeOf(from, Math.max(from, to)), message: `${name} is not valid YAML and is ignored: ${error.message.split('\n')[0]}` });
    return { path: configPath, values: {}, problems };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    problems.push({ origin: 'config', severity: 'error', file: configPath, message: `${name} is ignored: ${cause instanceof Error ? cause.message : String(cause)}` });
    return { path: configPath, values: {}, problems };
  }
  if (data === null || data === undefined) return { path: configPath, values: {}, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ origin: 'config', severity: 'error', file: configPath, range: rangeOf(0, 0), message: `${name} should be a mapping of settings (\`template: google-sre\`); it is ignored.` });
    return { path: configPath, values: {}, problems };
  }
  const values = checkSettingsValues(data as Record<string, unknown>, {
    unknownKeys: true,
    report(message, keyPath, severity = 'warning') {
      const node = locate(doc, keyPath);
      problems.push({ origin: 'config', severity, file: configPath, message: `${name}: ${message}`, ...(node ? { range: rangeOf(node[0], node[1]) } : {}) });
    },
  });
  return { path: configPath, values, problems };
}

export interface CheckOptions {
  /** Whether keys other than the settings keys are reported (the config file) or passed over (VS Code settings). */
  unknownKeys: boolean;
  /** Reports a problem with the value at `keyPath` (for an unknown key, the key itself). */
  report(message: string, keyPath: Array<string | number>, severity?: SettingsProblem['severity']): void;
}

/** Checks settings key by key: a bad value is reported and left out, so the others still apply. */
export function checkSettingsValues(raw: Record<string, unknown>, options: CheckOptions): SettingsValues {
  const values: SettingsValues = {};
  const { report } = options;
  for (const key of Object.keys(raw)) {
    if (options.unknownKeys && !(SETTINGS_KEYS as readonly string[]).includes(key)) {
      const suggestion = closest(key, SETTINGS_KEYS);
      report(`unknown key "${key}" is ignored${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; the keys are ${SETTINGS_KEYS.join(', ')}.`, [key]);
    }
  }
  const template = raw['template'];
  if (template !== undefined && template !== null) {
    const problem = templateValueProblem(template);
    if (problem) report(`template: ${problem}`, ['template']);
    else values.template = (template as string).trim();
  }
  const files = raw['files'];
  if (files !== undefined && files !== null) {
    if (!Array.isArray(files) || !files.every((glob) => typeof glob === 'string' && glob.trim() !== '')) {
      report('files should be a list of globs such as ["postmortems/**/*.md"].', ['files']);
    } else if ((files as string[]).join('').length > MAX_FILES_GLOBS_LENGTH) {
      report(`files: the globs are longer than ${MAX_FILES_GLOBS_LENGTH.toLocaleString('en')} characters together, so they are ignored.`, ['files'], 'error');
    } else {
      // A glob the matcher cannot read as written is left out and said; the others still apply.
      const usable = (files as string[]).filter((glob, index) => {
        const problem = globProblem(glob);
        if (problem) report(`files: ${JSON.stringify(glob)} ${problem}, so it is ignored.`, ['files', index], 'error');
        return !problem;
      });
      if (usable.length > 0) values.files = usable;
    }
  }
  const zone = raw['zone'];
  if (zone !== undefined && zone !== null && zone !== '') {
    if (typeof zone === 'string' && isZone(zone.trim())) values.zone = zone.trim();
    else report(`zone ${JSON.stringify(zone)} is not a time zone: use an IANA name (Europe/Paris), UTC, or an offset (+02:00).`, ['zone']);
  }
  const ruleSettings = raw['rules'];
  if (ruleSettings !== undefined && ruleSettings !== null) {
    if (typeof ruleSettings !== 'object' || Array.isArray(ruleSettings)) {
      report('rules should be a mapping of rule id or name to a severity, such as `PM002: off`.', ['rules']);
    } else {
      values.rules = checkRules(ruleSettings as Record<string, unknown>, report);
    }
  }
  return values;
}

function checkRules(raw: Record<string, unknown>, report: CheckOptions['report']): Record<string, RuleSetting> {
  const result: Record<string, RuleSetting> = {};
  const severities = SEVERITY_NAMES.join(', ');
  for (const [reference, value] of Object.entries(raw)) {
    const rule = ruleByReference(reference);
    if (!rule) {
      const suggestion = closest(reference, knownRules.flatMap((r) => [r.id, r.name]));
      report(`rules.${reference}: there is no such rule, so it is ignored${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use a rule id such as PM002 or a name such as empty-section.`, ['rules', reference]);
      continue;
    }
    if (typeof value === 'string') {
      if ((SEVERITY_NAMES as readonly string[]).includes(value)) result[rule.id] = { severity: value as SeverityName };
      else report(`rules.${reference}: "${value}" is not a severity; use one of ${severities}.`, ['rules', reference]);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      report(`rules.${reference} should be a severity (${severities}) or { severity, options }.`, ['rules', reference]);
      continue;
    }
    const setting: RuleSetting = {};
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'severity') {
        if (typeof field === 'string' && (SEVERITY_NAMES as readonly string[]).includes(field)) setting.severity = field as SeverityName;
        else report(`rules.${reference}.severity should be one of ${severities}.`, ['rules', reference, key]);
      } else if (key === 'options') {
        if (typeof field === 'object' && field !== null && !Array.isArray(field)) setting.options = field as Record<string, unknown>;
        else report(`rules.${reference}.options should be a mapping of option names to values.`, ['rules', reference, key]);
      } else {
        report(`rules.${reference}: unknown key "${key}" is ignored; a rule takes severity and options.`, ['rules', reference, key]);
      }
    }
    result[rule.id] = { ...result[rule.id], ...setting };
  }
  return result;
}

/** Why a template value cannot work, or undefined when it is a built-in name or a Markdown path. */
export function templateValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `should be a built-in template name (${templateSettingNames.join(', ')}) or a path to a Markdown file.`;
  const trimmed = value.trim();
  if (isBuiltInTemplate(trimmed) || /\.(md|markdown)$/i.test(trimmed)) return undefined;
  return `"${trimmed}" is neither a built-in template (${templateSettingNames.join(', ')}) nor a Markdown file (.md).`;
}

const offset = /^(?:(?:UTC|GMT)\s?)?[+-]\d{1,2}(?::?\d{2})?$/i;

/** A zone the runtime's time-zone database knows (`Europe/Paris`, `CET`), UTC/GMT/Z, or a fixed offset (`+02:00`, `UTC+2`). */
export function isZone(zone: string): boolean {
  if (/^(UTC|GMT|Z)$/i.test(zone)) return true;
  if (offset.test(zone)) return offsetProblem(zone) === undefined;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isFile(fileSystem: FileSystem, candidate: string): boolean {
  try {
    return fileSystem.stat(candidate).isFile();
  } catch {
    return false;
  }
}

function exists(fileSystem: FileSystem, candidate: string): boolean {
  try {
    fileSystem.stat(candidate);
    return true;
  } catch {
    return false;
  }
}

/** [start, end) offsets of the YAML node at `keyPath`: the key for the last segment when the value has no range. */
function locate(doc: Document, keyPath: Array<string | number>): [number, number] | undefined {
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let found: [number, number] | undefined;
  for (const segment of keyPath) {
    if (!isMap(node)) return found;
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (!pair) return found;
    const key = pair.key as YamlNode;
    if (key.range) found = [key.range[0], key.range[1]];
    node = pair.value as YamlNode | null;
  }
  return found;
}

/** The candidate within edit distance 2 (and a third of the word), for "did you mean". */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.min(2, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
