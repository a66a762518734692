import type { FileReport } from './report';

/** Everything a format needs to write the report. */
export interface LintRun {
  /** Every file looked at, config files with problems first, then in path order. */
  reports: FileReport[];
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** The repository root (the git root of the current folder, else the current folder): SARIF locations are relative to it. */
  root: string;
  elapsedMs: number;
  maxWarnings?: number;
  /** `--fix` or `--fix-dry-run`, when given. */
  fix?: 'write' | 'dry-run';
}

export interface Summary {
  /** Files looked at (config files included). */
  files: number;
  /** Postmortems and template files analysed. */
  linted: number;
  skipped: number;
  /** Skipped because they could not be read as text and nothing said they should be postmortems. */
  skippedNotText: number;
  /** Files that should have been linted and could not be read (or written, with --fix). */
  unreadable: number;
  errors: number;
  warnings: number;
  info: number;
  hints: number;
  fixable: number;
  fixed: number;
  /** Errors in the repo config file: the run cannot be trusted, exit 2. */
  configErrors: number;
  /** Defects of postmortem-lint met while analysing a file: exit 2. */
  internalErrors: number;
  exitCode: 0 | 1 | 2;
}

export function summarize(run: Pick<LintRun, 'reports' | 'maxWarnings'>): Summary {
  const summary: Summary = {
    files: run.reports.length,
    linted: 0,
    skipped: 0,
    skippedNotText: 0,
    unreadable: 0,
    errors: 0,
    warnings: 0,
    info: 0,
    hints: 0,
    fixable: 0,
    fixed: 0,
    configErrors: 0,
    internalErrors: 0,
    exitCode: 0,
  };
  for (const report of run.reports) {
    if (report.status === 'skipped') {
      summary.skipped++;
      if (report.skipReason === 'not-text') summary.skippedNotText++;
    } else if (report.status === 'error') {
      if (report.internal) summary.internalErrors++;
      else summary.unreadable++;
    } else if (report.kind !== 'config') {
      summary.linted++;
    }
    if (report.fixed) summary.fixed++;
    for (const diagnostic of report.diagnostics) {
      if (diagnostic.severity === 'error') summary.errors++;
      else if (diagnostic.severity === 'warning') summary.warnings++;
      else if (diagnostic.severity === 'info') summary.info++;
      else summary.hints++;
      if (diagnostic.fixable) summary.fixable++;
      if (report.kind === 'config' && diagnostic.severity === 'error') summary.configErrors++;
    }
  }
  const tooManyWarnings = run.maxWarnings !== undefined && summary.warnings > run.maxWarnings;
  summary.exitCode = summary.configErrors > 0 || summary.internalErrors > 0 ? 2 : summary.errors > 0 || summary.unreadable > 0 || tooManyWarnings ? 1 : 0;
  return summary;
}
