import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { rules } from '../../server/src/rules/index';

test('every rule has a doc page titled with its id and name, with bad and good examples', () => {
  for (const rule of rules) {
    const page = new URL(`../../docs/rules/${rule.id}.md`, import.meta.url);
    assert.ok(existsSync(page), `docs/rules/${rule.id}.md is missing`);
    const text = readFileSync(page, 'utf8');
    assert.ok(text.startsWith(`# ${rule.id} ${rule.name}\n`), rule.id);
    assert.match(text, /^## Bad$/m);
    assert.match(text, /^## Good$/m);
    assert.match(text, new RegExp(`Default severity: \\*\\*${rule.defaultSeverity}\\*\\*`));
  }
});
