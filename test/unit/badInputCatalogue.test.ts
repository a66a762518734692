// The bad-input catalogue, unit level: each input with what the analysis must say about it and how much CPU time it
// may take.
// Every case also goes through fuzzSupport's checks (nothing throws, every range inside the document, no split
// surrogate pair, completion at the end of every line). The inputs too slow for any editor to parse in time (10 MB,
// deep nesting) are in test/protocol/reliabilityCatalogue.test.ts, where the server's budget applies.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { nodeFileSystem } from '../../server/src/config';
import { onlyHtmlComments } from '../../server/src/model/suppressions';
import { TemplateLoader } from '../../server/src/templates/load';
import type { PostmortemDocument } from '../../server/src/model/types';
import { analyseAndCheck } from './fuzzSupport';
import { completePostmortem, joinLines } from './util';

/** Generous for a machine shared with other work; what is measured is printed. */
const BUDGET_MS = 5000;
/** A 1 MB line costs remark about 2 s on its own; the bound is there to catch a hang (a quadratic pattern on the line). */
const LARGE_BUDGET_MS = 15_000;

interface Case {
  text: string | (() => string);
  /** What must hold besides the common checks. */
  expect?: (model: PostmortemDocument, diagnostics: Diagnostic[]) => void;
  budgetMs?: number;
  todo?: string;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const at = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
// Under review (a draft would hear of its empty sections once, in PM001), so the empty section is PM002's.
const emptySectionAtImpact = joinLines('# T', 'Status: final', '## Impact', '', '*Describe*', '');

const cases: Record<string, Case> = {
  'empty file: every template section is missing, anchored at 0:0': {
    text: '',
    expect: (model, diagnostics) => {
      assert.deepEqual(model.sections, []);
      assert.equal(model.title, undefined);
      assert.deepEqual(codes(diagnostics), Array(9).fill('PM001'));
      assert.deepEqual(new Set(at(diagnostics, 'PM001')), new Set(['0:0-0:0']));
    },
  },
  'only front matter: its title is the title, the sections are missing': {
    text: joinLines('---', 'title: Outage', 'date: 2021-07-11', '---', ''),
    expect: (model, diagnostics) => {
      assert.equal(model.title?.text, 'Outage');
      assert.deepEqual(model.frontMatter?.data, { title: 'Outage', date: '2021-07-11' });
      assert.deepEqual(codes(diagnostics), Array(9).fill('PM001'));
    },
  },
  'unterminated front matter: not front matter at all, and the heading below still counts': {
    text: joinLines('---', 'title: x', '', '## Impact', '', 'All services were down.', ''),
    expect: (model, diagnostics) => {
      assert.equal(model.frontMatter, undefined);
      assert.ok(!codes(diagnostics).includes('PM005'));
      assert.deepEqual(model.sections.map((s) => [s.heading, s.match?.index]), [['Impact', 1]]);
    },
  },
  'front matter that is not YAML: one PM005 where the parser stopped': {
    text: joinLines('---', 'title: [unclosed', '---', '# Title', ''),
    expect: (_model, diagnostics) => assert.deepEqual(codes(diagnostics).filter((c) => c === 'PM005'), ['PM005']),
  },
  'a YAML alias bomb in the front matter: refused as invalid, not expanded': {
    text: () => {
      const lines = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (const [n, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g']]) lines.push(`${n}: &${n} [${Array(9).fill(`*${previous}`).join(',')}]`);
      return joinLines(...lines, '---', '# 2021-07-11: Outage', '');
    },
    expect: (model, diagnostics) => {
      assert.equal(model.frontMatter?.data, undefined);
      assert.match(diagnostics.find((d) => d.code === 'PM005')!.message, /^Front matter is not valid YAML and is ignored: Excessive alias count/);
    },
    budgetMs: 1000,
  },
  'text with U+FFFD and control characters (what a binary file decodes to): read as text': {
    text: '# 2021-07-11: \u0000Outage\ufffd\n\n## Impact\u0000\n\nThe \u0001\u0002\u001b[31mred\u007f \ufffd\ufffd data.\u0085\u2028\n',
    expect: (model) => {
      // micromark turns NUL into U+FFFD; the heading still names its template section.
      assert.deepEqual(model.sections.map((s) => [s.heading, s.match?.index]), [['Impact\ufffd', 1]]);
      assert.equal(model.incidentDate?.day, 11);
    },
  },
  'binary garbage: every UTF-16 code unit, lone surrogates included': {
    text: () => Array.from({ length: 65536 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  },
  'CRLF line endings: the same lines as LF': {
    text: emptySectionAtImpact.replace(/\n/g, '\r\n'),
    expect: (model, diagnostics) => {
      assert.deepEqual(model.sections.map((s) => s.range), [{ start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }]);
      assert.deepEqual(at(diagnostics, 'PM002'), ['2:0-2:9']);
    },
  },
  'lone CR line endings (classic Mac): each CR ends a line': {
    text: emptySectionAtImpact.replace(/\n/g, '\r'),
    expect: (model, diagnostics) => {
      assert.deepEqual(model.sections.map((s) => s.range.start.line), [2]);
      assert.deepEqual(at(diagnostics, 'PM002'), ['2:0-2:9']);
    },
  },
  'mixed line endings: LF, CRLF and CR in one document': {
    text: '# T\r\nStatus: final\r## Impact\n\r\n*Describe*\r',
    expect: (model, diagnostics) => {
      assert.deepEqual(model.sections.map((s) => s.range.start.line), [2]);
      assert.deepEqual(at(diagnostics, 'PM002'), ['2:0-2:9']);
    },
  },
  'a byte order mark: ranges count it, the title starts after it': {
    text: `\ufeff${emptySectionAtImpact}`,
    expect: (model, diagnostics) => {
      assert.deepEqual(model.title?.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } });
      assert.deepEqual(at(diagnostics, 'PM002'), ['2:0-2:9']);
    },
  },
  'emoji with ZWJ and skin tones, RTL text and a bidi override in headings': {
    text: joinLines('# 🔥 Outage', '', '## 🙋🏿‍♂️ Response', '', '## الاستجابة', '', 'نص', '', '## \u202eesnopseR', '', 'x', ''),
    expect: (model, diagnostics) => {
      assert.deepEqual(model.sections.map((s) => [s.heading, s.match?.index]), [['🙋🏿‍♂️ Response', 3], ['الاستجابة', undefined], ['\u202eesnopseR', undefined]]);
      // The whole heading, ZWJ sequence included: 2 + 14 UTF-16 code units of emoji and space + "Response".
      assert.deepEqual(model.sections[0]!.range.end, { line: 2, character: 19 });
      assert.deepEqual(at(diagnostics, 'PM002'), ['2:0-2:19']);
    },
  },
  'impossible times: 25:61 and 24:00 are errors, 23:59:60 is a leap second and in order': {
    text: joinLines('# 2021-07-11: T', '', '## Leadup', '', 'All times are UTC.', '', '- 10:00 a', '- 25:61 b', '- 24:00 c', '- 23:59:60 d', '- 12:30:60 e', ''),
    expect: (_model, diagnostics) => {
      assert.deepEqual(at(diagnostics, 'PM004'), ['7:2-7:7', '8:2-8:7', '10:2-10:10']);
      assert.deepEqual(at(diagnostics, 'PM003'), []);
      const messages = diagnostics.filter((d) => d.code === 'PM004').map((d) => d.message);
      assert.match(messages[0]!, /hour 25 is past 23/);
      assert.match(messages[1]!, /24:00 is not a time of day/);
      assert.match(messages[2]!, /second 60 is past 59/);
    },
  },
  'impossible dates: 2021-02-30 and 2023-02-29 are errors, 2024-02-29 is a leap day': {
    text: joinLines('# 2021-07-11: T', '', '## Leadup', '', 'All times are UTC.', '', '- 2021-02-30 10:00 a', '- 2023-02-29 10:01 b', '- 2024-02-29 10:02 c', '- 2021-13-01 10:03 d', ''),
    expect: (_model, diagnostics) => {
      assert.deepEqual(at(diagnostics, 'PM004'), ['6:2-6:18', '7:2-7:18', '9:2-9:18']);
      const messages = diagnostics.filter((d) => d.code === 'PM004').map((d) => d.message);
      assert.match(messages[0]!, /2021-02 has 28 days, not 30/);
      assert.match(messages[1]!, /2023-02 has 28 days, not 29/);
      assert.match(messages[2]!, /month 13 does not exist/);
    },
  },
  'forty HTML comments on one line then text (exponential for the old comment regex)': {
    text: joinLines('# T', '', '## Impact', '', `${'<!-- a -->'.repeat(40)}x`, '', '## Detection', '', '<!-- one --> <!-- two -->', ''),
    expect: (model) => assert.deepEqual(model.sections.map((s) => [s.heading, s.isEmpty]), [['Impact', false], ['Detection', true]]),
    budgetMs: 1000,
  },
  'a 1 MB single line of prose, and completion at its end': {
    text: () => `# 2021-07-11: Outage\n\n## Impact\n\n${'word '.repeat(200_000)}`,
    expect: (model) => assert.equal(model.document.lineCount, 5),
    budgetMs: LARGE_BUDGET_MS,
  },
  'a 1 MB heading': {
    text: () => `# 2021-07-11: Outage\n\n## ${'Impact '.repeat(150_000)}\n`,
    budgetMs: LARGE_BUDGET_MS,
  },
  'emphasis bombs: 20 KB of `*`, of `*a`, of `_a`': {
    text: () => joinLines('*'.repeat(20_000), '', '*a'.repeat(10_000), '', '_a'.repeat(10_000), ''),
  },
  'bracket bombs: 10,000 `[`, 10,000 `[a](`, 5,000 `![[`': {
    text: () => joinLines('['.repeat(10_000), '', '[a]('.repeat(10_000), '', '![['.repeat(5_000), ''),
  },
  'a complete postmortem stays clean with a BOM and CRLF': {
    text: () => `\ufeff${completePostmortem().replace(/\n/g, '\r\n')}`,
    expect: (_model, diagnostics) => assert.deepEqual(codes(diagnostics), []),
  },
  '10,000 nested blockquotes on one line: analysed, not a stack overflow': {
    text: () => `# T\n\n## Impact\n\n${'>'.repeat(10_000)} x\n`,
  },
};

for (const [name, { text, expect, budgetMs = BUDGET_MS, todo }] of Object.entries(cases)) {
  test(`bad input: ${name}`, { ...(todo ? { todo } : {}), timeout: 120_000 }, () => {
    const input = typeof text === 'function' ? text() : text;
    // Completion at the end of every line (the first 200), where a typed heading or bullet would be.
    const positions = input.split(/\r\n|\r|\n/).slice(0, 200).map((line, index) => ({ line: index, character: line.length }));
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { model, diagnostics } = analyseAndCheck(input, positions);
    const used = process.cpuUsage(cpu);
    // CPU time is what the analysis costs; the clock also counts whatever else the machine is doing.
    const cpuMs = (used.user + used.system) / 1000;
    const elapsed = performance.now() - started;
    console.log(`${name}: ${input.length} characters, ${cpuMs.toFixed(0)} ms of CPU, ${elapsed.toFixed(0)} ms elapsed`);
    assert.ok(cpuMs < budgetMs, `${cpuMs.toFixed(0)} ms of CPU, over the ${budgetMs} ms budget`);
    expect?.(model, diagnostics);
  });
}

test('HTML-comment-only text: comments end at their first -->, as in HTML', () => {
  assert.equal(onlyHtmlComments(''), true);
  assert.equal(onlyHtmlComments('  <!-- a -->\n<!---->  <!-- b -- c -->\t'), true);
  assert.equal(onlyHtmlComments('<!-- a --> b -->'), false);
  assert.equal(onlyHtmlComments('<!-- unclosed'), false);
  assert.equal(onlyHtmlComments('<!-- a -->x'), false);
  assert.equal(onlyHtmlComments('x <!-- a -->'), false);
});

// Settings that name a file (postmortem.template, `template:` in front matter or .postmortem.yaml): the cases
// templatesResolve.test.ts does not already cover. Each must be refused quickly, without reading outside the folder,
// and without blocking on a file that never ends.
test('hostile template paths: a FIFO, a link loop, a linked folder that leads out, a device, a URI; all refused in time', (t) => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-hostile-')));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const root = join(tmp, 'repo');
  mkdirSync(join(root, 'templates'), { recursive: true });
  mkdirSync(join(tmp, 'outside'));
  writeFileSync(join(tmp, 'outside', 'secret.md'), '## Secret\n');
  execFileSync('mkfifo', [join(root, 'templates', 'pipe.md')]);
  symlinkSync('loop-b.md', join(root, 'templates', 'loop-a.md'));
  symlinkSync('loop-a.md', join(root, 'templates', 'loop-b.md'));
  symlinkSync(join('..', '..', 'outside'), join(root, 'templates', 'shared'));
  symlinkSync('/dev/zero', join(root, 'templates', 'zero.md'));
  const cases: Array<[string, RegExp]> = [
    // Reading a FIFO would wait for a writer forever.
    ['templates/pipe.md', /is not a file/],
    ['templates/loop-a.md', /was not found/],
    ['templates/shared/secret.md', /links to a file outside the workspace folder/],
    ['templates/zero.md', /links to a file outside the workspace folder/],
    ['file:///etc/passwd.md', /was not found/],
    ['templates/%2e%2e/%2e%2e/outside/secret.md', /was not found/],
    ['templates\\..\\..\\outside\\secret.md', /was not found/],
    ['templates/pipe.md\u0000.md', /empty/],
  ];
  for (const [value, message] of cases) {
    const started = performance.now();
    const loaded = new TemplateLoader(nodeFileSystem).load(value, { base: root, root });
    assert.ok(performance.now() - started < 1000, value);
    assert.ok('error' in loaded, `${value} was loaded`);
    assert.match(loaded.error, message, value);
  }
});
