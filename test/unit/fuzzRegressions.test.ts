// Every document the fuzzer (or a bug report) ever broke the analysis with, replayed through the same checks as
// fuzz.test.ts. Files are written with `\u{XXXX}` escapes for what a UTF-8 file cannot hold or would hide (lone
// surrogates, NUL, CR, BOM) and `\\` for a backslash; see escapeForFixture in fuzzSupport.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyseAndCheck, positionsAt, unescapeFixture, type AnalysisResult } from './fuzzSupport';

const folder = new URL('../fixtures/regressions/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.md')).sort();

test('there are regression fixtures to replay', () => {
  assert.ok(files.length > 0);
});

/** Fixtures whose fix is another piece of work still in progress: run, reported as todo, named here. */
const waitingFor: Record<string, string> = {};

/** What a fixture was recorded for, beyond analysing cleanly. */
const expectations: Record<string, (result: AnalysisResult) => void> = {
  // 23:59:60 after 10:00 is the last second of the day, not the day's first moment.
  'leap-second-order.md': (result) => {
    assert.deepEqual(result.model.timeline.map((entry) => entry.timeText), ['10:00', '23:59:60']);
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'PM003'), []);
  },
};

test('every expectation names a fixture that exists', () => {
  for (const name of Object.keys(expectations)) assert.ok(files.includes(name), name);
});

for (const name of files) {
  test(`regression ${name}`, waitingFor[name] ? { todo: waitingFor[name] } : {}, () => {
    const text = unescapeFixture(readFileSync(new URL(name, folder), 'utf8'));
    // Completion at every line start and end, and at a spread of offsets.
    const fractions = Array.from({ length: 21 }, (_, i) => i / 20);
    const result = analyseAndCheck(text, positionsAt(text, fractions));
    expectations[name]?.(result);
  });
}
