import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completePostmortem, fixture, joinLines, modelOf } from './util';

const seedUri = 'file:///work/postmortems/2020-12-11-all-services-outage.md';

test('seed: title, front matter, incident date', () => {
  const model = modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'), seedUri);
  assert.equal(model.title?.text, '2020-12-11: All services outage');
  assert.equal(model.title?.source, 'heading');
  assert.deepEqual(model.title?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 33 } });
  assert.deepEqual(model.frontMatter?.data, { title: '2020-12-11: All services outage' });
  assert.deepEqual(model.incidentDate, { year: 2020, month: 12, day: 11, source: 'title' });
});

test('seed: every H2 is matched to its template section, emoji and apostrophes notwithstanding', () => {
  const model = modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'), seedUri);
  assert.deepEqual(
    model.sections.map((s) => [s.heading, s.level, s.match?.index]),
    [
      ['⚠️ Leadup', 2, 0],
      ['🥏 Impact', 2, 1],
      ['👁️ Detection', 2, 2],
      ['🙋🏿♂️ Response', 2, 3],
      ['🙆🏽♀️ Recovery', 2, 4],
      ["🔎 Five Why's", 2, 5],
      ['🌱 Blameless root cause', 2, 6],
      ['🤔 Lessons learned', 2, 7],
      ['☑️ Follow-up tasks', 2, 8],
    ],
  );
});

test('seed: prompts, empty sections and action items', () => {
  const model = modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'), seedUri);
  const leadup = model.sections[0]!;
  assert.equal(leadup.prompt?.text, 'List the sequence of events that led to the incident');
  assert.equal(leadup.prompt?.range.start.line, 14);
  assert.deepEqual(
    model.sections.filter((s) => s.isEmpty).map((s) => s.heading),
    ['🌱 Blameless root cause'],
  );
  assert.deepEqual(model.actionItems.map((a) => [a.text, a.checked, a.section]), [['Push forward with backup plans', true, 8]]);
  assert.deepEqual(model.timeline, []);
});

test('ranges are UTF-16: a heading after emoji starts and ends where the editor says', () => {
  const text = joinLines('# 🙋🏿‍♂️ Title', '', '## 🙋🏿‍♂️ Response', '', 'text 🙋🏿‍♂️ more');
  const model = modelOf(text);
  assert.equal(model.title?.range.end.character, '# 🙋🏿‍♂️ Title'.length);
  assert.equal(model.sections[0]!.range.end.character, '## 🙋🏿‍♂️ Response'.length);
  assert.equal(model.sections[0]!.fullRange.end.line, 4);
  assert.equal(model.sections[0]!.fullRange.end.character, 'text 🙋🏿‍♂️ more'.length);
});

test('timeline entries: bold and plain bullets with time, date, zone, text and range', () => {
  const model = modelOf(
    joinLines(
      '## Leadup',
      '',
      '- **00:27 UTC:** Django starts rapidly using connections to our',
      '  PostgreSQL database.',
      '- 00:32 UTC DevOps team is alerted',
      '- **2021-07-11 06:36 UTC:** Python is offline',
      '- Not an entry at 07:00',
    ),
  );
  assert.deepEqual(
    model.timeline.map((e) => [e.timeText, e.clock.hour, e.clock.minute, e.zone, e.date?.day, e.text]),
    [
      ['00:27 UTC', 0, 27, 'UTC', undefined, 'Django starts rapidly using connections to our PostgreSQL database.'],
      ['00:32 UTC', 0, 32, 'UTC', undefined, 'DevOps team is alerted'],
      ['2021-07-11 06:36 UTC', 6, 36, 'UTC', 11, 'Python is offline'],
    ],
  );
  const first = model.timeline[0]!;
  assert.deepEqual(first.timeRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 13 } });
  assert.deepEqual(first.range, { start: { line: 2, character: 0 }, end: { line: 3, character: 22 } });
  assert.equal(first.section, 0);
  assert.equal(new Set(model.timeline.map((e) => e.timelineId)).size, 1);
});

test('separate lists are separate timelines; nested lists are searched', () => {
  const model = modelOf(joinLines('- 10:00 a', '- 11:00 b', '', 'Para', '', '- 09:00 c', '  - 09:05 d'));
  const ids = model.timeline.map((e) => e.timelineId);
  assert.equal(ids[0], ids[1]);
  assert.notEqual(ids[1], ids[2]);
  assert.deepEqual(model.timeline.map((e) => e.timeText), ['10:00', '11:00', '09:00', '09:05']);
});

test('action items: GFM task lists and the seed ☒/☐ boxes', () => {
  const model = modelOf(joinLines('- [x] done one', '- [ ] open one', '- ☒ boxed done', '- ☐ boxed open', '- plain'));
  assert.deepEqual(
    model.actionItems.map((a) => [a.text, a.checked]),
    [
      ['done one', true],
      ['open one', false],
      ['boxed done', true],
      ['boxed open', false],
    ],
  );
});

test('title from front matter when there is no H1; incident date from front matter first', () => {
  const model = modelOf(joinLines('---', 'title: Database outage', 'date: 2021-01-30', '---', '', '## Impact', '', 'x'));
  assert.equal(model.title?.text, 'Database outage');
  assert.equal(model.title?.source, 'front-matter');
  // YAML 1.2: the date stays the string the author wrote.
  assert.equal(model.frontMatter?.data?.['date'], '2021-01-30');
  assert.deepEqual(model.incidentDate, { year: 2021, month: 1, day: 30, source: 'front-matter' });
});

test('incident date from the file name when neither front matter nor title has one', () => {
  const model = modelOf('# Outage\n', 'file:///p/postmortems/2021-01-10-node-outage.md');
  assert.deepEqual(model.incidentDate, { year: 2021, month: 1, day: 10, source: 'file-name' });
});

test('invalid front matter is reported with a range inside it, and the rest still parses', () => {
  const model = modelOf(joinLines('---', 'title: [unclosed', '---', '', '# Real title'));
  assert.equal(model.frontMatter?.data, undefined);
  assert.ok(model.frontMatter?.error);
  assert.ok(model.frontMatter.error.range.start.line >= 1 && model.frontMatter.error.range.start.line <= 2);
  assert.equal(model.title?.text, 'Real title');
});

test('nested headings know their parent and their section extends over sub-sections', () => {
  const model = modelOf(joinLines('## Leadup', '', '### Day one', '', 'a', '', '## Impact', '', 'b'));
  assert.deepEqual(model.sections.map((s) => [s.heading, s.parent]), [['Leadup', undefined], ['Day one', 0], ['Impact', undefined]]);
  assert.equal(model.sections[0]!.fullRange.end.line, 4);
  assert.equal(model.sections[0]!.isEmpty, false);
});

test('CRLF and lone CR line endings give the same lines as LF', () => {
  const lf = completePostmortem();
  for (const eol of ['\r\n', '\r']) {
    const model = modelOf(lf.replace(/\n/g, eol));
    const reference = modelOf(lf);
    assert.deepEqual(model.sections.map((s) => [s.heading, s.range]), reference.sections.map((s) => [s.heading, s.range]));
    assert.deepEqual(model.timeline.map((e) => e.timeRange), reference.timeline.map((e) => e.timeRange));
  }
});
