// Which documents keep their incremental parse state (the tree) in DocumentModels: edited ones up to the limits,
// and of those only opened, just the latest, so that a burst of opens does not keep a tree per document.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_LIMITS, DocumentModels } from '../../server/src/documentModels';
import { ParsePool } from '../../server/src/parsePool';
import { builtInTemplate } from '../../server/src/templates/index';

const workerFile = fileURLToPath(new URL('../support/parseWorker.mjs', import.meta.url));
const template = builtInTemplate('python-discord');

function text(n: number): string {
  return `# Outage ${n}\n\n## Timeline\n\n${Array.from({ length: 40 }, (_, i) => `- **${String(i % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')} UTC:** step ${i}\n`).join('')}`;
}

test('an opened document keeps its tree only until another is opened; edited ones keep theirs', async () => {
  const pool = new ParsePool({ workerFile, maxWorkers: 1, budgetMs: () => 20_000 });
  try {
    const models = new DocumentModels(pool, { ...DEFAULT_LIMITS, retainDocuments: 3 });
    const open = (n: number) => TextDocument.create(`file:///doc-${n}.md`, 'markdown', 1, text(n));
    const edit = (document: TextDocument) => TextDocument.update(document, [{ text: `${document.getText()}\nMore.\n` }], document.version + 1);

    // Three opened, none edited: only the latest keeps its tree.
    const docs = [open(0), open(1), open(2)];
    for (const document of docs) await models.model(document, template);
    assert.equal(models.retained, 1);

    // Editing the first two keeps theirs (as well as the latest opened one).
    docs[0] = edit(docs[0]!);
    await models.model(docs[0], template);
    docs[1] = edit(docs[1]!);
    await models.model(docs[1], template);
    assert.equal(models.retained, 3);

    // Another open: the opened-only document before it gives up its tree, the edited ones do not.
    await models.model(open(3), template);
    assert.deepEqual([0, 1, 2, 3].map((n) => models.keepsTree(`file:///doc-${n}.md`)), [true, true, false, true]);

    // Past retainDocuments, the least recently parsed edited one gives up its tree too.
    docs[2] = edit(docs[2]!);
    await models.model(docs[2], template);
    assert.deepEqual([0, 1, 2, 3].map((n) => models.keepsTree(`file:///doc-${n}.md`)), [false, true, true, true]);
  } finally {
    pool.dispose();
  }
});

test('a template given as a function is asked for once the parse is in a worker, and the model is read against it', async () => {
  const pool = new ParsePool({ workerFile, maxWorkers: 1, budgetMs: () => 20_000 });
  try {
    const models = new DocumentModels(pool);
    // Long enough to be parsed in a worker rather than in this thread.
    const document = TextDocument.create('file:///doc-template.md', 'markdown', 1, [7, 8, 9, 10, 11, 12].map(text).join('\n'));
    let asked = 0;
    const building = models.model(document, () => {
      asked++;
      return builtInTemplate('google-sre');
    });
    // The server works the settings out meanwhile: the parse has been handed to the worker, the template not yet asked.
    await Promise.resolve();
    assert.equal(pool.size, 1, 'the parse went to a worker');
    assert.equal(asked, 0);
    const result = await building;
    assert.equal(asked, 1);
    assert.ok(result !== 'stale');
    assert.equal(result.model.template.name, 'google-sre');
  } finally {
    pool.dispose();
  }
});
