import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/features/codeActions';
import { parsePostmortem } from '../../../server/src/model/parse';
import { lint } from '../../../server/src/rules/index';
import { builtInTemplate } from '../../../server/src/templates/index';
import { codesOf, completePostmortem, joinLines, modelOf } from '../util';

test('a complete postmortem has no missing sections', () => {
  assert.deepEqual(codesOf(completePostmortem()).filter((c) => c === 'PM001'), []);
});

test('each missing template section is reported once, on the title, with its prompt', () => {
  const text = completePostmortem().replace(/## 🌱 Blameless root cause[\s\S]*?(?=## 🤔)/, '');
  const diagnostics = lint(modelOf(text)).filter((d) => d.code === 'PM001');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.message, 'Missing section "Blameless root cause": Note the final root cause and describe what needs to change to prevent recurrence');
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: '# 2021-07-11: Cascading node failures'.length } });
  assert.deepEqual(diagnostics[0]!.data, { section: 6 });
});

test('sections count whatever their emoji, case, level or alias', () => {
  const text = completePostmortem().replace('## 🌱 Blameless root cause', '### ROOT CAUSES').replace("## 🔎 Five Why's", '## Five Why’s');
  assert.deepEqual(codesOf(text).filter((c) => c === 'PM001'), []);
});

test('without a title the findings sit at the start of the document', () => {
  const diagnostics = lint(modelOf(joinLines('## Impact', '', 'x'))).filter((d) => d.code === 'PM001');
  assert.equal(diagnostics.length, 8);
  assert.deepEqual(diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
});

const autoModel = (text: string) => parsePostmortem(TextDocument.create('file:///work/postmortems/incident.md', 'markdown', 1, text), builtInTemplate('auto'));
const applied = (model: ReturnType<typeof modelOf>, diagnostic: Diagnostic) => {
  const [action] = codeActions(model, [diagnostic]);
  return TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!);
};

test('a draft hears once of the sections still missing and those still empty, not of those written', () => {
  const model = modelOf(joinLines('# Outage', '', 'Status: draft', '', '## 🥏 Impact', '', 'Users could not log in.', '', '## 👁️ Detection', '', '*Say how*', ''));
  const [finding, ...rest] = lint(model).filter((d) => d.code === 'PM001');
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, "8 sections still to write: Leadup, Detection, Response, Recovery, Five Why's, Blameless root cause, Lessons learned, Follow-up tasks.");
  assert.deepEqual(finding!.data, { sections: [0, 3, 4, 5, 6, 7, 8] }, 'the missing ones can be inserted; Detection is there');
  assert.deepEqual(codeActions(model, [finding!]).map((action) => action.title).slice(0, 2), ['Insert section "Leadup"', 'Insert section "Response"']);
  assert.equal(lint(modelOf(joinLines('# Outage', '', 'Status: draft', '', '## 🥏 Impact', '', 'Users could not log in.'))).find((d) => d.code === 'PM001')!.message.split(':')[0], '8 sections still to write');
});

test('a post that follows none of the template\'s sections gets one hint, not a warning per section', () => {
  const words = Array.from({ length: 160 }, (_, i) => `word${i}`).join(' ');
  const findings = lint(modelOf(joinLines('# Outage', '', words))).filter((d) => d.code === 'PM001');
  assert.deepEqual(findings.map((d) => [d.severity, d.message]), [
    [4, 'This postmortem follows no section of the "python-discord" template. Reviewers usually look for the impact, the root cause and follow-up actions.'],
  ]);
});

test('under a template guessed from the headings, what it would add is said once, as information', () => {
  const text = completePostmortem().replace(/## 🌱 Blameless root cause[\s\S]*?(?=## 🤔)/, '').replace(/## 🤔 Lessons learned[\s\S]*?(?=## ☑️)/, '');
  const model = autoModel(text);
  const findings = lint(model).filter((d) => d.code === 'PM001');
  assert.deepEqual(findings.map((d) => [d.severity, d.message]), [[3, 'This postmortem follows the "python-discord" template but has no "Blameless root cause", "Lessons learned" sections.']]);
  assert.deepEqual(findings[0]!.data, { sections: [6, 7] });
});

test('Insert section writes the heading and prompt before the next section, or at the end', () => {
  const middle = completePostmortem().replace(/## 🌱 Blameless root cause[\s\S]*?(?=## 🤔)/, '');
  const model = modelOf(middle);
  const inserted = applied(model, lint(model).find((d) => d.code === 'PM001')!);
  assert.ok(inserted.includes('## 🌱 Blameless root cause\n\n*Note the final root cause and describe what needs to change to prevent recurrence*\n\n## 🤔 Lessons learned'), inserted);
  const last = completePostmortem().replace(/## ☑️ Follow-up tasks[\s\S]*$/, '');
  const atEnd = modelOf(last);
  const appended = applied(atEnd, lint(atEnd).find((d) => d.code === 'PM001')!);
  assert.equal(appended.slice(last.length), "\n## ☑️ Follow-up tasks\n\n*List any tasks we've created as a result of this incident*\n");
});

test('under a template guessed from the headings, one missing section is named as one section', () => {
  const model = autoModel(completePostmortem().replace(/## 🌱 Blameless root cause[\s\S]*?(?=## 🤔)/, ''));
  assert.deepEqual(lint(model).filter((d) => d.code === 'PM001').map((d) => d.message), ['This postmortem follows the "python-discord" template but has no "Blameless root cause" section.']);
});

test('a short post whose headings are none of the template\'s gets the one hint too, with no fix; a draft with nothing left to write hears nothing', () => {
  const model = modelOf(joinLines('# Outage', '', '## What we saw', '', 'Errors.', ''));
  const findings = lint(model).filter((d) => d.code === 'PM001');
  assert.deepEqual(findings.map((d) => [d.severity, d.message.split('.')[0]]), [[4, 'This postmortem follows no section of the "python-discord" template']]);
  assert.deepEqual(codeActions(model, findings), []);
  const written = completePostmortem().replace('# 2021-07-11: Cascading node failures', '# 2021-07-11: Cascading node failures\n\nStatus: draft');
  assert.deepEqual(codesOf(written).filter((c) => c === 'PM001'), []);
});

test('Insert section at the end of a file: no blank lines before it in an empty file, one blank line after text without a final line break', () => {
  const insertFirst = (text: string) => {
    const model = modelOf(text);
    const finding = lint(model).find((d) => d.code === 'PM001' && (d.data as { section?: number } | undefined)?.section === 0);
    assert.ok(finding, text);
    return applied(model, finding);
  };
  assert.ok(insertFirst('').startsWith('## ⚠️ Leadup\n'), JSON.stringify(insertFirst('')));
  assert.ok(insertFirst('# Outage').startsWith('# Outage\n\n## ⚠️ Leadup\n'), JSON.stringify(insertFirst('# Outage')));
});
