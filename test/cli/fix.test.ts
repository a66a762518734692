import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyPatch } from 'diff';
import { cleanPostmortem, fixablePostmortem, runCli, startCli, tempRepo } from './util';

test('--fix applies the safe fixes, reports what is left, and a second run changes nothing', async () => {
  const repo = tempRepo({ 'postmortems/a.md': fixablePostmortem(), 'postmortems/b.md': cleanPostmortem() });
  const file = path.join(repo.root, 'postmortems/a.md');
  try {
    const before = await runCli([], { cwd: repo.root });
    assert.equal(before.code, 1);
    assert.match(before.stdout, /1 fixable with --fix/, 'the dotted time; the missing section is the author\'s to write');

    const fixed = await runCli(['--fix'], { cwd: repo.root });
    assert.equal(fixed.code, 0, fixed.stdout);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\*\*00:32 UTC:\*\*/, 'the dotted time is written with a colon');
    assert.doesNotMatch(text, /Lessons learned/, 'no section is inserted for the author');
    // What no fix can write is still reported: the missing section.
    assert.match(fixed.stdout, /^postmortems\/a\.md:1:1 +info +This postmortem follows the "python-discord" template but has no "Lessons learned" section\. +PM001$/m);
    assert.match(fixed.stdout, / · 1 file fixed · /);
    assert.equal(readFileSync(path.join(repo.root, 'postmortems/b.md'), 'utf8'), cleanPostmortem(), 'a clean file is not rewritten');

    const mtime = statSync(file).mtimeMs;
    const again = await runCli(['--fix'], { cwd: repo.root });
    assert.equal(again.code, 0);
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.equal(statSync(file).mtimeMs, mtime, 'nothing to fix: the file is not written at all');
    assert.doesNotMatch(again.stdout, /fixed/);
    assert.deepEqual(readdirSync(path.dirname(file)).sort(), ['a.md', 'b.md'], 'no temporary file is left behind');
  } finally {
    repo.dispose();
  }
});

test('--fix-dry-run prints a unified diff that applies to the file, and changes nothing', async () => {
  const repo = tempRepo({ 'postmortems/a.md': fixablePostmortem() });
  const file = path.join(repo.root, 'postmortems/a.md');
  try {
    const original = readFileSync(file, 'utf8');
    const mtime = statSync(file).mtimeMs;
    const dryRun = await runCli(['--fix-dry-run'], { cwd: repo.root });
    // Nothing is written: the file on disk still has its error, reported at its line there, beside the diff.
    assert.equal(dryRun.code, 1);
    assert.match(dryRun.stdout, /^postmortems\/a\.md:\d+:\d+ +error +Malformed time "00\.32": write 00:32, with a colon\. +PM004$/m);
    assert.match(dryRun.stdout, / · 1 file would be fixed \(the diff above\) · /);
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.equal(statSync(file).mtimeMs, mtime);
    const diff = dryRun.stdout.slice(0, dryRun.stdout.indexOf('\n\npostmortems/'));
    assert.match(diff, /^--- a\/postmortems\/a\.md\n\+\+\+ b\/postmortems\/a\.md\n@@ /);
    assert.match(diff, /^-- \*\*00\.32 UTC:\*\* PostgreSQL saturated$/m);
    assert.match(diff, /^\+- \*\*00:32 UTC:\*\* PostgreSQL saturated$/m);

    await runCli(['--fix'], { cwd: repo.root });
    assert.equal(applyPatch(original, diff), readFileSync(file, 'utf8'), 'the diff is exactly what --fix writes');

    const again = await runCli(['--fix-dry-run'], { cwd: repo.root });
    assert.match(again.stdout, / · nothing to fix · /);
    const json = await runCli(['--fix-dry-run', '--format', 'json'], { cwd: repo.root });
    assert.equal((JSON.parse(json.stdout) as { files: Array<{ diff?: string }> }).files[0]!.diff, undefined, 'nothing left to fix');
  } finally {
    repo.dispose();
  }
});

test('--fix keeps CRLF line endings, the byte order mark, the mode, and a symbolic link as a link', async () => {
  const crlf = fixablePostmortem().replace(/\n/g, '\r\n');
  const repo = tempRepo({ 'postmortems/crlf.md': crlf, 'postmortems/bom.md': `\uFEFF${fixablePostmortem()}`, 'shared/target.md': fixablePostmortem() });
  const crlfFile = path.join(repo.root, 'postmortems/crlf.md');
  const link = path.join(repo.root, 'postmortems/linked.md');
  try {
    chmodSync(crlfFile, 0o640);
    symlinkSync('../shared/target.md', link);
    const result = await runCli(['--fix', 'postmortems/crlf.md', 'postmortems/bom.md', 'postmortems/linked.md'], { cwd: repo.root });
    assert.match(result.stdout, / · 3 files fixed · /);

    const crlfText = readFileSync(crlfFile, 'utf8');
    assert.match(crlfText, /\*\*00:32 UTC:\*\*/);
    assert.equal(crlfText, crlf.replace('**00.32 UTC:**', '**00:32 UTC:**'), 'every line still ends in CRLF; only the time changed');
    assert.equal(statSync(crlfFile).mode & 0o777, 0o640);

    const bom = readFileSync(path.join(repo.root, 'postmortems/bom.md'), 'utf8');
    assert.ok(bom.startsWith('\uFEFF# 2021-07-11'));
    assert.match(bom, /\*\*00:32 UTC:\*\*/);

    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.match(readFileSync(path.join(repo.root, 'shared/target.md'), 'utf8'), /\*\*00:32 UTC:\*\*/, 'its target was fixed');
  } finally {
    repo.dispose();
  }
});

test('--fix leaves files that only have unsafe or no fixes alone', async () => {
  const unsafeOnly = cleanPostmortem().replace('- **00:32 UTC:** PostgreSQL saturated', '- **00:20 UTC:** PostgreSQL saturated');
  const repo = tempRepo({ 'postmortems/a.md': unsafeOnly });
  const file = path.join(repo.root, 'postmortems/a.md');
  try {
    writeFileSync(file, unsafeOnly);
    const result = await runCli(['--fix'], { cwd: repo.root });
    assert.match(result.stdout, /PM003/, 'the out-of-order entry is still reported');
    assert.equal(readFileSync(file, 'utf8'), unsafeOnly, 'moving a timeline entry is the author’s call, not --fix’s');
  } finally {
    repo.dispose();
  }
});

test('--fix does not replace a read-only file, though its folder would let it, and says so', async () => {
  const repo = tempRepo({ 'postmortems/a.md': fixablePostmortem(), 'postmortems/b.md': fixablePostmortem() });
  const readOnly = path.join(repo.root, 'postmortems/a.md');
  try {
    chmodSync(readOnly, 0o444);
    const result = await runCli(['--fix'], { cwd: repo.root });
    assert.equal(readFileSync(readOnly, 'utf8'), fixablePostmortem(), 'the read-only file is left as it was');
    assert.equal(statSync(readOnly).mode & 0o777, 0o444);
    assert.match(result.stdout, /^postmortems\/a\.md +error +the fixes could not be written \(it is read-only: no write permission\); the file is unchanged\.$/m);
    assert.match(readFileSync(path.join(repo.root, 'postmortems/b.md'), 'utf8'), /\*\*00:32 UTC:\*\*/, 'the writable one is fixed');
    assert.equal(result.code, 1, 'a file that could not be fixed fails the run');
    assert.deepEqual(readdirSync(path.dirname(readOnly)).sort(), ['a.md', 'b.md'], 'no temporary file is left behind');
  } finally {
    repo.dispose();
  }
});

test('--fix does not overwrite a file changed on disk after it was read, even when its size and mtime are kept', async () => {
  // 1,500 timeline entries: b.md takes a second or more to analyse, and the change lands between its read and its
  // rename. Files go in path order on one thread, so b.md is read right after a.md is written.
  const entries = Array.from({ length: 1500 }, (_, i) => `- **${String(10 + Math.floor(i / 3600))}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC:** step ${i}`);
  const slow = fixablePostmortem().replace('- **00:27 UTC:** Django starts using connections', entries.join('\n'));
  const repo = tempRepo({ 'postmortems/a.md': fixablePostmortem(), 'postmortems/b.md': slow });
  const [first, changed] = ['a.md', 'b.md'].map((name) => path.join(repo.root, 'postmortems', name)) as [string, string];
  try {
    // A whole second, so that setting the mtime back gives exactly the mtime that was read.
    utimesSync(changed, 1_600_000_000, 1_600_000_000);
    const [firstInode, changedInode] = [statSync(first).ino, statSync(changed).ino];
    const run = runCli(['--fix', '--jobs', '1'], { cwd: repo.root });
    for (const deadline = Date.now() + 30_000; statSync(first).ino === firstInode; await sleep(5)) assert.ok(Date.now() < deadline, 'a.md was never fixed');
    await sleep(200);
    assert.equal(statSync(changed).ino, changedInode, 'b.md was already written: the change would come too late to test anything');
    // Another program's edit: the same size, and the mtime set back.
    const edited = slow.replace('Joe responded.', 'Ann responded.');
    writeFileSync(changed, edited);
    utimesSync(changed, 1_600_000_000, 1_600_000_000);
    const result = await run;
    assert.equal(readFileSync(changed, 'utf8'), edited, 'the edit made on disk is kept');
    assert.match(result.stdout, /^postmortems\/b\.md +error +the fixes could not be written \(it changed on disk while it was being fixed; run again\); the file is unchanged\.$/m);
    assert.match(readFileSync(first, 'utf8'), /\*\*00:32 UTC:\*\*/, 'a.md, unchanged since it was read, is fixed');
    assert.deepEqual(readdirSync(path.dirname(first)).sort(), ['a.md', 'b.md'], 'no temporary file is left behind');
  } finally {
    repo.dispose();
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`--fix stopped by ${signal} while it writes leaves no temporary file, and every file whole`, async () => {
    // 300 files: with three threads and with one, the signal comes while files are being written.
    const names = Array.from({ length: 300 }, (_, i) => `postmortems/${String(i).padStart(3, '0')}.md`);
    const fixed = fixablePostmortem().replace('**00.32 UTC:**', '**00:32 UTC:**');
    for (const jobs of ['3', '1']) {
      const repo = tempRepo(Object.fromEntries(names.map((name) => [name, fixablePostmortem()])));
      const folder = path.join(repo.root, 'postmortems');
      try {
        const before = statSync(folder).mtimeMs;
        const { child, result } = startCli(['--fix', '--jobs', jobs], { cwd: repo.root });
        // The folder changes with the first file renamed into place: writing has begun.
        for (const deadline = Date.now() + 30_000; statSync(folder).mtimeMs === before; await sleep(1)) assert.ok(Date.now() < deadline, 'no file was ever fixed');
        child.kill(signal);
        const { code, signal: ended } = await result;
        assert.deepEqual({ code, ended }, { code: null, ended: signal }, `--jobs ${jobs}: the run ends by the signal, as an interrupted command does`);
        const left = readdirSync(folder).filter((name) => !names.includes(`postmortems/${name}`));
        assert.deepEqual(left, [], `--jobs ${jobs}: files besides the postmortems`);
        const states = names.map((name) => readFileSync(path.join(repo.root, name), 'utf8')).map((text) => (text === fixed ? 'fixed' : text === fixablePostmortem() ? 'untouched' : 'torn'));
        assert.ok(!states.includes('torn'), `--jobs ${jobs}: every file is as it was or fully fixed`);
        assert.ok(states.includes('untouched'), `--jobs ${jobs}: the run was stopped before it was done`);
      } finally {
        repo.dispose();
      }
    }
  });
}
