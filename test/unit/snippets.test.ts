import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePostmortem } from '../../server/src/model/parse';
import { builtInTemplate, builtInTemplateNames } from '../../server/src/templates/index';
import { generateSnippets, TEMPLATE_NAMES } from '../../scripts/generate-snippets.mjs';

type Snippet = { prefix: string | string[]; body: string[]; description: string };
const fileText = readFileSync(new URL('../../snippets/postmortem.code-snippets', import.meta.url), 'utf8');
const snippets = JSON.parse(fileText) as Record<string, Snippet>;
const escape = (text: string) => text.replace(/[\\$}]/g, (c) => `\\${c}`);
/** A snippet body as inserted when every placeholder keeps its default and the empty ones are filled in. */
const expand = (body: string[]) => body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}/g, 'Jane').replace(/\$0/g, '').replace(/\\([\\$}])/g, '$1');
const prefixesOf = (s: Snippet) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);

test('the snippets file is what scripts/generate-snippets.mjs writes from the templates (npm run snippets)', () => {
  assert.deepEqual(TEMPLATE_NAMES, builtInTemplateNames);
  assert.equal(fileText, generateSnippets(), 'snippets/postmortem.code-snippets is out of date: run npm run snippets');
});

test('a template edit shows up in the generated snippets', () => {
  const edited = generateSnippets((name: string) => {
    const text = readFileSync(new URL(`../../server/src/templates/${name}.md`, import.meta.url), 'utf8');
    return name === 'pagerduty' ? text.replace('## Responders', '## Responders and roles') : text;
  });
  assert.notEqual(edited, fileText);
  assert.ok((JSON.parse(edited) as Record<string, Snippet>)['Postmortem section (pagerduty): Responders and roles']);
});

for (const name of builtInTemplateNames) {
  const template = builtInTemplate(name);
  const whole = snippets[`Postmortem: ${name} template`]!;

  test(`${name}: every section has a snippet with its heading and prompt`, () => {
    const bodies = Object.values(snippets).filter((s) => s !== whole).map((s) => s.body.join('\n'));
    for (const section of template.sections) {
      const expected = `${'#'.repeat(section.level)} ${escape(section.heading)}\n\n*${escape(section.prompt!)}*\n\n$0`;
      assert.ok(bodies.includes(expected), `no snippet for ${name} ${section.heading}`);
    }
  });

  test(`${name}: the whole-postmortem snippet has every section in order and is a clean start`, () => {
    const body = whole.body.join('\n');
    const positions = template.sections.map((s) => body.indexOf(`${'#'.repeat(s.level)} ${escape(s.heading)}\n`));
    assert.ok(positions.every((p) => p >= 0), JSON.stringify(positions));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    // Inserted as is, it is a postmortem of that template: every section found, the required metadata stated.
    const model = parsePostmortem(TextDocument.create('file:///w/postmortems/new.md', 'markdown', 1, expand(whole.body)), template);
    assert.deepEqual(model.sections.map((s) => s.match?.index), template.sections.map((s) => s.index));
    for (const key of template.requiredMetadata) assert.ok(model.metadata.some((field) => field.key === key), `${name}: no ${key}`);
    assert.equal(model.timeline.length, 1, 'one first timeline entry');
    if (name !== 'python-discord') assert.equal(model.frontMatter?.data?.['template'], name);
  });
}

test('snippet prefixes are unique, and the default template keeps the short ones', () => {
  const prefixes = Object.values(snippets).flatMap(prefixesOf);
  assert.equal(new Set(prefixes).size, prefixes.length);
  for (const prefix of ['postmortem', 'pm-leadup', 'pm-five-why-s', 'pm-entry', 'pm-why', 'pm-atlassian', 'pm-google-sre-timeline', 'pm-pagerduty-responders']) {
    assert.ok(prefixes.includes(prefix), prefix);
  }
});
