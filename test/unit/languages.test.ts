// Language ids: VS Code's (`restructuredtext`, `plaintext`) and the ones other editors send (`rst`, `text`) name the
// same languages; any other id is Markdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentLanguage, parseDocumentText } from '../../server/src/model/languages';
import { isMarkdown, parseDocument } from '../../server/src/model/parse';
import { builtInTemplate } from '../../server/src/templates/index';
import { corpus, outlineOf } from './rstUtil';

test('documentLanguage: VS Code ids as they are, other editors’ aliases mapped, anything else Markdown', () => {
  const ids = ['markdown', 'restructuredtext', 'rst', 'plaintext', 'text', 'txt', 'plain', 'gfm', 'python', ''];
  assert.deepEqual(Object.fromEntries(ids.map((id) => [id, documentLanguage(id)])), {
    markdown: 'markdown',
    restructuredtext: 'restructuredtext',
    rst: 'restructuredtext',
    plaintext: 'plaintext',
    text: 'plaintext',
    txt: 'plaintext',
    plain: 'plaintext',
    gfm: 'markdown',
    python: 'markdown',
    '': 'markdown',
  });
});

test('isMarkdown: false for the aliases of reStructuredText and plain text', () => {
  assert.deepEqual(['rst', 'text', 'txt', 'plain'].filter(isMarkdown), []);
  assert.ok(isMarkdown('markdown') && isMarkdown('unknown-editor-id'));
});

test('a document opened as `rst` is parsed as reStructuredText, one opened as `text` as plain text', () => {
  const template = builtInTemplate('python-discord');
  const rst = corpus('rst/2021-07-11-cascading-node-failures.rst');
  const asRst = parseDocument(rst, 'rst', template);
  assert.deepEqual(asRst, parseDocument(rst, 'restructuredtext', template));
  assert.notDeepEqual(asRst, parseDocument(rst, 'markdown', template));
  assert.equal(outlineOf(rst, asRst)[0], 'heading1 2021-07-11: Cascading node failures and ensuing volume problems');
  const plain = corpus('text/2020-12-11-postgres-conn-surge.txt');
  assert.deepEqual(parseDocumentText(plain, 'text', template), parseDocumentText(plain, 'plaintext', template));
  assert.notDeepEqual(parseDocumentText(plain, 'text', template), parseDocumentText(plain, 'markdown', template));
});
