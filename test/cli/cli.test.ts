import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MIN_FILES_PER_THREAD } from '../../server/src/cli/threads';
import { brokenPostmortem, cleanPostmortem, cliPath, lines, repoRoot, runCli, tempRepo } from './util';

interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  files: Array<{
    path: string;
    absolutePath: string;
    status: string;
    kind?: string;
    language?: string;
    skipReason?: string;
    error?: string;
    config?: string;
    diagnostics: Array<{ ruleId: string; ruleName: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; fixable: boolean }>;
  }>;
  summary: Record<string, number>;
  exitCode: number;
}

const readme = lines('# Our team', '', 'Nothing to see here.');

test('a clean postmortem: exit 0 and a summary line', async () => {
  const repo = tempRepo({ 'postmortems/2021-07-11-cascading-node-failures.md': cleanPostmortem() });
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^✔ no problems · 1 file linted · \d+\.\d\d s\n$/);
    assert.equal(result.stderr, '');
  } finally {
    repo.dispose();
  }
});

test('errors: exit 1, one line per problem as file:line:col  severity  message  RULE, grouped by file', async () => {
  const repo = tempRepo({ 'postmortems/a.md': brokenPostmortem(), 'postmortems/b.md': brokenPostmortem(), 'postmortems/c.md': cleanPostmortem() });
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 1);
    const blocks = result.stdout.trimEnd().split('\n\n');
    assert.equal(blocks.length, 3, result.stdout);
    for (const [index, name] of ['a', 'b'].entries()) {
      const [impossible, placeholder] = blocks[index]!.split('\n');
      assert.match(impossible!, new RegExp(`^postmortems/${name}\\.md:8:5 +error +Impossible time "25:61 UTC": hour 25 is past 23\\. +PM004$`));
      assert.match(placeholder!, new RegExp(`^postmortems/${name}\\.md:12:28 +warning +Placeholder "TBD" left in.* +PM008$`));
    }
    assert.match(blocks[2]!, /^✖ 4 problems \(2 errors, 2 warnings\) · 3 files linted · /);
  } finally {
    repo.dispose();
  }
});

test('warnings alone pass; --max-warnings N fails when there are more than N', async () => {
  const oneWarning = cleanPostmortem().replace('All services were down.', 'All services were down for TBD minutes.');
  const repo = tempRepo({ 'postmortems/a.md': oneWarning });
  try {
    assert.equal((await runCli([], { cwd: repo.root })).code, 0);
    assert.equal((await runCli(['--max-warnings', '1'], { cwd: repo.root })).code, 0);
    const over = await runCli(['--max-warnings', '0'], { cwd: repo.root });
    assert.equal(over.code, 1);
    assert.match(over.stdout, /✖ 1 problem \(1 warning\) · .* · more than --max-warnings 0 ·/);
  } finally {
    repo.dispose();
  }
});

test('files that are not postmortems are skipped and counted; detection is the editor’s: path, front matter, template headings', async () => {
  const headingsOnly = lines('# Outage', '', '## Impact', '', 'Down.', '', '## Detection', '', 'Alert.', '', '## Recovery', '', 'Rebooted.');
  const repo = tempRepo({
    'README.md': readme,
    'docs/guide.md': lines('# Guide', '', 'TBD'),
    'docs/frontmatter.md': lines('---', 'type: postmortem', '---', '# Outage', '', 'TBD'),
    'docs/headings.md': headingsOnly,
    'docs/incident-template.md': lines('# Incident title', '', '## Impact', '', 'TBD', '', '## Detection', '', '## Recovery'),
    'postmortems/a.md': cleanPostmortem(),
  });
  try {
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    const report = JSON.parse(result.stdout) as JsonReport;
    const status = Object.fromEntries(report.files.map((file) => [file.path, file.skipReason ?? file.status]));
    assert.deepEqual(status, {
      'README.md': 'not-postmortem',
      'docs/frontmatter.md': 'linted',
      'docs/guide.md': 'not-postmortem',
      'docs/headings.md': 'linted',
      'docs/incident-template.md': 'not-postmortem',
      'postmortems/a.md': 'linted',
    });
    assert.equal(report.summary['skipped'], 3);

    const text = await runCli([], { cwd: repo.root });
    assert.match(text.stdout, /· 3 files linted · 3 skipped as not postmortems \(--verbose names them, --all lints them\) ·/);

    const all = await runCli(['--all', '--format', 'json'], { cwd: repo.root });
    const allReport = JSON.parse(all.stdout) as JsonReport;
    assert.deepEqual(allReport.files.map((file) => [file.path, file.status]), [
      ['README.md', 'linted'],
      ['docs/frontmatter.md', 'linted'],
      ['docs/guide.md', 'linted'],
      ['docs/headings.md', 'linted'],
      ['docs/incident-template.md', 'skipped'],
      ['postmortems/a.md', 'linted'],
    ], 'a file named as a template is never linted as a postmortem');
    assert.ok(allReport.files.find((file) => file.path === 'docs/guide.md')!.diagnostics.some((d) => d.ruleId === 'PM008'));
  } finally {
    repo.dispose();
  }
});

test('folders are searched for .md, .markdown, .rst and .txt, leaving out node_modules, .git and dot-folders', async () => {
  const repo = tempRepo({
    'postmortems/a.md': brokenPostmortem(),
    'postmortems/b.markdown': cleanPostmortem(),
    'postmortems/c.rst': 'Outage\n======\n\nTBD\n',
    'postmortems/d.txt': 'Outage\n\nTBD\n',
    'postmortems/e.html': '<p>TBD</p>',
    'node_modules/pkg/postmortems/x.md': brokenPostmortem(),
    'sub/node_modules/postmortems/x.md': brokenPostmortem(),
    '.git/postmortems/x.md': brokenPostmortem(),
    '.cache/postmortems/x.md': brokenPostmortem(),
  });
  try {
    const result = await runCli(['--format', 'json', '--all'], { cwd: repo.root });
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((file) => [file.path, file.language]),
      [
        ['postmortems/a.md', 'markdown'],
        ['postmortems/b.markdown', 'markdown'],
        ['postmortems/c.rst', 'restructuredtext'],
        ['postmortems/d.txt', 'plaintext'],
      ],
    );
  } finally {
    repo.dispose();
  }
});

test('paths, globs and --ignore choose the files; a file found twice is linted once', async () => {
  const repo = tempRepo({
    'postmortems/2021/a.md': brokenPostmortem(),
    'postmortems/2021/b.md': brokenPostmortem(),
    'postmortems/drafts/c.md': brokenPostmortem(),
    'incidents/d.md': brokenPostmortem(),
  });
  const linted = async (args: string[], cwd = repo.root) => {
    const result = await runCli(['--format', 'json', ...args], { cwd });
    return (JSON.parse(result.stdout) as JsonReport).files.map((file) => file.path);
  };
  try {
    assert.deepEqual(await linted(['postmortems/**/*.md']), ['postmortems/2021/a.md', 'postmortems/2021/b.md', 'postmortems/drafts/c.md']);
    assert.deepEqual(await linted(['postmortems', '--ignore', 'postmortems/drafts']), ['postmortems/2021/a.md', 'postmortems/2021/b.md']);
    assert.deepEqual(await linted(['--ignore', '**/b.md', '--ignore', 'incidents/**']), ['postmortems/2021/a.md', 'postmortems/drafts/c.md']);
    assert.deepEqual(await linted(['incidents/d.md', 'incidents', 'incidents/*.md']), ['incidents/d.md']);
    assert.deepEqual(await linted([path.join(repo.root, 'incidents', '*.md')]), ['incidents/d.md']);
    assert.deepEqual(await linted(['../incidents'], path.join(repo.root, 'postmortems')), ['../incidents/d.md']);
  } finally {
    repo.dispose();
  }
});

test('JSON: a stable, documented shape with 1-based lines and UTF-16 columns', async () => {
  const withEmoji = cleanPostmortem().replace('All services were down.', '🔥 TBD');
  const repo = tempRepo({ 'postmortems/a.md': withEmoji, 'README.md': readme });
  try {
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    assert.equal(result.code, 0);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.version, 1);
    assert.equal(report.tool.name, 'postmortem-lint');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(report.files[0], {
      path: 'README.md',
      absolutePath: path.join(repo.root, 'README.md'),
      status: 'skipped',
      language: 'markdown',
      skipReason: 'not-postmortem',
      diagnostics: [],
    });
    assert.deepEqual(report.files[1], {
      path: 'postmortems/a.md',
      absolutePath: path.join(repo.root, 'postmortems/a.md'),
      status: 'linted',
      kind: 'postmortem',
      language: 'markdown',
      diagnostics: [
        {
          ruleId: 'PM008',
          ruleName: 'placeholder',
          severity: 'warning',
          message: 'Placeholder "TBD" left in: finish this part or remove it.',
          line: 12,
          // "🔥" is two UTF-16 code units: TBD starts at the fourth.
          column: 4,
          endLine: 12,
          endColumn: 7,
          fixable: false,
        },
      ],
    });
    assert.deepEqual(report.summary, {
      files: 2,
      linted: 1,
      skipped: 1,
      skippedNotText: 0,
      unreadable: 0,
      errors: 0,
      warnings: 1,
      info: 0,
      hints: 0,
      fixable: 0,
      fixed: 0,
      configErrors: 0,
      internalErrors: 0,
    });
    assert.equal(report.exitCode, 0);
  } finally {
    repo.dispose();
  }
});

test('.postmortem.yaml is found from the file’s folder up to the git root, and not above it', async () => {
  const repo = tempRepo({
    '.postmortem.yaml': lines('rules:', '  PM004: off'),
    'inner/.git/HEAD': 'ref: refs/heads/main\n',
    'inner/postmortems/a.md': brokenPostmortem(),
    'inner/team/.postmortem.yaml': lines('rules:', '  placeholder: error'),
    'inner/team/postmortems/b.md': brokenPostmortem(),
  });
  try {
    const result = await runCli(['--format', 'json'], { cwd: path.join(repo.root, 'inner') });
    const report = JSON.parse(result.stdout) as JsonReport;
    const rules = Object.fromEntries(report.files.map((file) => [file.path, file.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)]));
    assert.deepEqual(rules, {
      // The config above the git root does not apply: PM004 is still on.
      'postmortems/a.md': ['PM004 error', 'PM008 warning'],
      'team/postmortems/b.md': ['PM004 error', 'PM008 error'],
    });
    assert.equal(report.files[1]!.config, 'team/.postmortem.yaml');

    // Run from a folder below the config: the config still applies.
    const below = await runCli(['--format', 'json', '.'], { cwd: path.join(repo.root, 'inner/team/postmortems') });
    assert.deepEqual((JSON.parse(below.stdout) as JsonReport).files[0]!.diagnostics.map((d) => `${d.ruleId} ${d.severity}`), ['PM004 error', 'PM008 error']);
  } finally {
    repo.dispose();
  }
});

test('the config’s files globs and template apply as in the editor; the template file is checked as a template', async () => {
  const repo = tempRepo({
    '.postmortem.yaml': lines('files:', '  - "docs/incidents/**/*.md"', 'template: templates/ours.md'),
    'templates/ours.md': lines('---', 'type: template', '---', '# Title', '', '## Summary', '', '## Root cause'),
    'docs/incidents/2021-01-01.md': lines('# 2021-01-01: Outage', '', '## Summary', '', 'It broke.'),
    'postmortems/not-matched.md': lines('# Meeting notes', '', 'TBD'),
  });
  try {
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    const report = JSON.parse(result.stdout) as JsonReport;
    const byPath = Object.fromEntries(report.files.map((file) => [file.path, file]));
    assert.deepEqual(byPath['docs/incidents/2021-01-01.md']!.diagnostics.map((d) => [d.ruleId, d.message]), [['PM001', 'Missing section "Root cause".']]);
    assert.equal(byPath['postmortems/not-matched.md']!.skipReason, 'not-postmortem');
    assert.equal(byPath['templates/ours.md']!.kind, 'template');
    assert.equal(result.code, 0);
  } finally {
    repo.dispose();
  }
});

test('config errors: exit 2 with the reason, reported once on the config file; ignored keys are warnings', async () => {
  const repo = tempRepo({ 'postmortems/a.md': cleanPostmortem(), 'postmortems/b.md': cleanPostmortem() });
  try {
    writeFileSync(path.join(repo.root, '.postmortem.yaml'), 'rules: [\n');
    const invalid = await runCli([], { cwd: repo.root });
    assert.equal(invalid.code, 2);
    assert.match(invalid.stdout, /^\.postmortem\.yaml:2:1 +error +\.postmortem\.yaml is not valid YAML and is ignored: .* +config$/m);
    assert.equal(invalid.stdout.match(/not valid YAML/g)?.length, 1);
    assert.match(invalid.stderr, /postmortem-lint: the repo config cannot be used as written \(\.postmortem\.yaml\); the report says why\. Exit status 2\./);

    writeFileSync(path.join(repo.root, '.postmortem.yaml'), 'zone: UTC\ntemplate: missing.md\n');
    const template = await runCli(['--format', 'json'], { cwd: repo.root });
    assert.equal(template.code, 2);
    const report = JSON.parse(template.stdout) as JsonReport;
    assert.deepEqual(report.files[0]!.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.message]), [
      ['config', 'error', 2, '.postmortem.yaml: Template file "missing.md" was not found. Choosing a template from the document\'s sections instead.'],
    ]);
    assert.equal(report.files[0]!.kind, 'config');

    writeFileSync(path.join(repo.root, '.postmortem.yaml'), 'tempalte: atlassian\n');
    const typo = await runCli([], { cwd: repo.root });
    assert.equal(typo.code, 0);
    assert.match(typo.stdout, /^\.postmortem\.yaml:1:1 +warning +\.postmortem\.yaml: unknown key "tempalte" is ignored \(did you mean "template"\?\).* +config$/m);
  } finally {
    repo.dispose();
  }
});

test('usage errors: exit 2 and a message on standard error', async () => {
  const repo = tempRepo({ 'postmortems/a.md': cleanPostmortem() });
  const cases: Array<[string[], RegExp]> = [
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--format', 'xml'], /--format xml is not a format; use text, json or sarif\./],
    [['--max-warnings', 'many'], /--max-warnings needs a whole number/],
    [['--jobs', '0'], /--jobs needs a whole number of threads/],
    [['--fix', '--fix-dry-run'], /give one of them/],
    [['--fix-dry-run', '--format', 'sarif'], /a SARIF report cannot hold/],
    [['missing.md'], /missing\.md: no such file or folder\./],
    [['drafts/**/*.md'], /drafts\/\*\*\/\*\.md: the glob matches no files\./],
  ];
  try {
    for (const [args, message] of cases) {
      const result = await runCli(args, { cwd: repo.root });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  } finally {
    repo.dispose();
  }
});

test('--help, --version and -o', async () => {
  const repo = tempRepo({ 'postmortems/a.md': brokenPostmortem() });
  try {
    const help = await runCli(['--help'], { cwd: repo.root });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: postmortem-lint \[options\]/);
    const version = await runCli(['--version'], { cwd: repo.root });
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
    const toFile = await runCli(['--format', 'json', '-o', 'report.json'], { cwd: repo.root });
    assert.equal(toFile.code, 1);
    assert.equal(toFile.stdout, '');
    assert.equal((JSON.parse(readFileSync(path.join(repo.root, 'report.json'), 'utf8')) as JsonReport).summary['errors'], 1);
  } finally {
    repo.dispose();
  }
});

test('colour: only on a terminal, never with NO_COLOR; --color and --no-color decide', async () => {
  const repo = tempRepo({ 'postmortems/a.md': brokenPostmortem() });
  const escape = '\u001b[';
  try {
    const piped = await runCli([], { cwd: repo.root, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    assert.ok(!piped.stdout.includes(escape), 'no colour into a pipe');
    const forced = await runCli(['--color'], { cwd: repo.root });
    assert.ok(forced.stdout.includes(`${escape}31merror`), 'red errors with --color');

    // A real terminal: script(1) runs the command on a pseudo-terminal.
    const hasScript = spawnSync('script', ['--version']).status === 0;
    if (!hasScript) return;
    const onTerminal = (env: NodeJS.ProcessEnv) =>
      spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)}`, '/dev/null'], { cwd: repo.root, env, encoding: 'utf8' }).stdout;
    // Node's hasColors() answers "no colours" whenever CI is set (as .ci/run sets it): a terminal here is a plain one.
    const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, CI: _ci, ...plain } = process.env;
    assert.ok(onTerminal({ ...plain, TERM: 'xterm-256color' }).includes(escape), 'colour on a terminal');
    assert.ok(!onTerminal({ ...plain, TERM: 'xterm-256color', NO_COLOR: '1' }).includes(escape), 'no colour with NO_COLOR');
    const noColor = await runCli(['--no-color'], { cwd: repo.root });
    assert.ok(!noColor.stdout.includes(escape));
  } finally {
    repo.dispose();
  }
});

test('many files on worker threads give the same report as one thread', async () => {
  const files: Record<string, string> = {};
  // Enough files for two threads.
  const count = 2 * MIN_FILES_PER_THREAD;
  for (let i = 0; i < count; i++) files[`postmortems/2021-07-${String((i % 28) + 1).padStart(2, '0')}-incident-${i}.md`] = i % 3 === 0 ? brokenPostmortem() : cleanPostmortem();
  const repo = tempRepo(files);
  try {
    const env = { ...process.env, NO_COLOR: '1', POSTMORTEM_LINT_TRACE: '1' };
    const serial = await runCli(['--format', 'json', '--jobs', '1'], { cwd: repo.root, env });
    const parallel = await runCli(['--format', 'json', '--jobs', '2'], { cwd: repo.root, env });
    // The two runs really shared the work differently.
    assert.match(serial.stderr, new RegExp(`^postmortem-lint: ${count} files on 1 thread\\(s\\)$`, 'm'));
    assert.match(parallel.stderr, new RegExp(`^postmortem-lint: ${count} files on 2 thread\\(s\\)$`, 'm'));
    assert.equal(parallel.code, 1);
    assert.equal(parallel.stdout, serial.stdout);
    assert.equal((JSON.parse(parallel.stdout) as JsonReport).summary['errors'], Math.ceil(count / 3));
  } finally {
    repo.dispose();
  }
});

test('a file outside the current folder is shown with a relative path', async () => {
  const repo = tempRepo({ 'postmortems/a.md': brokenPostmortem() });
  try {
    mkdirSync(path.join(repo.root, 'elsewhere'));
    const result = await runCli(['../postmortems/a.md'], { cwd: path.join(repo.root, 'elsewhere') });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^\.\.\/postmortems\/a\.md:8:5 +error/m);
  } finally {
    repo.dispose();
  }
});

test("the README's sample output is what the command prints", async () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const sample = /\n```\n(postmortems\/2021-01-30-outage\.md:[^`]*?)\n```\n/.exec(readme)?.[1];
  assert.ok(sample, 'the README shows a sample run');
  const outage = lines(
    '# 2021-01-30: Outage',
    '',
    '## Timeline',
    '',
    '- **10:00 UTC:** Deploy starts',
    '- **10:05 UTC:** Alert fires',
    '- **10:20 UTC:** Rolled back',
    '- **25:61 UTC:** Node reboots',
    '',
    '## Impact',
    '',
    'Users could not log in for TBD minutes.',
  );
  const notes = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`notes/note-${i}.md`, `# Note ${i}\n\nMeeting notes.\n`]));
  const repo = tempRepo({ 'postmortems/2021-01-30-outage.md': outage, 'postmortems/2021-07-11-a.md': cleanPostmortem(), 'postmortems/2021-07-11-b.md': cleanPostmortem(), ...notes });
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 1);
    assert.equal(result.stdout.trimEnd().replace(/ · \d+\.\d\d s$/, ' · 0.41 s'), sample);
  } finally {
    repo.dispose();
  }
});

test('each severity is printed under its own name: information as info, hints as hint', async () => {
  // PM012 (blameful wording) is a hint; PM001 under a template auto chose is information.
  const text = cleanPostmortem().replace('All services were down.', 'All services were down because Bob forgot to renew the certificate.').replace(/## 🤔 Lessons learned\n\n- Alert earlier\n\n/, '');
  const repo = tempRepo({ 'postmortems/2021-07-11-a.md': text });
  try {
    const result = await runCli([], { cwd: repo.root });
    const severities = [...result.stdout.matchAll(/^\S+:\d+:\d+ +(\w+) +.*?(PM\d{3})$/gm)].map((m) => `${m[2]} ${m[1]}`);
    assert.deepEqual(severities.sort(), ['PM001 info', 'PM012 hint']);
    assert.match(result.stdout, /^ℹ 2 problems \(1 info, 1 hint\) · /m, 'information and hints only: neither a failure nor a green tick');
    const json = JSON.parse((await runCli(['--format', 'json'], { cwd: repo.root })).stdout) as JsonReport;
    assert.deepEqual(json.files[0]!.diagnostics.map((d) => `${d.ruleId} ${d.severity}`).sort(), ['PM001 info', 'PM012 hint']);
  } finally {
    repo.dispose();
  }
});

test('the summary mark is the worst finding\'s: ✖ when the run fails, ⚠ for warnings, ✔ only when clean', async () => {
  const repo = tempRepo({ 'postmortems/2021-07-11-a.md': cleanPostmortem().replace('All services were down.', 'All services were down for TBD minutes.') });
  try {
    const warned = await runCli([], { cwd: repo.root });
    assert.equal(warned.code, 0);
    assert.match(warned.stdout, /^⚠ 1 problem \(1 warning\) · /m);
    const failed = await runCli(['--max-warnings', '0'], { cwd: repo.root });
    assert.match(failed.stdout, /^✖ 1 problem \(1 warning\) · /m);
  } finally {
    repo.dispose();
  }
});

test('--verbose names each skipped file and how to include it; without it, the summary says how to see them', async () => {
  const repo = tempRepo({ 'postmortems/2021-07-11-a.md': cleanPostmortem(), 'notes/meeting.md': '# Weekly sync\n\nNotes.\n' });
  try {
    const quiet = await runCli([], { cwd: repo.root });
    assert.match(quiet.stdout, /1 skipped as not postmortems \(--verbose names them, --all lints them\)/);
    assert.doesNotMatch(quiet.stdout, /meeting\.md/);
    const verbose = await runCli(['--verbose'], { cwd: repo.root });
    assert.match(verbose.stdout, /^notes\/meeting\.md {2}skipped: not a postmortem by its path, front matter, title or sections \(add `type: postmortem` front matter, list it in `files`, or use --all\)$/m);
  } finally {
    repo.dispose();
  }
});

test('a file far outside the current folder is shown by its absolute path, not a climb of ../../', async () => {
  const repo = tempRepo({ 'postmortems/2021-07-11-a.md': brokenPostmortem() });
  try {
    mkdirSync(path.join(repo.root, 'deep', 'er'), { recursive: true });
    const file = path.join(repo.root, 'postmortems', '2021-07-11-a.md');
    const result = await runCli([file], { cwd: path.join(repo.root, 'deep', 'er') });
    assert.ok(result.stdout.includes(`${file}:8:5`), result.stdout);
  } finally {
    repo.dispose();
  }
});
