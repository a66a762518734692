import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Heading, List } from 'mdast';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/folding';
import { isPostmortem } from '../../server/src/model/detect';
import { normalizeSectionName } from '../../server/src/model/normalize';
import { parsePlainText } from '../../server/src/model/plaintext';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';
import { defaultSettings } from '../../server/src/settings';
import { plainText } from '../../server/src/templates/template';
import { assertPositionsExact, corpus, outlineOf, plainModel, rstModel } from './rstUtil';
import { joinLines } from './util';

const names = new Set(['leadup', 'impact', 'five whys', 'follow up tasks']);

test('the first non-empty line is the title; template section names are headings, however written', () => {
  const text = joinLines('', 'Postgres connection surge', 'At 13:24 UTC the bot stopped.', '⚠️ Leadup', 'x', 'Impact:', 'y', '3. Five Why’s', 'z', 'FOLLOW-UP TASKS', '- a task');
  const root = parsePlainText(text, { sectionNames: names });
  assert.deepEqual(outlineOf(text, root), [
    'heading1 Postgres connection surge',
    'paragraph At 13:24 UTC the bot stopped.',
    'heading2 ⚠️ Leadup',
    'paragraph x',
    'heading2 Impact:',
    'paragraph y',
    'heading2 3. Five Why’s',
    'paragraph z',
    'heading2 FOLLOW-UP TASKS',
    'list - a task',
  ]);
  assertPositionsExact(text, root);
});

test('underlined lines are headings, template names or not; bullets and long lines never are', () => {
  const text = joinLines('Title', '=====', '', 'Timeline', '--------', '- 10:00 start', '', 'Something else', '==============', '', '- Impact', '', 'Impact is what this paragraph is about, and it goes on for a while longer than a heading.');
  const root = parsePlainText(text, { sectionNames: names });
  assert.deepEqual(root.children.map((node) => `${node.type}${node.type === 'heading' ? node.depth : ''}`), ['heading1', 'heading2', 'list', 'heading2', 'list', 'paragraph']);
  assert.equal(plainText(root.children[3] as Heading), 'Something else');
  assert.equal((root.children[4] as List).children.length, 1);
});

test('the prompt under a heading is read as the prompt: in asterisks, or in the template words', () => {
  const model = plainModel(joinLines('Outage', 'Leadup', 'List the sequence of events that led up to it', 'x', 'Impact', '*Describe how internal and external users were impacted during the', 'incident*', 'y', 'Detection', 'Report when the team detected the incident', ''));
  assert.deepEqual(model.sections.map((s) => [s.heading, s.prompt?.text, s.isEmpty]), [
    ['Leadup', 'List the sequence of events that led up to it', false],
    ['Impact', 'Describe how internal and external users were impacted during the incident', false],
    ['Detection', 'Report when the team detected the incident', true],
  ]);
  assert.deepEqual(lint(model).filter((d) => d.code === 'PM002').map((d) => d.range.start.line), [8]);
});

test('postgres connection surge (.txt): every section, its prompt, the whys; the same findings as its RST version', () => {
  const txt = plainModel(corpus('text/2020-12-11-postgres-conn-surge.txt'), 'file:///work/repo/postmortems/2020-12-11-postgres-conn-surge.txt');
  const rst = rstModel(corpus('rst/2020-12-11-postgres-conn-surge.rst'), 'file:///work/repo/postmortems/2020-12-11-postgres-conn-surge.rst');
  const sections = (model: PostmortemDocument) => model.sections.map((s) => [normalizeSectionName(s.heading), s.match?.index, s.isEmpty, s.prompt !== undefined]);
  assert.deepEqual(sections(txt), sections(rst));
  assert.deepEqual(txt.whys.map((w) => w.text.replace(/’/g, "'")), rst.whys.map((w) => w.text.replace(/’/g, "'")));
  assert.deepEqual(lint(txt).map((d) => d.code), ['PM010']);
  assert.deepEqual(lint(rst).map((d) => d.code), ['PM010']);
  assert.equal(txt.title?.text, 'Postgres connection surge');
});

test('site CPU/RAM exhaustion (.txt, RST markup without blank lines): same sections, action items and whys as the RST', () => {
  const txt = plainModel(corpus('text/2021-01-12-site-cpu-ram-exhaustion.txt'));
  const rst = rstModel(corpus('rst/2021-01-12-site-cpu-ram-exhaustion.rst'));
  const shape = (model: PostmortemDocument) => ({
    title: model.title?.text,
    sections: model.sections.map((s) => [s.heading, s.match?.index, s.isEmpty, s.prompt?.text]),
    actionItems: model.actionItems.map((a) => [a.text, a.checked]),
    whys: model.whys.map((w) => w.text),
  });
  assert.deepEqual(shape(txt), shape(rst));
  assert.deepEqual(lint(txt).map((d) => d.code), ['PM011']);
});

test('the AcoustID blog post: a free-form postmortem gets a title outline and one gentle hint', () => {
  const uri = 'file:///work/repo/postmortems/2021-03-02-acoustid-outage.txt';
  const model = plainModel(corpus('text/2021-03-02-acoustid-outage.txt'), uri);
  assert.ok(isPostmortem(model, defaultSettings.files, ['file:///work/repo']));
  assert.equal(model.title?.text, 'Postmortem of the March 2, 2021 outage');
  assert.deepEqual(model.sections, []);
  const diagnostics = lint(model);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['PM001', 4]]);
  assert.match(diagnostics[0]!.message, /follows no section of the "python-discord" template/);
  const symbols = documentSymbols(model);
  assert.deepEqual(symbols.map((s) => [s.name, s.children?.length]), [['Postmortem of the March 2, 2021 outage', 0]]);
  assert.equal(symbols[0]!.range.end.line, model.document.lineCount - 1);
  // Outside a postmortems folder, a post whose title says it is a postmortem is one all the same.
  assert.equal(isPostmortem(plainModel(corpus('text/2021-03-02-acoustid-outage.txt'), 'file:///work/repo/blog/acoustid.txt'), defaultSettings.files, ['file:///work/repo']), true);
  // And one whose title says nothing of the kind is left alone.
  const untitled = corpus('text/2021-03-02-acoustid-outage.txt').replace('Postmortem of the March 2, 2021 outage', 'What happened on March 2, 2021');
  assert.equal(isPostmortem(plainModel(untitled, 'file:///work/repo/blog/acoustid.txt'), defaultSettings.files, ['file:///work/repo']), false);
});

test('a short draft with no template heading still lists what is missing', () => {
  const diagnostics = lint(plainModel('2021-03-02: Outage\n\nThe database went away.\n'));
  assert.equal(diagnostics.filter((d) => d.code === 'PM001').length, 9);
});

test('outline and folding of a plain-text postmortem', () => {
  const model = plainModel(corpus('text/2020-12-11-postgres-conn-surge.txt'));
  const [title] = documentSymbols(model);
  assert.deepEqual(title!.children!.map((s) => s.name), ['Leadup', 'Impact', 'Detection', 'Response', 'Recovery', "Five Why's", 'Blameless root cause', 'Lessons learned', 'Follow-up tasks']);
  assert.deepEqual(foldingRanges(model).slice(0, 2).map((r) => [r.startLine, r.endLine]), [[4, 6], [7, 13]]);
});
