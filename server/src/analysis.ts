import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import type { LoadedConfig } from './config';
import { frontMatterEnd } from './model/blocks';
import { isPostmortem, isTemplateDocument, looksLikeTemplate } from './model/detect';
import { parsePostmortem } from './model/parse';
import type { PostmortemDocument } from './model/types';
import { lint, type LintOptions } from './rules/index';
import { readFrontMatterValues, resolveSettings, settingsDiagnostics, templateDiagnostics, type EffectiveSettings } from './settings';
import type { TemplateLoader } from './templates/load';
import { parseTemplate, type Template } from './templates/template';

/** One document analysed the way the editor and `postmortem-lint` both do it. */
export interface DocumentAnalysis {
  model: PostmortemDocument;
  /** False for a document that is not a postmortem: it gets nothing from us. */
  relevant: boolean;
  settings: EffectiveSettings;
  /** Set when the document is a template file: it is checked as a template, not as a postmortem. */
  template?: Template;
  /** A file named or shaped as a template without being declared one: never linted as a postmortem, even with --all. */
  templateLookalike?: boolean;
}

/** Where a document sits: what the server knows from the client and the workspace, the CLI from the disk. */
export interface AnalysisContext {
  /** The editor's `postmortem` settings; the CLI has none. */
  vscodeSettings?: unknown;
  configFile?: LoadedConfig;
  /** The workspace folder (the repository root for the CLI): template paths stay inside it. */
  root?: string;
  templates: TemplateLoader;
  /** URIs of the folders `files` globs are relative to. */
  workspaceFolders: readonly string[];
  /** The real path of a file, or undefined when it cannot be resolved. */
  realPath(fsPath: string): string | undefined;
}

/** Settings, template detection, parse and postmortem detection for one document; `parse` may be the caller's. */
export function analyseDocument(document: TextDocument, context: AnalysisContext, parse: typeof parsePostmortem = parsePostmortem): DocumentAnalysis {
  const prepared = prepareAnalysis(document, context);
  return completeAnalysis(prepared, parse(document, prepared.settings.template), context);
}

/** What an analysis knows before the parse: the settings (they choose the template the parse reads against). */
export interface PreparedAnalysis {
  document: TextDocument;
  settings: EffectiveSettings;
  isTemplate: boolean;
}

// The server prepares every version it analyses; the front matter rarely changes while the body is typed.
const frontMatterCache = new Map<string, Record<string, unknown> | undefined>();

/** `readFrontMatterValues`, remembered by the front matter's text. */
function frontMatterValues(text: string): Record<string, unknown> | undefined {
  const end = frontMatterEnd(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (end === undefined) return readFrontMatterValues(text);
  const block = text.slice(0, end);
  if (frontMatterCache.has(block)) return frontMatterCache.get(block);
  if (frontMatterCache.size >= 64) frontMatterCache.clear();
  const values = readFrontMatterValues(block);
  frontMatterCache.set(block, values);
  return values;
}

/** The first half of `analyseDocument`, for a caller that parses elsewhere (the server, in a worker). */
export function prepareAnalysis(document: TextDocument, context: AnalysisContext): PreparedAnalysis {
  const uri = URI.parse(document.uri);
  const frontMatter = frontMatterValues(document.getText());
  const settings = resolveSettings({
    ...(context.vscodeSettings !== undefined ? { vscodeSettings: context.vscodeSettings } : {}),
    ...(context.configFile ? { configFile: context.configFile } : {}),
    ...(frontMatter ? { frontMatter } : {}),
    ...(context.root ? { root: context.root } : {}),
    templates: context.templates,
  });
  const documentPath = settings.templatePath && uri.scheme === 'file' ? context.realPath(uri.fsPath) : undefined;
  return { document, settings, isTemplate: isTemplateDocument(frontMatter, documentPath, settings.templatePath) };
}

/** The second half of `analyseDocument`: postmortem detection on the model of the prepared document. */
export function completeAnalysis(prepared: PreparedAnalysis, model: PostmortemDocument, context: Pick<AnalysisContext, 'workspaceFolders'>): DocumentAnalysis {
  const { document, settings } = prepared;
  const { isTemplate } = prepared;
  // A file that only looks like a template (`template.md`, fields to fill in) is no postmortem, and not ours to check.
  const lookalike = !isTemplate && model.frontMatter?.data?.['type'] !== 'postmortem' && looksLikeTemplate(model);
  return {
    model,
    relevant: !isTemplate && !lookalike && isPostmortem(model, settings.files, context.workspaceFolders),
    settings,
    ...(lookalike ? { templateLookalike: true } : {}),
    ...(isTemplate ? { template: parseTemplate(path.posix.basename(URI.parse(document.uri).path), document.getText()) } : {}),
  };
}

/** What linting needs from outside the document: the disk for link checks, and where the rule pages are. */
export interface LintEnvironment {
  fileExists?: LintOptions['fileExists'];
  docsBaseUri?: string;
}

export function lintOptionsFor(settings: EffectiveSettings, environment: LintEnvironment): LintOptions {
  return {
    rules: settings.rules,
    ...(environment.fileExists ? { fileExists: environment.fileExists } : {}),
    ...(environment.docsBaseUri ? { docsBaseUri: environment.docsBaseUri } : {}),
    ...(settings.zone ? { zone: settings.zone } : {}),
    ...(settings.root ? { root: settings.root } : {}),
  };
}

/** The diagnostics a document gets: a template's own problems, or a postmortem's settings problems and rule findings. */
export function documentDiagnostics(analysis: DocumentAnalysis, environment: LintEnvironment): Diagnostic[] {
  const { model, settings, template } = analysis;
  if (template) return templateDiagnostics(template, model.document);
  if (!analysis.relevant) return [];
  return [...settingsDiagnostics(settings.problems, model.document), ...lint(model, lintOptionsFor(settings, environment))];
}
