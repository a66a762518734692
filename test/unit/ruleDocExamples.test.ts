// Every example on a rule's page is a test: each "Bad" example raises its rule, each "Good" one raises nothing at all,
// held to the template the page names (else `auto`) and named as the page names its file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePostmortem } from '../../server/src/model/parse';
import { lint, rules } from '../../server/src/rules/index';
import { builtInTemplate, builtInTemplateNames } from '../../server/src/templates/index';

interface Example {
  kind: 'Bad' | 'Good';
  text: string;
  /** The file the page says the example is (`postmortems/2021-01-11-x.md`:), else a neutral one. */
  path: string;
  line: number;
}

/** The fenced examples under `## Bad` and `## Good`, with the file name a line before a block gives. */
function examplesOf(page: string): Example[] {
  const examples: Example[] = [];
  const lines = page.split('\n');
  let kind: Example['kind'] | undefined;
  let path = 'postmortems/incident.md';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^## (Bad|Good|.*)$/.exec(line);
    if (heading) {
      kind = heading[1] === 'Bad' || heading[1] === 'Good' ? heading[1] : undefined;
      path = 'postmortems/incident.md';
      continue;
    }
    const named = /^`([^`]+\.(?:md|rst|txt))`:$/.exec(line);
    if (named) path = named[1]!;
    const fence = /^(`{3,}|~{3,})(markdown|md|rst)?\s*$/.exec(line);
    if (!fence || !kind) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith(fence[1]!)) body.push(lines[j++]!);
    examples.push({ kind, text: `${body.join('\n')}\n`, path, line: i + 1 });
    path = 'postmortems/incident.md';
    i = j;
  }
  return examples;
}

/** The template the page's text names before its examples (`python-discord`, `google-sre`), else `auto`. */
function templateOf(page: string): string {
  const intro = page.slice(0, page.indexOf('## Bad'));
  return builtInTemplateNames.find((name) => new RegExp(`["\`]${name}["\`]`).test(intro)) ?? 'auto';
}

for (const rule of rules) {
  test(`${rule.id} ${rule.name}: the page's bad examples raise it, its good examples raise nothing`, () => {
    const page = readFileSync(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url), 'utf8');
    const examples = examplesOf(page);
    assert.ok(examples.some((e) => e.kind === 'Bad'), `docs/rules/${rule.id}.md has no bad example in a code block`);
    const named = templateOf(page);
    const template = builtInTemplate(named);
    const wrong: string[] = [];
    for (const example of examples) {
      const language = example.path.endsWith('.rst') ? 'restructuredtext' : example.path.endsWith('.txt') ? 'plaintext' : 'markdown';
      // An example may name its template in its front matter, as a document does.
      const own = /^---\n(?:.*\n)*?template: (\S+)\n/.exec(example.text)?.[1];
      const model = parsePostmortem(TextDocument.create(`file:///repo/${example.path}`, language, 1, example.text), own ? builtInTemplate(own) : template);
      // The pages say a bad example's links are missing and a good one's are there.
      const found = lint(model, { fileExists: () => example.kind === 'Good' }).map((d) => `${d.code} (line ${d.range.start.line + 1}): ${d.message}`);
      const where = `docs/rules/${rule.id}.md:${example.line}`;
      if (example.kind === 'Bad' && !found.some((d) => d.startsWith(`${rule.id} `))) wrong.push(`${where}: the bad example does not raise ${rule.id}; it raises ${JSON.stringify(found)}`);
      // A good example is a part of a document: held to a named template, it may lack that template's other sections.
      const unexpected = found.filter((d) => !(named !== 'auto' && rule.id !== 'PM001' && d.startsWith('PM001 ')));
      if (example.kind === 'Good' && unexpected.length > 0) wrong.push(`${where}: the good example raises ${JSON.stringify(unexpected)}`);
    }
    assert.deepEqual(wrong, []);
  });
}
