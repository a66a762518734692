// Property test for the authoring features: generated postmortems (the reliability suite's generator) through
// hover, code lens, completion with every option, the outline and the workspace header reader. Nothing may throw,
// every range must lie inside the document, and a timeline placed alone is placed as among all the others.
// AUTHORING_FUZZ_RUNS and AUTHORING_FUZZ_SEED change or replay a run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Range, TextEdit } from 'vscode-languageserver-types';
import { codeLenses } from '../../../server/src/features/codeLens';
import { completions } from '../../../server/src/features/completion';
import { documentSymbols } from '../../../server/src/features/documentSymbols';
import { hover } from '../../../server/src/features/hover';
import { incidentMetrics, placeEntries, placeTimeline } from '../../../server/src/features/incidentTimes';
import { readHeader } from '../../../server/src/features/workspaceIndex';
import { parsePostmortem } from '../../../server/src/model/parse';
import { builtInTemplate } from '../../../server/src/templates/index';
import { Lines, positionsAt, postmortemDocument } from '../fuzzDocuments';

const runs = Number(process.env['AUTHORING_FUZZ_RUNS'] ?? 1500);
const seed = process.env['AUTHORING_FUZZ_SEED'] !== undefined ? Number(process.env['AUTHORING_FUZZ_SEED']) : Date.now() % 2 ** 31;
const NOW = new Date('2021-07-11T01:20:30Z');

function check(lines: Lines, range: Range | undefined, what: string): void {
  assert.ok(range, `${what}: no range`);
  const problem = lines.problem(range.start) ?? lines.problem(range.end);
  assert.equal(problem, undefined, `${what}: ${problem}`);
  assert.ok(lines.offset(range.start) <= lines.offset(range.end), `${what}: starts after it ends`);
}

test(`authoring fuzz: ${runs} generated documents through hover, code lens, completion, outline and the header reader (seed ${seed})`, () => {
  const property = fc.property(postmortemDocument, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (text, fractions) => {
    const model = parsePostmortem(TextDocument.create('file:///w/postmortems/2021-07-11-fuzz.md', 'markdown', 1, text), builtInTemplate('python-discord'));
    const lines = new Lines(text);
    const positions = [...positionsAt(text, fractions), ...model.timeline.map((entry) => entry.timeRange.start), ...(model.title ? [model.title.range.start] : [])];
    for (const position of positions) {
      const result = hover(model, position);
      if (result) check(lines, result.range, 'hover');
      for (const options of [{ now: NOW }, { now: NOW, triggerCharacter: '@' }, { now: NOW, triggerCharacter: ' ', zone: 'Europe/Paris' }]) {
        for (const item of completions(model, position, options) as CompletionItem[]) check(lines, (item.textEdit as TextEdit).range, `completion ${JSON.stringify(item.label)}`);
      }
    }
    for (const lens of codeLenses(model)) check(lines, lens.range, 'code lens');
    // Completion places only the timeline above the cursor: the same as placing them all.
    for (const timeline of model.timelines) {
      assert.deepEqual(placeTimeline(model, timeline.id), placeEntries(model).filter((placed) => placed.entry.timelineId === timeline.id));
    }
    const metrics = incidentMetrics(model);
    for (const span of [metrics.duration, metrics.timeToDetect, metrics.timeToResolve]) assert.ok(span === undefined || Number.isFinite(span));
    const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
      for (const symbol of symbols) {
        check(lines, symbol.range, `symbol ${symbol.name}`);
        check(lines, symbol.selectionRange, `symbol ${symbol.name}`);
        walk(symbol.children ?? []);
      }
    };
    walk(documentSymbols(model));
    const header = readHeader(text, 'postmortems/2021-07-11-fuzz.md');
    if (header) check(new Lines(text), header.titleRange, 'header title');
  });
  fc.assert(property, { numRuns: runs, seed });
});
