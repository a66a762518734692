import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { readHeader, SCAN_LIMITS, WorkspaceIndex } from '../../../server/src/features/workspaceIndex';
import { completePostmortem, fixture } from '../util';
import { hostFor } from './host';

const root = mkdtempSync(path.join(tmpdir(), 'pm-index-'));
const write = (relative: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
};
const uriOf = (relative: string) => URI.file(path.join(root, relative)).toString();

before(() => {
  write('postmortems/2020-12-11-all-services-outage.md', fixture('corpus/markdown/2020-12-11-all-services-outage.md'));
  write('postmortems/2021/2021-07-11-cascading.md', completePostmortem().replace('# 2021-07-11: Cascading node failures', '# 2021-07-11: Cascading node failures\n\n**Services:** PostgreSQL, Redis'));
  write('postmortems/draft.md', '# Payments queue backlog\n\n## ⚠️ Leadup\n\n- **25:61 UTC:** impossible\n');
  write('notes/readme.md', '# Notes\n\nNot a postmortem.\n');
  write('node_modules/pkg/postmortems/2019-01-01-dependency.md', '# 2019-01-01: In a dependency\n');
  write('.git/postmortems/2019-01-02-hidden.md', '# 2019-01-02: Hidden\n');
  write('postmortems/huge.md', `# 2019-01-03: Huge\n\n${'x'.repeat(SCAN_LIMITS.maxBytes)}\n`);
});
after(() => rmSync(root, { recursive: true, force: true }));

test('the workspace\'s postmortems, newest first, with date, title, path and problem counts', async () => {
  const { postmortems, truncated } = await new WorkspaceIndex(hostFor(root)).list();
  assert.equal(truncated, undefined);
  assert.deepEqual(postmortems.map((p) => [p.date, p.title, p.path]), [
    ['2021-07-11', '2021-07-11: Cascading node failures', 'postmortems/2021/2021-07-11-cascading.md'],
    ['2020-12-11', '2020-12-11: All services outage', 'postmortems/2020-12-11-all-services-outage.md'],
    [undefined, 'Payments queue backlog', 'postmortems/draft.md'],
  ]);
  assert.deepEqual(postmortems[1]!.problems, { errors: 0, warnings: 1, information: 0 }, 'the seed\'s one empty section');
  assert.ok(postmortems[2]!.problems!.errors >= 1, 'the impossible time');
  assert.deepEqual(postmortems[0]!.services, ['PostgreSQL', 'Redis']);
});

test('workspace symbols: by title words, by date, by service; each at the title', async () => {
  const index = new WorkspaceIndex(hostFor(root));
  const names = async (query: string) => (await index.symbols(query)).map((s) => s.name);
  assert.deepEqual(await names('cascading'), ['2021-07-11: Cascading node failures']);
  assert.deepEqual(await names('2020-12'), ['2020-12-11: All services outage']);
  assert.deepEqual(await names('redis'), ['Redis']);
  assert.deepEqual(await names('payments'), ['Payments queue backlog']);
  assert.equal((await names('')).length, 5, 'three titles and two services');
  const [symbol] = await index.symbols('all services');
  assert.equal(symbol!.location.uri, uriOf('postmortems/2020-12-11-all-services-outage.md'));
  assert.equal(symbol!.location.range.start.line, fixture('corpus/markdown/2020-12-11-all-services-outage.md').split('\n').indexOf('# 2020-12-11: All services outage'));
  assert.equal(symbol!.containerName, 'postmortems/2020-12-11-all-services-outage.md');
});

test('unchanged files are not analysed again; a changed one is; an open document is read from the editor', async () => {
  const open = TextDocument.create(uriOf('postmortems/draft.md'), 'markdown', 3, '# 2024-03-05: Payments queue backlog (unsaved)\n');
  const host = hostFor(root, {}, [open]);
  const index = new WorkspaceIndex(host);
  await index.list();
  const first = host.analysed;
  await index.list();
  // Per scan: the folder's settings and the open document; the closed files come from the cache.
  assert.equal(host.analysed - first, 2);
  const file = path.join(root, 'postmortems/2020-12-11-all-services-outage.md');
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const before = host.analysed;
  const { postmortems } = await index.list();
  assert.equal(host.analysed - before, 3);
  assert.equal(postmortems[0]!.title, '2024-03-05: Payments queue backlog (unsaved)');
});

test('the scan is bounded: past the file limit the list says it is incomplete', async () => {
  const saved = SCAN_LIMITS.maxFiles;
  SCAN_LIMITS.maxFiles = 2;
  try {
    const { postmortems, truncated } = await new WorkspaceIndex(hostFor(root)).list();
    assert.equal(postmortems.length, 2);
    assert.match(truncated!, /more than 2 postmortems/);
  } finally {
    SCAN_LIMITS.maxFiles = saved;
  }
});

test('workspace symbols read only the head of each closed file: nothing is analysed but the folder\'s settings', async () => {
  const host = hostFor(root);
  const index = new WorkspaceIndex(host);
  assert.equal((await index.symbols('cascading')).length, 1);
  assert.equal(host.analysed, 1, 'the probe for the folder\'s settings only');
});

test('a header: front matter title and services, the first "# " outside code, closing hashes, RST and text titles', () => {
  const md = readHeader('---\ntitle: From front matter\nservices: [api, db]\n---\n\n```\n# not a title\n```\n# 2021-07-11: Outage ##\n\n**Components:** queue; cache\n\n## Leadup\n\n**Services:** after the first section\n', 'postmortems/x.md')!;
  assert.deepEqual(md, { title: '2021-07-11: Outage', date: '2021-07-11', services: ['api', 'db', 'queue', 'cache'], titleRange: { start: { line: 8, character: 0 }, end: { line: 8, character: 23 } } });
  assert.equal(readHeader('---\ntitle: Only here\ndate: 2020-12-11\n---\nText.\n', 'postmortems/x.md')!.title, 'Only here');
  assert.equal(readHeader('---\ntitle: Only here\ndate: 2020-12-11\n---\nText.\n', 'postmortems/x.md')!.date, '2020-12-11');
  assert.equal(readHeader('Intro line\n\nAll services outage\n===================\n', 'postmortems/2020-12-11-x.rst')!.title, 'All services outage');
  assert.equal(readHeader('Intro line\n\nAll services outage\n===================\n', 'postmortems/2020-12-11-x.rst')!.date, '2020-12-11', 'from the file name');
  assert.equal(readHeader('\nPostgres connection surge\n\nOn 2020-12-11…', 'postmortems/x.txt')!.title, 'Postgres connection surge');
  assert.equal(readHeader('---\ntype: template\n---\n# YYYY-MM-DD: Incident title\n', 'postmortems/template.md'), undefined);
  assert.equal(readHeader('---\n: [bad yaml\n---\n# Still read\n', 'postmortems/x.md')!.title, 'Still read');
});

test('the quick list: the same rows from the head of each file, without problem counts', async () => {
  const host = hostFor(root);
  const index = new WorkspaceIndex(host);
  const quick = await index.list({ problems: false });
  const full = await new WorkspaceIndex(hostFor(root)).list();
  assert.deepEqual(quick.postmortems.map((p) => [p.uri, p.title, p.date, p.problems]), full.postmortems.map((p) => [p.uri, p.title, p.date, undefined]));
  assert.equal(host.analysed, 1, 'nothing analysed but the folder\'s settings');
});

test('the view lists what the detector calls a postmortem: a path matches `files` whatever its case', async () => {
  const other = mkdtempSync(path.join(tmpdir(), 'pm-index-case-'));
  try {
    mkdirSync(path.join(other, 'Incidents'));
    writeFileSync(path.join(other, 'Incidents/2022-03-01-Database.md'), '# 2022-03-01: Database failover\n\nThe primary went away.\n');
    const { postmortems } = await new WorkspaceIndex(hostFor(other)).list();
    assert.deepEqual(postmortems.map((p) => p.path), ['Incidents/2022-03-01-Database.md']);
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});
