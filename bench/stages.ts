/**
 * `npm run bench:stages`: a keystroke's analysis stage by stage, on one thread in this process, without the server
 * or JSON-RPC: the text update, the incremental parse, the model readers and the rules. Best of the runs (so that a
 * busy machine shows what the code costs rather than what the machine was doing) and their median.
 *
 *   npm run bench:stages -- --size 500k --runs 40 [--rules]   (--rules: each rule's own time too)
 *   npm run bench:stages -- --size 500k --completion           (`- ` typed under a timeline entry, then completion)
 *
 * With --completion, the completion is timed twice: after the new text's analysis, and (the "typed" stage) answered
 * from the last analysis as the server answers a bullet just typed (features/typedBullet.ts).
 */
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { EditLog } from '../server/src/editLog';
import { completions } from '../server/src/features/completion';
import { typedBullet as answerFromLastAnalysis } from '../server/src/features/typedBullet';
import { IncrementalMarkdown, runSync } from '../server/src/model/incremental';
import { readPostmortem } from '../server/src/model/parse';
import { ReaderCache } from '../server/src/model/readerCache';
import { lint, rules } from '../server/src/rules/index';
import { builtInTemplate, DEFAULT_TEMPLATE } from '../server/src/templates/index';
import { generatePostmortem } from './generate';
import { alternatingKeystroke, middleEditLine, middleTimelineLine, typedBulletEdit } from './server';

const SIZES: Record<string, number> = { '5k': 5_000, '50k': 50_000, '500k': 500_000 };
const { values } = parseArgs({ options: { size: { type: 'string' }, runs: { type: 'string' }, rules: { type: 'boolean' }, completion: { type: 'boolean' } } });
const size = values.size ?? '500k';
const runs = Number(values.runs ?? 40);
const bytes = SIZES[size];
if (!bytes) throw new Error(`--size: one of ${Object.keys(SIZES).join(', ')}`);

const generated = generatePostmortem(bytes, 1);
const template = builtInTemplate(DEFAULT_TEMPLATE);
const lines = generated.text.split('\n');
const timelineLine = middleTimelineLine(lines);
if (values.completion && timelineLine === undefined) throw new Error('--completion: the document has no timeline');
const line = values.completion ? timelineLine! : middleEditLine(lines);
const bullet = typedBulletEdit(lines, line);
const nextChange = values.completion ? typedAndRemoved() : alternatingKeystroke(lines);
const uri = 'file:///bench/postmortems/2021-01-01-stages.md';
const edits = new EditLog();
const parser = new IncrementalMarkdown();
const readers = new ReaderCache();
let document = TextDocument.create(uri, 'markdown', 1, generated.text);
/** The last analysis, which the server answers a bullet just typed from (features/typedBullet.ts). */
let analysed = { model: readPostmortem(runSync(parser.update(document.getText())), document, template, readers), text: document.getText(), version: 1 };

/** As the server bench types it: `- ` on a new line under the timeline entry, then removed again. */
function typedAndRemoved(): () => TextDocumentContentChangeEvent {
  let typed = false;
  return () => {
    typed = !typed;
    return typed ? bullet.insert : bullet.remove;
  };
}

const samples: Record<'update' | 'parse' | 'read' | 'lint' | 'total' | 'typed', number[]> = { update: [], parse: [], read: [], lint: [], total: [], typed: [] };
const bestByRule = new Map<string, number>();
const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
for (let run = 0; run < runs; run++) {
  const change = nextChange();
  const from = document.version;
  const t0 = process.hrtime.bigint();
  document = edits.update(document, [change], from + 1);
  const t1 = process.hrtime.bigint();
  // With --completion, what the server does instead of waiting for the analysis: answer from the last one.
  if (values.completion && run % 2 === 0) {
    const start = process.hrtime.bigint();
    const typed = answerFromLastAnalysis(analysed, document, edits.window(uri, analysed.version, document.version), bullet.cursor);
    if (!typed || completions(typed.model, bullet.cursor, { triggerCharacter: ' ', typedLine: typed.line }).length === 0) throw new Error('no answer from the last analysis');
    samples.typed.push(ms(start, process.hrtime.bigint()));
  }
  const root = runSync(parser.update(document.getText(), edits.window(uri, from, document.version)));
  const t2 = process.hrtime.bigint();
  const model = readPostmortem(root, document, template, readers);
  const t3 = process.hrtime.bigint();
  // With --completion the stage after the readers is the completion on the typed bullet (removals are not timed).
  if (values.completion) {
    if (run % 2 === 0 && completions(model, bullet.cursor, { triggerCharacter: ' ' }).length === 0) throw new Error('completion returned nothing');
  } else lint(model, { fileExists: () => true });
  const t4 = process.hrtime.bigint();
  edits.reached(uri, document.version);
  analysed = { model, text: document.getText(), version: document.version };
  // Each rule again on the same model: after lint has run, so a rule's caches are as warm as in lint.
  if (values.rules) {
    for (const rule of rules) {
      const start = process.hrtime.bigint();
      rule.check(model, () => {}, { options: {}, fileExists: () => true });
      bestByRule.set(rule.id, Math.min(bestByRule.get(rule.id) ?? Infinity, ms(start, process.hrtime.bigint())));
    }
  }
  if (values.completion && run % 2 === 1) continue;
  samples.update.push(ms(t0, t1));
  samples.parse.push(ms(t1, t2));
  samples.read.push(ms(t2, t3));
  samples.lint.push(ms(t3, t4));
  samples.total.push(ms(t0, t4));
}
const edit = values.completion ? `\`- \` typed under line ${line + 1}, then completion (best of ${runs / 2})` : `a one-character edit at line ${line + 1}, best of ${runs}`;
console.log(`${size} (${(generated.bytes / 1000).toFixed(0)} KB), ${edit}:`);
console.log(`  ${''.padEnd(8)} ${'best'.padStart(8)} ${'median'.padStart(8)}`);
for (const [stage, values_] of Object.entries(samples)) {
  if (values_.length === 0) continue;
  const sorted = [...values_].sort((a, b) => a - b);
  const name = values.completion && stage === 'lint' ? 'complete' : stage === 'typed' ? 'typed: from the last analysis (the server\'s path)' : stage;
  console.log(`  ${name.padEnd(8)} ${sorted[0]!.toFixed(2).padStart(5)} ms ${sorted[sorted.length >> 1]!.toFixed(2).padStart(5)} ms`);
}
for (const [id, value] of [...bestByRule].sort((a, b) => b[1] - a[1])) {
  if (value >= 0.01) console.log(`    ${id.padEnd(6)} ${value.toFixed(2)} ms`);
}
