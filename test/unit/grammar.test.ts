import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
