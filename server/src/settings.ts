import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { parseFrontMatterYaml } from './model/yaml';
import { checkSettingsValues, nodeFileSystem, templateValueProblem, type FileSystem, type LoadedConfig, type SettingsProblem, type SettingsValues } from './config';
import { DIAGNOSTIC_SOURCE, type RuleSetting } from './rules/index';
import { builtInTemplate, DEFAULT_TEMPLATE } from './templates/index';
import { TemplateLoader } from './templates/load';
import type { Template } from './templates/template';

/** The `postmortem.*` settings as VS Code gives them, checked; the same keys as the repo config file. */
export interface Settings {
  /** Globs, relative to the workspace folder, of Markdown files that are postmortems. */
  files: string[];
  /** A built-in template name or a path to a Markdown template. */
  template: string;
  zone?: string;
  /** Rule id → severity and options. */
  rules: Record<string, RuleSetting>;
}

// Where teams keep incident reviews, and the names they give them; matched without regard to case.
const POSTMORTEM_FOLDERS = ['postmortems', 'postmortem', 'post-mortems', 'post_mortems', 'incidents', 'incident-reports', 'incident_reports', 'rca', 'rcas', 'retros', 'retrospectives'];
const POSTMORTEM_NAMES = ['*postmortem*', '*post-mortem*', '*post_mortem*', '*incident*', '*outage*', '*retrospective*', ...['rca', 'retro'].flatMap((word) => [word, `${word}[-_.]*`, `*[-_]${word}`, `*[-_]${word}[-_.]*`])];
/** The extensions whose files are read as postmortems: Markdown (and its dialects), reStructuredText and plain text. */
export const POSTMORTEM_EXTENSIONS = ['md', 'markdown', 'mdx', 'qmd', 'rst', 'txt', 'md.erb'];

export const defaultSettings: Settings = {
  files: [
    ...POSTMORTEM_FOLDERS.map((folder) => `**/${folder}/**/*.{${POSTMORTEM_EXTENSIONS.join(',')}}`),
    ...POSTMORTEM_NAMES.map((name) => `**/${name}.{${POSTMORTEM_EXTENSIONS.join(',')}}`),
  ],
  template: DEFAULT_TEMPLATE,
  rules: {},
};

/** Settings from a client, checked key by key: a wrong value falls back to the default instead of breaking analysis. */
export function toSettings(raw: unknown): Settings {
  return checkClientSettings(raw).settings;
}

/** Like `toSettings`, with what was wrong, for diagnostics. */
export function checkClientSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const checked = checkSettingsValues(value, {
    // VS Code hands over every key it knows of, including ones other versions of the extension contribute.
    unknownKeys: false,
    report(message, _keyPath, severity = 'warning') {
      problems.push({ origin: 'settings', severity, message: `Setting postmortem.${message}` });
    },
  });
  return {
    settings: {
      files: checked.files ?? defaultSettings.files,
      template: checked.template ?? defaultSettings.template,
      rules: checked.rules ?? {},
      ...(checked.zone ? { zone: checked.zone } : {}),
    },
    problems,
  };
}

/** What analysis of one document runs with, merged from every source. */
export interface EffectiveSettings {
  template: Template;
  /** Real path of the template file, when the template is a file rather than a built-in. */
  templatePath?: string;
  files: string[];
  zone?: string;
  /** The workspace folder or repository root the settings were resolved for. */
  root?: string;
  /** Rule id → setting, ready for `lint(model, { rules })`. */
  rules: Record<string, RuleSetting>;
  /** Everything wrong in the sources, in no particular order; each still let analysis run. */
  problems: SettingsProblem[];
}

export interface SettingsSources {
  /** The `postmortem` section of the editor's settings (VS Code fills in defaults); the CLI passes nothing. */
  vscodeSettings?: unknown;
  /** The repo config file, already loaded with `loadConfig`. */
  configFile?: LoadedConfig;
  /** The document's front matter; only `template` is read from it. */
  frontMatter?: Record<string, unknown>;
  /**
   * The folder template paths must stay inside and that settings and front matter paths are relative to: the
   * workspace folder, or for the CLI the repository root. Without one, only built-in templates can be used.
   */
  root?: string;
  fileSystem?: FileSystem;
  /** Keeps parsed template files between calls; pass the same one to every call. */
  templates?: TemplateLoader;
}

const defaultLoader = new TemplateLoader(nodeFileSystem);

/**
 * One place that decides the settings, for the server and the CLI alike. Priority, highest first: the document's
 * front matter (`template:` only), the repo config file, the editor's settings, the defaults. `rules` merge per rule
 * and per field (a config `PM002: off` keeps the editor's options for PM002). A template that cannot be loaded is
 * reported and the next source's template is used, down to the default built-in.
 */
export function resolveSettings(sources: SettingsSources): EffectiveSettings {
  const client = sources.vscodeSettings === undefined ? { settings: undefined, problems: [] } : checkClientSettings(sources.vscodeSettings);
  const fromClient: SettingsValues = client.settings ?? {};
  const fromConfig = sources.configFile?.values ?? {};
  const problems: SettingsProblem[] = [...client.problems, ...(sources.configFile?.problems ?? [])];
  const loader = sources.templates ?? (sources.fileSystem ? new TemplateLoader(sources.fileSystem) : defaultLoader);
  const root = sources.root === undefined ? undefined : path.resolve(sources.root);

  const candidates: Array<{ value: unknown; base: string | undefined; origin: SettingsProblem['origin']; describe: string }> = [];
  const fromFrontMatter = sources.frontMatter?.['template'];
  if (fromFrontMatter !== undefined && fromFrontMatter !== null && !isOtherToolsTemplate(fromFrontMatter)) candidates.push({ value: fromFrontMatter, base: root, origin: 'front-matter', describe: 'Front matter' });
  if (fromConfig.template !== undefined && sources.configFile) {
    candidates.push({ value: fromConfig.template, base: path.dirname(sources.configFile.path), origin: 'config', describe: path.basename(sources.configFile.path) });
  }
  if (fromClient.template !== undefined) candidates.push({ value: fromClient.template, base: root, origin: 'settings', describe: 'Setting postmortem.template' });

  let template: Template | undefined;
  let templatePath: string | undefined;
  const failures: Array<{ candidate: (typeof candidates)[number]; error: string }> = [];
  for (const candidate of candidates) {
    const invalid = templateValueProblem(candidate.value);
    const loaded = invalid ? { error: `The template ${invalid}` } : loader.load(candidate.value as string, { base: candidate.base ?? root ?? '.', root });
    if ('error' in loaded) {
      failures.push({ candidate, error: loaded.error });
      continue;
    }
    template = loaded.template;
    templatePath = loaded.path;
    break;
  }
  template ??= builtInTemplate(DEFAULT_TEMPLATE);
  for (const { candidate, error } of failures) {
    problems.push({
      origin: candidate.origin,
      severity: 'error',
      message: `${candidate.describe}: ${error} ${template.auto ? 'Choosing a template from the document\'s sections instead.' : `Checking against the "${template.name}" template instead.`}`,
      ...(candidate.origin === 'config' && sources.configFile ? { file: sources.configFile.path } : {}),
    });
  }

  const rules: Record<string, RuleSetting> = { ...fromClient.rules };
  for (const [id, setting] of Object.entries(fromConfig.rules ?? {})) rules[id] = { ...rules[id], ...setting };
  const zone = fromConfig.zone ?? fromClient.zone;
  return {
    template,
    ...(templatePath ? { templatePath } : {}),
    files: fromConfig.files ?? fromClient.files ?? defaultSettings.files,
    ...(zone ? { zone } : {}),
    ...(root ? { root } : {}),
    rules,
    problems,
  };
}

/**
 * Static-site generators read `template:` from front matter too (`template: post.html`, `layouts/blog`): a value with
 * another file extension or a folder in it is their page layout, not ours to report.
 */
function isOtherToolsTemplate(value: unknown): boolean {
  return typeof value === 'string' && (/\.(?!md$|markdown$)[a-z0-9]{1,8}$/i.test(value.trim()) || (value.includes('/') && !/\.(md|markdown)$/i.test(value.trim())));
}

/**
 * The front matter of a Markdown text as data, without parsing the Markdown: settings are needed before the parse.
 * Same fences as the parser (`---` on the first line, `---` closing); undefined when there is none or it is not a mapping.
 */
export function readFrontMatterValues(text: string): Record<string, unknown> | undefined {
  // Only the lines up to the closing fence are looked at: a postmortem without front matter costs one test.
  const opening = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!opening) return undefined;
  const closing = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g;
  closing.lastIndex = opening[0].length - 1;
  const end = closing.exec(text);
  if (!end) return undefined;
  const parsed = parseFrontMatterYaml(text.slice(opening[0].length, end.index));
  if (parsed.errors.length > 0) return undefined;
  try {
    const data: unknown = parsed.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return {};
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Diagnostics on a postmortem for what is wrong in its settings, config file or `template:` front matter. */
export function settingsDiagnostics(problems: readonly SettingsProblem[], document: TextDocument): Diagnostic[] {
  const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: lineLength(document, 0) } };
  return problems.map((problem) => {
    const range = problem.origin === 'front-matter' ? (frontMatterKeyRange(document, 'template') ?? firstLine) : firstLine;
    const related = problem.file
      ? [{ location: { uri: URI.file(problem.file).toString(), range: problem.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: 'The setting is here' }]
      : [];
    return {
      range,
      message: problem.message,
      severity: severities[problem.severity],
      source: DIAGNOSTIC_SOURCE,
      code: 'config',
      ...(related.length > 0 ? { relatedInformation: related } : {}),
    };
  });
}

/** Diagnostics for the config file itself, at the place each problem is. */
export function configFileDiagnostics(config: LoadedConfig): Diagnostic[] {
  return config.problems
    .filter((problem) => problem.file === config.path)
    .map((problem) => ({
      range: problem.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: problem.message,
      severity: severities[problem.severity],
      source: DIAGNOSTIC_SOURCE,
      code: 'config',
    }));
}

/** A template file open in the editor is checked as a template: only what would stop it from working as one. */
export function templateDiagnostics(template: Template, document: TextDocument): Diagnostic[] {
  return template.problems.map((problem) => ({
    range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
    message: problem.message,
    severity: severities[problem.severity],
    source: DIAGNOSTIC_SOURCE,
    code: 'template',
  }));
}

const severities: Record<SettingsProblem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The line of `key:` inside the front matter, when it is written at the top level. */
function frontMatterKeyRange(document: TextDocument, key: string): Range | undefined {
  if (!/^\uFEFF?---[ \t]*$/.test(lineOf(document, 0))) return undefined;
  for (let line = 1; line < document.lineCount; line++) {
    const text = lineOf(document, line);
    if (/^---[ \t]*$/.test(text)) return undefined;
    if (text.startsWith(`${key}:`)) return { start: { line, character: 0 }, end: { line, character: text.length } };
  }
  return undefined;
}

function lineOf(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}

function lineLength(document: TextDocument, line: number): number {
  return lineOf(document, line).length;
}
