import { DEFAULT_TEMPLATE } from '../../server/src/templates/index';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { nodeFileSystem, parseConfig, type FileSystem } from '../../server/src/config';
import { resolveSettings } from '../../server/src/settings';
import { MAX_TEMPLATE_BYTES, TemplateLoader } from '../../server/src/templates/load';
import { joinLines } from './util';

// A workspace on disk, because symbolic links and real paths are what the checks are about:
//   <tmp>/outside/secret.md            a file next to the workspace, never to be read
//   <tmp>/repo/templates/team.md       the team's template
//   <tmp>/repo/templates/escape.md  -> ../../outside/secret.md
//   <tmp>/repo/templates/alias.md   -> team.md
//   <tmp>/repo/templates/big.md        over the size cap
//   <tmp>/repo/templates/folder.md/    a directory with a Markdown name
//   <tmp>/repo/docs/local.md           for a config file in docs/
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-templates-')));
const root = join(tmp, 'repo');
const teamTemplate = joinLines('---', 'type: template', 'metadata: [severity]', '---', '# Title', '## What happened', '*Tell the story.*', '## Follow-ups');
mkdirSync(join(tmp, 'outside'));
writeFileSync(join(tmp, 'outside', 'secret.md'), '## Secret heading\n');
mkdirSync(join(root, 'templates', 'folder.md'), { recursive: true });
mkdirSync(join(root, 'docs'));
writeFileSync(join(root, 'templates', 'team.md'), teamTemplate);
writeFileSync(join(root, 'templates', 'big.md'), `## Big\n${'x'.repeat(MAX_TEMPLATE_BYTES)}\n`);
writeFileSync(join(root, 'docs', 'local.md'), '## Local section\n');
writeFileSync(join(root, 'notes.txt'), '## Not a template\n');
symlinkSync(join('..', '..', 'outside', 'secret.md'), join(root, 'templates', 'escape.md'));
symlinkSync('team.md', join(root, 'templates', 'alias.md'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Resolves with only the editor setting `template` set, as a document in `root` would. */
function withSetting(template: string, options: { root?: string | undefined; templates?: TemplateLoader } = {}) {
  const effective = resolveSettings({ vscodeSettings: { template }, ...('root' in options ? (options.root ? { root: options.root } : {}) : { root }), templates: options.templates ?? new TemplateLoader(nodeFileSystem) });
  return { name: effective.template.name, path: effective.templatePath, problems: effective.problems.map((p) => p.message) };
}

test('a built-in name: no file is read', () => {
  assert.deepEqual(withSetting('google-sre'), { name: 'google-sre', path: undefined, problems: [] });
});

test('a path relative to the workspace folder loads the team template', () => {
  const result = withSetting('templates/team.md');
  assert.deepEqual(result, { name: 'templates/team.md', path: join(root, 'templates', 'team.md'), problems: [] });
  const effective = resolveSettings({ vscodeSettings: { template: './templates/team.md' }, root });
  assert.deepEqual(effective.template.sections.map((s) => s.heading), ['What happened', 'Follow-ups']);
  assert.deepEqual(effective.template.requiredMetadata, ['severity']);
});

test('an absolute path inside the workspace is fine; a link that stays inside is fine', () => {
  assert.equal(withSetting(join(root, 'templates', 'team.md')).path, join(root, 'templates', 'team.md'));
  assert.deepEqual(withSetting('templates/alias.md'), { name: 'templates/alias.md', path: join(root, 'templates', 'team.md'), problems: [] });
});

test('escape attempts are refused with a clear message and the default template is used', () => {
  for (const value of ['../../etc/passwd.md', '../outside/secret.md', 'templates/../../outside/secret.md', join(tmp, 'outside', 'secret.md'), '/etc/passwd.md']) {
    const result = withSetting(value);
    assert.equal(result.name, DEFAULT_TEMPLATE, value);
    assert.equal(result.path, undefined);
    assert.deepEqual(result.problems, [`Setting postmortem.template: Template "${value}" is outside the workspace folder; a template file must be inside it. Choosing a template from the document's sections instead.`]);
  }
  assert.match(withSetting('../../etc/passwd').problems[0]!, /neither a built-in template .* nor a Markdown file/);
});

test('a symbolic link that leads out of the workspace is refused, though its own path is inside', () => {
  const result = withSetting('templates/escape.md');
  assert.equal(result.name, DEFAULT_TEMPLATE);
  assert.match(result.problems[0]!, /Template "templates\/escape.md" links to a file outside the workspace folder/);
});

test('a workspace reached through a symbolic link still works: the check compares real paths', () => {
  const linkedRoot = join(tmp, 'linked-repo');
  symlinkSync(root, linkedRoot);
  assert.deepEqual(withSetting('templates/team.md', { root: linkedRoot }), { name: 'templates/team.md', path: join(root, 'templates', 'team.md'), problems: [] });
});

test('missing, oversized, a directory, not Markdown, no workspace folder', () => {
  assert.match(withSetting('templates/nope.md').problems[0]!, /Template file "templates\/nope.md" was not found\./);
  assert.match(withSetting('templates/big.md').problems[0]!, /Template "templates\/big.md" is 257 KB; a template may be at most 256 KB\./);
  assert.match(withSetting('templates/folder.md').problems[0]!, /Template "templates\/folder.md" is not a file\./);
  assert.match(withSetting('notes.txt').problems[0]!, /"notes.txt" is neither a built-in template \(auto, python-discord, atlassian, google-sre, pagerduty\) nor a Markdown file/);
  assert.match(withSetting('templates/team.md', { root: undefined }).problems[0]!, /is a path, but this document is in no workspace folder to look in; only built-in templates work here/);
  assert.equal(withSetting('  ').problems.length, 1);
});

test('priority: front matter over the config file over the editor setting; a bad one falls through to the next', () => {
  const configFile = parseConfig('template: atlassian\n', join(root, '.postmortem.yaml'));
  const resolve = (frontMatter?: Record<string, unknown>) =>
    resolveSettings({ vscodeSettings: { template: 'pagerduty' }, configFile, ...(frontMatter ? { frontMatter } : {}), root });
  assert.equal(resolve().template.name, 'atlassian');
  assert.equal(resolve({ template: 'templates/team.md' }).template.name, 'templates/team.md');
  assert.equal(resolveSettings({ vscodeSettings: { template: 'pagerduty' }, root }).template.name, 'pagerduty');

  const fallen = resolve({ template: '../outside/secret.md' });
  assert.equal(fallen.template.name, 'atlassian');
  assert.deepEqual(fallen.problems.map((p) => [p.origin, p.severity]), [['front-matter', 'error']]);
  assert.match(fallen.problems[0]!.message, /^Front matter: Template "..\/outside\/secret.md" is outside the workspace folder; .* Checking against the "atlassian" template instead\.$/);
  assert.match(resolve({ template: 42 }).problems[0]!.message, /^Front matter: The template should be a built-in template name/);
});

test("a config file's template path is relative to the config file's folder, and still bound to the root", () => {
  const configFile = parseConfig('template: local.md\n', join(root, 'docs', '.postmortem.yaml'));
  const effective = resolveSettings({ configFile, root });
  assert.equal(effective.template.name, 'docs/local.md');
  const escaping = resolveSettings({ configFile: parseConfig('template: ../../outside/secret.md\n', join(root, 'docs', '.postmortem.yaml')), root });
  assert.equal(escaping.template.name, DEFAULT_TEMPLATE);
  assert.deepEqual(escaping.problems.map((p) => [p.origin, p.file]), [['config', join(root, 'docs', '.postmortem.yaml')]]);
});

test('the loader keeps a parsed template until the file changes', () => {
  const file = join(root, 'templates', 'changing.md');
  writeFileSync(file, '## One\n');
  const loader = new TemplateLoader(nodeFileSystem);
  const first = loader.load('templates/changing.md', { base: root, root });
  const again = loader.load('templates/changing.md', { base: root, root });
  assert.ok('template' in first && 'template' in again);
  assert.equal(first.template, again.template);
  assert.ok(loader.knows(file));
  writeFileSync(file, '## One\n## Two\n');
  const changed = loader.load('templates/changing.md', { base: root, root });
  assert.ok('template' in changed);
  assert.deepEqual(changed.template.sections.map((s) => s.heading), ['One', 'Two']);
});

test('the file system is only asked about paths inside the root', () => {
  const asked: string[] = [];
  const spy: FileSystem = {
    realpath: (p) => (asked.push(p), nodeFileSystem.realpath(p)),
    stat: (p) => (asked.push(p), nodeFileSystem.stat(p)),
    readFile: (p) => (asked.push(p), nodeFileSystem.readFile(p)),
  };
  const loader = new TemplateLoader(spy);
  assert.ok('error' in loader.load('../../../etc/passwd.md', { base: root, root }));
  assert.ok('error' in loader.load('/etc/shadow.md', { base: root, root }));
  assert.equal(asked.length, 0, asked.join(', '));
  assert.ok('error' in loader.load('templates/escape.md', { base: root, root }));
  assert.ok(!asked.includes(join(tmp, 'outside', 'secret.md')), 'the link target is resolved, never opened');
});
