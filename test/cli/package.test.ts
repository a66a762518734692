// The packaged extension holds every file its page (README) and its manifest refer to: `vsce ls` lists what the
// .vsix would hold, with the same .vscodeignore, without writing one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeVsixReadme } from '../../scripts/vsixReadme.mjs';
import { repoRoot } from './util';

const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');

test('vsce packages the extension as npm start does', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'postmortem-vsix-')), 'postmortem.vsix');
  try {
    // The same flags as scripts/vscode-server.mjs, with the README it writes.
    // vsce reads the README from inside the project, as scripts/vscode-server.mjs writes it.
    const readme = path.relative(repoRoot, writeVsixReadme(repoRoot, path.join(repoRoot, '.vscode-test', 'vsix-test', 'README.md')));
    const packed = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', readme, '--out', out], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stdout + packed.stderr);
    assert.ok(statSync(out).size > 0);
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
});

function packaged(): Set<string> {
  const listed = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  return new Set(listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean));
}

/** The relative targets of a Markdown file's links and images (`[x](docs/cli.md#options)`, `![x](docs/a.png)`). */
function relativeTargets(file: string, given?: string): string[] {
  // Examples in code blocks and code spans are not links of the page.
  const text = (given ?? readFileSync(path.join(repoRoot, file), 'utf8')).replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
  return targets
    .filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target))
    .map((target) => path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target.replace(/#.*$/, '')))));
}

test('the .vsix holds every file its README, the docs it links and the manifest refer to; its README embeds its images', () => {
  const files = packaged();
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const fromManifest = [
    manifest.main,
    manifest.icon,
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
  ].map((p: string) => path.posix.normalize(p));
  // VS Code's extension page does not load an installed extension's relative images: the packaged README embeds them.
  const scratch = mkdtempSync(path.join(tmpdir(), 'postmortem-readme-'));
  try {
    const readme = readFileSync(writeVsixReadme(repoRoot, path.join(scratch, 'README.md')), 'utf8');
    assert.match(readme, /!\[The extension in VS Code[^\]]*\]\(data:image\/png;base64,[A-Za-z0-9+/]{1000,}={0,2}\)/);
    assert.deepEqual(relativeTargets('README.md', readme).filter((target) => /\.(?:png|jpe?g|gif)$/.test(target)), [], 'no relative image is left');
    const fromReadme = relativeTargets('README.md', readme);
    const docs = fromReadme.filter((target) => target.endsWith('.md') && target.startsWith('docs/'));
    assert.ok(docs.length >= 5, 'the README links to the docs');
    const fromDocs = docs.flatMap((doc) => relativeTargets(doc));
    // A link to a folder (`docs/rules/`) resolves when the folder's files are packaged.
    const holds = (target: string) => files.has(target) || (target.endsWith('/') && [...files].some((file) => file.startsWith(target)));
    const missing = [...new Set([...fromManifest, ...fromReadme, ...fromDocs])].filter((target) => !holds(target));
    assert.deepEqual(missing, [], 'referred to but not packaged');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const wanted of ['CHANGELOG.md', 'LICENSE', 'dist/icon.png', 'docs/screenshot.png']) assert.ok(files.has(wanted), wanted);
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
