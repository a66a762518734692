import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFrontMatter } from '../../server/src/model/frontMatter';
import { parseMarkdown } from '../../server/src/model/markdown';
import { Source } from '../../server/src/model/source';
import { readTimeHeader, readTimeline } from '../../server/src/model/timeline';
import type { PostmortemDocument, TimelineEntry } from '../../server/src/model/types';
import { codeActions } from '../../server/src/features/codeActions';
import { placeEntries } from '../../server/src/features/incidentTimes';
import { lint } from '../../server/src/rules/index';
import { fixture, joinLines, modelOf } from './util';

const rangeText = (model: PostmortemDocument, range: Range) => model.document.getText(range);
const summary = (model: PostmortemDocument) =>
  model.timeline.map((e) => [e.kind, rangeText(model, e.timeRange), e.timeText, e.text]);
const clockOf = (e: TimelineEntry) => `${e.clock.hour}:${String(e.clock.minute).padStart(2, '0')}${e.clock.meridiem ? ` ${e.clock.meridiem}` : ''}`;

/** The zone a document declares in the lines under its title, and the declared text. */
const declared = (...lines: string[]) => {
  const model = modelOf(joinLines('# Outage', '', ...lines, '', '## Timeline', '', '- 10:00 deploy'));
  return model.declaredZone && [model.declaredZone.zone, rangeText(model, model.declaredZone.range)];
};

test('bullets: bold, bracketed, month-day, 12-hour and plain timestamps', () => {
  const model = modelOf(
    joinLines(
      '## Timeline',
      '',
      '- **21:17 UTC:** Alerts fire',
      '* [13:26] Rollback starts',
      '- [03-26 23:04] Vendor paged',
      '- 2:54 PM PST: Customers report errors',
      '- 00:27 UTC Django starts',
    ),
  );
  assert.deepEqual(summary(model), [
    ['list', '21:17 UTC', '21:17 UTC', 'Alerts fire'],
    ['list', '13:26', '13:26', 'Rollback starts'],
    ['list', '03-26 23:04', '03-26 23:04', 'Vendor paged'],
    ['list', '2:54 PM PST', '2:54 PM PST', 'Customers report errors'],
    ['list', '00:27 UTC', '00:27 UTC', 'Django starts'],
  ]);
  assert.deepEqual(model.timeline.map(clockOf), ['21:17', '13:26', '23:04', '2:54 PM', '0:27']);
  assert.deepEqual(model.timeline[2]!.date, { month: 3, day: 26 });
  assert.deepEqual(model.timeline.map((e) => e.format.lead), ['- ', '* ', '- ', '- ', '- ']);
  assert.deepEqual(model.timeline[0]!.clockRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
  // A change of bullet character starts a new list, and so a new timeline.
  assert.deepEqual(model.timeline.map((e) => e.timelineId), [0, 1, 2, 2, 2]);
  assert.deepEqual(model.timelines.map((t) => t.kind), ['list', 'list', 'list']);
});

test('ranges are UTF-16 after emoji and in CRLF documents', () => {
  const text = joinLines('## 🙋🏿‍♂️ Response', '', '- 🙋🏿‍♂️ not a time', '- **00:27 UTC:** 🔥 Django 🙋🏿‍♂️ starts', '', '| 🕐 Time (UTC) | Event |', '|---|---|', '| 14:30 | 🔥 a |');
  for (const eol of ['\n', '\r\n']) {
    const model = modelOf(text.replace(/\n/g, eol));
    assert.deepEqual(model.timeline.map((e) => rangeText(model, e.timeRange)), ['00:27 UTC', '14:30']);
    assert.deepEqual(model.timeline[0]!.timeRange, { start: { line: 3, character: 4 }, end: { line: 3, character: 13 } });
    assert.equal(model.timeline[0]!.text, '🔥 Django 🙋🏿‍♂️ starts');
    assert.deepEqual(model.timeline[0]!.range.end, { line: 3, character: '- **00:27 UTC:** 🔥 Django 🙋🏿‍♂️ starts'.length });
  }
});

test('a table with a time column: each row is an entry, the header zone applies', () => {
  const model = modelOf(
    joinLines(
      '## Timeline',
      '',
      '| Time (UTC) | Event | Owner |',
      '|------------|-------|-------|',
      '| 2021-01-30 14:30 | Alerts fire | Joe |',
      '| 14:35 | Rollback | |',
      '| later | no time | |',
      '| **14:40 PDT** | Vendor replies | Sam |',
    ),
  );
  assert.deepEqual(summary(model), [
    ['table', '2021-01-30 14:30', '2021-01-30 14:30', 'Alerts fire | Joe'],
    ['table', '14:35', '14:35', 'Rollback'],
    ['table', '14:40 PDT', '14:40 PDT', 'Vendor replies | Sam'],
  ]);
  assert.deepEqual(model.timeline.map((e) => [e.zone, e.zoneSource]), [['UTC', 'header'], ['UTC', 'header'], ['PDT', 'timestamp']]);
  assert.deepEqual(model.timeline[0]!.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 40 } });
  const [timeline] = model.timelines;
  assert.equal(timeline!.kind, 'table');
  assert.equal(timeline!.zone, 'UTC');
  assert.deepEqual(timeline!.table, {
    columns: 3,
    timeColumn: 0,
    timeHeader: { text: 'Time (UTC)', range: { start: { line: 2, character: 2 }, end: { line: 2, character: 12 } } },
  });
  assert.deepEqual(timeline!.range, { start: { line: 2, character: 0 }, end: { line: 7, character: 40 } });
});

test('table headers: Timestamp, When, Date; a Date column dates a Time column; other tables are not timelines', () => {
  for (const header of ['Timestamp', 'When', 'Date', 'Date/Time', 'Time, UTC', 'Time (approx.)', '**Time**']) {
    const model = modelOf(joinLines(`| Step | ${header} | What |`, '|---|---|---|', '| 1 | 2021-01-30 14:30 | x |'));
    assert.equal(model.timeline.length, 1, header);
    assert.equal(model.timelines[0]!.table?.timeColumn, 1, header);
  }
  const split = modelOf(joinLines('| Date | Time | Event |', '|---|---|---|', '| 2021-01-30 | 23:50 | a |', '| 2021-01-31 | 00:10 | b |'));
  assert.deepEqual(split.timeline.map((e) => [e.date, e.dateSource, rangeText(split, e.dateRange!)]), [
    [{ year: 2021, month: 1, day: 30 }, 'column', '2021-01-30'],
    [{ year: 2021, month: 1, day: 31 }, 'column', '2021-01-31'],
  ]);
  assert.equal(split.timelines[0]!.table?.dateColumn, 0);
  for (const header of ['Time to detect', 'Uptime', 'Service']) {
    assert.deepEqual(modelOf(joinLines(`| ${header} | b |`, '|---|---|', '| 10:00 | x |')).timeline, [], header);
  }
});

test('timestamp headings (H3 and deeper) with their body; ranges keep their end', () => {
  const model = modelOf(
    joinLines(
      '## Timeline',
      '',
      '### Sep 27 2017 13:06',
      '',
      'The first alert fires.',
      '',
      '### 13:35',
      '',
      'Rollback starts.',
      'It takes a while.',
      '',
      '### 8:20 - 8:24 UTC',
      '',
      'Range body.',
      '',
      '## 13:40',
      '',
      'An H2 is a section, not an entry.',
    ),
  );
  assert.deepEqual(summary(model), [
    ['headings', 'Sep 27 2017 13:06', 'Sep 27 2017 13:06', 'The first alert fires.'],
    ['headings', '13:35', '13:35', 'Rollback starts. It takes a while.'],
    ['headings', '8:20 - 8:24 UTC', '8:20 - 8:24 UTC', 'Range body.'],
  ]);
  assert.deepEqual(model.timeline[2]!.end, { hour: 8, minute: 24 });
  assert.deepEqual(model.timeline[1]!.range, { start: { line: 6, character: 0 }, end: { line: 9, character: 17 } });
  assert.equal(model.timeline[1]!.format.lead, '### ');
  assert.equal(new Set(model.timeline.map((e) => e.timelineId)).size, 1);
  assert.equal(model.timelines[0]!.kind, 'headings');
});

test('a run of timestamp headings survives deeper sub-headings and ends at a heading of its level', () => {
  const model = modelOf(joinLines('### 10:00', 'a', '#### Details', 'b', '### 10:05', 'c', '### Aftermath', 'd', '### 10:10', 'e'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.timelineId]), [['10:00', 0], ['10:05', 0], ['10:10', 1]]);
  assert.equal(model.timeline[0]!.text, 'a');
});

test('lines that start with a time: a paragraph of them, blank-line separated ones, a lead-in', () => {
  const model = modelOf(
    joinLines(
      'Timeline:',
      '16:42 GST: Alert fires',
      '16:50 GST: Team paged',
      'and joins the call',
      '',
      '**17:05 GST:** Fix deployed',
      '',
      'Unrelated paragraph.',
      '',
      '18:00 GST - Resolved',
    ),
  );
  assert.deepEqual(summary(model), [
    ['lines', '16:42 GST', '16:42 GST', 'Alert fires'],
    ['lines', '16:50 GST', '16:50 GST', 'Team paged and joins the call'],
    ['lines', '17:05 GST', '17:05 GST', 'Fix deployed'],
    ['lines', '18:00 GST', '18:00 GST', 'Resolved'],
  ]);
  assert.deepEqual(model.timeline.map((e) => e.timelineId), [0, 0, 0, 1]);
  assert.deepEqual(model.timeline[1]!.range, { start: { line: 2, character: 0 }, end: { line: 3, character: 18 } });
});

test('prose is not a timeline: times mid-sentence, one undelimited time, version numbers, ports, durations', () => {
  const model = modelOf(
    joinLines(
      'At 14:30 we restarted the node.',
      '',
      '14:30 UTC was when the first alert fired.',
      '',
      '- We restarted at 14:30 and again at 15:00',
      '- The proxy on localhost:8080 answered',
      '',
      '- 1.20 shipped the fix',
      '- 2.10 reverted it',
      '',
      'Mar 5, 2021 15:38 · 492 words · 3 minute read',
      '',
      '- 1:30 hours of downtime',
      '',
      '### 1.20 Release notes',
    ),
  );
  assert.deepEqual(model.timeline, []);
  assert.deepEqual(model.timelines, []);
});

test('dotted clocks are entries beside real ones or when set apart, never alone in plain text', () => {
  const model = modelOf(joinLines('- **14:40 UTC:** a', '- **14.43 UTC:** b', '- 14.50 c', '', 'Para', '', '- **14.55 UTC:** d'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.dotted ?? false]), [['14:40 UTC', false], ['14.43 UTC', true], ['14.50', true], ['14.55 UTC', true]]);
  assert.deepEqual(rangeText(model, model.timeline[1]!.clockRange), '14.43');
});

test('date headings date the entries below them until the next date or section', () => {
  const model = modelOf(
    joinLines(
      '## Timeline',
      '',
      '### 2021-01-30',
      '',
      '- 23:50 a',
      '',
      '#### January 31',
      '',
      '- 00:10 b',
      '',
      '**Monday 1 February**',
      '',
      '| Time | Event |',
      '|---|---|',
      '| 09:00 | c |',
      '',
      '- 2021-02-02',
      '  - 10:00 d',
      '',
      '## Impact',
      '',
      '- 11:00 e',
    ),
  );
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.date, e.dateSource]), [
    ['23:50', { year: 2021, month: 1, day: 30 }, 'heading'],
    ['00:10', { month: 1, day: 31 }, 'heading'],
    ['09:00', { month: 2, day: 1 }, 'heading'],
    ['10:00', { year: 2021, month: 2, day: 2 }, 'heading'],
    ['11:00', undefined, undefined],
  ]);
  assert.deepEqual(model.dateHeadings.map((d) => [d.text, d.kind, rangeText(model, d.range)]), [
    ['2021-01-30', 'heading', '2021-01-30'],
    ['January 31', 'heading', 'January 31'],
    ['Monday 1 February', 'paragraph', 'Monday 1 February'],
    ['2021-02-02', 'list-item', '2021-02-02'],
  ]);
  assert.deepEqual(model.timeline[0]!.dateRange, model.dateHeadings[0]!.range);
});

test('a declared zone applies to entries without one, and stays distinguishable', () => {
  for (const [sentence, zone, word] of [
    ['All times in PDT (UTC-7).', 'PDT', 'PDT'],
    ['All times are UTC.', 'UTC', 'UTC'],
    ['Times are in CET.', 'CET', 'CET'],
    ['_All timestamps are in UTC+2_', 'UTC+2', 'UTC+2'],
    ['## Timeline (UTC)', 'UTC', 'UTC'],
    ['Time zone: EST', 'EST', 'EST'],
  ] as const) {
    const model = modelOf(joinLines('# Outage', '', sentence, '', '- 10:00 a', '- 10:05 PST b'));
    assert.equal(model.declaredZone?.zone, zone, sentence);
    assert.equal(rangeText(model, model.declaredZone.range), word, sentence);
    assert.deepEqual(model.timeline.map((e) => [e.zone, e.zoneSource]), [[zone, 'declared'], ['PST', 'timestamp']], sentence);
  }
  for (const prose of ['We restarted it 3 times in UTC mornings.', 'The times are in question.', '```\nAll times are UTC\n```']) {
    assert.equal(modelOf(joinLines(prose, '', '- 10:00 a')).declaredZone, undefined, prose);
  }
});

test('front matter timezone is a declared zone', () => {
  const model = modelOf(joinLines('---', 'title: x', 'timezone: America/Los_Angeles', 'zone: PDT', '---', '', '- 10:00 a'));
  assert.equal(model.declaredZone?.zone, 'PDT');
  assert.equal(rangeText(model, model.declaredZone.range), 'PDT');
});

test('bad input: malformed tables, bare hashes, broken rows, deep nesting do not throw', () => {
  const inputs = [
    joinLines('| Time | Event |', '|---|', '| 10:00 | a |'),
    joinLines('| Time | Event |', '|---|---|', '| 10:00 | a | extra | cells |', '| 10:05', 'broken row continues', '| 10:10 | c |'),
    joinLines('| Time |', '|---|'),
    joinLines('###', '### ', '#### 10:00', '###'),
    '- \n- **\n- [\n- [10:00\n- **10:00 UTC:**\n',
    joinLines('**', '10:00', '**'),
    Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- 10:${String(i).padStart(2, '0')} x`).join('\n'),
  ];
  for (const input of inputs) {
    const model = modelOf(input);
    lint(model);
    for (const entry of model.timeline) assert.ok(entry.range.start.line <= entry.range.end.line);
  }
  assert.deepEqual(modelOf(joinLines('| Time | Event |', '|---|---|', '| 10:00 | a | extra |', '| 10:05')).timeline.map((e) => e.timeText), ['10:00', '10:05']);
});

test('huge inputs: a 2 000-row table and a 5 000-entry list are read in one pass', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `| ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | e${i} |`);
  const table = modelOf(joinLines('| Time (UTC) | Event |', '|---|---|', ...rows));
  assert.equal(table.timeline.length, 2000);
  const list = modelOf(Array.from({ length: 5000 }, (_, i) => `- ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC e${i}`).join('\n'));
  assert.equal(list.timeline.length, 5000);
});

test('adversarial 100 KB documents: headers, zone declarations, date lines and timestamped lines stay linear', () => {
  const inputs = [
    'times '.repeat(17000),
    'All times are '.repeat(7000),
    'Timeline ('.repeat(10000),
    `All times in ${' '.repeat(100000)}UTC`,
    '**2021-01-30**\n\n'.repeat(6000),
    `**${'*'.repeat(100000)}`,
    `| Time ${'('.repeat(50000)} |\n|---|\n| 10:00 |`,
    `---\ntimezone: ${'U'.repeat(100000)}\n---\n`,
    `---\nzone: UTC${' '.repeat(100000)}\n---\n`,
    '1:'.repeat(50000),
    `16:42 GST: a\n${'\r'.repeat(100000)}`,
  ];
  for (const input of inputs) {
    const root = parseMarkdown(input);
    const source = new Source(TextDocument.create('file:///x.md', 'markdown', 1, input));
    const frontMatter = readFrontMatter(root, source);
    const started = performance.now();
    readTimeline(root, [], frontMatter, source);
    readTimeHeader(input);
    const elapsed = performance.now() - started;
    // Catastrophic backtracking on 100 KB takes seconds to hours; 1 s leaves room for a loaded 2-core CI machine.
    assert.ok(elapsed < 1000, `${JSON.stringify(input.slice(0, 14))}…: ${elapsed.toFixed(1)} ms`);
  }
});

test('the Markdown corpus postmortem has no timeline: its times are prose', () => {
  const model = modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'), 'file:///work/postmortems/2020-12-11-all-services-outage.md');
  assert.deepEqual(model.timeline, []);
  assert.equal(model.declaredZone, undefined);
  assert.deepEqual(lint(model).filter((d) => ['PM003', 'PM004', 'PM009'].includes(String(d.code))), []);
});

test('every corpus file (Markdown, RST, text) reads without throwing; the RST bullets are one ordered UTC timeline', () => {
  const root = new URL('../fixtures/corpus/', import.meta.url);
  let read = 0;
  for (const folder of readdirSync(root)) {
    for (const name of readdirSync(new URL(`${folder}/`, root))) {
      read++;
      const model = modelOf(readFileSync(new URL(`${folder}/${name}`, root), 'utf8'), `file:///corpus/${name}`);
      const findings = lint(model).filter((d) => ['PM003', 'PM004', 'PM009'].includes(String(d.code)));
      assert.deepEqual(findings, [], name);
      if (name === '2021-07-11-cascading-node-failures.rst') {
        assert.deepEqual(
          model.timeline.map((e) => e.timeText),
          ['00:27 UTC', '00:32 UTC', '00:33 UTC', '00:42 UTC', '00:55 UTC', '01:01 UTC', '01:13 UTC', '06:36 UTC'],
        );
      } else {
        // Prose times ("At 14:30 we started…", "Mar 5, 2021 15:38 · 492 words") are not entries.
        assert.deepEqual(model.timeline, [], name);
      }
    }
  }
  assert.ok(read >= 10, `only ${read} corpus files`);
});

test('an entry in bold as a whole: the time is read, the bold kept out of its text, and a zone fix keeps the bold whole', () => {
  const model = modelOf(joinLines('## Timeline', '', '- **09:12: Deploy rolled back**', '- **09:20: Errors stop**'));
  assert.deepEqual(summary(model), [
    ['list', '09:12', '09:12', 'Deploy rolled back'],
    ['list', '09:20', '09:20', 'Errors stop'],
  ]);
  const zone = lint(model).find((d) => d.code === 'PM009')!;
  const [action] = codeActions(model, [zone]);
  assert.equal(
    TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!),
    joinLines('## Timeline', '', '- **09:12 UTC: Deploy rolled back**', '- **09:20 UTC: Errors stop**'),
  );
});

test('lines after an en dash or a bullet character, which Markdown does not read as a list, are entries', () => {
  const model = modelOf(joinLines('## Timeline', '', '– 10:00 UTC first errors', '– 10:05 UTC paged', '• 10:30 UTC resolved'));
  assert.deepEqual(summary(model).map(([kind, , time, text]) => [kind, time, text]), [
    ['lines', '10:00 UTC', 'first errors'],
    ['lines', '10:05 UTC', 'paged'],
    ['lines', '10:30 UTC', 'resolved'],
  ]);
});

test('a fenced block of timestamped lines under a timeline heading is a timeline; a log excerpt elsewhere is not', () => {
  const block = ['```', '10:00 UTC first errors', '10:05 UTC paged', '```'];
  const model = modelOf(joinLines('## Timeline', '', ...block));
  assert.deepEqual(summary(model).map(([, range, , text]) => [range, text]), [['10:00 UTC', 'first errors'], ['10:05 UTC', 'paged']]);
  assert.equal(model.timeline[0]!.timeRange.start.line, 3);
  assert.deepEqual(modelOf(joinLines('## Root cause', '', ...block)).timeline, []);
});

test('a date after the time orders entries across days: 15:10 3rd May, then 09:00 4th May', () => {
  const model = modelOf(joinLines('## Timeline', '', '- 15:10 UTC 3rd May: deploy', '- 09:00 UTC 4th May: errors', '- 09:30 UTC May 4, 2024: fixed'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.date]), [
    ['15:10 UTC 3rd May', { month: 5, day: 3 }],
    ['09:00 UTC 4th May', { month: 5, day: 4 }],
    ['09:30 UTC May 4, 2024', { year: 2024, month: 5, day: 4 }],
  ]);
  assert.deepEqual(lint(model).filter((d) => d.code === 'PM003'), []);
});

test('a paragraph of `21:14 - text<br>` runs: each <br> starts a line, wrapped text continues its entry', () => {
  const model = modelOf(joinLines('## Timeline', '', '21:14 - DNS changes take effect.<br> 21:20 - Monitoring sends a first', 'e-mail.<br> 21:27 - Second e-mail.'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.text]), [
    ['21:14', 'DNS changes take effect.'],
    ['21:20', 'Monitoring sends a first e-mail.'],
    ['21:27', 'Second e-mail.'],
  ]);
});

test('status-page updates in parentheses: `(7:30 UTC) text`; a zone fix keeps the parentheses', () => {
  const model = modelOf(joinLines('### June 2', '', '(7:20) Database failed over.', '', '(7:30) Operating normally.'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.format.brackets, e.text]), [
    ['7:20', '(', 'Database failed over.'],
    ['7:30', '(', 'Operating normally.'],
  ]);
  const zone = lint(model).find((d) => d.code === 'PM009')!;
  const [action] = codeActions(model, [zone]);
  assert.match(TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!), /^\(7:20 UTC\) Database failed over\.$/m);
});

test('military time with a zone or after an ISO date; four digits after a month and day are a year, alone a number', () => {
  const model = modelOf(joinLines('## Timeline', '', '- Feb 7 1300 UTC: upgrade height reached', '- 1415 UTC: validators restart', '- 0915Z next day', '', '- 2022-02-02 1625: e-mail received'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, clockOf(e)]), [
    ['Feb 7 1300 UTC', '13:00'],
    ['1415 UTC', '14:15'],
    ['0915Z', '9:15'],
    ['2022-02-02 1625', '16:25'],
  ]);
  assert.deepEqual(modelOf(joinLines('## Timeline', '', '- 2022: a bad year', '- 1500 users affected', '', '### June 25, 2020', '', 'Text.')).timeline, []);
});

test('clocks written 14h30 are times; 1h30m and 2h30 later are durations, not entries', () => {
  const model = modelOf(joinLines('## Timeline', '', '- 14h30 : deploy', '- 14h45 - errors rise', '- 1h30m of retries'));
  assert.deepEqual(model.timeline.map(clockOf), ['14:30', '14:45']);
  assert.equal(model.timeline[0]!.text, 'deploy');
});

test('a time given in a second zone is part of the timestamp, not of the event text', () => {
  const model = modelOf(joinLines('## Timeline', '', '- 09:15 UTC (18:15 JST): rollback'));
  assert.equal(model.timeline[0]!.text, 'rollback');
  assert.equal(model.timeline[0]!.zone, 'UTC');
  assert.deepEqual(model.timeline[0]!.alternate, { clock: { hour: 18, minute: 15 }, zone: 'JST' });
});

test('dates in numbers: the order is settled by the dates that read one way only; without any, month-first and PM019 says so once', () => {
  const dates = (...lines: string[]) => {
    const model = modelOf(joinLines('All times are UTC.', '', '## Timeline', '', ...lines));
    return { model, read: model.timeline.map((e) => `${e.date?.month}/${e.date?.day} ${e.date?.numeric}`), pm019: lint(model).filter((d) => d.code === 'PM019') };
  };
  const dayFirst = dates('- 30/09/2024 23:50: disk fills', '- 01/10/2024 00:10: rotated');
  assert.deepEqual(dayFirst.read, ['9/30 day-first', '10/1 day-first']);
  assert.deepEqual(dayFirst.pm019, []);
  const monthFirst = dates('- 09.30.2024 23:50: disk fills', '- 10.01.2024 00:10: rotated');
  assert.deepEqual(monthFirst.read, ['9/30 month-first', '10/1 month-first']);
  // A date heading in numbers is evidence too, and dates the entries under it.
  const heading = dates('**25-12-2023**', '', '- 10:00 a', '', '**03-01-2024**', '', '- 11:00 b');
  assert.deepEqual(heading.read, ['12/25 day-first', '1/3 day-first']);
  const unknown = dates('- 03/09/2024 23:50: disk fills', '- 04/09/2024 00:10: rotated');
  assert.deepEqual(unknown.read, ['3/9 either', '4/9 either']);
  assert.deepEqual(unknown.pm019.map((d) => [d.range.start.line, d.message]), [
    [4, '03/09/2024 reads as 2024-03-09 or 2024-09-03, and no other date here tells which; it is read as 2024-03-09. Write dates as YYYY-MM-DD.'],
  ]);
  // Said once, on the first: a date line above the entries, or a table's date column.
  const underHeading = dates('**03/09/2024**', '', '- 23:50 disk fills', '', '**04/09/2024**', '', '- 00:10 rotated');
  assert.deepEqual(underHeading.pm019.map((d) => [d.range.start.line, d.range.start.character]), [[4, 2]]);
  const column = dates('| Date | Time | Event |', '| --- | --- | --- |', '| 03/09/2024 | 23:50 | disk fills |', '| 04/09/2024 | 00:10 | rotated |');
  assert.deepEqual(column.pm019.map((d) => [d.range.start.line, d.range.start.character]), [[6, 2]]);
});

test('offsets from the start (T+45m, **T+1h05m:**, (+2h)) are entries placed after the start; they need no zone and are ordered by offset', () => {
  const model = modelOf(joinLines('# 2024-03-02: Outage', '', '## Timeline', '', '- T+0: Deploy starts', '- T+12m: Errors rise, on-call paged', '- **T+1h05m:** Rolled back', '- (+26h) Restored'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.relative, e.text]), [
    ['T+0', 0, 'Deploy starts'],
    ['T+12m', 12, 'Errors rise, on-call paged'],
    ['T+1h05m', 65, 'Rolled back'],
    ['+26h', 1560, 'Restored'],
  ]);
  assert.deepEqual(lint(model).filter((d) => d.code === 'PM009' || d.code === 'PM003'), []);
  const placed = placeEntries(model);
  assert.deepEqual(placed.map((p) => p.at - placed[0]!.at), [0, 12, 65, 1560]);
  const unordered = lint(modelOf(joinLines('## Timeline', '', '- T+5m: a', '- T+1h: b', '- T+30m: c', '- T+2h: d')));
  assert.deepEqual(unordered.filter((d) => d.code === 'PM003').map((d) => d.range.start.line), [4]);
  // Prose and numbers are not offsets: `+2h` needs brackets or bold, and T+ needs an amount.
  assert.deepEqual(modelOf(joinLines('## Timeline', '', '- +2h of retries', '- T+ later')).timeline, []);
});

test('a timestamp heading keeps the inline formatting of its title; a trailing comment is not part of it', () => {
  const model = modelOf(
    joinLines('## Timeline', '', '### 13:40 UTC Failover to *replica* <!-- checked -->', '', 'The database failed over.', '', '### 13:50 UTC Recovered', '', '## Impact', '', 'None.'),
  );
  assert.deepEqual(
    model.timeline.map((e) => e.text),
    ['Failover to *replica* The database failed over.', 'Recovered'],
  );
});

test('timestamp sub-headings under a new parent heading open a new run', () => {
  const model = modelOf(joinLines('## Timeline', '', '### 13:35 Incident', '', '#### 13:36 Paged', '', '### 13:40 Mitigation', '', '#### 13:41 Rolled back'));
  const ids = model.timeline.map((e) => e.timelineId);
  assert.deepEqual(model.timeline.map((e) => e.timeText), ['13:35', '13:36', '13:40', '13:41']);
  assert.equal(ids[0], ids[2], 'the ### headings are one run');
  assert.equal(new Set(ids).size, 3, 'each #### run is a timeline of its own');
});

test('entries are in document order, a nested timeline between the items of its parent list', () => {
  const model = modelOf(joinLines('## Timeline', '', '- 10:00 Alerts fire', '  - 10:01 Pager', '  - 10:02 Ack', '- 10:05 Rollback'));
  assert.deepEqual(model.timeline.map((e) => e.timeText), ['10:00', '10:01', '10:02', '10:05']);
  assert.equal(new Set(model.timeline.map((e) => e.timelineId)).size, 2);
});

test('only a list item that is a date and has a list under it dates that list', () => {
  const model = modelOf(joinLines('## Timeline', '', '- Remediation', '  - 10:00 Restarted', '- 2021-01-30', '- 10:05 Paged'));
  assert.deepEqual(model.dateHeadings, []);
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.date, e.dateRange]), [
    ['10:00', undefined, undefined],
    ['10:05', undefined, undefined],
  ]);
});

test('a paragraph with a bold date and more words is not a date heading', () => {
  for (const prose of ['**2021-01-30** was a Saturday.', 'Last edited **2021-01-30**']) {
    const model = modelOf(joinLines('## Timeline', '', prose, '', '- 10:00 Alerts fire'));
    assert.deepEqual(model.dateHeadings, [], prose);
    assert.equal(model.timeline[0]!.date, undefined, prose);
  }
});

test('a fenced block under the timeline heading whose lines have no times is no timeline', () => {
  const model = modelOf(joinLines('## Timeline', '', '```', 'connection refused', 'retrying', '```', '', '- 10:00 Alerts fire'));
  assert.deepEqual(model.timelines.map((t) => t.kind), ['list']);
  assert.deepEqual(model.timeline.map((e) => e.timeText), ['10:00']);
});

test('a timestamped line covers its text, not its indentation or trailing spaces', () => {
  const model = modelOf(joinLines('## Timeline', '', '```', '10:00 UTC: Alerts fire   ', '  10:05 UTC: Paged', '```'));
  assert.deepEqual(model.timeline.map((e) => rangeText(model, e.range)), ['10:00 UTC: Alerts fire', '10:05 UTC: Paged']);
});

test('an undated entry has no date range; one under a date heading has the heading\'s', () => {
  const model = modelOf(joinLines('## Timeline', '', '- 09:00 Before any date', '', '### 2021-01-30', '', '- 10:00 Alerts fire'));
  assert.deepEqual(model.timeline.map((e) => e.dateRange && rangeText(model, e.dateRange)), [undefined, '2021-01-30']);
});

test('a zoned timestamp heading gives its zone to the entries under it that have none', () => {
  const model = modelOf(joinLines('## Timeline', '', '### 22:04 UTC: Split found', '', '- 22:05: Paged', '- 22:06 PST: Vendor replies', '- 22:07: Rolled back'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.zone, e.zoneSource]), [
    ['22:04 UTC', 'UTC', 'timestamp'],
    ['22:05', 'UTC', 'header'],
    ['22:06 PST', 'PST', 'timestamp'],
    ['22:07', 'UTC', 'header'],
  ]);
});

test('declared zones: a time zone database name of three parts; a name later in the sentence is none; a lowercase word is none', () => {
  const deep = modelOf(joinLines('# Outage', '', 'All times are America/Argentina/Buenos_Aires.', '', '- 10:00 a'));
  assert.equal(deep.declaredZone?.zone, 'America/Argentina/Buenos_Aires');
  assert.equal(rangeText(deep, deep.declaredZone.range), 'America/Argentina/Buenos_Aires');
  for (const prose of ['All times are approximate, from the US/Pacific office logs.', 'All times are est (UTC-5).']) {
    assert.equal(modelOf(joinLines('# Outage', '', prose, '', '- 10:00 a')).declaredZone, undefined, prose);
  }
});

test('front matter time_zone is a declared zone', () => {
  const model = modelOf(joinLines('---', 'title: x', 'time_zone: PDT', '---', '', '- 10:00 a'));
  assert.equal(model.declaredZone?.zone, 'PDT');
  assert.equal(rangeText(model, model.declaredZone.range), 'PDT');
});

test('metadata lines that state the incident\'s times: every key for a start, a detection and an end is read; other keys are not', () => {
  const keys: Array<[string, string]> = [
    ['Start', 'start'], ['Started', 'start'], ['Start time', 'start'], ['Started at', 'start'], ['Began', 'start'],
    ['Impact start', 'start'], ['Impact started', 'start'], ['Impact began', 'start'], ['Incident start', 'start'], ['Outage started', 'start'],
    ['Detected', 'detection'], ['Detected at', 'detection'], ['Detection', 'detection'], ['Detection time', 'detection'], ['Alerted', 'detection'],
    ['Alerted at', 'detection'], ['First alert', 'detection'],
    ['Resolved', 'resolution'], ['Resolved at', 'resolution'], ['Resolution time', 'resolution'], ['End', 'resolution'], ['Ended', 'resolution'],
    ['End time', 'resolution'], ['Ended at', 'resolution'], ['Mitigated', 'resolution'], ['Mitigated at', 'resolution'], ['Recovered', 'resolution'],
    ['Recovered at', 'resolution'], ['Fixed', 'resolution'], ['Fixed at', 'resolution'], ['Incident end', 'resolution'], ['Incident ended', 'resolution'],
    ['Outage end', 'resolution'], ['Outage ended', 'resolution'],
  ];
  for (const [key, role] of keys) {
    const stated = modelOf(joinLines('# Outage', '', `**${key}:** 09:41 UTC`, '', '## Impact', '', 'Errors.')).statedTimes;
    assert.deepEqual(stated.map((t) => [t.role, t.timeText]), [[role, '09:41 UTC']], key);
  }
  // Keys that only begin or end like one: a date, who ended it, what was fixed.
  for (const key of ['Start date', 'Ended by', 'Fixed in', 'Restarted', 'Undetected', 'Last resolved']) {
    assert.deepEqual(modelOf(joinLines('# Outage', '', `**${key}:** 09:41 UTC`, '', '## Impact', '', 'Errors.')).statedTimes, [], key);
  }
});

test('timestamp headings: plain ones open a run; a date heading of the same level dates the ones after it', () => {
  const plain = modelOf(joinLines('## Timeline', '', '### 14:30 Deploy', '', 'Went out.', '', '### 14:40 Rollback', '', 'Back.'));
  assert.deepEqual(summary(plain), [
    ['headings', '14:30', '14:30', 'Deploy Went out.'],
    ['headings', '14:40', '14:40', 'Rollback Back.'],
  ]);
  const dated = modelOf(joinLines('## Timeline', '', '### 2024-03-05', '', '### 10:00 UTC deploy', '', 'text', '', '### 10:20 UTC rollback'));
  assert.deepEqual(dated.timeline.map((e) => [e.timeText, e.date, e.dateSource, rangeText(dated, e.dateRange!)]), [
    ['10:00 UTC', { year: 2024, month: 3, day: 5 }, 'heading', '2024-03-05'],
    ['10:20 UTC', { year: 2024, month: 3, day: 5 }, 'heading', '2024-03-05'],
  ]);
});

test('a fenced block of timestamped lines is a timeline of lines; dotted times alone are not a timeline, in brackets they are', () => {
  const fenced = modelOf(joinLines('## Timeline', '', '```', '10:00 UTC deploy', '10:05 UTC rollback', '```'));
  assert.deepEqual([fenced.timelines.map((t) => t.kind), fenced.timeline.map((e) => e.kind)], [['lines'], ['lines', 'lines']]);
  assert.deepEqual(modelOf(joinLines('## Timeline', '', '14.43 deploy', '14.50 rollback')).timeline, []);
  const bracketed = modelOf(joinLines('## Timeline', '', '- [14.43] deploy', '- [14.50] rollback'));
  assert.deepEqual(bracketed.timeline.map((e) => [e.timeText, e.dotted]), [['14.43', true], ['14.50', true]]);
});

test('a list item whose time starts on its second line keeps that line\'s indent as its lead; a written date has its own range', () => {
  const model = modelOf(joinLines('## Timeline', '', '-', '  10:00 UTC deploy', '- 2024-03-05 10:05 UTC rollback'));
  assert.deepEqual(model.timeline.map((e) => [e.format.lead, e.dateRange && rangeText(model, e.dateRange)]), [['  ', undefined], ['- ', '2024-03-05']]);
});

test('zone declarations: in a list item, after two spaces, after a sentence without a space; a front matter zone\'s range is its value', () => {
  assert.deepEqual(declared('- All times are UTC.'), ['UTC', 'UTC']);
  assert.deepEqual(declared('All  times are UTC.'), ['UTC', 'UTC']);
  assert.deepEqual(declared('Note.Times are UTC.'), ['UTC', 'UTC']);
  assert.deepEqual(declared('Note:  times are UTC.'), ['UTC', 'UTC']);
  assert.equal(declared('We retried 3 times in UTC+2 mornings.'), undefined);
  const front = modelOf(joinLines('---', 'timezone: "UTC "', '---', '# Outage', '', '## Timeline', '', '- 10:00 deploy'));
  assert.equal(rangeText(front, front.declaredZone!.range), 'UTC');
});

test('time column headers: a zone in brackets or after "in"; words after the brackets, or before them, make it no time column', () => {
  assert.deepEqual(readTimeHeader('Time ( UTC )'), { word: 'time', zone: 'UTC' });
  assert.deepEqual(readTimeHeader('Time in (UTC)'), { word: 'time', zone: 'UTC' });
  assert.deepEqual(readTimeHeader('Time (approx.)'), { word: 'time' });
  assert.equal(readTimeHeader('Time (UTC) approx'), undefined);
  assert.equal(readTimeHeader('Time x (approx.)'), undefined);
});

test('heading entries: a dotted time counts in a run of timestamp headings; an entry runs on over its sub-headings', () => {
  const run = modelOf(joinLines('## Timeline', '', '### 14:30 a', '', 'x', '', '### 14.40 b', '', 'y'));
  assert.deepEqual(run.timeline.map((e) => [e.timeText, e.text, e.dotted]), [['14:30', 'a x', undefined], ['14.40', 'b y', true]]);
  const nested = modelOf(joinLines('## Timeline', '', '### 10:00 UTC a', '', '#### Details', '', 'text', '', '### 10:20 UTC b'));
  assert.deepEqual(nested.timeline.map((e) => [e.timeText, e.range.start.line, e.range.end.line]), [['10:00 UTC', 2, 6], ['10:20 UTC', 8, 8]]);
});

test('a date inside a bold timestamp has its own range; dotted times in bold are a timeline', () => {
  const bold = modelOf(joinLines('## Timeline', '', '- **2024-03-05 10:05 UTC:** rollback', '- **2024-03-05 10:15 UTC:** done'));
  assert.deepEqual(bold.timeline.map((e) => rangeText(bold, e.dateRange!)), ['2024-03-05', '2024-03-05']);
  const dotted = modelOf(joinLines('## Timeline', '', '- **14.43** deploy', '- **14.50** rollback'));
  assert.deepEqual(dotted.timeline.map((e) => [e.timeText, e.dotted]), [['14.43', true], ['14.50', true]]);
});

test('front matter times are data, not stated lines: only lines under the title state times', () => {
  const model = modelOf(joinLines('---', 'started: 09:41 UTC', 'resolved: 10:10 UTC', '---', '# Outage', '', '**Detected:** 09:50 UTC', '', '## Timeline', '', '- 09:41 UTC: a'));
  assert.deepEqual(model.statedTimes.map((t) => [t.role, t.timeText]), [['detection', '09:50 UTC']]);
});

test('a date heading dates what lies under it: not a timestamp heading above its level, still the entries under a deeper heading', () => {
  const above = modelOf(joinLines('## Timeline', '', '#### 2024-03-05', '', '### 10:00 UTC a', '', '### 10:10 UTC b'));
  assert.deepEqual(above.timeline.map((e) => [e.timeText, e.date]), [['10:00 UTC', undefined], ['10:10 UTC', undefined]]);
  const deeper = modelOf(joinLines('## Timeline', '', '### 2024-03-05', '', '#### Notes', '', '- 10:00 UTC a', '- 10:10 UTC b'));
  assert.deepEqual(deeper.timeline.map((e) => [e.timeText, e.date]), [['10:00 UTC', { year: 2024, month: 3, day: 5 }], ['10:10 UTC', { year: 2024, month: 3, day: 5 }]]);
});

test('a table with a zoned date column and a time column: the time column is the time, the date column dates the rows', () => {
  const model = modelOf(joinLines('## Timeline', '', '| Date (UTC) | Time | Event |', '| --- | --- | --- |', '| 2024-03-05 | 10:00 | a |', '| 2024-03-05 | 10:10 | b |'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.date, e.dateSource]), [
    ['10:00', { year: 2024, month: 3, day: 5 }, 'column'],
    ['10:10', { year: 2024, month: 3, day: 5 }, 'column'],
  ]);
});

test('a declared zone with an offset is read whole, however the offset is spaced; a bracketed offset after a name is the name\'s', () => {
  assert.deepEqual(declared('All times are UTC+5:30.'), ['UTC+5:30', 'UTC+5:30']);
  assert.deepEqual(declared('All times are UTC + 5.'), ['UTC+5', 'UTC + 5']);
  assert.deepEqual(declared('All times are UTC+0530.'), ['UTC+0530', 'UTC+0530']);
  assert.deepEqual(declared('All times are UTC+10.'), ['UTC+10', 'UTC+10']);
  assert.deepEqual(declared('All times are UTC−7.'), ['UTC-7', 'UTC−7']);
  assert.deepEqual(declared('All times are PDT (UTC−07:00).'), ['PDT', 'PDT']);
});

test('a zoned timestamp heading\'s zone reaches entries under its sub-headings, and ends at the next H2', () => {
  const model = modelOf(joinLines('## Timeline', '', '### 22:04 UTC: Split found', '', '#### Details', '', '- 22:05: Paged', '', '## Follow-up', '', '- 22:30: Review'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.zone, e.zoneSource]), [
    ['22:04 UTC', 'UTC', 'timestamp'],
    ['22:05', 'UTC', 'header'],
    ['22:30', undefined, undefined],
  ]);
});

test('zone declarations: in a quote; "timeline" anywhere in a sentence; a long run of words before the zone', () => {
  assert.deepEqual(declared('> All times are UTC.'), ['UTC', 'UTC']);
  // "times" must open the sentence ("we retried 3 times in UTC+2 mornings" is none); "timeline" need not.
  assert.deepEqual(declared('The full timeline below is in CET.'), ['CET', 'CET']);
  assert.deepEqual(declared('Timestamps in this postmortem are normalised to UTC.'), ['UTC', 'UTC']);
});

test('a heading: a lone dotted time in bold is an entry; an H1 date is a title, not a date that dates entries', () => {
  const bold = modelOf(joinLines('## Timeline', '', '### **14.40** Failover'));
  assert.deepEqual(bold.timeline.map((e) => [e.timeText, e.dotted, e.text]), [['14.40', true, 'Failover']]);
  const title = modelOf(joinLines('# 2024-03-05', '', '## Timeline', '', '- 10:00 UTC deploy'));
  assert.deepEqual([title.dateHeadings, title.timeline.map((e) => e.date)], [[], [undefined]]);
});

test('fenced timelines: an unclosed fence runs to the end and every line counts; an indented code block is not read', () => {
  const unclosed = modelOf(joinLines('## Timeline', '', '```', '10:00 UTC deploy', '10:05 UTC rollback', '10:09 UTC done'));
  assert.deepEqual(unclosed.timeline.map((e) => e.timeText), ['10:00 UTC', '10:05 UTC', '10:09 UTC']);
  const indented = modelOf(joinLines('## Timeline', '', '    10:00 UTC deploy', '    10:05 UTC rollback', '    10:09 UTC done'));
  assert.deepEqual([indented.timeline, indented.timelines], [[], []]);
});

test('stated times: spaces after the key, a date before the time; the clock\'s range is the clock', () => {
  const model = modelOf(joinLines('# Outage', '', '**Detected:**  2024-03-05 09:50 UTC', '', '## Impact', '', 'Errors.'));
  assert.deepEqual(model.statedTimes.map((t) => [t.role, t.timeText, rangeText(model, t.timeRange), rangeText(model, t.clockRange)]), [
    ['detection', '2024-03-05 09:50 UTC', '2024-03-05 09:50 UTC', '09:50'],
  ]);
});

test('a date heading in numbers that reads both ways is settled with the entries', () => {
  const model = modelOf(joinLines('All times are UTC.', '', '## Timeline', '', '**25-12-2023**', '', '- 10:00 a', '', '**03-01-2024**', '', '- 11:00 b'));
  assert.deepEqual(model.dateHeadings.map((h) => [h.text, h.date.month, h.date.day, h.date.numeric]), [
    ['25-12-2023', 12, 25, 'day-first'],
    ['03-01-2024', 1, 3, 'day-first'],
  ]);
});

test('time column headers: decoration before the word; "in" or "all" before the zone', () => {
  assert.deepEqual(readTimeHeader('⏱️ Time (UTC)'), { word: 'time', zone: 'UTC' });
  assert.deepEqual(readTimeHeader('🕐 When'), { word: 'when' });
  assert.deepEqual(readTimeHeader('Time (in UTC)'), { word: 'time', zone: 'UTC' });
  assert.deepEqual(readTimeHeader('Time (all PDT)'), { word: 'time', zone: 'PDT' });
});

test('an entry before any heading has no section at all, as a kept entry moved there has none', () => {
  const model = modelOf(joinLines('- 10:00 UTC deploy', '- 10:05 UTC rollback'));
  assert.deepEqual(model.timeline.map((e) => Object.hasOwn(e, 'section')), [false, false]);
});

test('a timeline runs over every block it continues into: paragraphs of lines, a run of timestamp headings', () => {
  const lines = modelOf(joinLines('## Timeline', '', '08:00 - Load rises', '08:05 - Paged', '', '08:30 - Scaled out'));
  assert.deepEqual(lines.timelines.map((t) => [t.kind, t.range.start.line, t.range.end.line]), [['lines', 2, 5]]);
  const headings = modelOf(joinLines('## Timeline', '', '### 14:30 Deploy', '', 'Went out.', '', '### 14:40 Rollback', '', 'Back.'));
  assert.deepEqual(headings.timelines.map((t) => [t.kind, t.range.start.line, t.range.end.line]), [['headings', 2, 8]]);
});

test('zone declarations: words spaced twice, a bracket, no space after the colon, "the … zone"; "timestamps" inside a sentence is none', () => {
  assert.deepEqual(declared('Times  below  are  shown  in  UTC.'), ['UTC', 'UTC']);
  assert.deepEqual(declared('Times in  this  report are CET.'), ['CET', 'CET']);
  assert.deepEqual(declared('All times are (in  UTC).'), ['UTC', 'UTC']);
  assert.deepEqual(declared('Time zone:UTC'), ['UTC', 'UTC']);
  assert.deepEqual(declared('Timestamps are in the UTC zone.'), ['UTC', 'UTC']);
  assert.equal(declared('We compared the 3 timestamps in UTC+2 logs.'), undefined);
  const front = modelOf(joinLines('---', 'timeZone: PDT', '---', '# Outage', '', '## Timeline', '', '- 10:00 deploy'));
  assert.deepEqual([front.declaredZone?.zone, rangeText(front, front.declaredZone!.range)], ['PDT', 'PDT']);
});

test('lines: a lone dotted time in bold is an entry; a blank line in a fenced block is not part of the entry above; an indented fence is a fence', () => {
  const bold = modelOf(joinLines('## Timeline', '', '**14.30** deploy'));
  assert.deepEqual(bold.timeline.map((e) => [e.timeText, e.dotted, e.text]), [['14.30', true, 'deploy']]);
  const blank = modelOf(joinLines('## Timeline', '', '```', '10:00 UTC deploy', '', '10:05 UTC rollback', '```'));
  assert.deepEqual(blank.timeline.map((e) => rangeText(blank, e.range)), ['10:00 UTC deploy', '10:05 UTC rollback']);
  const indented = modelOf(joinLines('## Timeline', '', '  ```', '  10:00 UTC deploy', '  10:05 UTC rollback', '  ```'));
  assert.deepEqual(indented.timeline.map((e) => e.timeText), ['10:00 UTC', '10:05 UTC']);
});

test('stated times: a key whose value is no time states none', () => {
  assert.deepEqual(modelOf(joinLines('# Outage', '', '**Detected:** by a customer', '', '## Impact', '', 'Errors.')).statedTimes, []);
});

test('dates in numbers with evidence both ways stay undecided', () => {
  const model = modelOf(joinLines('All times are UTC.', '', '## Timeline', '', '- 30/09/2024 23:50: a', '- 09.30.2024 23:55: b', '- 03/04/2024 10:00: c'));
  assert.deepEqual(model.timeline.map((e) => e.date?.numeric), ['day-first', 'month-first', 'either']);
});

test('a heading ends before a trailing comment: a timestamp heading\'s text, a date heading\'s range', () => {
  const model = modelOf(joinLines('## Timeline', '', '### 2024-03-05 <!-- from the chat log -->', '', '### 13:40 UTC deploy <!-- paged -->', '', '### 13:50 UTC rollback'));
  assert.deepEqual(model.timeline.map((e) => [e.timeText, e.text]), [['13:40 UTC', 'deploy'], ['13:50 UTC', 'rollback']]);
  assert.deepEqual(model.dateHeadings.map((h) => [h.text, rangeText(model, h.range)]), [['2024-03-05', '2024-03-05']]);
});

test('time tables: "Update" and "Day shift" columns are text, not dates; a date cell that is no date gives no date range', () => {
  const update = modelOf(joinLines('## Timeline', '', '| Time | Update |', '| --- | --- |', '| 10:00 UTC | Paged |', '| 10:10 UTC | Fixed |'));
  assert.deepEqual(update.timeline.map((e) => e.text), ['Paged', 'Fixed']);
  const shift = modelOf(joinLines('## Timeline', '', '| Time | Day shift | Event |', '| --- | --- | --- |', '| 10:00 UTC | Ana | Paged |', '| 10:10 UTC | Ana | Fixed |'));
  assert.deepEqual(shift.timeline.map((e) => e.text), ['Ana | Paged', 'Ana | Fixed']);
  const undated = modelOf(joinLines('## Timeline', '', '| Date | Time | Event |', '| --- | --- | --- |', '| n/a | 10:00 UTC | Paged |', '| 2024-03-05 | 10:10 UTC | Fixed |'));
  assert.deepEqual(undated.timeline.map((e) => [e.date, e.dateRange && rangeText(undated, e.dateRange)]), [[undefined, undefined], [{ year: 2024, month: 3, day: 5 }, '2024-03-05']]);
});
