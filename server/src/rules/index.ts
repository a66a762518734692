import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';
import { emptySection } from './emptySection';
import { invalidFrontMatter } from './frontMatter';
import { impossibleTime } from './impossibleTime';
import { missingSection } from './missingSection';
import type { Rule, Severity } from './rule';
import { timelineOrder } from './timelineOrder';

export const rules: readonly Rule[] = [missingSection, emptySection, timelineOrder, impossibleTime, invalidFrontMatter];

export const DIAGNOSTIC_SOURCE = 'postmortem';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Runs every rule over the model; `overrides` maps a rule id or name to a severity or `off`. */
export function lint(model: PostmortemDocument, overrides: Record<string, Severity | 'off'> = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = overrides[rule.id] ?? overrides[rule.name] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    rule.check(model, (finding) => {
      diagnostics.push({
        range: finding.range,
        message: finding.message,
        severity: severities[severity],
        source: DIAGNOSTIC_SOURCE,
        code: rule.id,
        ...(finding.relatedInformation ? { relatedInformation: finding.relatedInformation } : {}),
        ...(finding.data !== undefined ? { data: finding.data } : {}),
      });
    });
  }
  return diagnostics;
}
