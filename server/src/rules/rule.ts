import type { Diagnostic, DiagnosticRelatedInformation, Range, TextEdit } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
  range: Range;
  message: string;
  relatedInformation?: DiagnosticRelatedInformation[];
  /** What a quick fix needs, so it does not have to analyse the document again. */
  data?: unknown;
  /** A softer severity for this finding only (a free-form post gets a hint, not a wall of warnings). */
  severity?: Severity;
}

/** What a rule may ask of its surroundings besides the model: its options and read-only access to the workspace. */
export interface RuleContext {
  /** The rule's options from settings or the repo config (e.g. `{ min: 5 }` for five-whys depth). */
  options: Record<string, unknown>;
  /**
   * Whether a file exists, for link checks, looked up inside `root` only: undefined when the file is not ours to look
   * at (no root, or outside it). Absent where there is no file system (untitled, virtual).
   */
  fileExists?: (uri: string, root: string | undefined) => boolean | undefined;
  /** The workspace folder or repository root (a file path): links are looked up inside it only. */
  root?: string;
  /** The zone the repository declares for its timelines (setting or `.postmortem.yaml` `zone:`). */
  zone?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by "fix all" and `--fix`; the others only when the author picks them. */
  safe: boolean;
}

/** A review check: a plain object with a stable id, so configuration, suppressions and docs can name it. */
export interface Rule {
  id: string;
  name: string;
  description: string;
  defaultSeverity: Severity;
  check(model: PostmortemDocument, report: (finding: Finding) => void, context: RuleContext): void;
  /** Quick fixes for one of this rule's diagnostics, computed from the model and the diagnostic's `data`. */
  fixes?(model: PostmortemDocument, diagnostic: Diagnostic): Fix[];
}
