import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPostmortem, runCli, tempRepo } from './util';

// Globs from the repo's .postmortem.yaml and from --ignore, at the command line. A glob made to backtrack, against a
// 250-character file name, must not hold the run up; ordinary globs must still pick the same files.
const HOSTILE = '**/*q*q*q*q*q*q*q*q*z.md';
const longName = `${'q'.repeat(247)}.md`;
const notes = '# Notes\n\nNothing happened here.\n';
const config = (...globs: string[]) => `files:\n${globs.map((glob) => `  - ${JSON.stringify(glob)}\n`).join('')}`;

function repoWith(configText: string) {
  return tempRepo({
    '.postmortem.yaml': configText,
    'reviews/2021-07-11-cascading.md': cleanPostmortem(),
    'docs/incidents/2021-08-01-cache.md': cleanPostmortem().replace('Cascading node failures', 'Cache stampede'),
    'docs/incidents/old/2020-01-01-notes.md': notes,
    [`notes/${longName}`]: notes,
    [`reviews/${longName}`]: cleanPostmortem().replace('Cascading node failures', 'Long name'),
  });
}

interface JsonReport {
  files: Array<{ path: string; status: string; kind?: string }>;
}

/** The files linted as postmortems, and the seconds the run says it took (its own clock, not node's start-up). */
async function lint(root: string, args: string[] = []): Promise<{ linted: string[]; seconds: number; code: number | null; stderr: string }> {
  const text = await runCli(args, { cwd: root });
  const json = await runCli([...args, '--format', 'json'], { cwd: root });
  const report = JSON.parse(json.stdout) as JsonReport;
  const seconds = Number(/ · (\d+\.\d\d) s\n$/.exec(text.stdout)?.[1]);
  return { linted: report.files.filter((file) => file.status === 'linted' && file.kind !== 'config').map((file) => file.path).sort(), seconds, code: text.code, stderr: text.stderr };
}

const expected = ['docs/incidents/2021-08-01-cache.md', 'reviews/2021-07-11-cascading.md', `reviews/${longName}`].sort();

test('a files glob made to backtrack does not hold the run up; the ordinary ones pick the same files', async () => {
  const repo = repoWith(config(HOSTILE, 'reviews/**/*.md', 'docs/incidents/*.{md,rst}'));
  try {
    const { linted, seconds, code } = await lint(repo.root);
    assert.deepEqual(linted, expected);
    assert.equal(code, 0);
    assert.ok(seconds < 1, `${seconds} s`);
    console.log(`globs: ${HOSTILE} in .postmortem.yaml, a ${longName.length}-character name: ${seconds} s`);
  } finally {
    repo.dispose();
  }
});

test('--ignore with a glob made to backtrack does not hold the run up, and ignores what it matches', async () => {
  const repo = repoWith(config('reviews/**/*.md', 'docs/incidents/*.{md,rst}'));
  try {
    const { linted, seconds } = await lint(repo.root, ['--ignore', HOSTILE, '--ignore', 'docs/incidents/*.md']);
    assert.deepEqual(linted, ['reviews/2021-07-11-cascading.md', `reviews/${longName}`]);
    assert.ok(seconds < 1, `${seconds} s`);
  } finally {
    repo.dispose();
  }
});

test('a glob the matcher cannot read: a config error on its line (exit 2), or a usage error for --ignore', async () => {
  const repo = repoWith(config('**/+(a|b).md', 'reviews/**/*.md', 'docs/incidents/*.{md,rst}'));
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^\.postmortem\.yaml:1:1 +error +\.postmortem\.yaml: files: "\*\*\/\+\(a\|b\)\.md" uses an extglob \(\+\(…\)\), which is not supported: use \{a,b\}, so it is ignored\./m);
    assert.deepEqual((await lint(repo.root)).linted, expected, 'the other globs still apply');

    const ignored = await runCli(['--ignore', 'docs/**.md'], { cwd: repo.root });
    assert.equal(ignored.code, 2);
    assert.equal(ignored.stderr, 'postmortem-lint: --ignore "docs/**.md" has ** inside a folder or file name: ** stands for whole folders (**/*.md); use * within a name.\nRun postmortem-lint --help for the options.\n');
  } finally {
    repo.dispose();
  }
});
