import type { FileDependencies } from './cache';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** The languages the model reads, as the editor names them. */
export type Language = 'markdown' | 'restructuredtext' | 'plaintext';

export interface ReportedDiagnostic {
  /** A rule id (`PM002`), or `config`, `template` or `suppression` for what is not a rule. */
  ruleId: string;
  severity: SeverityName;
  message: string;
  /** LSP range: 0-based lines, columns in UTF-16 code units. */
  range: Range;
  /** `--fix` would fix it. */
  fixable: boolean;
}

/** One file's outcome; plain data, so a worker thread can send it back as it is. */
export interface FileReport {
  /** Absolute path. */
  path: string;
  /**
   * `linted`: analysed (a postmortem, a template file, or with `--all` any file); `skipped`: not a postmortem, or
   * not text and nothing says it should be one; `error`: it should have been linted and could not be.
   */
  status: 'linted' | 'skipped' | 'error';
  /** What a linted file was checked as. */
  kind?: 'postmortem' | 'template' | 'config';
  language?: Language;
  diagnostics: ReportedDiagnostic[];
  skipReason?: 'not-postmortem' | 'not-text';
  /** Why a file could not be linted (status `error`), or why a skipped one could not be read. */
  error?: string;
  /** The error is a defect of this program rather than of the file: the run exits with 2. */
  internal?: boolean;
  /** The repo config that applied. */
  configPath?: string;
  /** `--fix` wrote safe fixes to the file. */
  fixed?: boolean;
  /** `--fix-dry-run`: the fixes as a unified diff. */
  diff?: string;
  /** What the result depended on, for --cache (cache.ts); never reported. */
  dependencies?: FileDependencies;
}

export function languageOf(file: string): Language {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'rst') return 'restructuredtext';
  if (extension === 'txt') return 'plaintext';
  return 'markdown';
}

const severityNames: Record<DiagnosticSeverity, SeverityName> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function reportedDiagnostic(diagnostic: Diagnostic, fixable: boolean): ReportedDiagnostic {
  return {
    ruleId: String(diagnostic.code ?? 'postmortem'),
    severity: severityNames[diagnostic.severity ?? DiagnosticSeverity.Error],
    message: diagnostic.message,
    range: diagnostic.range,
    fixable,
  };
}
