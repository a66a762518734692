import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';
import textmate, { type IGrammar } from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const { INITIAL, Registry, parseRawGrammar } = textmate;
const { createOnigScanner, createOnigString, loadWASM } = oniguruma;

const require = createRequire(import.meta.url);
const grammarPath = new URL('../../syntaxes/postmortem.injection.tmLanguage.json', import.meta.url);
let grammar: IGrammar;

before(async () => {
  await loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async () => parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath.pathname),
  });
  grammar = (await registry.loadGrammar('markdown.postmortem.injection'))!;
});

/** The text of every token that carries `scope`, for one line. */
function tokensWith(line: string, scope: string): string[] {
  return grammar
    .tokenizeLine(line, INITIAL)
    .tokens.filter((t) => t.scopes.includes(scope))
    .map((t) => line.slice(t.startIndex, t.endIndex));
}

test('timeline timestamps are highlighted with their zone', () => {
  const scope = 'constant.numeric.timestamp.postmortem';
  assert.deepEqual(tokensWith('- **00:27 UTC:** Django starts', scope), ['00:27 UTC']);
  assert.deepEqual(tokensWith('- 2021-07-11 06:36 PDT node back at 7:05:33', scope), ['2021-07-11 06:36 PDT', '7:05:33']);
  assert.deepEqual(tokensWith('- 13:26 UTC+2 failover', scope), ['13:26 UTC+2']);
});

test('ratios, versions and long digit runs are not timestamps', () => {
  const scope = 'constant.numeric.timestamp.postmortem';
  assert.deepEqual(tokensWith('ratio 1:2:3, port localhost:8080, v1.2:30abc', scope), []);
});

test('five-whys markers and severities', () => {
  assert.deepEqual(tokensWith('- **Why?** Node restarted', 'keyword.other.why.postmortem'), ['Why?']);
  assert.deepEqual(tokensWith('Severity: SEV-1, then sev2 and P1 (not P9 or SEVERE)', 'constant.language.severity.postmortem'), ['SEV-1', 'sev2', 'P1']);
});

test('12-hour clocks keep their AM/PM; a word after a time is not one', () => {
  const scope = 'constant.numeric.timestamp.postmortem';
  assert.deepEqual(tokensWith('- 2:54 PM PST: site down, back by 3:10pm and 11:02 a.m.', scope), ['2:54 PM PST', '3:10pm', '11:02 a.m.']);
  assert.deepEqual(tokensWith('at 9:05 Amazon paged us', scope), ['9:05']);
  assert.deepEqual(tokensWith('10:30pmx', scope), []);
});

test('bracketed timestamps: the time is a timestamp, the brackets its punctuation', () => {
  const line = '* [13:26] failover, [03-26 23:04 UTC] back, [2:54 PM] noted';
  assert.deepEqual(tokensWith(line, 'constant.numeric.timestamp.postmortem'), ['13:26', '03-26 23:04 UTC', '2:54 PM']);
  assert.deepEqual(tokensWith(line, 'punctuation.definition.timestamp.begin.postmortem'), ['[', '[', '[']);
  assert.deepEqual(tokensWith(line, 'punctuation.definition.timestamp.end.postmortem'), [']', ']', ']']);
  assert.deepEqual(tokensWith('[link text](https://example.com/13:26)', 'punctuation.definition.timestamp.begin.postmortem'), []);
});

test('why markers in bold with a question mark or a colon; a plain "why" is prose', () => {
  const scope = 'keyword.other.why.postmortem';
  assert.deepEqual(tokensWith('1. __Why?__ the disk filled, **Why:** no alert', scope), ['Why?', 'Why:']);
  assert.deepEqual(tokensWith('We asked why? and **Why** with no mark', scope), []);
  assert.deepEqual(tokensWith('Severity: SEV0', 'constant.language.severity.postmortem'), ['SEV0']);
});

// VS Code's own Markdown grammar, from the code-server package the e2e setup installs: the injection tested where it
// runs, inside bold text, list items, links and code.
const markdownGrammarPath = new URL(
  '../../.vscode-test/code-server-4.100.3/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
  import.meta.url,
);

// `npm test` sets VS Code up first and requires the grammar (POSTMORTEM_GRAMMAR_REQUIRED); a lone unit run may skip it.
const grammarMissing = !existsSync(markdownGrammarPath) && !process.env['POSTMORTEM_GRAMMAR_REQUIRED'];

test('injected into VS Code\'s Markdown grammar: timestamps in bold bullets and brackets, not in code', { skip: grammarMissing && 'VS Code is not set up yet (npm run test:e2e installs it)' }, async () => {
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') return parseRawGrammar(readFileSync(markdownGrammarPath, 'utf8'), markdownGrammarPath.pathname);
      if (scopeName === 'markdown.postmortem.injection') return parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath.pathname);
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['markdown.postmortem.injection'] : undefined),
  });
  const markdown = (await registry.loadGrammar('text.html.markdown'))!;
  const scoped = (text: string, scope: string) => {
    let state = INITIAL;
    const found: string[] = [];
    for (const line of text.split('\n')) {
      const result = markdown.tokenizeLine(line, state);
      for (const t of result.tokens) if (t.scopes.includes(scope)) found.push(line.slice(t.startIndex, t.endIndex));
      state = result.ruleStack;
    }
    return found;
  };
  const timestamp = 'constant.numeric.timestamp.postmortem';
  assert.deepEqual(scoped('- **00:27 UTC:** Django starts\n* [13:26] failover at 2:54 PM', timestamp), ['00:27 UTC', '13:26', '2:54 PM']);
  assert.deepEqual(scoped('`00:27` and\n\n```\n10:00 log line\n```', timestamp), []);
  assert.deepEqual(scoped('- **Why?** The node died (SEV-1)', 'keyword.other.why.postmortem'), ['Why?']);
});
