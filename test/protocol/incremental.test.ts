// The incremental analysis over stdio: what the server publishes after edits equals what it publishes for the same
// text opened fresh; a burst of changes is answered once, for its last version; cancelled requests return at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import {
  CancellationTokenSource,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  type DocumentSymbol,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';

const RUNS = Number(process.env["INCREMENTAL_PROTOCOL_RUNS"] ?? 20);

let client: LspClient;
before(async () => {
  client = await LspClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

const base = [
  '---',
  'title: "2021-01-30: Database outage"',
  'severity: SEV-2',
  '---',
  '',
  '# 2021-01-30: Database outage',
  '',
  '## ⚠️ Leadup',
  '',
  '*List the sequence of events that led to the incident*',
  '',
  'All times are UTC.',
  '',
  '- **00:27 UTC:** Django starts using connections',
  '- **00:33 UTC:** DevOps alerted',
  '  - a nested note with [a link](missing.md)',
  '- **00:31 UTC:** Out of order',
  '- **25:61 UTC:** Impossible',
  '',
  '## 🥏 Impact',
  '',
  'Human error, TBD. The last sentence stops at the',
  '',
  '```',
  '# not a heading',
  '```',
  '',
  '## 🔎 Five Why\'s',
  '',
  '- Why did it fail? The pool was full.',
  '- Why was it full? Connections leaked.',
  '',
  '## ☑️ Follow-up tasks',
  '',
  '- [ ] Add an alert',
  '- [x] Fix the pool @joe',
  '',
].join('\n');

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** The change that turns `text` into `next` (one replaced span), in LSP positions. */
function changeBetween(text: string, at: number, remove: number, insert: string): Change {
  const position = (offset: number) => {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return { range: { start: position(at), end: position(at + remove) }, text: insert };
}

let counter = 0;

/** JSON with the document's own URI (related information points into it) written as `<uri>`. */
function normalised(value: unknown, uri: string): string {
  return JSON.stringify(value, null, 1).split(uri).join('<uri>');
}

async function fresh(text: string, name: string): Promise<{ diagnostics: string; symbols: string; folds: string }> {
  // The same file name (its date counts) in another postmortems folder.
  const uri = `file:///work/repo/postmortems/fresh-${counter++}/${name}`;
  const { diagnostics } = await client.open(uri, text);
  const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  await client.close(uri);
  return { diagnostics: normalised(diagnostics, uri), symbols: normalised(symbols, uri), folds: normalised(folds, uri) };
}

test(`after random edits (${RUNS} sequences) the published diagnostics, outline and folds equal a fresh open of the same text`, async () => {
  const pieces = ['x', '\n', '\n\n', '- **01:00 UTC:** new', '## Impact\n', '```', '[ref]: x.md\n', '# ', '> ', 'TODO ', '🔥', ''];
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 12 }), insert: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 8 }),
      async (edits) => {
        const name = '2021-01-30-database-outage.md';
        const uri = `file:///work/repo/postmortems/edited-${counter++}/${name}`;
        let text = base;
        await client.open(uri, text);
        let published: PublishDiagnosticsParams | undefined;
        for (const edit of edits) {
          const at = Math.floor(edit.at * (text.length + 1));
          const remove = Math.min(edit.remove, text.length - at);
          // Never split a \r\n or a surrogate pair: an editor would not.
          const change = changeBetween(text, at, remove, edit.insert);
          text = text.slice(0, at) + edit.insert + text.slice(at + remove);
          published = await client.change(uri, [change]);
        }
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
        const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
        await client.close(uri);
        const expected = await fresh(text, name);
        assert.equal(normalised(published!.diagnostics, uri), expected.diagnostics, `text: ${JSON.stringify(text)}`);
        assert.equal(normalised(symbols, uri), expected.symbols);
        assert.equal(normalised(folds, uri), expected.folds);
      },
    ),
    { numRuns: RUNS },
  );
});

test('a burst of 30 keystrokes sent together is published a few times at most, ending with its last version', async () => {
  const uri = 'file:///work/repo/postmortems/2021-01-30-burst.md';
  await client.open(uri, base);
  const seen: number[] = [];
  // Through the client's own listener: a second handler on the connection would replace it.
  const stopListening = client.onDiagnostics((params) => {
    if (params.uri === uri && params.version !== undefined) seen.push(params.version);
  });
  let text = base;
  const last = client.nextDiagnostics(uri, 31);
  for (let i = 0; i < 30; i++) {
    const at = text.indexOf('Human error') + i;
    void client.sendChange(uri, [changeBetween(text, at, 0, 'y')]);
    text = `${text.slice(0, at)}y${text.slice(at)}`;
  }
  const { diagnostics } = await last;
  stopListening();
  // Versions 2–31: the server reads the changes one by one, so the first one or two may be published before the
  // rest arrive; after that the burst is analysed once, at its last version.
  assert.ok(seen.length <= 5 && seen.at(-1) === 31, `published for versions ${seen.join(', ')}`);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'published in version order');
  assert.equal(normalised(diagnostics, uri), (await fresh(text, '2021-01-30-burst.md')).diagnostics);
  await client.close(uri);
});

test('a cancelled request returns without waiting for an analysis', async () => {
  const uri = 'file:///work/repo/postmortems/2021-01-30-cancel.md';
  await client.open(uri, base);
  const source = new CancellationTokenSource();
  // The change and the request go together; the request is cancelled before the analysis can finish (the change
  // adds 5,000 entries, so that analysis takes far longer than the cancellation takes to arrive).
  void client.sendChange(uri, [changeBetween(base, base.length, 0, '\n- **02:00 UTC:** more\n'.repeat(5000))]);
  const request = client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 14, character: 0 } }, source.token);
  source.cancel();
  const answer = await request.catch((error: unknown) => error);
  assert.ok(answer === null || (answer instanceof Error && /cancel/i.test(answer.message)), `answer: ${String(answer)}`);
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  assert.equal(symbols[0]!.name, '2021-01-30: Database outage');
  await client.close(uri);
});
