// The edit log: what the editor's change ranges say stayed the same between versions, which the incremental parser
// then trusts instead of comparing the texts. A window that claims too much would give a wrong tree, so it is checked
// against the texts themselves, and the parse given the window against a parse of the text from scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditLog } from '../../server/src/editLog';
import { IncrementalMarkdown, parseMarkdownDocument, runSync } from '../../server/src/model/incremental';
import { clampedOffset, Lines } from './fuzzDocuments';

const RUNS = Number(process.env['EDIT_LOG_RUNS'] ?? 100);
// The out-of-range mode's seed, printed with its test: EDIT_LOG_SEED=<n> replays a run, EDIT_LOG_SEED=random explores.
const SEED = process.env['EDIT_LOG_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['EDIT_LOG_SEED'] ?? 20_240_611);
const uri = 'file:///work/repo/postmortems/2021-01-30-edits.md';
const base = '# Outage\n\n## Timeline\n\n- **00:27 UTC:** first\n- **00:33 UTC:** second\n\n## Impact\n\nUsers saw errors.\n\n```\ncode\n```\n';

/** A change as an editor sends it: a range of the document as it is at that point, or the whole text. */
const changeArbitrary = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.integer({ min: 0, max: 15 }),
  insert: fc.constantFrom('', 'x', '\n', '\n\n', '- **01:00 UTC:** new\n', '## Next\n', '```\n', '> ', '🔥'),
  whole: fc.boolean(),
});

function toChange(document: TextDocument, change: { at: number; remove: number; insert: string; whole: boolean }): TextDocumentContentChangeEvent {
  const text = document.getText();
  if (change.whole && change.insert === '🔥') return { text: `${text}\nreplaced` };
  const start = Math.floor(change.at * (text.length + 1));
  const end = Math.min(text.length, start + change.remove);
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: change.insert };
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

test(`the window between any two versions never claims more than the texts share, and the parse it guides equals a fresh one (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.array(fc.array(changeArbitrary, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.nat(), (events, pick) => {
      const log = new EditLog();
      let document = TextDocument.create(uri, 'markdown', 1, base);
      const texts = new Map<number, string>([[1, base]]);
      for (const event of events) {
        // Each change's range refers to the text after the changes before it in the same event (worked out on a copy:
        // TextDocument.update changes the document it is given).
        let current = TextDocument.create(uri, 'markdown', document.version, document.getText());
        const changes = event.map((change) => {
          const made = toChange(current, change);
          current = TextDocument.update(current, [made], current.version);
          return made;
        });
        document = log.update(document, changes, document.version + 1);
        assert.equal(document.getText(), current.getText());
        texts.set(document.version, document.getText());
      }
      const last = document.version;
      const from = 1 + (pick % (last - 1 || 1));
      const window = log.window(uri, from, last);
      assert.ok(window, `no window from ${from} to ${last}`);
      const before = texts.get(from)!;
      const after = texts.get(last)!;
      assert.ok(window.prefix <= commonPrefix(before, after), `prefix ${window.prefix} claims more than the texts share`);
      assert.ok(window.suffix <= commonSuffix(before, after), `suffix ${window.suffix} claims more than the texts share`);
      const parser = new IncrementalMarkdown({ minChunk: 0 });
      runSync(parser.update(before));
      assert.deepEqual(runSync(parser.update(after, window)), parseMarkdownDocument(after));
    }),
    { numRuns: RUNS },
  );
});

/** A position a client might send: on the text, past the end of its line, or past the last line. */
const loosePosition = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  pastLine: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
  pastDocument: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 1000 }) }),
});
/** A change whose two ends are such positions, in either order. */
const looseChange = fc.record({ start: loosePosition, end: loosePosition, insert: changeArbitrary.map((change) => change.insert) });

function toLoosePosition(lines: Lines, { at, pastLine, pastDocument }: { at: number; pastLine: number; pastDocument: number }) {
  const position = lines.positionAt(Math.floor(at * (lines.text.length + 1)));
  return { line: pastDocument > 0 ? lines.count - 1 + pastDocument : position.line, character: position.character + pastLine };
}

test(`ranges past the end of a line or of the document, or backwards, give the text as LSP clamps it; the line table and the window stay true (${RUNS} runs, seed ${SEED})`, () => {
  fc.assert(
    fc.property(fc.array(fc.array(looseChange, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.nat(), (events, pick) => {
      const log = new EditLog();
      let document = TextDocument.create(uri, 'markdown', 1, base);
      let reference = base;
      const texts = new Map<number, string>([[1, base]]);
      for (const event of events) {
        const changes = event.map(({ start, end, insert }) => {
          const lines = new Lines(reference);
          const range = { start: toLoosePosition(lines, start), end: toLoosePosition(lines, end) };
          const [from, to] = [clampedOffset(lines, range.start), clampedOffset(lines, range.end)].sort((a, b) => a - b);
          reference = reference.slice(0, from) + insert + reference.slice(to);
          return { range, text: insert };
        });
        document = log.update(document, changes, document.version + 1);
        assert.equal(document.getText(), reference);
        const fresh = TextDocument.create(uri, 'markdown', document.version, reference);
        assert.equal(document.lineCount, fresh.lineCount);
        for (let line = 0; line < fresh.lineCount; line++) assert.equal(document.offsetAt({ line, character: 0 }), fresh.offsetAt({ line, character: 0 }), `line ${line}`);
        texts.set(document.version, reference);
      }
      const last = document.version;
      const from = 1 + (pick % (last - 1 || 1));
      const window = log.window(uri, from, last)!;
      const [before, after] = [texts.get(from)!, texts.get(last)!];
      assert.ok(window.prefix <= commonPrefix(before, after) && window.suffix <= commonSuffix(before, after), `the window ${JSON.stringify(window)} claims more than the texts share`);
      const parser = new IncrementalMarkdown({ minChunk: 0 });
      runSync(parser.update(before));
      assert.deepEqual(runSync(parser.update(after, window)), parseMarkdownDocument(after));
    }),
    { numRuns: RUNS, seed: SEED },
  );
  console.log(`edit log: ${RUNS} runs of changes out of range, seed ${SEED}`);
});

test('a version the log has no steps for gives no window, and steps a parse has reached are dropped', () => {
  const log = new EditLog();
  let document = TextDocument.create(uri, 'markdown', 1, 'abc\n');
  document = log.update(document, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: 'X' }], 2);
  document = log.update(document, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: 'Y' }], 3);
  assert.deepEqual(log.window(uri, 1, 3), { prefix: 1, suffix: 1 });
  assert.deepEqual(log.window(uri, 2, 3), { prefix: 3, suffix: 1 });
  assert.equal(log.window(uri, 0, 3), undefined);
  log.reached(uri, 2);
  assert.equal(log.window(uri, 1, 3), undefined);
  assert.deepEqual(log.window(uri, 2, 3), { prefix: 3, suffix: 1 });
  log.forget(uri);
  assert.equal(log.window(uri, 2, 3), undefined);
});
