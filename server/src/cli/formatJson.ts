import { ruleById } from '../rules/index';
import { displayPath } from './formatText';
import type { FileReport, SeverityName } from './report';
import type { LintRun, Summary } from './summary';

/** Bumped when a field changes meaning or goes away; new fields may appear without a bump. */
export const JSON_REPORT_VERSION = 1;

export interface JsonDiagnostic {
  ruleId: string;
  /** The rule's name (`empty-section`); for `config`, `template` and `suppression`, the same as `ruleId`. */
  ruleName: string;
  severity: SeverityName;
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (as LSP and SARIF count). */
  column: number;
  endLine: number;
  /** The column just after the last character, so an empty range has `endColumn === column`. */
  endColumn: number;
  fixable: boolean;
}

export interface JsonFile {
  /** Relative to the current folder, with `/`. */
  path: string;
  absolutePath: string;
  status: FileReport['status'];
  kind?: FileReport['kind'];
  language?: FileReport['language'];
  skipReason?: FileReport['skipReason'];
  error?: string;
  /** The `.postmortem.yaml` that applied, relative to the current folder. */
  config?: string;
  fixed?: boolean;
  diff?: string;
  diagnostics: JsonDiagnostic[];
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: 'postmortem-lint'; version: string };
  files: JsonFile[];
  summary: Omit<Summary, 'exitCode'>;
  exitCode: Summary['exitCode'];
}

export function toJsonReport(run: LintRun, summary: Summary, toolVersion: string): JsonReport {
  const { exitCode, ...counts } = summary;
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: 'postmortem-lint', version: toolVersion },
    files: run.reports.map((report) => ({
      path: displayPath(report.path, run.cwd),
      absolutePath: report.path,
      status: report.status,
      ...(report.kind ? { kind: report.kind } : {}),
      ...(report.language && report.kind !== 'config' ? { language: report.language } : {}),
      ...(report.skipReason ? { skipReason: report.skipReason } : {}),
      ...(report.error ? { error: report.error } : {}),
      ...(report.configPath ? { config: displayPath(report.configPath, run.cwd) } : {}),
      ...(report.fixed ? { fixed: true } : {}),
      ...(report.diff ? { diff: report.diff } : {}),
      diagnostics: report.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        ruleName: ruleById(d.ruleId)?.name ?? d.ruleId,
        severity: d.severity,
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        fixable: d.fixable,
      })),
    })),
    summary: counts,
    exitCode,
  };
}

export function formatJson(run: LintRun, summary: Summary, toolVersion: string): string {
  return `${JSON.stringify(toJsonReport(run, summary, toolVersion), null, 2)}\n`;
}
