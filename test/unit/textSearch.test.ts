import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalMarkdown, runSync } from '../../server/src/model/incremental';
import { SearchCache, TextSearch, type TextMatch } from '../../server/src/model/textSearch';

/** A search for "TODO" that records which stretches of text it was asked to search. */
function recordingSearch(): { search: (text: string, start: number, end: number) => TextMatch[]; searched: string[] } {
  const searched: string[] = [];
  const search = (text: string, start: number, end: number) => {
    searched.push(text.slice(start, end));
    return Array.from(text.slice(start, end).matchAll(/TODO/g), (match) => ({ index: start + match.index, text: match[0], kind: 0 }));
  };
  return { search, searched };
}

const paragraphs = Array.from({ length: 50 }, (_, i) => `Paragraph ${i} says TODO here.`);

test('after an edit only the blocks the parse replaced are searched, and kept matches move with their blocks', () => {
  const parser = new IncrementalMarkdown();
  const cache = new SearchCache();
  const { search, searched } = recordingSearch();
  const text = paragraphs.join('\n\n');
  const before = runSync(parser.update(text));
  assert.equal(new TextSearch(text, { list: cache.blocksOf(before), cache }).find(search).length, 50);

  searched.length = 0;
  const edited = `Inserted TODO line.\n\n${text}`;
  const after = runSync(parser.update(edited));
  const found = new TextSearch(edited, { list: cache.blocksOf(after), cache }).find(search);
  const replaced = after.children.filter((node) => !before.children.includes(node));
  assert.ok(replaced.length < 10, `the parse replaced ${replaced.length} blocks`);
  assert.deepEqual(
    searched,
    replaced.map((node) => edited.slice(node.position!.start.offset, node.position!.end.offset)),
  );
  assert.deepEqual(
    found.map((match) => match.index),
    Array.from(edited.matchAll(/TODO/g), (match) => match.index),
  );
});

test('without a cache the whole text is searched at once', () => {
  const { search, searched } = recordingSearch();
  const text = paragraphs.join('\n\n');
  assert.equal(new TextSearch(text).find(search).length, 50);
  assert.deepEqual(searched, [text]);
});
