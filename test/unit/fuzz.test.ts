// Property test: 10,000 generated postmortem documents (FUZZ_RUNS to change it, FUZZ_SEED=<n> to replay a run) go
// through everything the server does with a document. Nothing may throw; every range must lie inside the document
// and never split a surrogate pair. A failure prints the seed, the path and the shrunk document; FUZZ_RECORD=1 also
// writes it to test/fixtures/regressions/, which fuzzRegressions.test.ts replays on every run.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyseAndCheck, applyEdits, escapeForFixture, positionsAt, postmortemDocument } from './fuzzSupport';

const runs = Number(process.env['FUZZ_RUNS'] ?? 10_000);
// A fixed seed by default, so that a run fails only when the code changed; FUZZ_SEED=random explores new documents.
const seed = process.env['FUZZ_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['FUZZ_SEED'] ?? 20_211_107);

test(`fuzz: ${runs} generated documents analyse without throwing, every range inside the document (seed ${seed})`, () => {
  let characters = 0;
  let largest = 0;
  let slowest = { ms: 0, length: 0 };
  let fixesApplied = 0;
  let documents = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const property = fc.property(postmortemDocument, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (text, fractions) => {
    const t0 = performance.now();
    const result = analyseAndCheck(text, positionsAt(text, fractions));
    // A quick fix must leave a document that still analyses: fixes are text too. Every eighth document, to keep the
    // run short; the fixture tests re-lint every fix of the rule fixtures.
    const firstFix = documents++ % 8 === 0 ? result.actions.find((action) => action.edit?.changes) : undefined;
    if (firstFix) {
      const edits = Object.values(firstFix.edit!.changes!)[0]!;
      analyseAndCheck(applyEdits(text, edits));
      fixesApplied++;
    }
    const ms = performance.now() - t0;
    characters += text.length;
    largest = Math.max(largest, text.length);
    if (ms > slowest.ms) slowest = { ms, length: text.length };
  });
  const details = fc.check(property, { numRuns: runs, seed });
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `fuzz: ${details.numRuns} documents (mean ${Math.round(characters / Math.max(1, details.numRuns))} chars, largest ${largest}), ` +
      `${fixesApplied} fixes applied and re-analysed, slowest ${slowest.ms.toFixed(1)} ms (${slowest.length} chars), ${elapsed.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU), seed ${seed}`,
  );
  if (details.failed) {
    const text = details.counterexample![0] as string;
    const name = `fuzz-${createHash('sha1').update(text).digest('hex').slice(0, 10)}.md`;
    if (process.env['FUZZ_RECORD'] === '1') writeFileSync(new URL(`../fixtures/regressions/${name}`, import.meta.url), escapeForFixture(text));
    assert.fail(`seed ${seed}, path ${details.counterexamplePath}: ${String(details.errorInstance)}\ndocument (escaped, would be ${name}):\n${escapeForFixture(text)}`);
  }
  assert.equal(details.numRuns, runs);
});
