import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';
import { DIAGNOSTIC_SOURCE, ruleById } from '../rules/index';

/** The kind of the "fix all safe problems" action; editors can run it on save via `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.postmortem`;

/** Quick fixes for the diagnostics in the request, plus one "fix all" when more than one safe fix applies. */
export function codeActions(model: PostmortemDocument, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  const uri = model.document.uri;
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of diagnostics) {
      for (const fix of fixesFor(model, diagnostic)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safe,
          edit: { changes: { [uri]: fix.edits } },
        });
      }
    }
  }
  return actions;
}

/** Every safe fix for the given diagnostics as one non-overlapping edit list (the first fix wins an overlap). */
export function fixAllEdits(model: PostmortemDocument, diagnostics: readonly Diagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    for (const fix of fixesFor(model, diagnostic)) {
      if (!fix.safe) continue;
      if (fix.edits.some((edit) => chosen.some((other) => overlaps(edit.range, other.range)))) continue;
      chosen.push(...fix.edits);
      break;
    }
  }
  return chosen;
}

export function fixAllAction(model: PostmortemDocument, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const edits = fixAllEdits(model, diagnostics);
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe postmortem problems', kind: FIX_ALL_KIND, edit: { changes: { [model.document.uri]: edits } } };
}

function fixesFor(model: PostmortemDocument, diagnostic: Diagnostic) {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return [];
  return ruleById(diagnostic.code)?.fixes?.(model, diagnostic) ?? [];
}

/** Insertions at the same point count as overlapping: their order would be ambiguous. */
function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}
