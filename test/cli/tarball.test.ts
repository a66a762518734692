// The command line as a package of its own: `npm pack` makes a tarball with the bundled CLI and server and no runtime
// dependencies; installed from that file into an empty project, with no network, both commands run by name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { initializeServer, shutdownServer, spawnServer } from '../support/lspServer';
import { brokenPostmortem, repoRoot, runCli, tempRepo } from './util';

let scratch: string;
let installed: { env: NodeJS.ProcessEnv; files: string[]; manifest: { dependencies?: unknown; bin: Record<string, string> } };

const npm = (args: string[], cwd: string) => {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  assert.equal(result.status, 0, `npm ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'postmortem-pack-'));
  // The tests run after the build: the tarball takes dist/ as it is (a release runs `npm pack`, which builds first).
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], repoRoot)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const project = path.join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), '{ "name": "project", "private": true }\n');
  npm(['install', '--offline', '--ignore-scripts', path.join(scratch, packed!.filename)], project);
  const bin = path.join(project, 'node_modules', '.bin');
  installed = {
    env: { ...process.env, NO_COLOR: '1', PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` },
    files: packed!.files.map((file) => file.path).sort(),
    manifest: JSON.parse(readFileSync(path.join(project, 'node_modules', 'postmortem-lsp', 'package.json'), 'utf8')),
  };
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds the bundles, the readme, the licence and the changelog, and depends on nothing', () => {
  assert.deepEqual(installed.files, ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.cjs', 'dist/server/main.cjs', 'dist/server/worker.cjs', 'package.json']);
  assert.equal(installed.manifest.dependencies, undefined);
  assert.deepEqual(Object.keys(installed.manifest.bin).sort(), ['postmortem-language-server', 'postmortem-lint']);
});

test('postmortem-lint, installed from the tarball, lints by name', async () => {
  const repo = tempRepo({ 'postmortems/2021-07-11-a.md': brokenPostmortem() });
  try {
    const result = await runCli([], { cwd: repo.root, env: installed.env, command: 'postmortem-lint' });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^postmortems\/2021-07-11-a\.md:\d+:\d+ +error +Impossible time "25:61 UTC"/m);
  } finally {
    repo.dispose();
  }
});

test('postmortem-language-server, installed from the tarball, answers initialize by name', async () => {
  const { process: server, connection } = spawnServer({ command: 'postmortem-language-server', env: installed.env });
  connection.listen();
  try {
    const initialized = await initializeServer(connection, { uri: 'file:///work/repo', name: 'repo' }, {});
    assert.equal(initialized.serverInfo?.name, 'postmortem-language-server');
    assert.equal(await shutdownServer(connection, server), 0);
  } finally {
    connection.dispose();
    server.kill();
  }
});

/** The README's fenced block that follows `after`. */
function readmeBlock(after: string, language: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const from = readme.indexOf(after);
  assert.ok(from >= 0, after);
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(from));
  assert.ok(block, `a ${language} block after "${after}"`);
  return block[1]!;
}

test("the README's git hook and pre-commit hook lint the staged postmortems of a real repository", () => {
  const project = path.join(scratch, 'project');
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: project, encoding: 'utf8', env: installed.env });
  assert.equal(git('init', '-q').status, 0);
  writeFileSync(path.join(project, '.gitignore'), 'node_modules/\n');
  mkdirSync(path.join(project, 'postmortems'), { recursive: true });
  writeFileSync(path.join(project, 'postmortems', '2021-07-11-a.md'), brokenPostmortem());
  writeFileSync(path.join(project, 'notes.txt'), 'Shopping list.\n');
  writeFileSync(path.join(project, 'app.js'), 'console.log(1);\n');
  assert.equal(git('add', '.').status, 0);

  // pre-commit runs a local hook's entry with the staged files its `files` pattern matches.
  const config = parseYaml(readmeBlock('### Pre-commit', 'yaml')) as { repos: Array<{ hooks: Array<{ entry: string; files: string }> }> };
  const hook = config.repos[0]!.hooks[0]!;
  const staged = git('diff', '--cached', '--name-only').stdout.split('\n').filter((name) => new RegExp(hook.files).test(name));
  assert.deepEqual(staged.sort(), ['notes.txt', 'postmortems/2021-07-11-a.md'], 'not app.js nor .gitignore');
  const preCommit = spawnSync('sh', ['-c', `${hook.entry} "$@"`, 'hook', ...staged], { cwd: project, encoding: 'utf8', env: installed.env });
  assert.equal(preCommit.status, 1, preCommit.stderr);
  assert.match(preCommit.stdout, /Impossible time "25:61 UTC"/);

  // The plain git hook stops the commit, and lets it through once the postmortem is fixed.
  const hookFile = path.join(project, '.git', 'hooks', 'pre-commit');
  writeFileSync(hookFile, readmeBlock('a plain git hook', 'sh'), { mode: 0o755 });
  const refused = git('commit', '-q', '-m', 'add postmortem');
  assert.notEqual(refused.status, 0, 'the commit is refused');
  assert.match(refused.stdout + refused.stderr, /Impossible time "25:61 UTC"/);
  writeFileSync(path.join(project, 'postmortems', '2021-07-11-a.md'), brokenPostmortem().replace('25:61 UTC', '00:32 UTC').replace(' for TBD minutes', ''));
  git('add', '.');
  const committed = git('commit', '-q', '-m', 'add postmortem');
  assert.equal(committed.status, 0, committed.stdout + committed.stderr);
});

test("the README's GitHub Actions workflow is valid YAML whose lint step writes the SARIF file it uploads", () => {
  const workflow = parseYaml(readmeBlock('## CI', 'yaml')) as { jobs: { lint: { steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> } } };
  const steps = workflow.jobs.lint.steps;
  const lint = steps.find((step) => step.run?.includes('postmortem-lint'));
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.ok(lint && upload);
  const repo = tempRepo({ 'postmortems/2021-07-11-a.md': brokenPostmortem() });
  try {
    // The steps before it (checkout, setup-node, npm ci) are the runner's: npm ci leaves the package in node_modules.
    symlinkSync(path.join(scratch, 'project', 'node_modules'), path.join(repo.root, 'node_modules'));
    const run = spawnSync('sh', ['-c', lint.run!], { cwd: repo.root, encoding: 'utf8', env: installed.env });
    assert.equal(run.status, 1, run.stderr);
    const sarif = JSON.parse(readFileSync(path.join(repo.root, upload.with!['sarif_file']!), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0]!.results.length, 2);
  } finally {
    repo.dispose();
  }
});
