import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPostmortem, matchesGlobs } from '../../server/src/model/detect';
import { defaultSettings, toSettings } from '../../server/src/settings';
import { joinLines, modelOf } from './util';

const globs = defaultSettings.files;
const folders = ['file:///home/me/repo'];

test('default globs: postmortem folders and file names, relative to the workspace folder', () => {
  assert.ok(matchesGlobs('file:///home/me/repo/postmortems/2021-01-01-x.md', globs, folders));
  assert.ok(matchesGlobs('file:///home/me/repo/docs/post-mortems/a/b.md', globs, folders));
  assert.ok(matchesGlobs('file:///home/me/repo/incident-reports/x.md', globs, folders));
  assert.ok(matchesGlobs('file:///home/me/repo/docs/db-postmortem.md', globs, folders));
  assert.ok(!matchesGlobs('file:///home/me/repo/README.md', globs, folders));
  assert.ok(!matchesGlobs('file:///home/me/repo/postmortems/timeline.png', globs, folders));
});

test('outside any workspace folder the whole path is matched; untitled documents never match a glob', () => {
  assert.ok(matchesGlobs('file:///tmp/postmortems/x.md', globs, []));
  assert.ok(!matchesGlobs('untitled:Untitled-1', globs, folders));
  assert.ok(matchesGlobs('file:///home/me/repo/my%20postmortems/x.md', ['my postmortems/*.md'], folders));
});

test('content makes a postmortem: front matter type, or three template headings', () => {
  const uri = 'untitled:Untitled-1';
  assert.ok(isPostmortem(modelOf(joinLines('---', 'type: postmortem', '---', '# x'), uri), globs, folders));
  assert.ok(isPostmortem(modelOf(joinLines('## Impact', '## 🔎 Five Whys', '## Root cause'), uri), globs, folders));
  assert.ok(!isPostmortem(modelOf(joinLines('## Impact', '## Impact', '## Detection'), uri), globs, folders));
  assert.ok(!isPostmortem(modelOf('# Shopping list\n\n- eggs\n', 'file:///home/me/repo/list.md'), globs, folders));
});

test('settings from a client are checked key by key', () => {
  assert.deepEqual(toSettings(undefined), defaultSettings);
  assert.deepEqual(toSettings({ files: 'not-an-array', template: 'nope' }), defaultSettings);
  assert.deepEqual(toSettings({ files: ['x/*.md'] }).files, ['x/*.md']);
});
