/**
 * How long the slowest inputs known take to lint at a given size, each in a fresh process (cold, as a one-file
 * `postmortem-lint` run analyses in its main thread): what INLINE_LINT_BYTES in server/src/cli/pool.ts rests on.
 *
 *   node --import tsx --import ./test/support/register.mjs bench/slowInputs.ts [bytes, default 4096]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, documentDiagnostics } from '../server/src/analysis';
import { nodeFileSystem } from '../server/src/config';
import { TemplateLoader } from '../server/src/templates/load';

const run = '*a'.repeat(100);

/** Text of `size` characters: `head`, then `unit(0)`, `unit(1)`, … cut at the size. */
function fill(size: number, head: string, unit: (i: number) => string): string {
  let out = head;
  for (let i = 0; out.length < size; i++) out += unit(i);
  return out.slice(0, size);
}

const md = '# 2021-07-11: Outage\n\n';
const rst = '2021-07-11: Outage\n==================\n\n';
const txt = '2021-07-11: Outage incident report\n\n';

/** Each shape: its language and its text at `size` characters. */
const shapes: Record<string, [string, (size: number) => string]> = {
  'md: prose (for comparison)': ['markdown', (size) => fill(size, md, (i) => `The database was slow and the team looked at it ${i}.\n`)],
  'md: *a runs, one paragraph (capped)': ['markdown', (size) => fill(size, md, () => '*a')],
  'md: *a runs on #*a lines': ['markdown', (size) => fill(size, md, () => `#${run}\n`)],
  'md: *a runs, every other line 2. *a': ['markdown', (size) => fill(size, md, (i) => (i % 2 ? `2. ${run}\n` : `${run}\n`))],
  'md: a list item holding items': ['markdown', (size) => fill(size, `${md}- top\n`, () => '  - a\n')],
  'md: list nested a level a line': ['markdown', (size) => fill(size, md, (i) => `${'  '.repeat(i)}- x\n`)],
  'md: quote staircase': ['markdown', (size) => fill(size, md, (i) => `${'>'.repeat(i + 1)} x\n`)],
  'rst: list nested a level a line': ['restructuredtext', (size) => fill(size, rst, (i) => `${'  '.repeat(i)}- level ${i}\n\n`)],
  'rst: *a runs, one paragraph': ['restructuredtext', (size) => fill(size, rst, () => '*a')],
  'txt: *a runs, one paragraph': ['plaintext', (size) => fill(size, txt, () => '*a')],
  'txt: one paragraph of short lines': ['plaintext', (size) => fill(size, txt, (i) => `the service was down ${i}\n`)],
};

const [size = '4096', shape] = process.argv.slice(2);
if (shape) {
  const [language, text] = shapes[shape]!;
  const started = performance.now();
  const document = TextDocument.create('file:///repo/postmortems/2021-07-11-slow.md', language, 1, text(Number(size)));
  documentDiagnostics(analyseDocument(document, { templates: new TemplateLoader(nodeFileSystem), workspaceFolders: ['file:///repo'], realPath: (p) => p, root: '/repo' }), {});
  process.stdout.write(String(performance.now() - started));
} else {
  const script = fileURLToPath(import.meta.url);
  const register = fileURLToPath(new URL('../test/support/register.mjs', import.meta.url));
  for (const name of Object.keys(shapes)) {
    const ms = Number(execFileSync(process.execPath, ['--import', 'tsx', '--import', register, script, size, name], { encoding: 'utf8' }));
    console.log(`${name.padEnd(40)} ${size} chars: ${ms.toFixed(0)} ms`);
  }
}
