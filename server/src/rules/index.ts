import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { readSuppressions } from '../model/suppressions';
import type { PostmortemDocument } from '../model/types';
import { actionItemOwner } from './actionItemOwner';
import { blamefulLanguage } from './blamefulLanguage';
import { brokenLink } from './brokenLink';
import { duplicateSection } from './duplicateSection';
import { emptySection } from './emptySection';
import { fiveWhysDepth } from './fiveWhysDepth';
import { invalidFrontMatter } from './frontMatter';
import { impossibleTime } from './impossibleTime';
import { ambiguousDate } from './ambiguousDate';
import { incidentDateMismatch } from './incidentDate';
import { metadataHeading } from './metadataHeading';
import { missingSection } from './missingSection';
import { placeholder } from './placeholder';
import { requiredMetadata } from './requiredMetadata';
import type { Rule, RuleContext, Severity } from './rule';
import { sectionOrder } from './sectionOrder';
import { statedDuration } from './statedDuration';
import { timelineOrder } from './timelineOrder';
import { timeZone } from './timeZone';
import { unfinishedSentence } from './unfinishedSentence';

export const rules: readonly Rule[] = [
  missingSection,
  emptySection,
  timelineOrder,
  impossibleTime,
  timeZone,
  invalidFrontMatter,
  duplicateSection,
  sectionOrder,
  placeholder,
  fiveWhysDepth,
  actionItemOwner,
  blamefulLanguage,
  incidentDateMismatch,
  brokenLink,
  requiredMetadata,
  unfinishedSentence,
  metadataHeading,
  statedDuration,
  ambiguousDate,
];

export const DIAGNOSTIC_SOURCE = 'postmortem';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** How a rule is configured: its severity (or `off`) and its options. Keyed by rule id or name. */
export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}

export interface LintOptions {
  rules?: Record<string, RuleSetting>;
  fileExists?: RuleContext['fileExists'];
  root?: string;
  /** Where the rule pages are (`…/docs/rules`): each diagnostic links to `<base>/<id>.md`. */
  docsBaseUri?: string;
  /** The zone the repository declares for timelines without one of their own. */
  zone?: string;
}

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

/** A rule by its id or its name, in any case (`pm002`, `Empty-Section`): how settings and suppressions name rules. */
export function ruleByReference(reference: string): Rule | undefined {
  const wanted = reference.toLowerCase();
  return rules.find((rule) => rule.id.toLowerCase() === wanted || rule.name.toLowerCase() === wanted);
}

/**
 * Diagnostics one rule gives one document at most; one more says how many are not shown. A document of 60,000
 * placeholders got 60,000 diagnostics: a 12 MB publish on every keystroke, and a list nobody reads to the end.
 */
export const MAX_DIAGNOSTICS_PER_RULE = 200;

/** The diagnostic that says how many more of a kind are not shown: on the last one shown, where reading the list stops. */
function notShownDiagnostic(last: Diagnostic, count: number, kind: string): Diagnostic {
  return {
    range: last.range,
    message: `${count.toLocaleString('en-US')} more ${kind} problems in this document are not shown: at most ${MAX_DIAGNOSTICS_PER_RULE} of a kind are.`,
    severity: last.severity ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: last.code ?? DIAGNOSTIC_SOURCE,
    ...(last.codeDescription ? { codeDescription: last.codeDescription } : {}),
  };
}

/** Runs every enabled rule over the model, leaving out what `<!-- postmortem-disable… -->` comments suppress. */
export function lint(model: PostmortemDocument, options: LintOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const suppressions = readSuppressions(model.document, model.htmlSpans, (reference) => ruleByReference(reference)?.id);
  for (const rule of rules) {
    const setting = options.rules?.[rule.id] ?? options.rules?.[rule.name] ?? {};
    const severity = setting.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const context: RuleContext = {
      options: setting.options ?? {},
      ...(options.fileExists ? { fileExists: options.fileExists } : {}),
      ...(options.root ? { root: options.root } : {}),
      ...(options.zone ? { zone: options.zone } : {}),
    };
    const codeDescription = options.docsBaseUri ? { codeDescription: { href: `${options.docsBaseUri}/${rule.id}.md` } } : {};
    let shown = 0;
    let notShown = 0;
    rule.check(model, (finding) => {
      if (suppressions.suppresses(rule.id, finding.range.start.line)) return;
      if (shown === MAX_DIAGNOSTICS_PER_RULE) {
        notShown++;
        return;
      }
      shown++;
      diagnostics.push({
        range: finding.range,
        message: finding.message,
        severity: severities[finding.severity ?? severity],
        source: DIAGNOSTIC_SOURCE,
        code: rule.id,
        ...codeDescription,
        ...(finding.relatedInformation ? { relatedInformation: finding.relatedInformation } : {}),
        ...(finding.data !== undefined ? { data: finding.data } : {}),
      });
    }, context);
    if (notShown > 0) diagnostics.push(notShownDiagnostic(diagnostics[diagnostics.length - 1]!, notShown, `${rule.name} (${rule.id})`));
  }
  const { unknown } = suppressions;
  for (const suppression of unknown.slice(0, MAX_DIAGNOSTICS_PER_RULE)) {
    diagnostics.push({
      range: suppression.range,
      message: `postmortem-${suppression.kind}: no rule is called "${suppression.reference}", so it suppresses nothing. Use a rule id (PM002) or name (empty-section).`,
      severity: DiagnosticSeverity.Hint,
      source: DIAGNOSTIC_SOURCE,
      code: 'suppression',
    });
  }
  if (unknown.length > MAX_DIAGNOSTICS_PER_RULE) diagnostics.push(notShownDiagnostic(diagnostics[diagnostics.length - 1]!, unknown.length - MAX_DIAGNOSTICS_PER_RULE, 'unknown suppression'));
  return diagnostics;
}
