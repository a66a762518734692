import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isPostmortem } from '../../server/src/model/detect';
import { normalizeSectionName } from '../../server/src/model/normalize';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';
import { defaultSettings } from '../../server/src/settings';
import { corpus, modelIn } from './rstUtil';

const corpusDir = new URL('../fixtures/corpus/', import.meta.url);

/** A corpus file's model, at its real path so links and images are checked against the files beside it. */
function corpusModel(path: string): PostmortemDocument {
  return modelIn(corpus(path), pathToFileURL(fileURLToPath(new URL(path, corpusDir))).toString());
}

/** `code line` of each diagnostic, with the real file system for links and images. */
function findings(model: PostmortemDocument): string[] {
  return lint(model, { fileExists: (uri) => existsSync(fileURLToPath(uri)) }).map((d) => `${d.code} ${d.range.start.line}`);
}

/** What two versions of one postmortem should agree on, whatever their markup. */
function shape(model: PostmortemDocument) {
  return {
    title: model.title?.text,
    sections: model.sections.map((s) => [normalizeSectionName(s.heading), s.level, s.match?.index, s.isEmpty, s.prompt !== undefined]),
    actionItems: model.actionItems.map((a) => [a.text, a.checked, a.section]),
    whys: model.whys.map((w) => [w.text.replace(/[’']/g, "'"), w.section]),
    timeline: model.timeline.map((t) => [t.timeText, t.text, t.section]),
    links: model.links.map((l) => l.url),
  };
}

test('all-services outage: the RST and Markdown versions give the same model and the same diagnostics', () => {
  const rst = corpusModel('rst/2020-12-11-all-services-outage.rst');
  const markdown = corpusModel('markdown/2020-12-11-all-services-outage.md');
  assert.deepEqual(shape(rst), shape(markdown));
  assert.equal(rst.sections.length, 9);
  assert.equal(rst.whys.length, 4);
  assert.deepEqual(lint(rst).map((d) => [d.code, d.message]), lint(markdown).map((d) => [d.code, d.message]));
});

// What a careful reviewer would flag in each corpus postmortem, and nothing else. PM014: the Sphinx site's images are
// not in the fixtures, so every image is rightly reported missing beside the file.
const expected: Record<string, string[]> = {
  // The Blameless root cause section holds only its prompt.
  '2020-12-11-all-services-outage': ['PM002 96'],
  // The five whys stop after two ("Unknown … Needs further investigation").
  '2020-12-11-postgres-conn-surge': ['PM010 81'],
  '2021-01-10-primary-kubernetes-node-outage': [],
  // An open follow-up without an owner; two images.
  '2021-01-12-site-cpu-ram-exhaustion': ['PM011 151', 'PM014 30', 'PM014 107'],
  // Four images; the Impact section is cut off mid-sentence ("it was only a short trip to the").
  '2021-01-30-nodebalancer-fails-memory': ['PM014 30', 'PM014 36', 'PM014 40', 'PM014 93', 'PM016 55'],
  // An open follow-up without an owner. The repeated `Why?` headings are five-whys steps, not duplicate sections.
  '2021-07-11-cascading-node-failures': ['PM011 333'],
};

for (const [name, codes] of Object.entries(expected)) {
  test(`corpus ${name}.rst: ${codes.length === 0 ? 'no diagnostics' : codes.join(', ')}`, () => {
    const model = corpusModel(`rst/${name}.rst`);
    assert.deepEqual(findings(model).sort(), [...codes].sort());
    assert.equal(model.sections.filter((s) => s.match).length, 9, 'every template section is found');
    assert.ok(isPostmortem(model, defaultSettings.files, []), 'three template headings make it a postmortem anywhere');
  });
}

test('nodebalancer: the cut-off sentence is the end of the Impact section', () => {
  const model = corpusModel('rst/2021-01-30-nodebalancer-fails-memory.rst');
  const diagnostic = lint(model).find((d) => d.code === 'PM016')!;
  assert.match(diagnostic.message, /^"Impact" ends mid-sentence \("…only a short trip to the"\)/);
  assert.equal(model.document.getText(diagnostic.range), 'e');
});

test('cascading failures: the `Why?` headings with `.. _why-1:` labels are steps of the five whys', () => {
  const model = corpusModel('rst/2021-07-11-cascading-node-failures.rst');
  const fiveWhys = model.sections.findIndex((s) => s.match?.index === 5);
  const steps = model.sections.filter((s) => s.parent === fiveWhys);
  assert.deepEqual(steps.map((s) => [s.heading, s.level, s.match]), [['What?', 3, undefined], ['Why?', 3, undefined], ['Why?', 3, undefined], ['Why?', 3, undefined], ['Why?', 3, undefined]]);
  assert.equal(model.whys.length, 4);
  assert.ok(model.whys.every((why) => why.section === fiveWhys));
  assert.deepEqual(lint(model).filter((d) => d.code === 'PM006' || d.code === 'PM007' || d.code === 'PM010'), []);
  // The timeline under Leadup, with times read from the bold stamps.
  assert.deepEqual(model.timeline.map((entry) => entry.timeText), ['00:27 UTC', '00:32 UTC', '00:33 UTC', '00:42 UTC', '00:55 UTC', '01:01 UTC', '01:13 UTC', '06:36 UTC']);
  assert.ok(model.timeline.every((entry) => entry.section === 0));
  // An entry runs over its one-space-indented continuation line.
  assert.equal(model.document.getText(model.timeline[0]!.range), '- **00:27 UTC:** Django starts rapidly using connections to our\n PostgreSQL database');
});

test('index.rst is a table of contents, never a postmortem, even in a postmortems folder', () => {
  const text = corpus('rst/index.rst');
  const folder = 'file:///work/repo';
  for (const uri of ['file:///work/repo/docs/index.rst', 'file:///work/repo/postmortems/index.rst']) {
    assert.equal(isPostmortem(modelIn(text, uri), defaultSettings.files, [folder]), false, uri);
  }
  // The same file without its toctree would be analysed there, as any file in a postmortems folder is.
  assert.ok(isPostmortem(modelIn(text.replace('.. toctree::', '.. comment'), 'file:///work/repo/postmortems/index.rst'), defaultSettings.files, [folder]));
});

test('the default globs take .rst and .txt postmortems in postmortem folders and names', () => {
  const folder = 'file:///work/repo';
  const uris = ['postmortems/a.rst', 'postmortems/a.txt', 'docs/post-mortems/a.rst', 'db-postmortem.txt', 'incidents/2021/a.md'];
  for (const uri of uris) assert.ok(isPostmortem(modelIn('x', `${folder}/${uri}`), defaultSettings.files, [folder]), uri);
  assert.equal(isPostmortem(modelIn('x', `${folder}/docs/notes.rst`), defaultSettings.files, [folder]), false);
});

test('RST field lists are metadata: `:Date:` dates the incident', () => {
  const model = modelIn('Outage\n======\n\n:Date: 2021-01-30\n:Severity: SEV2\n', 'file:///work/repo/postmortems/outage.rst');
  assert.deepEqual(model.metadata.map((field) => [field.key, field.value]), [['date', '2021-01-30'], ['severity', 'SEV2']]);
  assert.deepEqual(model.incidentDate, { year: 2021, month: 1, day: 30, source: 'metadata' });
});
