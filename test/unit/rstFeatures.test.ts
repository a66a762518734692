import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, SymbolKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/features/codeActions';
import { completions } from '../../server/src/features/completion';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/folding';
import { displayWidth } from '../../server/src/model/headingStyle';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';
import { corpus, modelAtCursorIn, modelIn, rstModel } from './rstUtil';
import { CURSOR, joinLines } from './util';

const RST = 'file:///work/repo/postmortems/incident.rst';
const TXT = 'file:///work/repo/postmortems/incident.txt';

const complete = (text: string, uri = RST): CompletionItem[] => {
  const { model, position } = modelAtCursorIn(text, uri);
  return completions(model, position);
};
const editOf = (item: CompletionItem) => item.textEdit as TextEdit;

/** The all-services seed without some of its sections, the cursor on a new line after a blank one. */
function seedWithout(...headings: string[]): string {
  let text = corpus('rst/2020-12-11-all-services-outage.rst');
  for (const heading of headings) text = text.replace(new RegExp(`${heading}\\n-+\\n[\\s\\S]*?(?=\\n\\S+ [^\\n]+\\n-{3,}\\n|$)`, 'u'), '');
  return text;
}

test('outline: title, the nine sections, the follow-up task; the cascading seed nests its whys under Five Why’s', () => {
  const [title] = documentSymbols(rstModel(corpus('rst/2020-12-11-all-services-outage.rst')));
  assert.equal(title!.name, '2020-12-11: All services outage');
  assert.equal(title!.children!.length, 9);
  assert.equal(title!.children![8]!.children![0]!.name, 'Push forward with backup plans');
  assert.deepEqual(title!.children![0]!.selectionRange, { start: { line: 15, character: 0 }, end: { line: 15, character: 9 } });

  const [cascading] = documentSymbols(rstModel(corpus('rst/2021-07-11-cascading-node-failures.rst')));
  const fiveWhys = cascading!.children!.find((s) => s.name === '🔎 Five Why’s')!;
  assert.deepEqual(fiveWhys.children!.filter((s) => s.kind === SymbolKind.String).map((s) => s.name), ['What?', 'Why?', 'Why?', 'Why?', 'Why?']);
  const leadup = cascading!.children![0]!;
  assert.deepEqual(leadup.children!.slice(0, 2).map((s) => s.name.slice(0, 9)), ['00:27 UTC', '00:32 UTC']);
});

test('folding: each RST section from its title line to its last content', () => {
  const ranges = foldingRanges(rstModel(corpus('rst/2020-12-11-all-services-outage.rst')));
  assert.deepEqual(ranges.slice(0, 2).map((r) => [r.startLine, r.endLine]), [[15, 23], [25, 39]]);
});

test('section completion in RST: the heading with an underline of the level’s character, as wide as the heading', () => {
  const text = `${seedWithout('🤔 Lessons learned', '🥏 Impact')}\n${CURSOR}`;
  const items = complete(text);
  assert.deepEqual(items.map((i) => i.label), ['Impact', 'Lessons learned']);
  const edit = editOf(items[1]!);
  assert.equal(edit.newText, '🤔 Lessons learned\n------------------\n\n*What did we learn from this incident?*\n\n$0');
  assert.equal(items[1]!.filterText, 'Lessons learned');
  // The corpus underlines its emoji headings exactly this wide.
  assert.equal(displayWidth('🤔 Lessons learned'), '------------------'.length);
  assert.equal(displayWidth('⚠️ Leadup'), '---------'.length);
  assert.equal(displayWidth('👁️ Detection'), '------------'.length);
});

test('the adornment follows the document: `=` sections, overlined sections, and a new level picks an unused style', () => {
  const sectionsWithEquals = joinLines('2021-07-11: Outage', '==================', '', '⚠️ Leadup', '=========', '', 'x', '', CURSOR);
  assert.match(editOf(complete(sectionsWithEquals)[0]!).newText, /^🥏 Impact\n=========\n\n/);

  const overlined = joinLines('=======', 'Outage', '=======', '', '---------', '⚠️ Leadup', '---------', '', 'x', '', CURSOR);
  assert.match(editOf(complete(overlined)[0]!).newText, /^---------\n🥏 Impact\n---------\n\n/);

  const titleOnly = joinLines('Outage', '------', '', CURSOR);
  assert.match(editOf(complete(titleOnly)[0]!).newText, /^⚠️ Leadup\n=========\n\n/);

  const nothing = CURSOR;
  assert.match(editOf(complete(nothing)[0]!).newText, /^⚠️ Leadup\n=========\n\n/);
});

test('a partly typed heading is replaced; indented, bulleted or mid-paragraph lines get no sections', () => {
  const base = seedWithout('🔎 Five Why’s');
  const [item] = complete(`${base}\nFi${CURSOR}`);
  assert.equal(item!.label, "Five Why's");
  assert.deepEqual(editOf(item!).range.start.character, 0);
  assert.deepEqual(editOf(item!).range.end.character, 2);
  const sections = (items: CompletionItem[]) => items.filter((i) => i.kind === CompletionItemKind.Snippet);
  assert.deepEqual(sections(complete(`${base}\n  Fi${CURSOR}`)), []);
  assert.deepEqual(sections(complete(`${base}\nSome words\nFi${CURSOR}`)), []);
  assert.deepEqual(sections(complete(`${base}\n- Fi${CURSOR}`)), []);
});

test('timestamps in RST bullets complete as in Markdown; an empty line right under an entry is a timestamp, not a section', () => {
  const text = corpus('rst/2021-07-11-cascading-node-failures.rst');
  const afterTimeline = text.indexOf('\n\n🥏 Impact');
  const bullet = `${text.slice(0, afterTimeline)}\n- ${CURSOR}${text.slice(afterTimeline)}`;
  const [stamp] = complete(bullet);
  assert.equal(stamp!.label, '**06:36 UTC:**');
  const emptyLine = `${text.slice(0, afterTimeline)}\n${CURSOR}${text.slice(afterTimeline)}`;
  const items = complete(emptyLine);
  assert.equal(items[0]!.label, '- **06:36 UTC:**');
  assert.deepEqual(items.filter((i) => i.kind === CompletionItemKind.Snippet), []);
});

test('Markdown completion is untouched by the RST branch: sections offered on an empty line are written with ##', () => {
  const { model, position } = modelAtCursorIn(`# Outage\n\n${CURSOR}`, 'file:///work/repo/postmortems/incident.md');
  const items = completions(model, position);
  assert.ok(items.length > 0);
  assert.ok(items.every((item) => (item.textEdit as { newText: string }).newText.startsWith('## ')), JSON.stringify(items.map((item) => item.textEdit)));
});

/** Applies the quick fix of the first PM001 diagnostic and returns the new text and its model. */
function fixFirstMissing(model: PostmortemDocument): { text: string; model: PostmortemDocument } {
  const diagnostic = lint(model).find((d) => d.code === 'PM001')!;
  const [action] = codeActions(model, [diagnostic]);
  const edits = action!.edit!.changes![model.document.uri]!;
  const text = TextDocument.applyEdits(model.document, edits);
  return { text, model: modelIn(text, model.document.uri) };
}

test('the missing-section quick fix writes an RST heading at the template position, and the result lints clean of PM001', () => {
  const model = rstModel(seedWithout('🥏 Impact'));
  const fixed = fixFirstMissing(model);
  assert.match(fixed.text, /gracefully\.\n+🥏 Impact\n---------\n\n\*Describe how internal and external users were impacted during the incident\*\n\n👁️ Detection\n/);
  assert.deepEqual(lint(fixed.model).map((d) => d.code).sort(), ['PM002', 'PM002']);
  assert.ok(fixed.model.sections.some((s) => s.heading === '🥏 Impact' && s.match?.index === 1 && s.isEmpty));
});

test('the quick fix inserts above an overlined heading, not between its overline and title', () => {
  const text = joinLines('=======', 'Outage', '=======', '', '---------', '🥏 Impact', '---------', '', 'Down.', '');
  const fixed = fixFirstMissing(rstModel(text));
  assert.equal(fixed.text, joinLines('=======', 'Outage', '=======', '', '---------', '⚠️ Leadup', '---------', '', '*List the sequence of events that led to the incident*', '', '---------', '🥏 Impact', '---------', '', 'Down.', ''));
  assert.equal(fixed.model.sections[0]!.heading, '⚠️ Leadup');
});

test('plain text: section completion and the quick fix write the heading as the document does', () => {
  const text = corpus('text/2020-12-11-postgres-conn-surge.txt').replace(/Impact\n[\s\S]*?(?=Detection\n)/, '');
  const items = complete(`${text}\n\n${CURSOR}`, TXT);
  assert.deepEqual(items.map((i) => i.label), ['Impact']);
  assert.equal(editOf(items[0]!).newText, 'Impact\n\nDescribe how internal and external users were impacted during the incident\n\n$0');
  const fixed = fixFirstMissing(modelIn(text, TXT));
  assert.ok(fixed.model.sections.some((s) => s.heading === 'Impact' && s.match?.index === 1 && s.prompt && s.isEmpty));
  assert.deepEqual(lint(fixed.model).map((d) => d.code).sort(), ['PM002', 'PM010']);
});
