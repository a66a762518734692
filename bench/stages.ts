/**
 * `npm run bench:stages`: a keystroke's analysis stage by stage, on one thread in this process, without the server
 * or JSON-RPC: the text update, the incremental parse, the model readers and the rules. Best of the runs, so that a
 * busy machine shows what the code costs rather than what the machine was doing.
 *
 *   npm run bench:stages -- --size 500k --runs 40 [--rules]   (--rules: each rule's own time too)
 */
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditLog } from '../server/src/editLog';
import { IncrementalMarkdown, runSync } from '../server/src/model/incremental';
import { readPostmortem } from '../server/src/model/parse';
import { ReaderCache } from '../server/src/model/readerCache';
import { lint, rules } from '../server/src/rules/index';
import { builtInTemplate, DEFAULT_TEMPLATE } from '../server/src/templates/index';
import { generatePostmortem } from './generate';
import { alternatingKeystroke, middleEditLine } from './server';

const SIZES: Record<string, number> = { '5k': 5_000, '50k': 50_000, '500k': 500_000 };
const { values } = parseArgs({ options: { size: { type: 'string' }, runs: { type: 'string' }, rules: { type: 'boolean' } } });
const size = values.size ?? '500k';
const runs = Number(values.runs ?? 40);
const bytes = SIZES[size];
if (!bytes) throw new Error(`--size: one of ${Object.keys(SIZES).join(', ')}`);

const generated = generatePostmortem(bytes, 1);
const template = builtInTemplate(DEFAULT_TEMPLATE);
const lines = generated.text.split('\n');
const line = middleEditLine(lines);
const nextChange = alternatingKeystroke(lines);
const uri = 'file:///bench/postmortems/2021-01-01-stages.md';
const edits = new EditLog();
const parser = new IncrementalMarkdown();
const readers = new ReaderCache();
let document = TextDocument.create(uri, 'markdown', 1, generated.text);
readPostmortem(runSync(parser.update(document.getText())), document, template, readers);

const best = { update: Infinity, parse: Infinity, read: Infinity, lint: Infinity, total: Infinity };
const bestByRule = new Map<string, number>();
const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
for (let run = 0; run < runs; run++) {
  const change = nextChange();
  const from = document.version;
  const t0 = process.hrtime.bigint();
  document = edits.update(document, [change], from + 1);
  const t1 = process.hrtime.bigint();
  const root = runSync(parser.update(document.getText(), edits.window(uri, from, document.version)));
  const t2 = process.hrtime.bigint();
  const model = readPostmortem(root, document, template, readers);
  const t3 = process.hrtime.bigint();
  lint(model, { fileExists: () => true });
  const t4 = process.hrtime.bigint();
  edits.reached(uri, document.version);
  // Each rule again on the same model: after lint has run, so a rule's caches are as warm as in lint.
  if (values.rules) {
    for (const rule of rules) {
      const start = process.hrtime.bigint();
      rule.check(model, () => {}, { options: {}, fileExists: () => true });
      bestByRule.set(rule.id, Math.min(bestByRule.get(rule.id) ?? Infinity, ms(start, process.hrtime.bigint())));
    }
  }
  best.update = Math.min(best.update, ms(t0, t1));
  best.parse = Math.min(best.parse, ms(t1, t2));
  best.read = Math.min(best.read, ms(t2, t3));
  best.lint = Math.min(best.lint, ms(t3, t4));
  best.total = Math.min(best.total, ms(t0, t4));
}
console.log(`${size} (${(generated.bytes / 1000).toFixed(0)} KB), a one-character edit at line ${line + 1}, best of ${runs}:`);
for (const [stage, value] of Object.entries(best)) console.log(`  ${stage.padEnd(7)} ${value.toFixed(2)} ms`);
for (const [id, value] of [...bestByRule].sort((a, b) => b[1] - a[1])) {
  if (value >= 0.01) console.log(`    ${id.padEnd(6)} ${value.toFixed(2)} ms`);
}
