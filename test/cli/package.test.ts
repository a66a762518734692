// The packaged extension holds every file its page (README) and its manifest refer to: `vsce ls` lists what the
// .vsix would hold, with the same .vscodeignore, without writing one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './util';

function packaged(): Set<string> {
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const listed = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  return new Set(listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean));
}

/** The relative targets of a Markdown file's links and images (`[x](docs/cli.md#options)`, `![x](docs/a.png)`). */
function relativeTargets(file: string): string[] {
  // Examples in code blocks and code spans are not links of the page.
  const text = readFileSync(path.join(repoRoot, file), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
  return targets
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target))
    .map((target) => path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target.replace(/#.*$/, '')))));
}

test('the .vsix holds every file the README and the manifest refer to, and the docs they link to', () => {
  const files = packaged();
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const fromManifest = [
    manifest.main,
    manifest.icon,
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
  ].map((p: string) => path.posix.normalize(p));
  const fromReadme = relativeTargets('README.md');
  assert.ok(fromReadme.includes('docs/screenshot.png'), 'the README shows the screenshot');
  const docs = fromReadme.filter((target) => target.endsWith('.md') && target.startsWith('docs/'));
  const fromDocs = docs.flatMap((doc) => relativeTargets(doc));
  // A link to a folder (`docs/rules/`) resolves when the folder's files are packaged.
  const holds = (target: string) => files.has(target) || (target.endsWith('/') && [...files].some((file) => file.startsWith(target)));
  const missing = [...new Set([...fromManifest, ...fromReadme, ...fromDocs])].filter((target) => !holds(target));
  assert.deepEqual(missing, [], 'referred to but not packaged');
  for (const wanted of ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/icon.png']) assert.ok(files.has(wanted), wanted);
  // Nothing the extension does not need: no sources, tests or sample workspace.
  assert.deepEqual([...files].filter((file) => /^(?:server|client|test|sample|bench|scripts)\//.test(file)), []);
});

test('the icon is a 256 × 256 PNG the build draws', () => {
  const icon = readFileSync(path.join(repoRoot, 'dist/icon.png'));
  assert.deepEqual([...icon.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.equal(icon.readUInt32BE(16), 256);
  assert.equal(icon.readUInt32BE(20), 256);
  assert.ok(existsSync(path.join(repoRoot, 'scripts/icon.mjs')));
});
