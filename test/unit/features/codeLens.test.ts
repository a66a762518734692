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
