import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { analyseDocument, documentDiagnostics, type AnalysisContext, type DocumentAnalysis, type LintEnvironment } from '../analysis';
import { fixAllEdits } from '../features/codeActions';
import { fileExistsWithin } from '../linkTargets';
import { matchesGlobs } from '../model/detect';
import { parseDocumentInPieces, readPostmortem } from '../model/parse';
import { resolveSettings } from '../settings';
import type { TemplateLoader } from '../templates/load';
import type { Template } from '../templates/template';
import type { FixMode } from './args';
import type { FileTask } from './files';
import type { FileDependencies } from './cache';
import { readTextFile } from './read';
import { Repositories } from './repo';
import { languageOf, reportedDiagnostic, type FileReport } from './report';
import { writeFileAtomically } from './write';

/** A fix can make room for another (a moved entry, then its zone); more passes than this means they disagree. */
export const MAX_FIX_PASSES = 5;

export interface LintRunOptions {
  all: boolean;
  fix: FixMode;
  /** Paths in diffs are relative to it. */
  cwd: string;
}

export interface LintState {
  repositories: Repositories;
  templates: TemplateLoader;
}

/**
 * Relative links are checked on disk, inside the repository root only (linkTargets.ts), as in the editor. Each look-up
 * is kept in `links`, so that --cache can tell when a linked file has appeared or vanished since.
 */
function recordingEnvironment(links: Map<string, FileDependencies['links'][number]>): LintEnvironment {
  return {
    fileExists: (uri, root) => {
      const exists = fileExistsWithin(uri, root);
      links.set(`${root}\0${uri}`, [uri, root, exists]);
      return exists;
    },
  };
}

function realPath(fsPath: string): string | undefined {
  try {
    return realpathSync.native(fsPath);
  } catch {
    return undefined;
  }
}

/**
 * What `lintFile` starts doing: parsing a piece of the text, reading and checking the whole text (again after each
 * fix pass), or writing the fixes.
 */
export type LintStage = { kind: 'parsing' | 'analysing'; chars: number } | { kind: 'writing' };

/**
 * Markdown is parsed in chunks of at least this many characters, each timed against the budget, as the server's
 * worker parses its (smaller) chunks; an ordinary postmortem is cut at its headings only, as in one piece, and parses
 * as fast (40 generated postmortems of 2-20 KB: 467 against 468 ms).
 */
const PIECE_CHARS = 16_384;

/**
 * Reads, analyses and (with `--fix`) fixes one file, exactly as the editor would analyse it. Never throws.
 * `onStage` is told what it starts doing, so that a worker's parent can time each analysis against its budget.
 */
export function lintFile(task: FileTask, options: LintRunOptions, state: LintState, onStage?: (stage: LintStage) => void): FileReport {
  const { repositories, templates } = state;
  const { configPath, root } = repositories.placeOf(task.path);
  const configFile = configPath ? repositories.config(configPath) : undefined;
  const context: AnalysisContext = { ...(configFile ? { configFile } : {}), root, templates, workspaceFolders: [URI.file(root).toString()], realPath };
  const language = languageOf(task.path);
  const base = { path: task.path, language, ...(configPath ? { configPath } : {}) };

  templates.takeUsed();
  const file = readTextFile(task.path);
  if ('reason' in file) {
    // A file that cannot be read cannot show it is a postmortem by its content; only its path or the command line can.
    const files = resolveSettings({ ...(configFile ? { configFile } : {}), root, templates }).files;
    const expected = task.explicit || options.all || matchesGlobs(URI.file(task.path).toString(), files, context.workspaceFolders);
    return expected ? { ...base, status: 'error', error: file.message, diagnostics: [] } : { ...base, status: 'skipped', skipReason: 'not-text', error: file.message, diagnostics: [] };
  }

  const links = new Map<string, FileDependencies['links'][number]>();
  const environment = recordingEnvironment(links);
  const dependencies = (): FileDependencies => ({ digest: file.digest, templates: templates.takeUsed(), links: [...links.values()] });
  try {
    const uri = URI.file(task.path).toString();
    const parse = (document: TextDocument, template: Template) => {
      const root = parseDocumentInPieces(document.getText(), document.languageId, template, PIECE_CHARS, (chars) => onStage?.({ kind: 'parsing', chars }));
      onStage?.({ kind: 'analysing', chars: document.getText().length });
      return readPostmortem(root, document, template);
    };
    const analyse = (text: string) => forCommandLine(analyseDocument(TextDocument.create(uri, language, 1, text), context, parse), options.all);
    let text = file.text;
    let analysis = analyse(text);
    if (!analysis.relevant && !analysis.template) return { ...base, status: 'skipped', skipReason: 'not-postmortem', diagnostics: [], dependencies: dependencies() };
    let diagnostics = documentDiagnostics(analysis, environment);
    // A dry run reports the file as it is on disk, whose lines the reader has in front of them, beside the diff.
    const asOnDisk = { analysis, diagnostics };
    if (options.fix !== 'off' && !analysis.template) {
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const edits = fixAllEdits(analysis.model, diagnostics);
        if (edits.length === 0) break;
        const next = TextDocument.applyEdits(analysis.model.document, edits.map((edit) => withLineEnding(edit, file.eol)));
        if (next === text) break;
        text = next;
        analysis = analyse(text);
        diagnostics = documentDiagnostics(analysis, environment);
      }
    }
    const reported = options.fix === 'dry-run' ? asOnDisk : { analysis, diagnostics };
    const report: FileReport = {
      ...base,
      status: 'linted',
      kind: analysis.template ? 'template' : 'postmortem',
      diagnostics: reported.diagnostics.map((diagnostic) => reportedDiagnostic(diagnostic, fixAllEdits(reported.analysis.model, [diagnostic]).length > 0)),
      dependencies: dependencies(),
    };
    if (text === file.text) return report;
    if (options.fix === 'dry-run') {
      const name = path.relative(options.cwd, task.path).split(path.sep).join('/');
      return { ...report, diff: createTwoFilesPatch(`a/${name}`, `b/${name}`, file.text, text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }) };
    }
    try {
      onStage?.({ kind: 'writing' });
      const bom = file.bom ? '\uFEFF' : '';
      writeFileAtomically(task.path, bom + text, { ...file, original: bom + file.text });
    } catch (error) {
      return { ...base, status: 'error', error: `the fixes could not be written (${(error as Error).message}); the file is unchanged.`, diagnostics: [] };
    }
    return { ...report, fixed: true };
  } catch (error) {
    return { ...base, status: 'error', internal: true, error: `could not be analysed, a defect in postmortem-lint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, diagnostics: [] };
  }
}

/**
 * The editor's analysis, as the command line reports it: repo config problems are reported once, on the config file,
 * rather than at the top of every postmortem; `--all` lints what is not a postmortem (a template stays a template).
 */
function forCommandLine(analysis: DocumentAnalysis, all: boolean): DocumentAnalysis {
  return {
    ...analysis,
    relevant: analysis.relevant || (all && !analysis.template && !analysis.templateLookalike),
    settings: { ...analysis.settings, problems: analysis.settings.problems.filter((problem) => problem.origin !== 'config') },
  };
}

/** Fixes write `\n`; a file with CRLF line endings keeps them. */
function withLineEnding(edit: TextEdit, eol: '\n' | '\r\n'): TextEdit {
  return eol === '\n' ? edit : { ...edit, newText: edit.newText.replace(/\r?\n/g, eol) };
}

export function newLintState(cwd: string, templates: TemplateLoader): LintState {
  return { repositories: new Repositories(cwd), templates };
}
