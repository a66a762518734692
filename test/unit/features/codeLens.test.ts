import assert from 'node:assert/strict';
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

test('a span that cannot be read says which words were looked for, and is not a link', () => {
  const lenses = codeLenses(modelOf(titled('- **00:27 UTC:** Deploy', '- **00:40 UTC:** Rollback'))).slice(1);
  assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [
    ['Duration: no entry says "resolved", "recovered", "restored"…', ''],
    ['Detection: no entry says "alert", "detected", "noticed"…', ''],
  ]);
});

test('the setting changes which entries count; no lens without a title, only the template without a timeline', () => {
  const text = titled('- **00:27 UTC:** Deploy', '- **00:31 UTC:** Customer ticket', '- **00:40 UTC:** Rollback');
  const keywords = keywordsFrom({ timelineKeywords: { detection: ['ticket'], resolution: ['rollback'] } });
  assert.deepEqual(codeLenses(modelOf(text), keywords).slice(1).map((l) => l.command?.title), ['Duration 13 min', 'Detected after 4 min', 'Resolved 9 min after detection']);
  assert.deepEqual(codeLenses(modelOf(text.replace('# 2021-07-11: Outage', ''))), []);
  // With no timeline, only the template the document is held to.
  assert.deepEqual(codeLenses(modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'))).map((l) => l.command?.title), ['Template: python-discord (9/9 sections)']);
});
