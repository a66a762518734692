import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldingRanges, LONG_LIST_LINES } from '../../../server/src/features/folding';
import { joinLines, modelOf } from '../util';

test('sections fold from heading to last content line; front matter folds', () => {
  const ranges = foldingRanges(modelOf(joinLines('---', 'title: x', '---', '# T', '## A', '', 'a', '', '### B', 'b', '', '', '## C', '')));
  assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine]), [[0, 2], [4, 9], [8, 9]]);
});

test('a heading with nothing under it does not fold', () => {
  assert.deepEqual(foldingRanges(modelOf(joinLines('## A', '## B'))), []);
});

test('timelines fold as a whole; tables too', () => {
  const text = joinLines('## Leadup', '', '- **00:27 UTC:** a', '- **00:32 UTC:** b', '', '| Time | Event |', '|---|---|', '| 10:00 | x |', '| 10:05 | y |', '');
  assert.deepEqual(foldingRanges(modelOf(text)).map((r) => [r.startLine, r.endLine]), [[0, 8], [2, 3], [5, 8]]);
});

test(`lists of ${LONG_LIST_LINES} lines or more fold; shorter ones and lists in code do not`, () => {
  const long = ['- a', '- b', '  continued', '', '- c', '- d'];
  const text = joinLines('Text.', '', ...long, '', 'After.', '', '- short', '- list', '', '```', ...long, '```');
  assert.deepEqual(foldingRanges(modelOf(text)).map((r) => [r.startLine, r.endLine]), [[2, 7]]);
});
