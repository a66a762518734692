import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldingRanges } from '../../../server/src/features/folding';
import { joinLines, modelOf } from '../util';

test('sections fold from heading to last content line; front matter folds', () => {
  const ranges = foldingRanges(modelOf(joinLines('---', 'title: x', '---', '# T', '## A', '', 'a', '', '### B', 'b', '', '', '## C', '')));
  assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine]), [[0, 2], [4, 9], [8, 9]]);
});

test('a heading with nothing under it does not fold', () => {
  assert.deepEqual(foldingRanges(modelOf(joinLines('## A', '## B'))), []);
});
