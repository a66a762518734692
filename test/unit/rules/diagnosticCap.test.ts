// At most MAX_DIAGNOSTICS_PER_RULE diagnostics per rule per document, and one more, on the last of them, saying how
// many are not shown: lint() applies it, so the editor and the command line show the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { lint, MAX_DIAGNOSTICS_PER_RULE } from '../../../server/src/rules/index';
import { completePostmortem, modelOf } from '../util';

/** The complete postmortem with `count` placeholders in its impact section, one a line. */
function withPlaceholders(count: number, line = (i: number) => `Step ${i}: TBD`): string {
  return completePostmortem().replace('All services were down.', Array.from({ length: count }, (_, i) => line(i)).join('\n'));
}

test(`a rule gives at most ${MAX_DIAGNOSTICS_PER_RULE} diagnostics; one more on the last says how many are not shown`, () => {
  const diagnostics = lint(modelOf(withPlaceholders(1000, (i) => `Step ${i}: TBD <fill in>`))).filter((d) => d.code === 'PM008');
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS_PER_RULE + 1);
  const last = diagnostics[MAX_DIAGNOSTICS_PER_RULE - 1]!;
  const summary = diagnostics[MAX_DIAGNOSTICS_PER_RULE]!;
  assert.equal(summary.message, '1,800 more placeholder (PM008) problems in this document are not shown: at most 200 of a kind are.');
  assert.deepEqual(summary.range, last.range);
  assert.equal(summary.severity, DiagnosticSeverity.Warning);
  assert.equal(summary.data, undefined, 'no quick fix: it stands for no one problem');
  // The ones shown are the first in the document.
  assert.deepEqual(diagnostics.slice(0, 2).map((d) => d.message), ['Placeholder "TBD" left in: finish this part or remove it.', 'Placeholder "<fill in>" left in: finish this part or remove it.']);
});

test('at the cap exactly nothing is said; other rules keep their own count', () => {
  const text = withPlaceholders(MAX_DIAGNOSTICS_PER_RULE).replace('**00:32 UTC:**', '**25:61 UTC:**');
  const diagnostics = lint(modelOf(text));
  assert.equal(diagnostics.filter((d) => d.code === 'PM008').length, MAX_DIAGNOSTICS_PER_RULE);
  assert.ok(!diagnostics.some((d) => /not shown/.test(d.message)));
  assert.deepEqual(diagnostics.filter((d) => d.code === 'PM004').length, 1);
});

test('suppressed findings do not count; the summary takes the severity the settings give', () => {
  const suppressed = withPlaceholders(MAX_DIAGNOSTICS_PER_RULE + 50, (i) => (i < 50 ? `<!-- postmortem-disable-next-line PM008 -->\nStep ${i}: TBD` : `Step ${i}: TBD`));
  assert.equal(lint(modelOf(suppressed)).filter((d) => d.code === 'PM008').length, MAX_DIAGNOSTICS_PER_RULE);
  const errors = lint(modelOf(withPlaceholders(MAX_DIAGNOSTICS_PER_RULE + 1)), { rules: { placeholder: { severity: 'error' } } }).filter((d) => d.code === 'PM008');
  assert.equal(errors.at(-1)!.message, '1 more placeholder (PM008) problems in this document are not shown: at most 200 of a kind are.');
  assert.equal(errors.at(-1)!.severity, DiagnosticSeverity.Error);
});

test('suppression comments that name no rule are capped the same way', () => {
  // A paragraph each: past 200 in one paragraph, `<` is no longer HTML to the parser (caps.ts), so no comment either.
  const text = withPlaceholders(MAX_DIAGNOSTICS_PER_RULE + 7, (i) => `<!-- postmortem-disable-next-line nope${i} -->\nStep ${i}.\n`);
  const diagnostics = lint(modelOf(text)).filter((d) => d.code === 'suppression');
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS_PER_RULE + 1);
  assert.equal(diagnostics.at(-1)!.message, '7 more unknown suppression problems in this document are not shown: at most 200 of a kind are.');
});
