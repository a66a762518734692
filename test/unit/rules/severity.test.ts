import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint, rules } from '../../../server/src/rules/index';
import { fixture, modelOf } from '../util';

test('rule ids and names are unique and every rule describes itself', () => {
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  assert.equal(new Set(rules.map((r) => r.name)).size, rules.length);
  for (const rule of rules) {
    assert.match(rule.id, /^PM\d{3}$/);
    assert.ok(rule.description.length > 20, rule.id);
  }
});

test('severities can be overridden by id or name, or turned off', () => {
  const model = modelOf(fixture('corpus/markdown/2020-12-11-all-services-outage.md'));
  assert.equal(lint(model)[0]!.severity, 2);
  assert.equal(lint(model, { rules: { PM002: { severity: 'error' } } })[0]!.severity, 1);
  assert.equal(lint(model, { rules: { 'empty-section': { severity: 'hint' } } })[0]!.severity, 4);
  assert.deepEqual(lint(model, { rules: { PM002: { severity: 'off' } } }), []);
});

test('every diagnostic carries source and code', () => {
  for (const d of lint(modelOf('## Impact\n\n*x*\n'))) {
    assert.equal(d.source, 'postmortem');
    assert.match(String(d.code), /^PM\d{3}$/);
  }
});
