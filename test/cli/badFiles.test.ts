import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cleanPostmortem, runCli, tempRepo } from './util';

interface JsonFile {
  path: string;
  status: string;
  skipReason?: string;
  error?: string;
  diagnostics: Array<{ ruleId: string }>;
}

const filesOf = (stdout: string) => (JSON.parse(stdout) as { files: JsonFile[] }).files;

test('binary and invalid UTF-8 postmortems get a clear error each, the run goes on and exits 1', async () => {
  const repo = tempRepo({
    'postmortems/binary.md': Buffer.from('# Outage\n\u0000\u0001\u0002'),
    'postmortems/latin1.md': Buffer.concat([Buffer.from('# Outage\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' down\n')]),
    'postmortems/ok.md': cleanPostmortem(),
  });
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^postmortems\/binary\.md +error +is a binary file \(a NUL byte at offset 9\), not text\.$/m);
    assert.match(result.stdout, /^postmortems\/latin1\.md +error +is not UTF-8 text \(byte 0xE9 on line 3, byte 4 of the line\); save it as UTF-8\.$/m);
    assert.match(result.stdout, /· 1 file linted · 2 files could not be linted ·/);
  } finally {
    repo.dispose();
  }
});

test('a binary file that nothing says is a postmortem is skipped, not an error', async () => {
  const repo = tempRepo({ 'data/fixture.txt': Buffer.from([0x00, 0xff, 0x10]), 'postmortems/ok.md': cleanPostmortem() });
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /· 1 skipped as not text ·/);
    const named = await runCli(['data/fixture.txt'], { cwd: repo.root });
    assert.equal(named.code, 1, 'named on the command line, it had to be read');
  } finally {
    repo.dispose();
  }
});

test('an empty postmortem is linted like any other, and held to no template', async () => {
  const repo = tempRepo({ 'postmortems/empty.md': '' });
  try {
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    assert.equal(result.code, 0);
    const [file] = filesOf(result.stdout);
    assert.equal(file!.status, 'linted');
    assert.deepEqual(file!.diagnostics, [], 'no sections: no template fits, so none is missing');
  } finally {
    repo.dispose();
  }
});

test('a folder named x.md is searched as a folder, never read as a file', async () => {
  const repo = tempRepo({ 'postmortems/folder.md/inside.md': cleanPostmortem(), 'postmortems/ok.md': cleanPostmortem() });
  try {
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    assert.equal(result.code, 0);
    assert.deepEqual(filesOf(result.stdout).map((file) => [file.path, file.status]), [
      ['postmortems/folder.md/inside.md', 'linted'],
      ['postmortems/ok.md', 'linted'],
    ]);
    const named = await runCli(['--format', 'json', 'postmortems/folder.md'], { cwd: repo.root });
    assert.deepEqual(filesOf(named.stdout).map((file) => file.path), ['postmortems/folder.md/inside.md']);
  } finally {
    repo.dispose();
  }
});

test('symbolic link loops end: folders are searched without following links; a named loop is an error', async () => {
  const repo = tempRepo({ 'postmortems/ok.md': cleanPostmortem() });
  try {
    symlinkSync('..', path.join(repo.root, 'postmortems/up'));
    symlinkSync('loop.md', path.join(repo.root, 'postmortems/loop.md'));
    symlinkSync('b.md', path.join(repo.root, 'postmortems/a.md'));
    symlinkSync('a.md', path.join(repo.root, 'postmortems/b.md'));
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    assert.equal(result.code, 0);
    assert.deepEqual(filesOf(result.stdout).map((file) => file.path), ['postmortems/ok.md']);

    const named = await runCli(['postmortems/loop.md', 'postmortems/a.md'], { cwd: repo.root });
    assert.equal(named.code, 1);
    assert.match(named.stdout, /^postmortems\/a\.md +error +is a symbolic link loop\.$/m);
    assert.match(named.stdout, /^postmortems\/loop\.md +error +is a symbolic link loop\.$/m);
  } finally {
    repo.dispose();
  }
});

test('a named pipe is refused without waiting for a writer; a dangling link is reported', async () => {
  const repo = tempRepo({});
  try {
    mkdirSync(path.join(repo.root, 'postmortems'));
    execFileSync('mkfifo', [path.join(repo.root, 'postmortems/pipe.md')]);
    symlinkSync('gone.md', path.join(repo.root, 'postmortems/dangling.md'));
    const result = await runCli(['postmortems/pipe.md', 'postmortems/dangling.md'], { cwd: repo.root });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^postmortems\/pipe\.md +error +is not a regular file \(a named pipe\)\.$/m);
    assert.match(result.stdout, /^postmortems\/dangling\.md +error +does not exist \(or is a symbolic link to nothing\)\.$/m);
  } finally {
    repo.dispose();
  }
});

test('a file over 10 MB is refused with its size', async () => {
  const repo = tempRepo({ 'postmortems/ok.md': cleanPostmortem() });
  try {
    writeFileSync(path.join(repo.root, 'postmortems/huge.md'), Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^postmortems\/huge\.md +error +is 10\.0 MB; files over 10 MB are not linted\.$/m);
    assert.match(result.stdout, /· 1 file linted · 1 file could not be linted ·/);
  } finally {
    repo.dispose();
  }
});

test('terminal controls in file names and headings are printed as escapes, never sent to the terminal', async () => {
  const title = '\u001b]0;owned\u0007';
  const repo = tempRepo({ [`postmortems/2021-07-11-\u001b[2Jwipe.md`]: `# 2021-07-11: Outage\n\n## Impact ${title}\n\nUsers could not reach the\n\n## Timeline\n\n- 25:61 UTC x \u202e\u001b[1A\n` });
  try {
    const result = await runCli([], { cwd: repo.root });
    assert.equal(result.code, 1);
    assert.ok(!/[\u001b\u0007\u202e]/.test(result.stdout), JSON.stringify(result.stdout));
    assert.match(result.stdout, /^postmortems\/2021-07-11-\\u001b\[2Jwipe\.md:\d+:\d+ /m);
    assert.match(result.stdout, /\\u001b\]0;owned\\u0007/);
    const json = JSON.parse((await runCli(['--format', 'json'], { cwd: repo.root })).stdout) as { files: Array<{ diagnostics: Array<{ message: string }> }> };
    assert.ok(json.files[0]!.diagnostics.some((d) => d.message.includes(title)), 'JSON keeps the text as it is, escaped by JSON itself');
  } finally {
    repo.dispose();
  }
});

test('a file with lone CR line endings: its front matter is valid YAML, and the CLI passes it', async () => {
  const crOnly = ['---', 'title: "2021-07-11: Outage"', 'status: final', '---', '# 2021-07-11: Outage', '', '## Impact', '', 'Down for ten minutes.', ''].join('\r');
  const repo = tempRepo({ 'postmortems/2021-07-11-old-mac.md': crOnly });
  try {
    const result = await runCli(['--format', 'json'], { cwd: repo.root });
    const [file] = (JSON.parse(result.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string }> }> }).files;
    assert.deepEqual(file!.diagnostics.map((d) => d.ruleId), []);
    assert.equal(result.code, 0);
  } finally {
    repo.dispose();
  }
});

test('a .postmortem.yaml that links out of its folder is not read: nothing of the target reaches the report; a /proc link is not read whole', async () => {
  const outside = tempRepo({ 'secrets.env': 'api_token: hunter2-secret\ndatabase_password: swordfish\n' });
  const repo = tempRepo({ 'postmortems/a.md': cleanPostmortem() });
  try {
    symlinkSync(path.join(outside.root, 'secrets.env'), path.join(repo.root, '.postmortem.yaml'));
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runCli(['--format', format], { cwd: repo.root });
      assert.doesNotMatch(result.stdout + result.stderr, /hunter2|swordfish|api_token|database_password/, format);
      assert.match(result.stdout, /link to a file outside its folder/, format);
    }
    const proc = tempRepo({ 'postmortems/a.md': cleanPostmortem() });
    try {
      symlinkSync('/proc/self/status', path.join(proc.root, '.postmortem.yml'));
      const started = Date.now();
      const result = await runCli(['--format', 'json'], { cwd: proc.root });
      assert.ok(Date.now() - started < 20_000);
      assert.doesNotMatch(result.stdout, /VmRSS|Tgid/);
    } finally {
      proc.dispose();
    }
  } finally {
    repo.dispose();
    outside.dispose();
  }
});
