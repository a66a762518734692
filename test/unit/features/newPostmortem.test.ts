import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { newPostmortem, postmortemFromTemplate, slugify, templateChoices } from '../../../server/src/features/newPostmortem';
import { parsePostmortem } from '../../../server/src/model/parse';
import { lint } from '../../../server/src/rules/index';
import { builtInTemplate, builtInTemplateNames, builtInTemplateText } from '../../../server/src/templates/index';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hostFor } from './host';

const root = mkdtempSync(path.join(tmpdir(), 'pm-new-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('file names: the date and a short ASCII slug of the title', () => {
  assert.equal(slugify('Database failover loops!'), 'database-failover-loops');
  assert.equal(slugify('Zürich DC: “power” outage — 2nd time'), 'zurich-dc-power-outage-2nd-time');
  assert.equal(slugify('🔥🔥'), 'incident');
  const long = slugify('A very long title that goes on and on about every single thing that went wrong that night');
  assert.ok(long.length <= 60 && !long.endsWith('-'), long);
});

for (const name of builtInTemplateNames) {
  test(`${name}: a new postmortem has a postmortem's front matter, the title and date, every section and no directive`, () => {
    const text = postmortemFromTemplate(builtInTemplateText(name)!, { title: 'Database failover', date: '2024-03-05', requiredMetadata: builtInTemplate(name).requiredMetadata, template: name });
    assert.ok(text.startsWith(`---\ntype: postmortem\ntemplate: ${name}\n`), text.slice(0, 80));
    assert.doesNotMatch(text, /type: template|description:|<!-- postmortem:/);
    const model = parsePostmortem(TextDocument.create('file:///w/postmortems/2024-03-05-database-failover.md', 'markdown', 1, text), builtInTemplate(name));
    assert.match(model.title!.text, /Database failover$/);
    assert.deepEqual(model.sections.map((s) => s.match?.index), builtInTemplate(name).sections.map((s) => s.index));
    // What is left to do is writing, and a draft hears it once, quietly: no error or warning at all, and the
    // sections still to write in one information-level PM001.
    const diagnostics = lint(model);
    assert.deepEqual(diagnostics.filter((d) => d.severity! <= 2).map((d) => `${String(d.code)}: ${d.message}`), [], name);
    const todo = diagnostics.filter((d) => d.code === 'PM001');
    assert.equal(todo.length, 1, name);
    assert.equal(todo[0]!.severity, 3);
    assert.match(todo[0]!.message, new RegExp(`^${model.sections.filter((s) => s.isEmpty).length} sections still to write: `));
  });
}

test('the python-discord title is "date: title"; google-sre states the date and a draft status', () => {
  assert.match(postmortemFromTemplate(builtInTemplateText('python-discord')!, { title: 'X', date: '2024-03-05' }), /^# 2024-03-05: X$/m);
  const sre = postmortemFromTemplate(builtInTemplateText('google-sre')!, { title: 'X', date: '2024-03-05', requiredMetadata: ['date', 'authors', 'status'] });
  assert.match(sre, /^---\ntype: postmortem\ndate: 2024-03-05\nauthors:\nstatus: draft\n---\n\n# X\n/);
});

test('the request: the configured template by default, another one named in front matter, a bad one refused', async () => {
  const folder = path.join(root, 'repo');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, '.postmortem.yaml'), 'template: atlassian\n');
  const host = hostFor(folder);
  const byDefault = await newPostmortem({ title: 'Disk full', date: '2024-03-05' }, host);
  assert.equal(byDefault.fileName, '2024-03-05-disk-full.md');
  assert.equal(byDefault.template, 'atlassian');
  assert.doesNotMatch(byDefault.text, /^template:/m, 'the folder\'s own template is not repeated');
  const other = await newPostmortem({ title: 'Disk full', date: '2024-03-05', template: 'pagerduty' }, host);
  assert.match(other.text, /^template: pagerduty\nowner:\n---/m);
  await assert.rejects(newPostmortem({ title: 'x', template: '../../etc/passwd' }, host), /Unknown template/);
  await assert.rejects(newPostmortem({ title: '  ' }, host), /needs a title/);
  assert.match((await newPostmortem({ title: 'x', date: '2021-02-30' }, host)).fileName, /^\d{4}-\d{2}-\d{2}-x\.md$/);
  assert.notEqual((await newPostmortem({ title: 'x', date: '2021-02-30' }, host)).fileName, '2021-02-30-x.md', 'an impossible date is not used');
});

test('a team template file: offered first, used as written', async () => {
  const folder = path.join(root, 'team');
  mkdirSync(path.join(folder, 'docs'), { recursive: true });
  writeFileSync(path.join(folder, 'docs', 'pm.md'), '---\ntype: template\nmetadata: [severity]\n---\n# Title\n\n## Summary\n\n*What broke.*\n\n## Customer communication\n\n<!-- postmortem: optional -->\n\n*What we said.*\n');
  const host = hostFor(folder, { template: 'docs/pm.md' });
  const choices = await templateChoices({}, host);
  assert.deepEqual(choices[0], { name: 'docs/pm.md', description: "Your team's template (postmortem.template)", configured: true });
  assert.deepEqual(choices.slice(1).map((c) => c.name), builtInTemplateNames);
  const created = await newPostmortem({ title: 'Queue backlog', date: '2024-03-05' }, host);
  assert.equal(created.text, '---\ntype: postmortem\nseverity:\n---\n\n# Queue backlog\n\n## Summary\n\n*What broke.*\n\n## Customer communication\n\n*What we said.*\n');
});
