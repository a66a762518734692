// Every document the fuzzer (or a bug report) ever broke the analysis with, replayed through the same checks as
// fuzz.test.ts. Files are written with `\u{XXXX}` escapes for what a UTF-8 file cannot hold or would hide (lone
// surrogates, NUL, CR, BOM) and `\\` for a backslash; see escapeForFixture in fuzzSupport.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyseAndCheck, positionsAt, unescapeFixture } from './fuzzSupport';

const folder = new URL('../fixtures/regressions/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();

test('there are regression fixtures to replay', () => {
  assert.ok(files.length > 0);
});

/** Fixtures whose fix is another piece of work still in progress: run, reported as todo, named here. */
const waitingFor: Record<string, string> = {};

for (const name of files) {
  test(`regression ${name}`, waitingFor[name] ? { todo: waitingFor[name] } : {}, () => {
    const text = unescapeFixture(readFileSync(new URL(name, folder), 'utf8'));
    // Completion at every line start and end, and at a spread of offsets.
    const fractions = Array.from({ length: 21 }, (_, i) => i / 20);
    analyseAndCheck(text, positionsAt(text, fractions));
  });
}
