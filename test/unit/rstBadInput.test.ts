import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlainText } from '../../server/src/model/plaintext';
import { parseRst } from '../../server/src/model/rst';
import type { PostmortemDocument } from '../../server/src/model/types';
import { lint } from '../../server/src/rules/index';
import { assertFeaturesInside } from './featuresInside';
import { assertPositionsExact, corpus, modelIn, plainModel, rstModel } from './rstUtil';

// Each case must convert with exact positions, analyse without throwing, and every feature must answer with ranges
// inside the document.
const cases: Record<string, string> = {
  empty: '',
  'only whitespace': ' \n\n\t\n',
  'unterminated directive': 'Title\n=====\n\n.. code:: python',
  'directive body at the end without a newline': '.. code::\n\n   x = 1',
  'directive in a list item': '- a step\n\n  .. code:: sh\n\n     rm -rf /\n\n- next',
  'adornment-only lines': '====\n----\n~~~~\n',
  'overline without underline': '=====\nTitle\n\nx\n',
  'underline at the end': 'Title\n=====',
  'title text that is punctuation': '!!!\n===\n',
  'lone dots': '..\n..\n.. \n',
  'literal marker at the end': 'A log::',
  'empty simple table': '=== ===\n=== ===\n',
  'unterminated simple table': '=== ===\na   b\n',
  'unterminated reference': 'see `this <https://x.test',
  'backtick soup': '``a` ``b`__ `c <d>`_ `<e>`__ ``',
  'tabs and form feeds': '\tTitle\n\t=====\n\f\n\t- x\n',
  'lone CR line endings': 'Title\r=====\r\r- 10:00 x\r',
  'CRLF': 'Title\r\n=====\r\n\r\n.. code::\r\n\r\n  x\r\n',
  BOM: '\ufeffTitle\n=====\n\nImpact\n------\n\nx\n',
  'binary garbage': Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  'NUL bytes': 'Impact\u0000\n------\n\n- 10:00\u0000 a\n',
  'lone surrogates': '\ud800 Impact\n--------\n\n- 10:00 \udc00\n',
  'indentation staircase': Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}x`).join('\n\n'),
  'nested admonitions': Array.from({ length: 40 }, (_, i) => `${'   '.repeat(i)}.. note::`).join('\n\n'),
  'emoji titles of every width': '🙋🏿‍♂️ Response\n=\n\n👁️\n==\n',
};

for (const [name, text] of Object.entries(cases)) {
  test(`bad RST and plain-text input: ${name}`, () => {
    assertPositionsExact(text, parseRst(text));
    assertPositionsExact(text, parsePlainText(text));
    assertFeaturesInside(rstModel(text));
    assertFeaturesInside(plainModel(text));
  });
}

// Inputs built to make a line scanner or regular expressions backtrack; each is read well within the bound, which
// leaves room for a loaded machine (they take tens of milliseconds on an idle one).
const adversarial: Record<string, string> = {
  "'=\\n' × 50000": '=\n'.repeat(50000),
  "':: ' × 30000": ':: '.repeat(30000),
  "'.. ' × 30000": '.. '.repeat(30000),
  "'..\\n' × 50000": '..\n'.repeat(50000),
  "'.. code::\\n' × 50000": '.. code::\n'.repeat(50000),
  'a 100 000 backtick run': '`'.repeat(100000),
  'a 100 000 asterisk run': '*'.repeat(100000),
  'a 1400-step indentation staircase': Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}x`).join('\n\n'),
  '5000 references': '`x <y>`__ '.repeat(5000),
};

for (const [name, text] of Object.entries(adversarial)) {
  test(`adversarial RST: ${name} converts in under 3 s with exact positions`, () => {
    const started = performance.now();
    const root = parseRst(text);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 3000, `${elapsed.toFixed(0)} ms`);
    assertPositionsExact(text, root);
  });
}

test('300 KB of RST costs no more than 300 KB of Markdown', () => {
  const rst = corpus('rst/2021-07-11-cascading-node-failures.rst');
  const markdown = corpus('markdown/2020-12-11-all-services-outage.md');
  const rstText = rst.repeat(Math.ceil(300_000 / rst.length));
  const markdownText = markdown.repeat(Math.ceil(300_000 / markdown.length));
  const time = (analyse: () => PostmortemDocument) => {
    const started = performance.now();
    const model = analyse();
    lint(model);
    return { elapsed: performance.now() - started, model };
  };
  // Interleaved, the fastest of three each: a busy machine slows a run, never speeds one up.
  const markdownRuns: number[] = [];
  const rstRuns: number[] = [];
  let rstModelRead: PostmortemDocument | undefined;
  for (let i = 0; i < 3; i++) {
    markdownRuns.push(time(() => modelIn(markdownText, 'file:///work/postmortems/big.md')).elapsed);
    const run = time(() => rstModel(rstText));
    rstRuns.push(run.elapsed);
    rstModelRead = run.model;
  }
  assert.ok(rstModelRead!.sections.length > 300 && rstModelRead!.timeline.length > 240);
  const [fastestRst, fastestMarkdown] = [Math.min(...rstRuns), Math.min(...markdownRuns)];
  assert.ok(fastestRst < 2 * fastestMarkdown + 1000, `RST ${fastestRst.toFixed(0)} ms, Markdown ${fastestMarkdown.toFixed(0)} ms`);
});
