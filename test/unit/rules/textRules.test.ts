import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../../server/src/features/codeActions';
import { parsePostmortem } from '../../../server/src/model/parse';
import { lint } from '../../../server/src/rules/index';
import { builtInTemplate } from '../../../server/src/templates/index';
import { completePostmortem, joinLines, modelOf } from '../util';

const messages = (text: string, code: string) => lint(modelOf(text)).filter((d) => d.code === code).map((d) => d.message);
const withImpact = (impact: string) => completePostmortem().replace('All services were down.', impact);
/** Metadata lines under the title, and a timeline that starts at 09:41, is alerted at 09:50 and restored at 11:30 UTC. */
const withStatedTimes = (...meta: string[]) =>
  joinLines('# 2024-03-02: API outage', '', ...meta, '', '## Timeline', '', '- 09:41 UTC: Deploy starts failing', '- 09:50 UTC: Alert fires', '- 11:30 UTC: Service restored');

test('PM008: placeholders outside code are reported; lower-case words and code are not', () => {
  assert.deepEqual(messages(withImpact('TBD. Root cause: <fill in the cause>. Also ??? and XXX and [insert graph].'), 'PM008'), [
    'Placeholder "TBD" left in: finish this part or remove it.',
    'Placeholder "<fill in the cause>" left in: finish this part or remove it.',
    'Placeholder "???" left in: finish this part or remove it.',
    'Placeholder "XXX" left in: finish this part or remove it.',
    'Placeholder "[insert graph]" left in: finish this part or remove it.',
  ]);
  assert.deepEqual(messages(withImpact('Our todo list grew. `TODO` in code.\n\n```\nTODO: fix\n```\n\n<!-- TODO: comment -->'), 'PM008'), []);
});

test('PM008: a time not filled in yet is a placeholder: 14:XX, ??:??, XX:XX, a date with X for its time', () => {
  const leadup = ['- **14:XX UTC:** deploy', '- ??:?? UTC rollback', '- XX:XX UTC alert', '- 2022-02-02 X: e-mail'];
  assert.deepEqual(messages(completePostmortem({ leadup }), 'PM008'), ['14:XX', '??:??', 'XX:XX', 'X'].map((t) => `Placeholder "${t}" left in: finish this part or remove it.`));
  assert.deepEqual(messages(withImpact('Box 12:XXL and error 0xXX:ff.'), 'PM008'), []);
});

test('PM008: a placeholder lies on one line, whatever the line endings; its range ends where its text does', () => {
  // A lone CR ends a line too: `<fill in` on one line and `x>` on the next is no placeholder.
  const text = withImpact('Cause: <fill in\rx>. Owner: TBD.').replace(/\n/g, '\r');
  const diagnostics = lint(modelOf(text)).filter((d) => d.code === 'PM008');
  assert.deepEqual(diagnostics.map((d) => d.message), ['Placeholder "TBD" left in: finish this part or remove it.']);
  const { start, end } = diagnostics[0]!.range;
  assert.deepEqual([end.line, end.character - start.character], [start.line, 3]);
});

test('PM012: blameful wording gets a gentle hint with a blameless alternative', () => {
  const diagnostics = lint(modelOf(withImpact("It was human error: Joe forgot to check, should have noticed, and it was Joe's fault. Careless."))).filter((d) => d.code === 'PM012');
  assert.deepEqual(diagnostics.map((d) => d.message.split('"')[1]), ['human error', 'should have noticed', 'Careless', "Joe's fault", 'forgot to']);
  assert.ok(diagnostics.every((d) => d.severity === 4));
  assert.match(diagnostics[0]!.message, /reads as blame\. Blameless reviews describe what made the action easy to get wrong/);
});

test('PM012: blameless wording and look-alikes are left alone', () => {
  assert.deepEqual(messages(withImpact('We should have backups. The node was at fault. Blameless root cause. The job failed to start.'), 'PM012'), []);
});

test('PM016: the seed nodebalancer sentence cut off mid-way', () => {
  const text = withImpact('The lack of Grafana made diagnosis slightly more difficult, but even\nthen it was only a short trip to the');
  const [message, ...rest] = messages(text, 'PM016');
  assert.equal(rest.length, 0);
  assert.equal(message, '"Impact" ends mid-sentence ("…only a short trip to the"): finish the thought or remove it.');
});

test('PM016: finished sentences, lists, headings-only and trailing emphasis are fine', () => {
  assert.deepEqual(messages(withImpact('All good.'), 'PM016'), []);
  assert.deepEqual(messages(withImpact('Down for **40 minutes**'), 'PM016'), []);
  assert.deepEqual(messages(withImpact('Users affected: 200'), 'PM016'), []);
  assert.deepEqual(messages(withImpact('Three things went wrong:\n\n- one\n- two and'), 'PM016'), []);
  assert.equal(messages(withImpact('We restarted the node, then the database,'), 'PM016').length, 1);
  assert.deepEqual(messages(withImpact('The monitor agrees: the service has been stable for a while'), 'PM016'), [], 'an idiom');
  assert.deepEqual(messages(withImpact('The node was switched back on'), 'PM016'), [], 'a particle');
  assert.equal(messages(withImpact('The load balancer sent every request to the'), 'PM016').length, 1);
});

test('PM010: five whys shallower than the minimum, configurable', () => {
  const shallow = completePostmortem().replace(/- \*\*Why\?\*\* PostgreSQL[^\n]*\n- \*\*Why\?\*\* Django[^\n]*\n/, '');
  assert.deepEqual(messages(shallow, 'PM010'), ['"Five Why\'s" stops after 1 why: keep asking why until you reach a cause you can act on (at least 3).']);
  assert.deepEqual(messages(completePostmortem(), 'PM010'), []);
  const deep = lint(modelOf(completePostmortem()), { rules: { PM010: { options: { min: 5 } } } }).filter((d) => d.code === 'PM010');
  assert.match(deep[0]!.message, /stops after 3 whys.*at least 5/);
});

test('PM010: numbered chains without markers and Why? sub-headings count', () => {
  const numbered = completePostmortem().replace(/- Outage\n(- \*\*Why\?\*\*[^\n]*\n)+/, '1. Outage\n2. Node died\n3. Memory ran out\n4. No limit\n');
  assert.deepEqual(messages(numbered, 'PM010'), []);
  const headings = completePostmortem().replace(/- Outage\n(- \*\*Why\?\*\*[^\n]*\n)+/, '### Why?\n\nA\n\n### Why?\n\nB\n\n### Why?\n\nC\n');
  assert.deepEqual(messages(headings, 'PM010'), []);
});

test('PM011: open action items need an owner or a ticket', () => {
  const items = (lines: string[]) => messages(completePostmortem({ followUps: lines }), 'PM011').length;
  assert.equal(items(['- [ ] Add alerting']), 1);
  assert.equal(items(['- ☐ Add alerting']), 1);
  assert.equal(items(['- [x] Add alerting']), 0);
  for (const ok of ['@jane', 'owner: Jane', '(Jane Doe)', 'OPS-123', '#42', 'https://tracker/1', '[ticket](https://x)']) {
    assert.equal(items([`- [ ] Add alerting ${ok}`]), 0, ok);
  }
});

test('PM011 and PM008 on an action-item table: read row by row for owners and tickets; TODO in its status column is a status', () => {
  const table = [
    '| Action | Owner | Ticket | Status |',
    '| --- | --- | --- | --- |',
    '| Add an alert on disk usage | @dana | OPS-12 | Done |',
    '| Rotate the certificates automatically | | | TODO |',
    '| Write the runbook | Sam Lee | | TODO |',
    '| Review the backup schedule | — | [#45](https://example.com/45) | Open |',
    '| Drill the failover | TBD | | Open |',
  ];
  const text = completePostmortem({ followUps: table });
  const model = modelOf(text);
  assert.deepEqual(model.actionItems.map((item) => [item.text, item.checked]), [
    ['Add an alert on disk usage', true],
    ['Rotate the certificates automatically', false],
    ['Write the runbook', false],
    ['Review the backup schedule', false],
    ['Drill the failover', false],
  ]);
  const lines = text.split('\n');
  const flagged = lint(model).filter((d) => d.code === 'PM011').map((d) => lines[d.range.start.line]!.split('|')[1]!.trim());
  assert.deepEqual(flagged, ['Rotate the certificates automatically', 'Drill the failover']);
  assert.deepEqual(messages(text, 'PM008'), ['Placeholder "TBD" left in: finish this part or remove it.'], 'TBD as an owner is unfinished; TODO as a status is not');
  // A table of other things (a timeline, a glossary) is not an action-item table.
  const other = completePostmortem({ followUps: ['| Term | Meaning |', '| --- | --- |', '| TTR | time to resolve |'] });
  assert.deepEqual(modelOf(other).actionItems, []);
});

test('PM013: dates that disagree point at the one that wins', () => {
  const text = joinLines('---', 'date: 2021-01-12', '---', '# 2021-01-11: Site outage', '', '**Date:** January 13, 2021', '', completePostmortem().split('\n').slice(1).join('\n'));
  const diagnostics = lint(modelOf(text, 'file:///r/postmortems/2021-01-12-site.md')).filter((d) => d.code === 'PM013');
  assert.deepEqual(diagnostics.map((d) => [d.message, d.range.start.line]), [
    ['The title says 2021-01-11 but the front matter says 2021-01-12.', 3],
    ['The Date line says 2021-01-13 but the front matter says 2021-01-12.', 5],
  ]);
  assert.equal(diagnostics[0]!.relatedInformation![0]!.location.range.start.line, 1);
  assert.deepEqual(messages(completePostmortem(), 'PM013'), []);
});

test('PM013: the file name disagreeing with the title is reported on the title', () => {
  const diagnostics = lint(modelOf(completePostmortem(), 'file:///r/postmortems/2021-07-12-x.md')).filter((d) => d.code === 'PM013');
  assert.deepEqual(diagnostics.map((d) => [d.message, d.range.start.line]), [['The file name says 2021-07-12 but the title says 2021-07-11.', 0]]);
});

test('PM014: relative links and images to missing files, with a file system to ask', () => {
  const existing = new Set(['file:///r/postmortems/images/cpu.png', 'file:///r/runbooks/db.md']);
  const text = withImpact('![cpu](images/cpu.png) ![mem](images/mem.png) [runbook](../runbooks/db.md#restart) [gone](../runbooks/gone.md) [web](https://x.y/z) [anchor](#impact) [mail](mailto:a@b.c)');
  const diagnostics = lint(modelOf(text, 'file:///r/postmortems/x.md'), { fileExists: (uri) => existing.has(uri) }).filter((d) => d.code === 'PM014');
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'Broken image: "images/mem.png" does not exist relative to this file.',
    'Broken link: "../runbooks/gone.md" does not exist relative to this file.',
  ]);
  assert.deepEqual(lint(modelOf(text, 'file:///r/postmortems/x.md')).filter((d) => d.code === 'PM014'), []);
});

test('PM014: with a root, nothing outside it is asked about, and a place the file system will not answer for is not reported', () => {
  const asked: string[] = [];
  const text = withImpact('[a](../../etc/passwd.md) [b](/../../etc/hosts.md) ![c](/images/gone.png) [d](../runbooks/gone.md) [e](../linked/x.md)');
  const fileExists = (uri: string, root: string | undefined) => {
    asked.push(`${uri} ${root}`);
    return uri.includes('/linked/') ? undefined : false;
  };
  const diagnostics = lint(modelOf(text, 'file:///r/postmortems/x.md'), { fileExists, root: '/r' }).filter((d) => d.code === 'PM014');
  assert.ok(asked.every((line) => line.startsWith('file:///r/') && line.endsWith(' /r')), asked.join('\n'));
  assert.deepEqual(diagnostics.map((d) => d.message.split(':')[0]), ['Broken image', 'Broken link']);
  assert.deepEqual(diagnostics.map((d) => d.message.split('"')[1]), ['/images/gone.png', '../runbooks/gone.md']);
});

test('PM015: metadata the template requires, from front matter, lines or headings', () => {
  const model = modelOf(joinLines('---', 'severity: SEV2', '---', '# Outage', '', '**Author:** Jane', '', '## Status: complete', completePostmortem().split('\n').slice(1).join('\n')));
  Object.assign(model.template, {});
  const required = { ...model.template, requiredMetadata: ['severity', 'status', 'authors', 'service'] };
  const diagnostics = lint({ ...model, template: required }).filter((d) => d.code === 'PM015');
  assert.deepEqual(diagnostics.map((d) => d.message), ['Missing metadata "service": add it to the front matter (`service: …`) or as a line under the title (`**Service:** …`).']);
});

test('PM015: a date in the title states the date; a title without one does not', () => {
  const required = (title: string) => {
    const model = modelOf(joinLines(title, '', '**Status:** complete', completePostmortem().split('\n').slice(1).join('\n')));
    return lint({ ...model, template: { ...model.template, requiredMetadata: ['date', 'status'] } }).filter((d) => d.code === 'PM015').map((d) => d.data);
  };
  assert.deepEqual(required('# 2023-02-06: Checkout outage'), []);
  assert.deepEqual(required('# Checkout outage'), [{ key: 'date' }]);
});

test('PM018: a stated duration, time to detect or time to resolve that the timeline disagrees with; consistent ones say nothing', () => {
  const timeline = ['## Timeline', '', '- **10:00 UTC:** First errors', '- **10:05 UTC:** On-call is paged by an alert', '- **10:40 UTC:** Service restored'];
  const stated = (summary: string) => lint(modelOf(joinLines('# 2024-03-05: Outage', '', summary, '', ...timeline))).filter((d) => d.code === 'PM018');
  const [long] = stated('The outage lasted about three hours.');
  assert.equal(long!.message, 'The text says the incident lasted 3 h; the timeline gives a duration of 40 min (10:00 UTC → 10:40 UTC).');
  assert.equal(long!.severity, 3);
  assert.deepEqual(long!.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 35 } }, 'lasted about three hours');
  assert.equal(stated('**Duration:** 2h')[0]!.message.split(';')[0], 'The text says the incident lasted 2 h');
  assert.equal(stated('It was detected after 30 minutes.').length, 1);
  assert.equal(stated('TTR: 2 hours and 5 minutes').length, 1);
  for (const consistent of ['The outage lasted about forty minutes.', 'Duration: 45 min', 'It was detected after 5 minutes.', 'Time to resolve: 35 minutes', 'Down for 50 minutes', '`lasted 9 hours` in code']) {
    assert.deepEqual(stated(consistent), [], consistent);
  }
});

test('PM013: the incident date against the timeline\'s own dates: a mistyped month or year is told once; a report published weeks later is not', () => {
  const pm013 = (text: string, uri?: string) => lint(modelOf(text, uri)).filter((d) => d.code === 'PM013').map((d) => [d.range.start.line, d.message]);
  const timeline = (...lines: string[]) => joinLines('All times are UTC.', '', '## Timeline', '', ...lines);
  assert.deepEqual(pm013(joinLines('# Outage on 12 March 2024', '', timeline('**February 12**', '', '- 10:00 Deploy', '- 10:30 Restored'))), [
    [0, 'The timeline is dated 2024-02-12, but the title says 2024-03-12: one of them is mistyped.'],
  ]);
  assert.deepEqual(pm013(joinLines('# 2024-01-04: Outage', '', timeline('- 2025-01-04 10:00 Deploy', '- 2025-01-04 10:30 Restored'))), [
    [0, 'The timeline is dated 2025-01-04, but the title says 2024-01-04: one of them is mistyped.'],
  ]);
  // Consistent: a yearless date across the new year, a timeline that starts with the cause months before, a file
  // named for the day the report was published.
  assert.deepEqual(pm013(joinLines('# 2024-01-01: Outage', '', timeline('**December 31**', '', '- 23:50 Deploy', '', '**January 1**', '', '- 00:10 Restored'))), []);
  assert.deepEqual(pm013(joinLines('# Token leak', '', timeline('- 2023-05-02 10:00 Token pushed in an image', '- 2024-06-28 07:09 Reported', '- 2024-06-28 07:26 Revoked')), 'file:///r/postmortems/2024-07-08-token.md'), []);
});

test('PM013: a date anywhere in the title, in words or day-first; a front matter date weeks after the title\'s is the publication date', () => {
  const pm013 = (text: string, uri?: string) => lint(modelOf(text, uri)).filter((d) => d.code === 'PM013').map((d) => d.message);
  assert.deepEqual(pm013('# Report for the incident on 17th June 2019\n', 'file:///r/postmortems/2019-06-18-x.md'), ['The file name says 2019-06-18 but the title says 2019-06-17.']);
  assert.deepEqual(pm013(joinLines('# Outage', '', '**Date:** 30-09-2024', ''), 'file:///r/postmortems/2024-09-03-x.md'), ['The file name says 2024-09-03 but the Date line says 2024-09-30.']);
  // 03/04/2024 could be either: it is not read, so it disagrees with nothing.
  assert.deepEqual(pm013(joinLines('# Outage', '', '**Date:** 03/04/2024', ''), 'file:///r/postmortems/2024-09-03-x.md'), []);
  const published = joinLines('---', 'date: 2019-07-02', '---', '# Report for the incident on 17th June 2019', '');
  assert.deepEqual(pm013(published), []);
  assert.deepEqual(modelOf(published).incidentDate, { year: 2019, month: 6, day: 17, source: 'title' });
});

test('metadata lines that state times: a malformed or impossible one is PM004; the spans they give are held to the timeline (PM018), once per line', () => {
  const found = (text: string) => lint(modelOf(text)).filter((d) => d.code === 'PM004' || d.code === 'PM018').map((d) => [d.code, d.range.start.line, d.message]);
  assert.deepEqual(modelOf(withStatedTimes('**Started**: 09.41UTC', '- Detected at: 2024-03-02 09:50 UTC')).statedTimes.map((t) => [t.role, t.timeText]), [
    ['start', '09.41UTC'],
    ['detection', '2024-03-02 09:50 UTC'],
  ]);
  assert.deepEqual(found(withStatedTimes('**Started**: 09.41UTC', '**Detected:** 09:50 UTC', '**Resolved:** 10:10 UTC')), [
    ['PM004', 2, 'Malformed time "09.41": write 09:41, with a colon.'],
    ['PM018', 4, 'The Started and Resolved lines give a duration of 29 min; the timeline gives 1 h 49 min (09:41 UTC → 11:30 UTC).'],
  ]);
  assert.deepEqual(found(withStatedTimes('**Started:** 25:10 UTC')), [['PM004', 2, 'Impossible time "25:10 UTC": hour 25 is past 23.']]);
  // Lines that agree with the timeline, and keys that state no incident time, say nothing.
  assert.deepEqual(found(withStatedTimes('**Started:** 09:41 UTC', '**Detected:** 09:52 UTC', '**Resolved:** 11:35 UTC', '**Last updated:** 25:99')), []);
});

test('PM011: an open action item without an owner is told how to give it one', () => {
  assert.deepEqual(messages(completePostmortem({ followUps: ['- [ ] Add alerting'] }), 'PM011'), [
    'Open action item without an owner or ticket: add one (e.g. "@jane" or "OPS-123") so it does not get lost.',
  ]);
});

test('PM012: the hint sits on the blameful phrase itself, wherever it is on the line', () => {
  const text = withImpact('Looking back, the deploy failed because of human error.');
  const [finding] = lint(modelOf(text)).filter((d) => d.code === 'PM012');
  const line = text.split('\n').indexOf('Looking back, the deploy failed because of human error.');
  const at = 'Looking back, the deploy failed because of '.length;
  assert.deepEqual(finding!.range, { start: { line, character: at }, end: { line, character: at + 'human error'.length } });
});

test('PM012: blameful words in inline code or in an HTML comment are not the author\'s wording', () => {
  assert.deepEqual(messages(withImpact('The log said `human error` twice.'), 'PM012'), []);
  assert.deepEqual(messages(withImpact('All services were down. <!-- human error? -->'), 'PM012'), []);
  assert.equal(messages(withImpact('All services were down: human error.'), 'PM012').length, 1);
});

test('PM014: a broken root-relative link names every folder it was looked for in', () => {
  const text = withImpact('![graph](/images/gone.png)');
  const diagnostics = lint(modelOf(text, 'file:///r/postmortems/x.md'), { fileExists: () => false, root: '/r' }).filter((d) => d.code === 'PM014');
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'Broken image: "/images/gone.png" is not in the repository, nor in its static, public, assets, docs, content, src, site, source folders.',
  ]);
});

test('PM008: a time with its hour not filled in (XX:30) and [fill in]/<fillin> markers are placeholders', () => {
  assert.deepEqual(messages(completePostmortem({ leadup: ['- XX:30 UTC: rollback'] }), 'PM008'), ['Placeholder "XX:30" left in: finish this part or remove it.']);
  assert.deepEqual(
    messages(withImpact('Graph: [fill in the graph]. Cause: [fillin cause]. Owner: <fillin name>. Fix: [fill-in later].'), 'PM008').map((m) => m.split('"')[1]),
    ['[fill in the graph]', '[fillin cause]', '<fillin name>', '[fill-in later]'],
  );
});

test('PM015: "sev" stands for severity and "state" for status; without a title the finding sits at the start', () => {
  const missing = (text: string) => {
    const model = modelOf(text);
    return lint({ ...model, template: { ...model.template, requiredMetadata: ['severity', 'status'] } }).filter((d) => d.code === 'PM015');
  };
  const body = completePostmortem().split('\n').slice(1).join('\n');
  assert.deepEqual(missing(joinLines('---', 'sev: 2', 'state: resolved', '---', '# Outage', body)), []);
  const untitled = missing(joinLines('**Severity:** SEV2', body));
  assert.deepEqual(untitled.map((d) => [d.message.split(':')[0], d.range]), [['Missing metadata "status"', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]]);
});

test('PM018: a stated time to detect or resolve is told with its figures and points at the entry its span ends at', () => {
  const timeline = ['## Timeline', '', '- **10:00 UTC:** First errors', '- **10:05 UTC:** On-call is paged by an alert', '- **10:40 UTC:** Service restored'];
  const model = modelOf(joinLines('# 2024-03-05: Outage', '', 'It was detected after 30 minutes. TTR: 2 hours and 5 minutes.', '', ...timeline));
  const found = lint(model).filter((d) => d.code === 'PM018');
  assert.deepEqual(found.map((d) => d.message), [
    'The text says it was detected after 30 min; the timeline gives a time to detect of 5 min (10:00 UTC → 10:05 UTC).',
    'The text says it was resolved after 2 h 5 min; the timeline gives a time to resolve of 35 min (10:05 UTC → 10:40 UTC).',
  ]);
  assert.deepEqual(found.map((d) => d.relatedInformation), [
    [{ location: { uri: model.document.uri, range: { start: { line: 7, character: 4 }, end: { line: 7, character: 13 } } }, message: 'The entry the time to detect ends at' }],
    [{ location: { uri: model.document.uri, range: { start: { line: 8, character: 4 }, end: { line: 8, character: 13 } } }, message: 'The entry the time to resolve ends at' }],
  ]);
});

test('PM018: a stated duration agrees within a fifth of the longer span: "about three hours" fits 2 h 40 min, "four hours" does not', () => {
  const doc = (summary: string) => joinLines('# 2024-03-05: Outage', '', summary, '', '## Timeline', '', '- **10:00 UTC:** First errors', '- **10:05 UTC:** Alert', '- **12:40 UTC:** Service restored');
  assert.deepEqual(messages(doc('The outage lasted about three hours.'), 'PM018'), []);
  assert.deepEqual(messages(doc('The outage lasted about four hours.'), 'PM018').map((m) => m.split(';')[0]), ['The text says the incident lasted 4 h']);
});

test('PM018: metadata lines that disagree with the timeline point at the entry the span ends at', () => {
  const model = modelOf(joinLines('# 2024-03-02: API outage', '', '**Started:** 09:41 UTC', '**Resolved:** 10:10 UTC', '', '## Timeline', '', '- 09:41 UTC: Deploy starts failing', '- 09:50 UTC: Alert fires', '- 11:30 UTC: Service restored'));
  const [finding] = lint(model).filter((d) => d.code === 'PM018');
  assert.equal(finding!.relatedInformation![0]!.message, 'The entry the duration ends at');
  assert.equal(finding!.relatedInformation![0]!.location.range.start.line, 9);
});

test('PM015: a Start line states the incident date as well as a Date line does', () => {
  const model = modelOf(joinLines('# Checkout outage', '', '**Start:** 2023-02-06 10:00 UTC', completePostmortem().split('\n').slice(1).join('\n')));
  const required = (keys: string[]) => lint({ ...model, template: { ...model.template, requiredMetadata: keys } }).filter((d) => d.code === 'PM015').map((d) => d.data);
  assert.deepEqual(required(['date']), []);
  assert.deepEqual(required(['date', 'status']), [{ key: 'status' }]);
});

test('PM013: a date from the file name is reported on the whole title, which a reader can see', () => {
  const titleRange = { start: { line: 0, character: 0 }, end: { line: 0, character: '# 2021-07-11: Cascading node failures'.length } };
  const [named] = lint(modelOf(completePostmortem(), 'file:///r/postmortems/2021-07-12-x.md')).filter((d) => d.code === 'PM013');
  assert.deepEqual(named!.range, titleRange);
  const timeline = joinLines('# Outage', '', 'All times are UTC.', '', '## Timeline', '', '- 2025-01-04 10:00 Deploy', '- 2025-01-04 10:30 Restored');
  const [mistyped] = lint(modelOf(timeline, 'file:///r/postmortems/2024-01-04-x.md')).filter((d) => d.code === 'PM013');
  assert.equal(mistyped!.message, 'The timeline is dated 2025-01-04, but the file name says 2024-01-04: one of them is mistyped.');
  assert.deepEqual(mistyped!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: '# Outage'.length } });
});

test('PM013: a timeline over several days is given from its first to its last date; a yearless January 1 follows December 31', () => {
  const pm013 = (text: string) => lint(modelOf(text)).filter((d) => d.code === 'PM013').map((d) => d.message);
  const timeline = (...lines: string[]) => joinLines('All times are UTC.', '', '## Timeline', '', ...lines);
  assert.deepEqual(pm013(joinLines('# Outage on 12 March 2024', '', timeline('**February 12**', '', '- 10:00 Deploy', '', '**February 14**', '', '- 10:30 Restored'))), [
    'The timeline runs from 2024-02-12 to 2024-02-14, but the title says 2024-03-12: one of them is mistyped.',
  ]);
  // The incident began on New Year's Eve; the timeline kept starts after midnight.
  assert.deepEqual(pm013(joinLines('# 2023-12-31: Outage', '', timeline('**January 1**', '', '- 00:10 Paged', '- 00:40 Restored'))), []);
});

test('PM013: an impossible date in the timeline is PM004\'s finding, not a date to compare', () => {
  const text = joinLines('# 2024-03-05: Outage', '', 'All times are UTC.', '', '## Timeline', '', '- 2024-03-05 10:00 Deploy', '- 2024-02-30 10:05 Paged', '- 2024-03-05 10:30 Restored');
  const found = lint(modelOf(text)).filter((d) => d.code === 'PM013' || d.code === 'PM004').map((d) => d.code);
  assert.deepEqual(found, ['PM004']);
});

test('PM008: a template prompt left in a written section is removed by its fix, with the blank line after it', () => {
  const doc = (...summary: string[]) => joinLines('# 2024-03-05: Checkout outage', '', '**Status:** complete', '', '## Summary', '', ...summary, 'Checkout was down for an hour.', '', '## Impact', '', 'All checkouts failed.', '');
  const text = doc('*One or two sentences: what broke, for how long, and why it mattered.*', '');
  const model = parsePostmortem(TextDocument.create('file:///r/pm.md', 'markdown', 1, text), builtInTemplate('google-sre'));
  const found = lint(model).filter((d) => d.code === 'PM008');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.message]), [[6, 'Template prompt left in: the "google-sre" template asks to remove prompts once the section is written.']]);
  const [action, ...rest] = codeActions(model, found);
  assert.equal(rest.length, 0);
  assert.equal(action!.title, 'Remove the template prompt');
  assert.equal(TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!), doc());
});

test('PM018: in a file of several incidents a stated duration is not held to one timeline of them all; with one entry there is nothing to hold it to', () => {
  const incident = (name: string, start: string, end: string) => [
    `## ${name}`, '', '### Impact', '', 'The outage lasted about three hours.', '', '### Timeline', '',
    `- **${start} UTC:** First errors`, `- **${end} UTC:** Service restored`, '', '### Resolution', '', 'Rolled back.', '',
  ];
  const log = joinLines('# Incident log', '', ...incident('2024-03-01: Checkout errors', '10:00', '10:40'), ...incident('2024-05-20: Login outage', '22:00', '23:10'));
  assert.deepEqual(lint(modelOf(log, 'file:///w/incidents/log.md')).filter((d) => d.code === 'PM018'), []);
  const one = joinLines('# 2024-03-05: Outage', '', 'The outage lasted about three hours.', '', '## Timeline', '', '- **10:00 UTC:** First errors');
  assert.deepEqual(lint(modelOf(one)).filter((d) => d.code === 'PM018'), []);
  // The same text with a second entry is held to the timeline: the two cases above are exemptions, not blind spots.
  assert.equal(lint(modelOf(`${one}\n- **10:40 UTC:** Service restored`)).filter((d) => d.code === 'PM018').length, 1);
});

test('PM018: "half an hour" is thirty minutes; a statement 15 minutes off a short span still agrees, 16 does not', () => {
  const doc = (summary: string) => joinLines('# 2024-03-05: Outage', '', summary, '', '## Timeline', '', '- **10:00 UTC:** First errors', '- **10:05 UTC:** Alert', '- **10:30 UTC:** Service restored');
  assert.deepEqual(messages(doc('The outage lasted half an hour.'), 'PM018'), []);
  assert.deepEqual(messages(doc('The outage lasted 45 minutes.'), 'PM018'), []);
  assert.deepEqual(messages(doc('The outage lasted 46 minutes.'), 'PM018').map((m) => m.split(';')[0]), ['The text says the incident lasted 46 min']);
  const long = joinLines('# 2024-03-05: Outage', '', 'The outage lasted half an hour.', '', '## Timeline', '', '- **10:00 UTC:** First errors', '- **10:05 UTC:** Alert', '- **12:00 UTC:** Service restored');
  assert.deepEqual(messages(long, 'PM018').map((m) => m.split(';')[0]), ['The text says the incident lasted 30 min']);
});

test('PM018: metadata times past midnight are on the next day; reversed dated times and zones of unknown offset give no span', () => {
  const doc = (...meta: string[]) => joinLines('# 2024-03-02: API outage', '', ...meta, '', '## Timeline', '', '- 23:50 UTC: Deploy starts failing', '- 23:55 UTC: Alert fires', '- 01:30 UTC: Service restored');
  const pm018 = (...meta: string[]) => messages(doc(...meta), 'PM018');
  assert.deepEqual(pm018('**Started:** 23:50 UTC', '**Resolved:** 00:20 UTC'), [
    'The Started and Resolved lines give a duration of 30 min; the timeline gives 1 h 40 min (23:50 UTC → 01:30 UTC).',
  ]);
  assert.deepEqual(pm018('**Started:** 23:50 UTC', '**Resolved:** 01:35 UTC'), []);
  // A date without a year says nothing of the other line's day: the end is after midnight as well.
  assert.equal(pm018('**Started:** March 2, 23:50 UTC', '**Resolved:** 00:20 UTC').length, 1);
  // Dated times in the wrong order are a typo elsewhere, not a span of a day.
  assert.deepEqual(pm018('**Started:** 2024-03-02 23:50 UTC', '**Resolved:** 2024-03-02 23:20 UTC'), []);
  // PT has no fixed offset: 00:20 PT cannot be set against 23:50 UTC.
  assert.deepEqual(pm018('**Started:** 23:50 UTC', '**Resolved:** 00:20 PT'), []);
  // Two lines in the same such zone are compared with each other, and with a timeline in it.
  const pacific = joinLines('# 2024-03-02: API outage', '', '**Started:** 23:50 PT', '**Resolved:** 00:20 PT', '', '## Timeline', '', '- 23:50 PT: Deploy starts failing', '- 01:30 PT: Service restored');
  assert.equal(messages(pacific, 'PM018').length, 1);
});

test('PM008: TODO in a status cell is a status only on that cell\'s line; a word placeholder has no fix', () => {
  const row = '| Write the runbook | @sam | | TODO |';
  const column = row.indexOf('TODO');
  const prose = `${'x'.repeat(column - 1)} TODO here.`;
  const model = modelOf(completePostmortem({ followUps: ['| Action | Owner | Ticket | Status |', '| --- | --- | --- | --- |', row, '', prose] }));
  const found = lint(model).filter((d) => d.code === 'PM008');
  assert.deepEqual(found.map((d) => [model.document.getText(d.range), d.range.start.character]), [['TODO', column]]);
  assert.ok(model.document.getText({ start: { line: found[0]!.range.start.line, character: 0 }, end: found[0]!.range.end }).startsWith('xxx'));
  assert.deepEqual(codeActions(model, found), []);
});

test('PM008: a prompt followed at once by the section\'s list is removed alone, the list kept', () => {
  const doc = (...summary: string[]) => joinLines('# 2024-03-05: Checkout outage', '', '**Status:** complete', '', '## Summary', '', ...summary, '- Checkout was down for an hour.', '', '## Impact', '', 'All checkouts failed.', '');
  const model = parsePostmortem(TextDocument.create('file:///r/pm.md', 'markdown', 1, doc('*One or two sentences: what broke, for how long, and why it mattered.*')), builtInTemplate('google-sre'));
  const [action] = codeActions(model, lint(model).filter((d) => d.code === 'PM008'));
  assert.equal(TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!), doc());
});

test('PM013: dates that differ only in the year or only in the month disagree too', () => {
  const pm013 = (date: string) => messages(joinLines('# 2024-03-12: Outage', '', `**Date:** ${date}`, ''), 'PM013');
  assert.deepEqual(pm013('2023-03-12'), ['The Date line says 2023-03-12 but the title says 2024-03-12.']);
  assert.deepEqual(pm013('2024-04-12'), ['The Date line says 2024-04-12 but the title says 2024-03-12.']);
  assert.deepEqual(pm013('2024-03-12'), []);
});

test('PM013 against the timeline: told on the date that disagrees; the span is its earliest to its latest date; a year-less date takes the nearest year it exists in', () => {
  const timeline = (title: string, ...lines: string[]) => joinLines(`# ${title}`, '', 'All times are UTC.', '', '## Timeline', '', ...lines);
  const [finding] = lint(modelOf(timeline('Outage on 20 March 2024', '- 2024-03-14 10:00 Deploy', '- 2024-03-12 10:30 Restored'))).filter((d) => d.code === 'PM013');
  assert.equal(finding!.message, 'The timeline runs from 2024-03-12 to 2024-03-14, but the title says 2024-03-20: one of them is mistyped.');
  const dated = modelOf(joinLines('# Outage', '', '**Date:** 2024-03-01', '', 'All times are UTC.', '', '## Timeline', '', '- 2024-03-12 10:30 Restored'));
  const [onDateLine] = lint(dated).filter((d) => d.code === 'PM013');
  assert.equal(dated.document.getText(onDateLine!.range), '**Date:** 2024-03-01', 'the Date line, not the title');
  // February 29 is in 2024, not in 2023 or 2022.
  assert.deepEqual(messages(timeline('2023-03-01: Outage', '- [02-29 10:00] Deploy'), 'PM013'), ['The timeline is dated 2024-02-29, but the title says 2023-03-01: one of them is mistyped.']);
  // January 1 is as far before 2024-07-02 as after it: the earlier year is kept.
  assert.deepEqual(messages(timeline('2024-07-02: Outage', '- [01-01 10:00] Deploy'), 'PM013'), ['The timeline is dated 2024-01-01, but the title says 2024-07-02: one of them is mistyped.']);
});

test('PM012: each phrase has its own advice, and findings go phrase by phrase, each in text order', () => {
  const text = withImpact(['Careless work.', '', "Human error, then carelessly again. It was Joe's fault; he forgot to look, should have checked, was lazy, and was blamed.", '', 'Carelessness, human errors.'].join('\n'));
  const found = messages(text, 'PM012');
  assert.deepEqual(found.map((m) => m.split('"')[1]), ['Human error', 'human errors', 'should have checked', 'Careless', 'carelessly', 'Carelessness', "Joe's fault", 'forgot to', 'lazy', 'blamed']);
  assert.deepEqual([...new Set(found.map((m) => m.split('Blameless reviews ')[1]))], [
    'describe what made the action easy to get wrong (e.g. "the script ran without a confirmation step").',
    'say what would have helped (e.g. "an alert on X would have surfaced this earlier").',
    'describe the conditions that made the mistake likely.',
    'describe the part each system and decision played.',
    'write what was not done and what made it easy to miss (e.g. "the checklist had no step for it").',
    'describe the action and its context without judging the person.',
    'describe the contributing factors instead of who is responsible.',
  ]);
});

test('PM014: site routes without a file extension, root-relative links without a root, and places beside the root are not looked up', () => {
  const asked: string[] = [];
  const fileExists = (uri: string) => (asked.push(uri), false);
  const found = (text: string, root?: string) =>
    lint(modelOf(withImpact(text), 'file:///r/postmortems/x.md'), { fileExists, ...(root !== undefined ? { root } : {}) }).filter((d) => d.code === 'PM014').map((d) => d.message.split('"')[1]);
  assert.deepEqual(found('[post](/posts/v1.2/slug/) [page](/about)', '/r'), []);
  assert.deepEqual(found('![graph](/images/gone.png)'), [], 'no root: nowhere to look for /images');
  assert.deepEqual(found('[sibling](../../r2/notes.md)', '/r'), [], '/r2 is not inside /r');
  assert.deepEqual(asked, []);
});

test('PM014: a file system that fails, or a path no URI can hold, counts as a missing file', () => {
  const throwing = () => {
    throw new Error('EACCES');
  };
  const found = (text: string, fileExists: (uri: string) => boolean | undefined) =>
    lint(modelOf(withImpact(text), 'file:///r/postmortems/x.md'), { fileExists, root: '/r' }).filter((d) => d.code === 'PM014').map((d) => d.message.split('"')[1]);
  assert.deepEqual(found('[runbook](../runbooks/db.md)', throwing), ['../runbooks/db.md']);
  assert.deepEqual(found('[odd](notes-\uD800.md)', () => true), ['notes-\uD800.md']);
});

test('PM015: "written by" and "impact level" lines give the authors and the severity', () => {
  const model = modelOf(joinLines('# 2024-03-05: Outage', '', '**Written by:** Jane', '**Impact level:** high', completePostmortem().split('\n').slice(1).join('\n')));
  const required = lint({ ...model, template: { ...model.template, requiredMetadata: ['authors', 'severity', 'service'] } }).filter((d) => d.code === 'PM015');
  assert.deepEqual(required.map((d) => d.data), [{ key: 'service' }]);
});

test('PM004: a zone is judged only where a timestamp writes it, and not on a time that is already impossible', () => {
  const pm004 = (...lines: string[]) => messages(joinLines('# 2024-03-05: Outage', '', ...lines), 'PM004');
  assert.deepEqual(pm004('- 25:10 UTC+25 deploy', '- 10:20 UTC+25 rollback'), [
    'Impossible time "25:10 UTC+25": hour 25 is past 23.',
    'Impossible time zone "UTC+25" in "10:20 UTC+25": zone offsets run from UTC-12:00 to UTC+14:00.',
  ]);
  assert.deepEqual(pm004('All times are UTC+25.', '', '## Timeline', '', '- 10:20 deploy', '- 10:30 rollback'), []);
});

test('PM004: a dotted time in a metadata line is fixed to the same time with colons', () => {
  const model = modelOf(joinLines('# 2024-03-02: API outage', '', '**Started:** 09.41 UTC', '', '## Timeline', '', '- 09:41 UTC: Deploy', '- 09:50 UTC: Alert'));
  const found = lint(model).filter((d) => d.code === 'PM004');
  assert.deepEqual(found.map((d) => d.data), [{ replacement: '09:41' }]);
  const [action] = codeActions(model, found);
  assert.equal(TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!).split('\n')[2], '**Started:** 09:41 UTC');
});

test('PM010: a minimum that is not a number is ignored; each five-whys section counts its own whys', () => {
  const shallow = completePostmortem().replace('- **Why?** PostgreSQL used all its memory\n- **Why?** Django opened connections without a limit\n', '');
  assert.deepEqual(lint(modelOf(completePostmortem()), { rules: { PM010: { options: { min: '5' } } } }).filter((d) => d.code === 'PM010'), []);
  assert.equal(lint(modelOf(shallow), { rules: { PM010: { options: { min: '5' } } } }).filter((d) => d.code === 'PM010').length, 1);
  const two = completePostmortem().replace('## 🌱 Blameless root cause', "## 🔎 Five Why's for the alerting\n\n- Late alert\n- **Why?** No alert on connections\n\n## 🌱 Blameless root cause");
  assert.deepEqual(messages(two, 'PM010').map((m) => m.split(':')[0]), ['"Five Why\'s for the alerting" stops after 1 why']);
});

test('PM016: the finding sits on the last character of the unfinished paragraph', () => {
  const model = modelOf(withImpact('It was only a short trip to the'));
  const [finding] = lint(model).filter((d) => d.code === 'PM016');
  assert.equal(model.document.getText(finding!.range), 'e');
  assert.equal(model.document.getText({ start: { line: finding!.range.start.line, character: 0 }, end: finding!.range.end }), 'It was only a short trip to the');
});

test('PM017 and PM008 findings without their data get no fix; rule pages are linked when the docs address is given', () => {
  const model = modelOf(completePostmortem().replace('All services were down.', 'TBD'));
  const found = lint(model, { docsBaseUri: 'https://example.com/rules' }).filter((d) => d.code === 'PM008');
  assert.deepEqual(found.map((d) => d.codeDescription), [{ href: 'https://example.com/rules/PM008.md' }]);
  const heading = modelOf(joinLines('# Outage', '', '## Status: draft', '', '## Impact', '', 'x'));
  const [pm017] = lint(heading).filter((d) => d.code === 'PM017');
  assert.ok(pm017);
  assert.deepEqual(codeActions(heading, [{ ...pm017, data: undefined }]), []);
});

test('PM018: metadata lines state a time to detect and a time to resolve too, in any zones with known offsets, on their own dates', () => {
  assert.deepEqual(messages(withStatedTimes('**Started:** 09:41 UTC', '**Detected:** 10:30 UTC'), 'PM018'), [
    'The Started and Detected lines give a time to detect of 49 min; the timeline gives 9 min (09:41 UTC → 09:50 UTC).',
  ]);
  assert.deepEqual(messages(withStatedTimes('**Detected:** 09:50 UTC', '**Resolved:** 10:00 UTC'), 'PM018'), [
    'The Detected and Resolved lines give a time to resolve of 10 min; the timeline gives 1 h 40 min (09:50 UTC → 11:30 UTC).',
  ]);
  // 10:41 CET is 09:41 UTC; 12:30 CET is 11:30 UTC: the lines agree with the timeline.
  assert.deepEqual(messages(withStatedTimes('**Started:** 10:41 CET', '**Resolved:** 12:30 CET'), 'PM018'), []);
  assert.deepEqual(messages(withStatedTimes('**Started:** 09:41 UTC', '**Resolved:** 12:30 CET'), 'PM018'), []);
  assert.equal(messages(withStatedTimes('**Started:** 09:41 UTC', '**Resolved:** 10:30 CET'), 'PM018').length, 1);
  const undated = joinLines('# Outage', '', '**Started:** 09:41', '**Resolved:** 10:00', '', '## Timeline', '', '- 09:41 Deploy starts failing', '- 11:30 Service restored');
  assert.equal(messages(undated, 'PM018').length, 1, 'no zone anywhere: the lines are compared as written');
  const overnight = joinLines('# 2024-03-02: API outage', '', '**Started:** 2024-03-02 23:50 UTC', '**Resolved:** 2024-03-03 00:20 UTC', '', '## Timeline', '', '- 23:50 UTC: Deploy starts failing', '- 01:30 UTC: Service restored');
  assert.deepEqual(messages(overnight, 'PM018'), ['The Started and Resolved lines give a duration of 30 min; the timeline gives 1 h 40 min (23:50 UTC → 01:30 UTC).']);
});

test('PM013: a title date up to two days after the timeline\'s last is the same incident; the finding points at the timeline\'s first date', () => {
  const doc = (day: string) => joinLines(`# 2024-03-${day}: Outage`, '', 'All times are UTC.', '', '## Timeline', '', '- 2024-03-09 10:00 Deploy', '- 2024-03-10 10:30 Restored');
  assert.deepEqual(messages(doc('12'), 'PM013'), []);
  const model = modelOf(doc('13'));
  const [finding] = lint(model).filter((d) => d.code === 'PM013');
  assert.equal(finding!.message, 'The timeline runs from 2024-03-09 to 2024-03-10, but the title says 2024-03-13: one of them is mistyped.');
  assert.deepEqual(finding!.relatedInformation!.map((r) => [r.message, model.document.getText(r.location.range)]), [["The timeline's first date", '2024-03-09']]);
});
