// Judgement on documents written the way other teams write them: every test/fixtures/judgement/*.md is analysed as
// the editor and the command line do (analyseDocument, default settings: template `auto`), and its diagnostics must
// be exactly those its inline markers expect: a file without markers must produce none at all, hints included.
//
// Markers: `<!-- expect PM001 -->` at the end of the line where a diagnostic starts (as in fixtures.test.ts);
// `<!-- judgement: template google-sre -->` (or `none`) for the template the document must be held to;
// `<!-- judgement: not-postmortem -->` for a file that must be left alone; `<!-- fixture-uri … -->` for its path
// (default: under a postmortems folder).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, documentDiagnostics, type AnalysisContext } from '../../server/src/analysis';
import { nodeFileSystem } from '../../server/src/config';
import { fixAllEdits } from '../../server/src/features/codeActions';
import { TemplateLoader } from '../../server/src/templates/load';

const folder = new URL('../fixtures/judgement/', import.meta.url);
const marker = /<!--\s*expect((?:\s+PM\d{3})+)\s*-->/g;
const context: AnalysisContext = { templates: new TemplateLoader(nodeFileSystem), workspaceFolders: ['file:///repo'], realPath: () => undefined };

const files = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();

test('the judgement fixtures are there', () => {
  assert.ok(files.length >= 10, `only ${files.length} fixtures`);
});

for (const file of files) {
  test(`judgement ${file}`, () => {
    const text = readFileSync(new URL(file, folder), 'utf8');
    const uri = /<!--\s*fixture-uri\s+(\S+)\s*-->/.exec(text)?.[1] ?? `file:///repo/postmortems/${file}`;
    const analysis = analyseDocument(TextDocument.create(uri, 'markdown', 1, text), context);
    const diagnostics = documentDiagnostics(analysis, {});
    const found = diagnostics.map((d) => `${d.range.start.line + 1}:${String(d.code)}`).sort();
    if (/<!--\s*judgement:\s*not-postmortem\s*-->/.test(text)) {
      assert.equal(analysis.relevant, false, `${file} is not a postmortem`);
      assert.deepEqual(found, []);
      return;
    }
    assert.equal(analysis.relevant, true, `${file} is a postmortem`);
    const template = /<!--\s*judgement:\s*template\s+(\S+)\s*-->/.exec(text)?.[1];
    if (template) assert.equal(analysis.model.template.name, template, `${file}: the template it is held to`);
    const expected = text.split(/\r\n|\r|\n/).flatMap((line, index) => [...line.matchAll(marker)].flatMap((m) => m[1]!.trim().split(/\s+/).map((code) => `${index + 1}:${code}`)));
    assert.deepEqual(found, expected.sort(), `${file}: diagnostics (line:code) differ from the markers:\n${diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.message}`).join('\n')}`);
    // Fix-all rewrites what the author wrote; it never writes sections for them.
    const edits = fixAllEdits(analysis.model, diagnostics);
    assert.ok(edits.every((edit) => !/^#{1,6} /m.test(edit.newText)), `${file}: fix-all inserted a heading`);
  });
}
