import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalMarkdown, runSync } from '../../server/src/model/incremental';
import { parsePostmortem, readPostmortem } from '../../server/src/model/parse';
import { ReaderCache } from '../../server/src/model/readerCache';
import type { PostmortemDocument } from '../../server/src/model/types';
import { builtInTemplate } from '../../server/src/templates/index';
import { joinLines } from './util';

// The timeline reader keeps what each region of a document read (timeline/regions.ts) and, on the next version, puts
// the unchanged regions back, moved to where they are now. These tests edit small documents the way the server does
// (an incremental parse and one ReaderCache per document) and check that the result equals a fresh parse, and that
// what the edit did not touch was not read again.

const template = builtInTemplate('python-discord');
const uri = 'file:///work/repo/postmortems/2021-01-30-outage.md';

/** One open document: each call parses the next version incrementally, with the cache, as the server does. */
function openDocument(): (text: string) => PostmortemDocument {
  const parser = new IncrementalMarkdown({ minChunk: 0 });
  const cache = new ReaderCache();
  let version = 0;
  return (text) => readPostmortem(runSync(parser.update(text)), TextDocument.create(uri, 'markdown', ++version, text), template, cache);
}

const timelineOf = (model: PostmortemDocument) => ({ timeline: model.timeline, timelines: model.timelines, dateHeadings: model.dateHeadings });

/** The incremental model's timeline, timelines (with their ranges and table headers) and date headings equal a fresh parse's. */
function assertFresh(model: PostmortemDocument): void {
  assert.deepEqual(timelineOf(model), timelineOf(parsePostmortem(model.document, template)), `text: ${JSON.stringify(model.document.getText())}`);
}

const lineOf = (model: PostmortemDocument, text: string) => model.document.getText().split('\n').indexOf(text);

test('lines inserted above a list timeline move its replayed entries, timeline and date heading down', () => {
  const open = openDocument();
  const body = ['## 2021-01-30', '', '- 10:00 UTC Alerts fire', '- 10:05 UTC Rollback starts', '', '## Impact', '', 'Users saw errors.'];
  const before = open(joinLines('# Outage', '', ...body));
  assertFresh(before);
  const after = open(joinLines('# Outage', '', 'A summary paragraph', 'of two lines.', '', ...body));
  assertFresh(after);
  assert.deepEqual(
    after.timeline.map((entry) => [entry.range.start.line, entry.timeRange.start.line, entry.dateRange?.start.line]),
    [
      [lineOf(after, '- 10:00 UTC Alerts fire'), lineOf(after, '- 10:00 UTC Alerts fire'), lineOf(after, '## 2021-01-30')],
      [lineOf(after, '- 10:05 UTC Rollback starts'), lineOf(after, '- 10:05 UTC Rollback starts'), lineOf(after, '## 2021-01-30')],
    ],
  );
  assert.deepEqual(after.dateHeadings.map((heading) => heading.range.start.line), [lineOf(after, '## 2021-01-30')]);
});

test('a table timeline moved down keeps its time header on the header row', () => {
  const open = openDocument();
  const table = ['## Timeline', '', '| Time (UTC) | Event |', '| --- | --- |', '| 13:35 | Paged |', '| 13:40 | Mitigated |', '', '## Impact', '', 'None.'];
  assertFresh(open(joinLines('# Outage', '', ...table)));
  const after = open(joinLines('# Outage', '', 'Inserted line one.', '', 'Inserted line two.', '', ...table));
  assertFresh(after);
  const header = after.timelines[0]?.table?.timeHeader;
  assert.ok(header, 'the table timeline has a time header');
  assert.equal(header.range.start.line, lineOf(after, '| Time (UTC) | Event |'));
  assert.equal(after.timelines[0]!.range.start.line, lineOf(after, '| Time (UTC) | Event |'));
});

test('changing a date heading re-dates the unchanged list below it', () => {
  const open = openDocument();
  const list = ['', '- 10:00 Alerts fire', '- 10:05 Rollback starts', '', '## Impact', '', 'Users saw errors.'];
  assertFresh(open(joinLines('# Outage', '', '## Timeline', '', '### 2021-01-30', ...list)));
  const after = open(joinLines('# Outage', '', '## Timeline', '', '### 2021-01-31', ...list));
  assertFresh(after);
  assert.deepEqual(
    after.timeline.map((entry) => entry.date),
    after.timeline.map(() => ({ year: 2021, month: 1, day: 31 })),
  );
});

test('a region that ends the document is replayed when lines are inserted above it, and re-read when blocks follow it', () => {
  const open = openDocument();
  const timeline = ['## Timeline', '', '### 2021-01-30', '', '- 10:00 UTC Alerts fire', '- 10:05 UTC Rollback starts'];
  assertFresh(open(joinLines('# Outage', '', ...timeline)));
  const moved = open(joinLines('# Outage', '', 'Summary line.', '', ...timeline));
  assertFresh(moved);
  assert.equal(moved.timeline[1]!.range.start.line, lineOf(moved, '- 10:05 UTC Rollback starts'));
  // The date heading is still in force for a paragraph of timestamped lines added after the list.
  const extended = open(joinLines('# Outage', '', 'Summary line.', '', ...timeline, '', '10:20 UTC: Resolved'));
  assertFresh(extended);
  assert.equal(extended.timeline.length, 3);
});

test('an H2 added after a region, then removed, gives what a fresh parse gives', () => {
  const open = openDocument();
  const head = ['# Outage', '', '## Timeline', '', '### 2021-01-30', '', '- 10:00 UTC Alerts fire'];
  const tail = ['', '10:20 UTC: Resolved', '10:25 UTC All clear'];
  assertFresh(open(joinLines(...head, ...tail)));
  const added = open(joinLines(...head, '', '## Impact', ...tail));
  assertFresh(added);
  const removed = open(joinLines(...head, ...tail));
  assertFresh(removed);
  assert.ok(removed.timeline.every((entry) => entry.date?.day === 30), 'the date heading dates the lines again once the H2 is gone');
});

test('an edit in a later section reads again only that section: the entries of the regions before are kept as they were', () => {
  const open = openDocument();
  const text = (impact: string) =>
    joinLines(
      '# Outage',
      '',
      '## Timeline',
      '',
      '- 09:00 UTC First timeline',
      '',
      '### Notes',
      '',
      '- 09:30 UTC Under notes',
      '',
      '## 2021-01-30',
      '',
      '- 10:00 UTC Alerts fire',
      '- 10:05 UTC Rollback starts',
      '',
      '## Impact',
      '',
      impact,
    );
  const before = open(text('Users saw errors.'));
  const after = open(text('Users saw many errors.'));
  assertFresh(after);
  // The undated list (its region ends at the H3, with nothing in force) and the dated one (its region ends at the H2
  // below it, with a date in force) are both put back as they were.
  assert.equal(after.timeline.length, 4);
  for (let i = 0; i < after.timeline.length; i++) assert.equal(after.timeline[i], before.timeline[i], `entry ${i} is the kept object`);
});

test('an edit inside a region that does not change its first block reads the region again', () => {
  const open = openDocument();
  const text = (second: string) => joinLines('# Outage', '', '## Timeline', '', '### 2021-01-30', '', '- 10:00 UTC Alerts fire', '', second, '', '## Impact', '', 'None.');
  assertFresh(open(text('10:20 UTC: Resolved')));
  const after = open(text('10:30 UTC: Resolved'));
  assertFresh(after);
  assert.deepEqual(
    after.timeline.map((entry) => entry.timeText),
    ['10:00 UTC', '10:30 UTC'],
  );
});

test('an edit under an H3 after a timeline with nothing in force leaves the timeline above it as it was', () => {
  const open = openDocument();
  const text = (note: string) => joinLines('# Outage', '', '## Timeline', '', '- 10:00 UTC Alerts fire', '- 10:05 UTC Rollback starts', '', '### Notes', '', note);
  const before = open(text('The pager was slow.'));
  const after = open(text('The pager was very slow.'));
  assertFresh(after);
  assert.equal(after.timeline.length, 2);
  for (let i = 0; i < after.timeline.length; i++) assert.equal(after.timeline[i], before.timeline[i], `entry ${i} is the kept object`);
});
