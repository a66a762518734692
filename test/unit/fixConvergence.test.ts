// Fix-all (the editor's "Fix all" and `postmortem-lint --fix`) reaches its fixed point in one run: after one run a
// second changes nothing, and no diagnostic with a safe fix is left. Checked on every built-in template made into a
// new postmortem, with and without fixable mistakes, and on generated documents (FIX_SEED=<n> replays a run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_FIX_PASSES } from '../../server/src/cli/lintFile';
import { fixAllEdits } from '../../server/src/features/codeActions';
import { postmortemFromTemplate } from '../../server/src/features/newPostmortem';
import { parsePostmortem } from '../../server/src/model/parse';
import { lint } from '../../server/src/rules/index';
import { builtInTemplate, builtInTemplateNames, builtInTemplateText } from '../../server/src/templates/index';
import { postmortemDocument } from './fuzzSupport';

const URI = 'file:///repo/postmortems/2024-03-02-outage.md';

/** One run of fix-all as `--fix` does it: passes until nothing is left to fix, at most MAX_FIX_PASSES. */
function fixRun(text: string, template: string): { text: string; settled: boolean } {
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const model = parsePostmortem(TextDocument.create(URI, 'markdown', 1, current), builtInTemplate(template));
    const edits = fixAllEdits(model, lint(model));
    if (edits.length === 0) return { text: current, settled: true };
    const next = TextDocument.applyEdits(model.document, edits);
    if (next === current) return { text: current, settled: true };
    current = next;
  }
  return { text: current, settled: false };
}

function assertConverges(text: string, template: string, what: string): void {
  const first = fixRun(text, template);
  assert.ok(first.settled, `${what}: fix-all still had fixes after ${MAX_FIX_PASSES} passes`);
  const second = fixRun(first.text, template);
  assert.equal(second.text, first.text, `${what}: a second run changed the text`);
}

// Mistakes with safe fixes, added to a new postmortem: a dotted time, a metadata heading, a timeline to order.
const mistakes = ['## Date: March 2, 2024', '## Timeline', '', '- **10:05 UTC:** Rollback', '- **09.58 UTC:** Alert fires', '- **10:30 UTC:** Restored'];

for (const name of builtInTemplateNames) {
  test(`fix-all converges in one run on a new ${name} postmortem, as created and with fixable mistakes, under its template and auto`, () => {
    const created = postmortemFromTemplate(builtInTemplateText(name)!, { title: 'Outage', date: '2024-03-02', template: name, requiredMetadata: builtInTemplate(name).requiredMetadata });
    const withMistakes = created.replace(/\n(# .*\n)/, `\n$1\n${mistakes.join('\n')}\n`);
    assert.notEqual(withMistakes, created, 'the mistakes were added');
    for (const template of [name, 'auto']) {
      assertConverges(created, template, `${name} as created (${template})`);
      assertConverges(withMistakes, template, `${name} with mistakes (${template})`);
    }
    // The mistakes were fixable, and were fixed.
    assert.notEqual(fixRun(withMistakes, name).text, withMistakes);
  });
}

const runs = Number(process.env['FIX_RUNS'] ?? 300);
const seed = process.env['FIX_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['FIX_SEED'] ?? 20_261_206);

test(`fix-all converges in one run on ${runs} generated documents (seed ${seed})`, () => {
  fc.assert(
    fc.property(postmortemDocument, fc.constantFrom(...builtInTemplateNames, 'auto'), (text, template) => assertConverges(text, template, 'generated document')),
    { numRuns: runs, seed },
  );
});
