// 2,000 random incremental edit sequences through the real server over stdio (EDIT_SEQUENCES and EDIT_SEED to change
// them). Sequences run in batches on one open document, so every divergence between the server's text and the
// client's persists into the later checks. After each sequence the server's diagnostics for the document (for the
// last version sent) and its outline must equal those of a fresh open of the client's text in a second document.
// A failing batch is written to test/fixtures/regressions/edits-<seed>-<batch>.json when EDIT_RECORD=1, and every
// such file is replayed first.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { Lines, postmortemDocument } from '../unit/fuzzDocuments';
import { LspClient } from './lspClient';
import { comparable } from './reliabilitySupport';

const sequences = Number(process.env['EDIT_SEQUENCES'] ?? 2000);
// A fixed seed by default, so that a run fails only when the code changed; EDIT_SEED=random explores new edits.
const seed = process.env['EDIT_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['EDIT_SEED'] ?? 20_211_107);
const SEQUENCES_PER_DOCUMENT = 25;
/** Past this size the next sequence starts by deleting a large part: edits stay short and analyses cheap. */
const MAX_LENGTH = 3000;

const edited = 'file:///work/repo/postmortems/a/2021-07-11-edits.md';
const fresh = 'file:///work/repo/postmortems/b/2021-07-11-edits.md';
const regressions = new URL('../fixtures/regressions/', import.meta.url);

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}
/** One edit as offsets into the client's text before it: where, how much to delete, what to insert. */
interface OffsetEdit {
  at: number;
  remove: number;
  insert: string;
}
interface Batch {
  initial: string;
  /** Sequences of notifications; each notification holds one or two edits, applied in order. */
  sequences: OffsetEdit[][][];
}

const insertions = [
  '', 'x', ' ', '\n', '\r\n', '\r', '\n\n', '#', '## ', '## Impact\n', '### 13:35 UTC\n', '- ', '- **10:00 UTC:** a\n', '- [ ] task\n', '* 25:61 b\n',
  '| 10:00 | e |\n', '|', '---\n', '```\n', '> ', '*', '**', '_', '`', '[', ']', '(', ')', '<!-- ', ' -->', '<', '1', '2', ':', '0', '.', '🔥', '🙋🏿‍♂️',
  '⚠️', '\u200d', 'é', 'مر', '\u0000', '\ufeff', '\ud83d', '\ude00', 'TBD', 'human error', 'Why? ', '2021-02-30 ', 'All times are UTC.\n',
];

const offsetEdit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 80 }) }), insert: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...insertions) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }) });
const notification = fc.array(offsetEdit, { minLength: 1, maxLength: 2 });
const batchArbitrary = fc.record({
  initial: postmortemDocument,
  sequences: fc.array(fc.array(notification, { minLength: 1, maxLength: 6 }), { minLength: SEQUENCES_PER_DOCUMENT, maxLength: SEQUENCES_PER_DOCUMENT }),
});

/** Turns fractions into offsets against `text`, never inside a CRLF (no LSP position is there), and the LSP change. */
function toChange(text: string, edit: { at: number; remove: number; insert: string }, large: boolean): { change: Change; next: string } {
  const lines = new Lines(text);
  const clampOut = (offset: number) => (offset > 0 && offset < text.length && text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset);
  const start = clampOut(Math.min(text.length, Math.floor(edit.at * (text.length + 1))));
  const remove = large ? Math.max(edit.remove, text.length - MAX_LENGTH / 2) : edit.remove;
  const end = clampOut(Math.min(text.length, start + remove));
  return {
    change: { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: edit.insert },
    next: text.slice(0, start) + edit.insert + text.slice(end),
  };
}

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

/** Runs one batch; returns a description of the first divergence, or undefined. */
async function runBatch(batch: Batch): Promise<{ problem: string; sequence: number } | undefined> {
  let text = batch.initial;
  await client.open(edited, text);
  try {
    for (const [index, sequence] of batch.sequences.entries()) {
      let version = 0;
      for (const [n, edits] of sequence.entries()) {
        const changes: Change[] = [];
        for (const [k, edit] of edits.entries()) {
          const { change, next } = toChange(text, edit, n === 0 && k === 0 && text.length > MAX_LENGTH);
          changes.push(change);
          text = next;
        }
        version = await client.sendChange(edited, changes);
      }
      const published = await client.nextDiagnostics(edited, version);
      const reference = await client.open(fresh, text);
      const [symbols, referenceSymbols] = await Promise.all([
        client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: edited } }) as Promise<DocumentSymbol[] | null>,
        client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: fresh } }) as Promise<DocumentSymbol[] | null>,
      ]);
      await client.close(fresh);
      try {
        assert.equal(published.version, version);
        assert.deepEqual(comparable(published.diagnostics, edited), comparable(reference.diagnostics, fresh), 'diagnostics after the edits differ from a fresh open of the same text');
        assert.deepEqual(symbols, referenceSymbols, 'the outline after the edits differs from a fresh open of the same text');
      } catch (error) {
        return { problem: `${error instanceof Error ? error.message : String(error)}\nfinal text: ${JSON.stringify(text)}`, sequence: index };
      }
    }
    return undefined;
  } finally {
    await client.close(edited);
  }
}

const recorded = readdirSync(regressions).filter((file) => file.startsWith('edits-') && file.endsWith('.json')).sort();

test('there are edit regressions to replay', () => {
  assert.ok(recorded.length > 0);
});

for (const name of recorded) {
  test(`edit regression ${name}`, async () => {
    const batch = JSON.parse(readFileSync(new URL(name, regressions), 'utf8')) as Batch;
    const failure = await runBatch(batch);
    assert.equal(failure, undefined, failure?.problem);
  });
}

test(`${sequences} random incremental edit sequences: the server's text stays the client's (seed ${seed})`, { timeout: 600_000 }, async () => {
  const batches = fc.sample(batchArbitrary, { numRuns: Math.ceil(sequences / SEQUENCES_PER_DOCUMENT), seed });
  let done = 0;
  let edits = 0;
  const started = performance.now();
  for (const [index, batch] of batches.entries()) {
    const wanted = Math.min(SEQUENCES_PER_DOCUMENT, sequences - done);
    const trimmed = { ...batch, sequences: batch.sequences.slice(0, wanted) };
    const failure = await runBatch(trimmed);
    if (failure) {
      const file = `edits-${seed}-${index}.json`;
      if (process.env['EDIT_RECORD'] === '1') writeFileSync(new URL(file, regressions), `${JSON.stringify({ ...trimmed, sequences: trimmed.sequences.slice(0, failure.sequence + 1) })}\n`);
      assert.fail(`seed ${seed}, batch ${index}, sequence ${failure.sequence} (EDIT_RECORD=1 writes it to ${file}): ${failure.problem}`);
    }
    done += trimmed.sequences.length;
    edits += trimmed.sequences.reduce((sum, sequence) => sum + sequence.reduce((n, notification) => n + notification.length, 0), 0);
  }
  console.log(`edits: ${done} sequences (${edits} edits) in ${batches.length} documents, ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}`);
  assert.equal(done, sequences);
  assert.equal(client.stderr.join(''), '');
});
