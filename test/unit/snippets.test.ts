import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtInTemplate } from '../../server/src/templates/index';

const snippets = JSON.parse(readFileSync(new URL('../../snippets/postmortem.code-snippets', import.meta.url), 'utf8')) as Record<
  string,
  { prefix: string | string[]; body: string[]; description: string }
>;
const escape = (text: string) => text.replace(/[\\$}]/g, (c) => `\\${c}`);

test('every section of the template has a snippet with its heading and prompt', () => {
  const bodies = Object.values(snippets).map((s) => s.body.join('\n'));
  for (const section of builtInTemplate('python-discord').sections) {
    const expected = `## ${escape(section.heading)}\n\n*${escape(section.prompt!)}*`;
    assert.ok(bodies.some((body) => body.startsWith(expected)), `no snippet for ${section.heading}`);
  }
});

test('the whole-postmortem snippet has every section in template order', () => {
  const whole = snippets['Postmortem: python-discord template']!.body.join('\n');
  const positions = builtInTemplate('python-discord').sections.map((s) => whole.indexOf(`## ${s.heading}`));
  assert.ok(positions.every((p) => p >= 0));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
});

test('snippet prefixes are unique', () => {
  const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  assert.equal(new Set(prefixes).size, prefixes.length);
});
