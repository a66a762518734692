// Each format's timeline reader on its own block, with no other reader involved: what model/timeline.ts composes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Code, Heading, List, Paragraph, Root, Table } from 'mdast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseMarkdown } from '../../server/src/model/markdown';
import { findTitleHeading, readSections } from '../../server/src/model/sections';
import { Source } from '../../server/src/model/source';
import { readHeading } from '../../server/src/model/timeline/headings';
import { readCode, readDateParagraph, readParagraph, readStampedLines } from '../../server/src/model/timeline/lines';
import { readList } from '../../server/src/model/timeline/lists';
import { TimelineReader } from '../../server/src/model/timeline/reader';
import { readTable } from '../../server/src/model/timeline/tables';
import { readDeclaredZone } from '../../server/src/model/timeline/zones';

function readerFor(...lines: string[]): { reader: TimelineReader; root: Root } {
  const text = lines.join('\n');
  const source = new Source(TextDocument.create('file:///t.md', 'markdown', 1, text));
  const root = parseMarkdown(text);
  const sections = readSections(root, findTitleHeading(root), source);
  return { reader: new TimelineReader(root.children, sections, source), root };
}

const read = (reader: TimelineReader) => reader.entries.map((e) => [e.kind, e.timeText, e.text, e.date ? `${e.date.month}/${e.date.day}` : '', e.zone ?? '']);

test('tables reader: the time column, a date column beside it, the header zone, the other cells as text', () => {
  const { reader, root } = readerFor('| Date | Time (UTC) | Event | Who |', '|---|---|---|---|', '| 2024-03-01 | 23:50 | Disk fills | ops |', '| 2024-03-02 | 00:10 | Rotated | |', '| | not a time | skipped | |');
  readTable(reader, root.children[0] as Table);
  assert.deepEqual(read(reader), [
    ['table', '23:50', 'Disk fills | ops', '3/1', 'UTC'],
    ['table', '00:10', 'Rotated', '3/2', 'UTC'],
  ]);
  assert.equal(reader.timelines[0]!.table!.timeColumn, 1);
  assert.equal(reader.timelines[0]!.table!.dateColumn, 0);
});

test('tables reader: a table without a time column is no timeline', () => {
  const { reader, root } = readerFor('| Owner | Ticket |', '|---|---|', '| 10:00 | OPS-1 |');
  readTable(reader, root.children[0] as Table);
  assert.equal(reader.entries.length, 0);
  assert.equal(reader.timelines.length, 0);
});

test('lists reader: a dated item dates the list under it; tasks are never entries; dotted times only beside real ones', () => {
  const { reader, root } = readerFor('- **Tuesday 3 May 2022**', '  - 09:00 Deploy', '  - 09.40 Rollback', '  - [ ] 10:00 Follow up', '- 10.15 lone dotted number');
  readList(reader, root.children[0] as List);
  assert.deepEqual(read(reader), [
    ['list', '09:00', 'Deploy', '5/3', ''],
    ['list', '09.40', 'Rollback', '5/3', ''],
  ]);
  assert.deepEqual(reader.dateHeadings.map((h) => h.text), ['Tuesday 3 May 2022']);
});

test('headings reader: a date heading dates the timestamp headings after it; a run continues across depths', () => {
  const { reader, root } = readerFor('## 2023-11-04', '', '### 13:35 Pager fires', 'Body text.', '#### 13:40 Sub-step', '### 13:50 Resolved');
  root.children.forEach((node, index) => node.type === 'heading' && readHeading(reader, node as Heading, index));
  assert.deepEqual(read(reader), [
    ['headings', '13:35', 'Pager fires Body text.', '11/4', ''],
    ['headings', '13:40', 'Sub-step', '11/4', ''],
    ['headings', '13:50', 'Resolved', '11/4', ''],
  ]);
  assert.equal(new Set(reader.entries.map((e) => e.timelineId)).size, 2, 'the #### entry opens its own run');
});

test('lines reader: paragraphs of timestamped lines continue one timeline; continuation lines join the entry above', () => {
  const { reader, root } = readerFor('08:00 - Load rises', 'still rising', '08:05 - Paged', '', '08:30 - Scaled out');
  readParagraph(reader, root.children[0] as Paragraph, 0);
  readParagraph(reader, root.children[1] as Paragraph, 1);
  assert.deepEqual(read(reader), [
    ['lines', '08:00', 'Load rises still rising', '', ''],
    ['lines', '08:05', 'Paged', '', ''],
    ['lines', '08:30', 'Scaled out', '', ''],
  ]);
  assert.deepEqual(reader.timelines.map((t) => t.kind), ['lines']);
});

test('lines reader: a fenced block is a timeline under a timeline heading only', () => {
  const fenced = ['```', '10:00 start', '10:05 stop', '```'];
  const under = readerFor('# Outage', '', '## Timeline', '', ...fenced);
  readCode(under.reader, under.root.children[2] as Code);
  assert.deepEqual(under.reader.entries.map((e) => e.timeText), ['10:00', '10:05']);
  const elsewhere = readerFor('# Outage', '', '## Logs', '', ...fenced);
  readCode(elsewhere.reader, elsewhere.root.children[2] as Code);
  assert.equal(elsewhere.reader.entries.length, 0);
});

test('readStampedLines: one line counts only when its time is set apart; prose starting with a time does not', () => {
  assert.equal(readStampedLines('14:30 UTC was when we noticed.'), undefined);
  assert.deepEqual(readStampedLines('14:30 UTC: we noticed.')?.map((l) => l.text.trim()), ['we noticed.']);
  assert.deepEqual(readStampedLines('– 10:00 a<br>10:02 b')?.map((l) => l.stamp.clock.minute), [0, 2]);
});

test('zones reader: a declaration in prose; "3 times in UTC+2 mornings" is none', () => {
  const prose = readerFor('All times are in CET.', '', '- 10:00 Start');
  assert.equal(readDeclaredZone(prose.root, undefined, prose.reader.source)?.zone, 'CET');
  const none = readerFor('It failed 3 times in UTC+2 mornings.');
  assert.equal(readDeclaredZone(none.root, undefined, none.reader.source), undefined);
});

test('readDateParagraph: a date alone, in emphasis or not, with spaces round it; its range is the date without the colon', () => {
  const raw = '  **Saturday 30 January 2021:**  ';
  const dated = readDateParagraph(raw);
  assert.deepEqual(dated?.date, { year: 2021, month: 1, day: 30 });
  assert.equal(raw.slice(dated!.start, dated!.end), 'Saturday 30 January 2021');
  assert.equal(readDateParagraph('Saturday 30 January 2021 was quiet.'), undefined);
});
