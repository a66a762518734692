import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Heading, Link, List, Paragraph, Table } from 'mdast';
import { parseRst } from '../../server/src/model/rst';
import { plainText } from '../../server/src/templates/template';
import { assertPositionsExact, corpus, outlineOf, sourceOf } from './rstUtil';
import { joinLines } from './util';

test('titles: the first is the document title, then each adornment style gets the next level as it first appears', () => {
  const text = joinLines(
    '==============',
    ' Inset title',
    '==============',
    '',
    'Section',
    '=======',
    '',
    'Sub',
    '---',
    '',
    'Another section',
    '===============',
  );
  const root = parseRst(text);
  assert.deepEqual(outlineOf(text, root), ['heading1 Inset title', 'heading2 Section', 'heading3 Sub', 'heading2 Another section']);
  assertPositionsExact(text, root);
});

test('a section sharing the title style is a level below the title (the cascading-failures seed)', () => {
  const text = joinLines('2021-07-11: Outage', '==================', '', 'Leadup', '======', '', 'Why?', '~~~~', '', 'x');
  assert.deepEqual(outlineOf(text, parseRst(text)), ['heading1 2021-07-11: Outage', 'heading2 Leadup', 'heading3 Why?', 'paragraph x']);
});

test('a first title that names a template section is a section, and the document has no title', () => {
  const text = joinLines('Leadup', '------', '', 'x', '', 'Impact', '------');
  const root = parseRst(text, { isSectionName: (title) => ['Leadup', 'Impact'].includes(title) });
  assert.deepEqual(outlineOf(text, root), ['heading2 Leadup', 'paragraph x', 'heading2 Impact']);
});

test('a heading is its title line; its children read inline markup', () => {
  const text = joinLines('**What?**', '~~~~~~~~~');
  const heading = parseRst(text).children[0] as Heading;
  assert.equal(plainText(heading), 'What?');
  assert.equal(sourceOf(text, heading), '**What?**');
  assert.equal(heading.children[0]!.type, 'strong');
});

test('short underlines under long text, and lone adornment characters, are not titles', () => {
  const text = joinLines('- a list item', '--', '', '=', '=', '', 'a', '=');
  const types = parseRst(text).children.map((node) => node.type);
  assert.deepEqual(types.slice(0, -1).filter((type) => type === 'heading'), []);
  assert.equal(types[types.length - 1], 'heading');
});

test('a transition (a line of four or more punctuation characters between blank lines) is a thematic break', () => {
  const text = joinLines('Title', '=====', '', 'a', '', '----', '', 'b');
  assert.deepEqual(outlineOf(text, parseRst(text)), ['heading1 Title', 'paragraph a', 'thematicBreak ----', 'paragraph b']);
});

test('paragraphs and bullets read as in Markdown; continuation lines indented by one space stay in their item', () => {
  const text = corpus('rst/2020-12-11-all-services-outage.rst');
  const root = parseRst(text);
  const list = root.children.find((node): node is List => node.type === 'list')!;
  assert.equal(list.children.length, 3);
  assert.equal(plainText(list.children[0]!), 'Help channel system unavailable, so people are not able to effectively ask for help.');
  assertPositionsExact(text, root);
});

test('timeline bullets with bold times and emphasised prompts parse as strong and emphasis', () => {
  const text = joinLines('*List the sequence of events*', '', '- **00:27 UTC:** Django starts', ' using connections', '- **00:32 UTC:** Alerted');
  const [prompt, list] = parseRst(text).children as [Paragraph, List];
  assert.equal(prompt.children[0]!.type, 'emphasis');
  assert.equal(list.children.length, 2);
  const first = list.children[0]!.children[0] as Paragraph;
  assert.equal(first.children[0]!.type, 'strong');
  assert.equal(sourceOf(text, list.children[0]!), '- **00:27 UTC:** Django starts\n using connections');
});

test('enumerated lists, auto-numbered ones included, are lists', () => {
  const text = joinLines('1. one', '2. two', '', 'Then:', '', '#. three', '#. four');
  const lists = parseRst(text).children.filter((node): node is List => node.type === 'list');
  assert.deepEqual(lists.map((list) => list.children.map((item) => plainText(item))), [['one', 'two'], ['three', 'four']]);
});

test('further paragraphs and nested lists of a list item stay in the item', () => {
  const text = joinLines('- one', '', '  more about one', '', '  - nested', '- two');
  const root = parseRst(text);
  assert.equal(root.children.length, 1);
  const list = root.children[0] as List;
  assert.equal(list.children.length, 2);
  assert.deepEqual(list.children[0]!.children.map((child) => child.type), ['paragraph', 'paragraph', 'list']);
});

test('RST references become links; their underscores leave no text behind', () => {
  const text = joinLines('Through `Lens <https://k8slens.dev/>`__ we restarted, see `the ticket', ' <https://x.test/1>`_, and `Anchor`_.');
  const paragraph = parseRst(text).children[0] as Paragraph;
  const links = paragraph.children.filter((node): node is Link => node.type === 'link');
  assert.deepEqual(links.map((link) => [link.url, plainText(link as never), sourceOf(text, link)]), [
    ['https://k8slens.dev/', 'Lens', '`Lens <https://k8slens.dev/>`__'],
    ['https://x.test/1', 'the ticket', '`the ticket\n <https://x.test/1>`_'],
    ['#anchor', 'Anchor', '`Anchor`_'],
  ]);
  assert.equal(plainText(paragraph), 'Through Lens we restarted, see the ticket, and Anchor.');
  assertPositionsExact(text, parseRst(text));
});

test('two references in a row are not read as Markdown strong emphasis', () => {
  const text = '`a <https://a.test>`__, `b <https://b.test>`__.';
  const paragraph = parseRst(text).children[0] as Paragraph;
  assert.deepEqual(paragraph.children.map((node) => node.type), ['link', 'text', 'link', 'text']);
});

test('inline literals are code', () => {
  const paragraph = parseRst('Run ``kubectl delete pod`` now').children[0] as Paragraph;
  assert.equal(paragraph.children[1]!.type, 'inlineCode');
});

test('directives: code and literal blocks are code, raw HTML is html, images are images, unknown ones are html', () => {
  const text = joinLines(
    'We saw:',
    '',
    '.. code:: yaml',
    '',
    ' django.db.utils.OperationalError: FATAL: TODO',
    '',
    '.. raw:: html',
    '',
    ' <details>',
    '',
    '.. image:: ./images/x.png',
    '   :alt: the memory chart',
    '',
    '.. toctree::',
    ' :maxdepth: 2',
    '',
    ' a-page',
    '',
    'after',
  );
  const root = parseRst(text);
  assert.deepEqual(root.children.map((node) => node.type), ['paragraph', 'code', 'html', 'paragraph', 'html', 'paragraph']);
  const code = root.children[1]!;
  assert.ok(code.type === 'code' && code.lang === 'yaml' && code.value === 'django.db.utils.OperationalError: FATAL: TODO');
  assert.equal(sourceOf(text, code), '.. code:: yaml\n\n django.db.utils.OperationalError: FATAL: TODO');
  const raw = root.children[2]!;
  assert.ok(raw.type === 'html' && raw.value === '<details>');
  const image = (root.children[3] as Paragraph).children[0]!;
  assert.ok(image.type === 'image' && image.url === './images/x.png' && image.alt === 'the memory chart');
  assert.equal(sourceOf(text, root.children[4]!), '.. toctree::\n :maxdepth: 2\n\n a-page');
  assertPositionsExact(text, root);
});

test('a paragraph ending in `::` and a lone `::` introduce literal blocks', () => {
  const text = joinLines('An example log::', '', '   line one', '', '   line two', '', '::', '', ' Type Reason', ' ---- ------', '', 'after');
  const root = parseRst(text);
  assert.deepEqual(root.children.map((node) => node.type), ['paragraph', 'code', 'html', 'code', 'paragraph']);
  assert.equal(sourceOf(text, root.children[1]!), 'line one\n\n   line two');
  assert.equal(sourceOf(text, root.children[3]!), 'Type Reason\n ---- ------');
});

test('comments and internal targets are HTML comments; targets with a URL are definitions', () => {
  const text = joinLines('.. _why-1:', '', '.. a comment', '   over two lines', '', '.. _Linode: https://linode.test/', '', '..', '   an empty comment');
  const root = parseRst(text);
  assert.deepEqual(root.children.map((node) => node.type), ['html', 'html', 'definition', 'html']);
  for (const node of [root.children[0]!, root.children[1]!, root.children[3]!]) assert.match((node as { value: string }).value, /^<!--[\s\S]*-->$/);
  assert.equal(sourceOf(text, root.children[1]!), '.. a comment\n   over two lines');
  const definition = root.children[2]!;
  assert.ok(definition.type === 'definition' && definition.url === 'https://linode.test/');
});

test('indented text after a paragraph is a block quote, read recursively', () => {
  const text = joinLines('Hi Joe,', '', ' Were there any known issues?', '', '   - a nested list', '', 'Not today.');
  const root = parseRst(text);
  assert.deepEqual(root.children.map((node) => node.type), ['paragraph', 'blockquote', 'paragraph']);
  const quote = root.children[1]!;
  assert.ok(quote.type === 'blockquote');
  assert.deepEqual(quote.children.map((node) => node.type), ['paragraph', 'blockquote']);
  assertPositionsExact(text, root);
});

test('admonitions are prose: a block quote with the argument and the body as paragraphs', () => {
  const text = joinLines('.. note:: The argument', '', '   The body, with *emphasis*.', '', 'after');
  const root = parseRst(text);
  const quote = root.children[0]!;
  assert.ok(quote.type === 'blockquote');
  assert.deepEqual(quote.children.map((node) => sourceOf(text, node)), ['The argument', 'The body, with *emphasis*.']);
});

test('a simple table is a table whose cells sit at their columns', () => {
  const text = joinLines('=====  ==========', 'Time   Event', '=====  ==========', '00:27  Django', '00:32  Alert', '       continued', '=====  ==========', '', 'after');
  const root = parseRst(text);
  const table = root.children[0] as Table;
  assert.equal(table.type, 'table');
  assert.deepEqual(table.children.map((row) => row.children.map((cell) => plainText(cell as never))), [['Time', 'Event'], ['00:27', 'Django'], ['00:32', 'Alert']]);
  assert.equal(sourceOf(text, table.children[2]!.children[0]!.children[0]!), '00:32');
  assert.equal(root.children[1]!.type, 'paragraph');
  assertPositionsExact(text, root);
});

test('grid tables are kept whole as html', () => {
  const text = joinLines('+------+------+', '| a    | b    |', '+======+======+', '| 1    | 2    |', '+------+------+');
  assert.deepEqual(parseRst(text).children.map((node) => node.type), ['html']);
});

test('positions are UTF-16 offsets into the original text, CRLF and emoji included', () => {
  const text = joinLines('🙋🏿‍♂️ Response', '================', '', '- **00:27 UTC:** 🔥 fire', ' still burning', '', '.. code::', '', '  x').replace(/\n/g, '\r\n');
  const root = parseRst(text);
  assertPositionsExact(text, root);
  assert.deepEqual(outlineOf(text, root).map((line) => line.split('\r\n')[0]), ['heading1 🙋🏿‍♂️ Response', 'list - **00:27 UTC:** 🔥 fire', 'code .. code::']);
});

test('every corpus file converts with exact positions', () => {
  for (const name of [
    '2020-12-11-all-services-outage',
    '2020-12-11-postgres-conn-surge',
    '2021-01-10-primary-kubernetes-node-outage',
    '2021-01-12-site-cpu-ram-exhaustion',
    '2021-01-30-nodebalancer-fails-memory',
    '2021-07-11-cascading-node-failures',
    'index',
  ]) {
    const text = corpus(`rst/${name}.rst`);
    assertPositionsExact(text, parseRst(text));
  }
});
