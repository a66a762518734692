import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { findConfigFile, isZone, loadConfig, MAX_CONFIG_BYTES, parseConfig, type FileSystem } from '../../server/src/config';
import { ruleByReference } from '../../server/src/rules/index';
import { builtInTemplateNames } from '../../server/src/templates/index';
import { joinLines } from './util';

const configPath = '/repo/.postmortem.yaml';
const parse = (...lines: string[]) => parseConfig(joinLines(...lines), configPath);
const messages = (...lines: string[]) => parse(...lines).problems.map((p) => p.message);

test('a good config: every key, rules by id or name, severities and options', () => {
  const config = parse(
    '# The team config',
    'template: templates/our-postmortem.md',
    'files:',
    '  - "docs/incidents/**/*.md"',
    'zone: Europe/Paris',
    'rules:',
    '  PM002: off',
    '  timeline-order: error',
    '  pm001: { severity: info }',
    '  five-whys-depth:',
    '    severity: warning',
    '    options: { min: 3 }',
  );
  assert.deepEqual(config.problems, []);
  assert.deepEqual(config.values, {
    template: 'templates/our-postmortem.md',
    files: ['docs/incidents/**/*.md'],
    zone: 'Europe/Paris',
    rules: { PM002: { severity: 'off' }, PM003: { severity: 'error' }, PM001: { severity: 'info' }, [ruleByReference('five-whys-depth')!.id]: { severity: 'warning', options: { min: 3 } } },
  });
  assert.equal(config.path, configPath);
});

test('an empty file or one with only comments is an empty config', () => {
  assert.deepEqual(parse(''), { path: configPath, values: {}, problems: [] });
  assert.deepEqual(parse('# nothing yet'), { path: configPath, values: {}, problems: [] });
});

test('bad YAML: one error where the parser stopped, and the whole file is ignored', () => {
  const config = parse('template: atlassian', 'rules:', '  PM002: [off', 'zone: UTC');
  assert.deepEqual(config.values, {});
  assert.equal(config.problems.length, 1);
  const [problem] = config.problems;
  assert.equal(problem!.severity, 'error');
  assert.equal(problem!.origin, 'config');
  assert.equal(problem!.file, configPath);
  assert.match(problem!.message, /^\.postmortem\.yaml is not valid YAML and is ignored: /);
  assert.ok(problem!.range && problem!.range.start.line >= 2, JSON.stringify(problem!.range));
});

test('duplicate keys, a list at the top, and alias bombs are refused without hanging', () => {
  assert.match(messages('zone: UTC', 'zone: CET')[0]!, /not valid YAML.*[Mm]ap keys must be unique/);
  assert.match(messages('- template: atlassian')[0]!, /should be a mapping of settings/);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
  const config = parse(...bomb);
  assert.deepEqual(config.values, {});
  assert.match(config.problems[0]!.message, /ignored: .*alias/i);
});

test('unknown keys are reported where they are written, with a suggestion; the other keys still apply', () => {
  const config = parse('tempalte: atlassian', 'zone: UTC', 'colour: blue');
  assert.deepEqual(config.values, { zone: 'UTC' });
  assert.deepEqual(
    config.problems.map((p) => [p.message, p.severity, p.range?.start.line, p.range?.start.character, p.range?.end.character]),
    [
      ['.postmortem.yaml: unknown key "tempalte" is ignored (did you mean "template"?); the keys are template, files, zone, rules.', 'warning', 0, 0, 8],
      ['.postmortem.yaml: unknown key "colour" is ignored; the keys are template, files, zone, rules.', 'warning', 2, 0, 6],
    ],
  );
});

test('wrong types: each bad value is reported and left out', () => {
  const config = parse('template: 3', 'files: "**/*.md"', 'zone: Mars/Olympus_Mons', 'rules: [PM001]');
  assert.deepEqual(config.values, {});
  assert.deepEqual(config.problems.map((p) => p.message), [
    '.postmortem.yaml: template: should be a built-in template name (auto, python-discord, atlassian, google-sre, pagerduty) or a path to a Markdown file.',
    '.postmortem.yaml: files should be a list of globs such as ["postmortems/**/*.md"].',
    '.postmortem.yaml: zone "Mars/Olympus_Mons" is not a time zone: use an IANA name (Europe/Paris), UTC, or an offset (+02:00).',
    '.postmortem.yaml: rules should be a mapping of rule id or name to a severity, such as `PM002: off`.',
  ]);
  assert.deepEqual(messages('files: [ok/*.md, 3]'), ['.postmortem.yaml: files should be a list of globs such as ["postmortems/**/*.md"].']);
  assert.deepEqual(messages('template: templates/team.txt'), [
    '.postmortem.yaml: template: "templates/team.txt" is neither a built-in template (auto, python-discord, atlassian, google-sre, pagerduty) nor a Markdown file (.md).',
  ]);
});

test('rules: unknown ids and names, bad severities, bad shapes', () => {
  const config = parse(
    'rules:',
    '  PM999: off',
    '  empty-sections: off',
    '  PM002: loud',
    '  PM003: { severity: fatal, options: 3, colour: red }',
    '  PM004: [error]',
    '  PM005: error',
  );
  assert.deepEqual(config.values, { rules: { PM003: {}, PM005: { severity: 'error' } } });
  assert.deepEqual(config.problems.map((p) => [p.message.replace('.postmortem.yaml: ', ''), p.range?.start.line]), [
    ['rules.PM999: there is no such rule, so it is ignored; use a rule id such as PM002 or a name such as empty-section.', 1],
    ['rules.empty-sections: there is no such rule, so it is ignored (did you mean "empty-section"?); use a rule id such as PM002 or a name such as empty-section.', 2],
    ['rules.PM002: "loud" is not a severity; use one of off, error, warning, info, hint.', 3],
    ['rules.PM003.severity should be one of off, error, warning, info, hint.', 4],
    ['rules.PM003.options should be a mapping of option names to values.', 4],
    ['rules.PM003: unknown key "colour" is ignored; a rule takes severity and options.', 4],
    ['rules.PM004 should be a severity (off, error, warning, info, hint) or { severity, options }.', 5],
  ]);
});

test('YAML 1.2: dates, yes/no and numbers-as-names are not converted behind the author\'s back', () => {
  // `off` stays the string "off" (YAML 1.1 would read it as false).
  assert.deepEqual(parse('rules:', '  PM002: off').values.rules, { PM002: { severity: 'off' } });
  assert.deepEqual(messages('rules:', '  PM002: no'), ['.postmortem.yaml: rules.PM002: "no" is not a severity; use one of off, error, warning, info, hint.']);
});

test('zones: IANA names, UTC, offsets', () => {
  for (const zone of ['UTC', 'utc', 'Z', 'GMT', 'Europe/Paris', 'America/New_York', 'CET', '+02:00', '-0530', 'UTC+2', 'UTC-03:30']) assert.ok(isZone(zone), zone);
  for (const zone of ['', 'Paris', 'Mars/Olympus', '+25:00:00', 'UTC+', '../etc', '+99:99', 'UTC+99', 'GMT-24:00', '+02:75']) assert.ok(!isZone(zone), zone);
});

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-config-')));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('loadConfig reads the file; a missing or oversized one is an error, not a crash', () => {
  const file = join(tmp, '.postmortem.yaml');
  writeFileSync(file, 'template: google-sre\n');
  assert.deepEqual(loadConfig(file), { path: file, values: { template: 'google-sre' }, problems: [] });
  const missing = loadConfig(join(tmp, 'nope', '.postmortem.yaml'));
  assert.deepEqual(missing.values, {});
  assert.match(missing.problems[0]!.message, /could not be read/);
  const big = join(tmp, 'big.yaml');
  writeFileSync(big, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
  assert.match(loadConfig(big).problems[0]!.message, /is 65 KB; a config file may be at most 64 KB, so it is ignored\./);
});

test('findConfigFile: the start directory, then parents, stopping at the git root or stopAt', () => {
  const repo = join(tmp, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'docs', 'postmortems'), { recursive: true });
  assert.equal(findConfigFile(join(repo, 'docs', 'postmortems')), undefined);
  writeFileSync(join(tmp, '.postmortem.yaml'), 'zone: UTC\n');
  assert.equal(findConfigFile(join(repo, 'docs', 'postmortems')), undefined, 'never above the git root');
  writeFileSync(join(repo, '.postmortem.yml'), 'zone: UTC\n');
  assert.equal(findConfigFile(join(repo, 'docs', 'postmortems')), join(repo, '.postmortem.yml'));
  writeFileSync(join(repo, '.postmortem.yaml'), 'zone: UTC\n');
  assert.equal(findConfigFile(join(repo, 'docs', 'postmortems')), join(repo, '.postmortem.yaml'), '.yaml before .yml');
  writeFileSync(join(repo, 'docs', '.postmortem.yaml'), 'zone: UTC\n');
  assert.equal(findConfigFile(join(repo, 'docs', 'postmortems')), join(repo, 'docs', '.postmortem.yaml'), 'the nearest wins');
  assert.equal(findConfigFile(join(repo, 'docs', 'postmortems'), undefined, { stopAt: join(repo, 'docs', 'postmortems') }), undefined);
  // Outside a git repository the search goes up to the file-system root.
  const loose = join(tmp, 'loose', 'a');
  mkdirSync(loose, { recursive: true });
  assert.equal(findConfigFile(loose), join(tmp, '.postmortem.yaml'));
});

test('findConfigFile works on any FileSystem, such as an in-memory one', () => {
  const files = new Set(['/work/.git', '/work/.postmortem.yaml']);
  const memory: FileSystem = {
    realpath: (p) => p,
    stat: (p) => {
      if (!files.has(p)) throw new Error('ENOENT');
      return { size: 1, mtimeMs: 0, isFile: () => !p.endsWith('.git'), isDirectory: () => p.endsWith('.git') };
    },
    readFile: () => 'zone: UTC',
  };
  assert.equal(findConfigFile('/work/a/b', memory), '/work/.postmortem.yaml');
  assert.equal(findConfigFile('/elsewhere', memory), undefined);
  assert.deepEqual(loadConfig('/work/.postmortem.yaml', memory).values, { zone: 'UTC' });
});

test('docs/configuration.md: its YAML examples are valid configs, and it names every built-in template', () => {
  const page = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
  const examples = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  assert.ok(examples.length >= 2);
  for (const example of examples) assert.deepEqual(parseConfig(example, configPath).problems, [], example);
  for (const name of builtInTemplateNames) assert.ok(page.includes(`| \`${name}\``), name);
});
