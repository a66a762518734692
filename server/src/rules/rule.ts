import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
  range: Range;
  message: string;
  relatedInformation?: DiagnosticRelatedInformation[];
  /** What a quick fix needs, so it does not have to analyse the document again. */
  data?: unknown;
}

/** A review check: a plain object with a stable id, so configuration, suppressions and docs can name it. */
export interface Rule {
  id: string;
  name: string;
  description: string;
  defaultSeverity: Severity;
  check(model: PostmortemDocument, report: (finding: Finding) => void): void;
}
