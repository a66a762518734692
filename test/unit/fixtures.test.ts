// Scenario runner in the style of markdownlint's: every test/fixtures/rules/*.md is linted, and the diagnostics must
// be exactly those its inline markers expect. Then every quick fix is applied and the result re-linted: a fix must
// remove the problem it was offered for without adding new ones, and "fix all" must leave no fixable problem behind.
//
// Markers: `<!-- expect PM002 -->` (or several codes, `<!-- expect PM001 PM001 -->`) at the end of the line where the
// diagnostic starts. A first-line `<!-- fixture-options {"rules": {"PM010": {"options": {"min": 5}}}} -->` gives lint
// options, `<!-- fixture-uri file:///x/2021-01-01-y.md -->` the document's URI.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codeActions, fixAllEdits } from '../../server/src/features/codeActions';
import { parsePostmortem } from '../../server/src/model/parse';
import { lint, type LintOptions } from '../../server/src/rules/index';
import { builtInTemplate } from '../../server/src/templates/index';

const folder = new URL('../fixtures/rules/', import.meta.url);
const marker = /<!--\s*expect((?:\s+PM\d{3})+)\s*-->/g;

function analyse(text: string, uri: string, options: LintOptions) {
  const model = parsePostmortem(TextDocument.create(uri, 'markdown', 1, text), builtInTemplate('python-discord'));
  return { model, diagnostics: lint(model, options) };
}

// Inserting a missing section inserts it with its prompt and no content yet: that it is empty is the point.
const mayIntroduce: Record<string, string[]> = { PM001: ['PM002'] };

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line + 1}:${String(d.code)}`).sort();

const fixtureFiles = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();

test('the rule fixtures are there', () => {
  assert.ok(fixtureFiles.length >= 8, `only ${fixtureFiles.length}`);
});

for (const file of fixtureFiles) {
  test(`fixture ${file}`, () => {
    const text = readFileSync(new URL(file, folder), 'utf8');
    const options = JSON.parse(/<!--\s*fixture-options\s+(\{.*\})\s*-->/.exec(text)?.[1] ?? '{}') as LintOptions;
    const uri = /<!--\s*fixture-uri\s+(\S+)\s*-->/.exec(text)?.[1] ?? `file:///fixtures/postmortems/${file}`;
    const expected = text.split(/\r\n|\r|\n/).flatMap((line, index) =>
      [...line.matchAll(marker)].flatMap((m) => m[1]!.trim().split(/\s+/).map((code) => `${index + 1}:${code}`)),
    );
    const { model, diagnostics } = analyse(text, uri, options);
    assert.deepEqual(summary(diagnostics), expected.sort(), `${file}: diagnostics (line:code) differ from the markers`);

    for (const diagnostic of diagnostics) {
      for (const action of codeActions(model, [diagnostic])) {
        const fixed = TextDocument.applyEdits(model.document, action.edit!.changes![uri]!);
        const after = analyse(fixed, uri, options).diagnostics;
        const sameRule = (list: Diagnostic[]) => list.filter((d) => d.code === diagnostic.code).length;
        assert.ok(sameRule(after) < sameRule(diagnostics), `${file}: "${action.title}" did not remove its ${String(diagnostic.code)}`);
        const allowed = mayIntroduce[String(diagnostic.code)] ?? [];
        const introduced = after.filter((d) => d.code !== diagnostic.code && !allowed.includes(String(d.code)) && !diagnostics.some((b) => b.code === d.code));
        assert.deepEqual(summary(introduced), [], `${file}: "${action.title}" introduced new problems`);
      }
    }

    const edits = fixAllEdits(model, diagnostics);
    if (edits.length > 0) {
      const fixedText = TextDocument.applyEdits(model.document, edits);
      const again = analyse(fixedText, uri, options);
      assert.deepEqual(fixAllEdits(again.model, again.diagnostics), [], `${file}: fix all left fixable problems behind`);
    }
  });
}
