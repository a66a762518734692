import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalMarkdown, runSync } from '../../server/src/model/incremental';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readPostmortem } from '../../server/src/model/parse';
import { ReaderCache } from '../../server/src/model/readerCache';
import { SearchCache, TextSearch, type TextMatch } from '../../server/src/model/textSearch';
import { builtInTemplate } from '../../server/src/templates/index';

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

test('a model read with a reader cache holds no node of its tree, so open documents do not keep their trees alive', () => {
  const text = `# Outage\n\n## Timeline\n\n- **10:00 UTC:** TODO: it was human error\n- **10:05 UTC:** fixed\n\n## Action items\n\n- [ ] add an alert @jane\n\n${paragraphs.join('\n\n')}\n`;
  const root = runSync(new IncrementalMarkdown().update(text));
  const model = readPostmortem(root, TextDocument.create('file:///repo/postmortems/2021-01-30-outage.md', 'markdown', 1, text), builtInTemplate('python-discord'), new ReaderCache());
  model.search.find(recordingSearch().search);
  const nodes = new Set<unknown>();
  const collect = (node: { children?: unknown[] }) => {
    nodes.add(node);
    for (const child of node.children ?? []) collect(child as { children?: unknown[] });
  };
  collect(root);
  // Everything the model reaches, but the document and the template, which are not the parser's.
  const seen = new Set<unknown>();
  const reach = (value: unknown, path: string) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    assert.ok(!nodes.has(value), `the model holds a node of its tree at ${path}`);
    if (value instanceof Map) for (const [key, entry] of value) reach(key, `${path}.key`), reach(entry, `${path}.get()`);
    else for (const [key, entry] of Object.entries(value)) reach(entry, `${path}.${key}`);
  };
  const { document: _document, template: _template, ...parts } = model;
  reach(parts, 'model');
  assert.ok(seen.size > 50, `only ${seen.size} objects reached: the walk would prove little`);
});
