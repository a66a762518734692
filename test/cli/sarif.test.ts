import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { brokenPostmortem, cleanPostmortem, lines, runCli, tempRepo } from './util';

/**
 * The official SARIF 2.1.0 schema, as @microsoft/jest-sarif ships it (only the file is used, not its matchers). It
 * declares draft-04, but uses no keyword whose meaning changed since except the top-level `id`, so it is checked as
 * draft-07 with that one keyword renamed.
 */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // The schema's `language` pattern has a stray `]` that only a non-Unicode regular expression accepts.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...schema });
}

const validate = sarifValidator();

function assertValid(log: unknown): asserts log is Log {
  const valid = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
}

test('the schema check can fail: a result without a message is rejected', () => {
  const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'PM001' }] }] };
  assert.equal(validate(log), false);
});

test('SARIF 2.1.0 that the official schema accepts, with rules, levels, regions and repo-relative locations', async () => {
  const withEmoji = brokenPostmortem().replace('All services were down for TBD minutes.', '🔥 TBD');
  const repo = tempRepo({
    '.postmortem.yaml': lines('tempalte: atlassian'),
    'docs/postmortems/2021 q3/a b.md': withEmoji,
    'docs/postmortems/clean.md': cleanPostmortem(),
    'docs/postmortems/binary.md': Buffer.from([0x23, 0x00]),
  });
  try {
    const result = await runCli(['--format', 'sarif'], { cwd: path.join(repo.root, 'docs') });
    assert.equal(result.code, 1);
    const log = JSON.parse(result.stdout) as unknown;
    assertValid(log);
    const [sarifRun] = log.runs;
    assert.equal(log.version, '2.1.0');
    assert.equal(sarifRun!.columnKind, 'utf16CodeUnits');
    assert.deepEqual(sarifRun!.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${repo.root}/` } });

    const driver = sarifRun!.tool.driver;
    assert.equal(driver.name, 'postmortem-lint');
    for (const rule of driver.rules!) {
      assert.match(rule.id, /^(PM\d{3}|config|template|suppression)$/);
      assert.ok(rule.name && rule.shortDescription?.text, `${rule.id} has a name and a description`);
    }
    const pm004 = driver.rules!.find((rule) => rule.id === 'PM004')!;
    assert.equal(pm004.name, 'impossible-time');
    assert.equal(pm004.defaultConfiguration?.level, 'error');
    assert.match(pm004.help?.markdown ?? '', /^# PM004 impossible-time/, 'the rule page is the help');

    const results = sarifRun!.results!.map((r) => ({
      ruleId: r.ruleId,
      rule: driver.rules![r.ruleIndex!]!.id,
      level: r.level,
      uri: r.locations![0]!.physicalLocation!.artifactLocation!.uri,
      base: r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId,
      region: r.locations![0]!.physicalLocation!.region,
    }));
    assert.deepEqual(results, [
      { ruleId: 'config', rule: 'config', level: 'warning', uri: '.postmortem.yaml', base: '%SRCROOT%', region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 9 } },
      { ruleId: 'PM004', rule: 'PM004', level: 'error', uri: 'docs/postmortems/2021%20q3/a%20b.md', base: '%SRCROOT%', region: { startLine: 8, startColumn: 5, endLine: 8, endColumn: 14 } },
      // After "🔥 " (three UTF-16 code units), SARIF's columns count from 1.
      { ruleId: 'PM008', rule: 'PM008', level: 'warning', uri: 'docs/postmortems/2021%20q3/a%20b.md', base: '%SRCROOT%', region: { startLine: 12, startColumn: 4, endLine: 12, endColumn: 7 } },
    ]);

    const [invocation] = sarifRun!.invocations!;
    assert.equal(invocation!.executionSuccessful, true);
    assert.deepEqual(
      invocation!.toolExecutionNotifications!.map((n) => [n.level, n.locations![0]!.physicalLocation!.artifactLocation!.uri, n.message.text]),
      [['error', 'docs/postmortems/binary.md', 'docs/postmortems/binary.md is a binary file (a NUL byte at offset 1), not text.']],
    );
  } finally {
    repo.dispose();
  }
});

test('SARIF: a config error marks the run unsuccessful, and a clean run is still valid SARIF', async () => {
  const repo = tempRepo({ 'postmortems/a.md': cleanPostmortem() });
  try {
    const clean = await runCli(['--format', 'sarif'], { cwd: repo.root });
    assert.equal(clean.code, 0);
    const cleanLog = JSON.parse(clean.stdout) as unknown;
    assertValid(cleanLog);
    assert.deepEqual(cleanLog.runs[0]!.results, []);

    const broken = tempRepo({ '.postmortem.yaml': 'template: nowhere.md\n', 'postmortems/a.md': cleanPostmortem() });
    try {
      const result = await runCli(['--format', 'sarif'], { cwd: broken.root });
      assert.equal(result.code, 2);
      const log = JSON.parse(result.stdout) as unknown;
      assertValid(log);
      assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, false);
      assert.equal(log.runs[0]!.results![0]!.ruleId, 'config');
    } finally {
      broken.dispose();
    }
  } finally {
    repo.dispose();
  }
});
