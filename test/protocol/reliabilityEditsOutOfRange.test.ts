// Random incremental edits whose ranges run past the end of a line or of the document, or backwards, through the real
// server over stdio. The client keeps its own text, clamped as LSP says (a position past the end of a line is the
// line's end, past the last line the document's end; a backwards range is the text between its ends); after each
// sequence the server's diagnostics and outline must equal those of a fresh open of that text. The seed is printed:
// EDIT_RANGE_SEED=<n> replays a run (EDIT_RANGE_SEED=random explores new edits), EDIT_RANGE_SEQUENCES sets how many.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { clampedOffset, Lines, postmortemDocument } from '../unit/fuzzDocuments';
import { LspClient } from './lspClient';
import { comparable } from './reliabilitySupport';

const sequences = Number(process.env['EDIT_RANGE_SEQUENCES'] ?? 500);
// A fixed seed by default, so that a run fails only when the code changed.
const seed = process.env['EDIT_RANGE_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['EDIT_RANGE_SEED'] ?? 20_240_611);
const SEQUENCES_PER_DOCUMENT = 25;

const edited = 'file:///work/repo/postmortems/a/2021-07-11-ranges.md';
const fresh = 'file:///work/repo/postmortems/b/2021-07-11-ranges.md';

interface Position {
  line: number;
  character: number;
}

/** An edit as fractions and overshoots, made into a range against the client's text when it is sent. */
interface RawEdit {
  at: number;
  remove: number;
  /** Characters the end goes past where it would be (past its line's end, when the line is short). */
  pastLine: number;
  /** Lines the end goes past the last line (0: on the text). */
  pastDocument: number;
  /** Lines the start goes past the last line (0: on the text). */
  startPastDocument: number;
  reversed: boolean;
  insert: string;
}

const insertions = ['', 'x', ' ', '\n', '\r\n', '\r', '## Impact\n', '- **10:00 UTC:** a\n', '* 25:61 b\n', '| 10:00 | e |\n', '```\n', '> ', '*', '[', '<!-- ', ' -->', '🔥', '\ud83d', 'TBD', 'é'];
const rawEdit: fc.Arbitrary<RawEdit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 6 }),
  pastLine: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) }),
  pastDocument: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 1000 }) }),
  startPastDocument: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  reversed: fc.boolean(),
  insert: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...insertions) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }),
});
const batchArbitrary = fc.record({
  initial: postmortemDocument,
  sequences: fc.array(fc.array(fc.array(rawEdit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 5 }), { minLength: SEQUENCES_PER_DOCUMENT, maxLength: SEQUENCES_PER_DOCUMENT }),
});

/** The range the client sends for `edit` against `text`, and the text as the client has it afterwards. */
function toChange(text: string, edit: RawEdit): { change: { range: { start: Position; end: Position }; text: string }; next: string } {
  const lines = new Lines(text);
  const start = lines.positionAt(Math.floor(edit.at * (text.length + 1)));
  const end = lines.positionAt(Math.min(text.length, clampedOffset(lines, start) + edit.remove));
  end.character += edit.pastLine;
  if (edit.pastDocument > 0) end.line = lines.count - 1 + edit.pastDocument;
  if (edit.startPastDocument > 0) start.line = lines.count - 1 + edit.startPastDocument;
  const range = edit.reversed ? { start: end, end: start } : { start, end };
  const [from, to] = [clampedOffset(lines, range.start), clampedOffset(lines, range.end)].sort((a, b) => a - b);
  return { change: { range, text: edit.insert }, next: text.slice(0, from) + edit.insert + text.slice(to) };
}

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

test(`${sequences} random edit sequences with ranges past the end and backwards: the server's text stays the client's (seed ${seed})`, { timeout: 600_000 }, async () => {
  const batches = fc.sample(batchArbitrary, { numRuns: Math.ceil(sequences / SEQUENCES_PER_DOCUMENT), seed });
  let done = 0;
  let outOfRange = 0;
  const started = performance.now();
  for (const [batch, { initial, sequences: all }] of batches.entries()) {
    let text = initial;
    await client.open(edited, text);
    for (const [index, sequence] of all.slice(0, sequences - done).entries()) {
      let version = 0;
      for (const edits of sequence) {
        const changes = edits.map((edit) => {
          const { change, next } = toChange(text, edit);
          if (edit.pastLine > 0 || edit.pastDocument > 0 || edit.startPastDocument > 0 || edit.reversed) outOfRange++;
          text = next;
          return change;
        });
        version = await client.sendChange(edited, changes);
      }
      const published = await client.nextDiagnostics(edited, version);
      const reference = await client.open(fresh, text);
      const outline = (uri: string) => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as Promise<DocumentSymbol[] | null>;
      const [symbols, referenceSymbols] = await Promise.all([outline(edited), outline(fresh)]);
      await client.close(fresh);
      const where = `seed ${seed} (EDIT_RANGE_SEED=${seed} replays it), document ${batch}, sequence ${index}; the client's text: ${JSON.stringify(text)}`;
      assert.deepEqual(comparable(published.diagnostics, edited), comparable(reference.diagnostics, fresh), `diagnostics differ from a fresh open: ${where}`);
      assert.deepEqual(symbols, referenceSymbols, `the outline differs from a fresh open: ${where}`);
      done++;
    }
    await client.close(edited);
  }
  console.log(`edits out of range: ${done} sequences (${outOfRange} edits past the end or backwards), ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}`);
  assert.equal(done, sequences);
  assert.equal(client.stderr.join(''), '');
});
