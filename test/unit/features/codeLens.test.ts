import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { codeLenses, REVEAL_LINE_COMMAND } from '../../../server/src/features/codeLens';
import { keywordsFrom } from '../../../server/src/features/incidentTimes';
import { fixture, joinLines, modelOf } from '../util';

const titled = (...entries: string[]) => joinLines('# 2021-07-11: Outage', '', '## ⚠️ Leadup', '', ...entries);

test('above the title: duration, time to detect and time to resolve, each jumping to its entry', () => {
  const model = modelOf(titled('- **00:27 UTC:** Django starts using connections', '- **00:32 UTC:** DevOps alerted', '- **01:13 UTC:** Node restored'));
  const [template, ...lenses] = codeLenses(model);
  assert.deepEqual(template!.command, { title: `Template: python-discord (${model.templateChoice.present}/9 sections)`, command: '' });
  assert.deepEqual(lenses.map((l) => l.command?.title), ['Duration 46 min', 'Detected after 5 min', 'Resolved 41 min after detection']);
  for (const lens of [template!, ...lenses]) assert.deepEqual(lens.range, model.title!.range);
  assert.deepEqual(lenses[0]!.command, { title: 'Duration 46 min', command: REVEAL_LINE_COMMAND, arguments: [model.document.uri, 6] });
  assert.deepEqual(lenses[1]!.command!.arguments, [model.document.uri, 5]);
});

test('a timeline that never says resolved gives the least duration, to its last entry; a span that cannot be read says which words were looked for', () => {
  const lenses = codeLenses(modelOf(titled('- **00:27 UTC:** Deploy', '- **00:40 UTC:** Rollback'))).slice(1);
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [
    ['Duration at least 13 min (the timeline ends at 00:40 UTC)', REVEAL_LINE_COMMAND],
    ['Detection: no entry says "alert", "detect", "notice"…', ''],
  ]);
  const single = codeLenses(modelOf(titled('- **00:27 UTC:** Deploy'))).slice(1);
  assert.equal(single[0]!.command?.title, 'Duration: no entry says "resolved", "recovered", "restored"…');
});

test('a resolution word in a sentence that says the problem goes on resolves nothing; nor does one the timeline contradicts', () => {
  const sample = codeLenses(
    modelOf(titled(
      '- **00:27 UTC:** Django starts using connections',
      '- **00:32 UTC:** DevOps team is alerted',
      '- **01:13 UTC:** Node has restored, but volumes will not mount',
      '- **06:36 UTC:** DevOps team alerted that the bot is offline',
    )),
  ).slice(1);
  assert.deepEqual(sample.map((l) => l.command?.title), ['Duration at least 6 h 9 min (the timeline ends at 06:36 UTC)', 'Detected after 5 min']);
  const reopened = codeLenses(modelOf(titled('- **10:00 UTC:** Errors', '- **10:05 UTC:** Paged', '- **10:30 UTC:** Restored', '- **11:00 UTC:** The site is down again'))).slice(1);
  assert.equal(reopened[0]!.command?.title, 'Duration at least 1 h (the timeline ends at 11:00 UTC)');
  const later = codeLenses(modelOf(titled('- **10:00 UTC:** Errors', '- **10:05 UTC:** Paged', '- **10:30 UTC:** Restored', '- **11:00 UTC:** Postmortem meeting held'))).slice(1);
  assert.equal(later[0]!.command?.title, 'Duration 30 min', 'an entry after the resolution that reports no trouble');
});

test('detection words match by stem: reports, noticed, alerting, paged', () => {
  for (const said of ['Users report errors', 'A customer reported errors', 'Support noticed errors', 'Alerting fires', 'On-call paged']) {
    const lenses = codeLenses(modelOf(titled('- **10:00 UTC:** Deploy', `- **10:07 UTC:** ${said}`, '- **10:30 UTC:** Resolved'))).slice(1);
    assert.equal(lenses[1]!.command?.title, 'Detected after 7 min', said);
  }
});

test('the setting changes which entries count; no lens without a title, only the template without a timeline', () => {
  const text = titled('- **00:27 UTC:** Deploy', '- **00:31 UTC:** Customer ticket', '- **00:40 UTC:** Rollback');
  const keywords = keywordsFrom({ timelineKeywords: { detection: ['ticket'], resolution: ['rollback'] } });
  assert.deepEqual(codeLenses(modelOf(text), keywords).slice(1).map((l) => l.command?.title), ['Duration 13 min', 'Detected after 4 min', 'Resolved 9 min after detection']);
  assert.deepEqual(codeLenses(modelOf(text.replace('# 2021-07-11: Outage', ''))), []);
  // With no timeline, only the template the document is held to.
  assert.deepEqual(codeLenses(modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'))).map((l) => l.command?.title), ['Template: python-discord (9/9 sections)']);
});

test('the sample 2021-07-11 cascading node failures: not resolved at "Node has restored … but volumes will not mount"', () => {
  const text = readFileSync(new URL('../../../sample/postmortems/2021-07-11-cascading-node-failures.md', import.meta.url), 'utf8');
  const titles = codeLenses(modelOf(text, 'file:///w/postmortems/2021-07-11-cascading-node-failures.md')).slice(1).map((l) => l.command?.title);
  assert.deepEqual(titles, ['Duration at least 6 h 9 min (the timeline ends at 06:36 UTC)', 'Detected after 5 min']);
});

test('a file that logs several incidents: each one\'s metrics above its own heading, none for the file as a whole', () => {
  const incident = (name: string, start: string, alert: string, end: string) => [
    `## ${name}`, '', '### Impact', '', 'Users saw errors.', '', '### Timeline', '',
    `- **${start} UTC:** First errors`, `- **${alert} UTC:** On-call paged by an alert`, `- **${end} UTC:** Service restored`, '',
    '### Resolution', '', 'Rolled back.', '',
  ];
  // An appendix with one incident section is no incident: an incident's heading holds two incident sections or more.
  const appendix = ['## Appendix: the migration', '', '### Impact', '', '- **09:00 UTC:** Migration started', '- **09:30 UTC:** Migration restored the old schema', ''];
  const text = joinLines('# Incident log', '', ...incident('2024-03-01: Checkout errors', '10:00', '10:05', '10:40'), ...incident('2024-05-20: Login outage', '22:00', '22:30', '23:10'), ...appendix);
  const model = modelOf(text, 'file:///w/incidents/log.md');
  const lenses = codeLenses(model);
  const lines = text.split('\n');
  assert.deepEqual(lenses.slice(1).map((l) => [lines[l.range.start.line], l.command?.title]), [
    ['## 2024-03-01: Checkout errors', 'Duration 40 min'],
    ['## 2024-03-01: Checkout errors', 'Detected after 5 min'],
    ['## 2024-03-01: Checkout errors', 'Resolved 35 min after detection'],
    ['## 2024-05-20: Login outage', 'Duration 1 h 10 min'],
    ['## 2024-05-20: Login outage', 'Detected after 30 min'],
    ['## 2024-05-20: Login outage', 'Resolved 40 min after detection'],
  ]);
  assert.match(lenses[0]!.command!.title, /^(Template|No template)/, 'the file as a whole: only its template');
});

test('a timeline months long is no one incident\'s: no duration is read from it; START/END OF OUTAGE markers are the start and the end', () => {
  const log = codeLenses(modelOf(joinLines('# Status history', '', '## Timeline', '', '- 2018-03-14 14:07 UTC: Timeouts', '- 2020-06-25 09:00 UTC: Slow responses', '- 2020-06-25 09:30 UTC: Resolved'))).slice(1);
  assert.deepEqual(log.map((l) => l.command?.title), ['No duration: the timeline spans 833 d 19 h']);
  const marked = codeLenses(modelOf(titled('- **09:00 UTC:** Config change merged', '- **09:40 UTC:** DNS changes take effect. START OF OUTAGE', '- **09:50 UTC:** Alert fires', '- **11:00 UTC:** Rollback lands. END OF OUTAGE'))).slice(1);
  assert.deepEqual(marked.map((l) => l.command?.title), ['Duration 1 h 20 min', 'Detected after 10 min', 'Resolved 1 h 10 min after detection']);
});

test('detection: "became aware" and "discovers" detect; a report of good news does not; responders at work before any detection word were the detection', () => {
  const detected = (...entries: string[]) => codeLenses(modelOf(titled(...entries))).slice(1).find((l) => l.command?.title.startsWith('Detect'))?.command?.title;
  assert.equal(detected('- **21:45 UTC:** Security team becomes aware of an odd transfer', '- **21:56 UTC:** Vault paused'), 'Detected after 0 min');
  assert.equal(detected('- **18:30 UTC:** Hotfix done; Ana discovers the jobs are not running', '- **19:00 UTC:** Jobs fixed'), 'Detected after 0 min');
  assert.equal(
    detected('- **19:36 UTC:** Release cut', '- **19:47 UTC:** Partner reports the sync test passes', '- **01:17 UTC:** First validator reports a hash mismatch'),
    'Detected after 5 h 41 min',
  );
  assert.equal(
    detected('- **16:25 UTC:** An e-mail claims a critical bug', '- **16:50 UTC:** Huddle begins', '- **18:12 UTC:** Lee alerts the providers'),
    'Detected after 25 min',
  );
});

test('the timelineKeywords default VS Code sends (package.json) is the server\'s own default', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
  const setting = sections.map((s: { properties: Record<string, { default?: unknown }> }) => s.properties['postmortem.timelineKeywords']).find(Boolean);
  assert.deepEqual(keywordsFrom({ timelineKeywords: setting.default }), keywordsFrom(undefined));
  assert.deepEqual(setting.default, keywordsFrom(undefined));
});
