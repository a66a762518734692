import assert from 'node:assert/strict';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { globMatcher, globProblem } from '../../server/src/model/glob';
import { defaultSettings } from '../../server/src/settings';
import { cpuMs } from '../support/cpuTime';

// Globs as teams write them, and the default `postmortem.files`; paths relative to the workspace folder.
const globs = [
  ...defaultSettings.files,
  '**/postmortems/**/*.md',
  'docs/incidents/*.{md,rst}',
  '**/*.md',
  '*.md',
  'docs/**',
  'a/**/b',
  '**',
  '**/**/x.md',
  'docs/**/x?.md',
  '{docs/incidents,reviews/*}/*.md',
  '[abc]*.md',
  '[a-c]/**',
  'x/{a,{b,c}}.md',
  'a{,b}c',
  '{a}',
  '\\*.md',
  './docs/*.md',
  'docs/**/',
  '!*.md',
  'docs/*/incident-*.md',
];
const paths = [
  'postmortems/a.md', 'docs/postmortems/2021/x.MD', 'x.md', 'docs', 'a/b', 'a/x/b', 'a/x/y/b', 'docs/incidents/x.rst', 'docs/incidents/sub/x.md',
  'docs/x1.md', 'docs/q/r/xy.md', 'reviews/2021/x.md', 'reviews/x.md', 'b/c/x.md', 'ax.md', 'x/b.md', 'ac', 'abc', '{a}', '*.md', 'rca-1.md',
  'x/y_rca.v1.md', 'docs/a.md', 'docs/b/', 'README.md', 'incident-report.md', 'docs/2021/incident-db.md', '.hidden/postmortems/a.md',
  'retro.md', 'my-retro.txt', 'Postmortems/A.md', 'postmortem.md.erb', 'a/b/c/d/e/f/g/h.qmd', 'notes/rca.md', 'notes/rcadia.md',
];

test('ordinary globs match what picomatch matched, with and without regard to case', () => {
  for (const nocase of [false, true]) {
    for (const glob of globs) {
      assert.equal(globProblem(glob), undefined, glob);
      const expected = picomatch(glob, { dot: true, nocase });
      const actual = globMatcher([glob], { nocase });
      for (const path of paths) assert.equal(actual(path), expected(path), `${glob} against ${path}${nocase ? ', nocase' : ''}`);
    }
  }
  const defaults = globMatcher(defaultSettings.files, { nocase: true });
  const expected = picomatch(defaultSettings.files, { dot: true, nocase: true });
  for (const path of paths) assert.equal(defaults(path), expected(path), `the default globs against ${path}`);
});

test('where picomatch is not consistent: [!a] is a negated set, and x*/** matches xy as a/** matches a', () => {
  assert.ok(globMatcher(['**/[!.]*.md'])('docs/a.md'));
  assert.ok(!globMatcher(['**/[!.]*.md'])('docs/.a.md'));
  assert.ok(globMatcher(['inc*/**'])('incidents'));
  assert.ok(globMatcher(['inc*/**'])('incidents/a/b.md'));
});

test('syntax picomatch reads otherwise is refused, saying why, and matches nothing', () => {
  const refused: Array<[string, RegExp]> = [
    ['**/+(a|b).md', /extglob/],
    ['*(*q)z', /extglob/],
    ['docs/(a|b).md', /parentheses/],
    ['[[:alpha:]]*.md', /POSIX class/],
    ['incident-{1..3}.md', /range/],
    ['docs/**.md', /\*\* inside a folder or file name/],
    ['x'.repeat(1001), /longer than 1000 characters/],
  ];
  for (const [glob, why] of refused) {
    assert.match(globProblem(glob) ?? '', why, glob);
    assert.equal(globMatcher([glob])('docs/a.md'), false, glob);
  }
  // Escaped, the same characters are plain.
  assert.equal(globProblem('docs/incident \\(copy\\).md'), undefined);
  assert.ok(globMatcher(['docs/incident \\(copy\\).md'])('docs/incident (copy).md'));
});

test('globs made to backtrack match a 250-character name in linear time', () => {
  const name = `${'q'.repeat(247)}.md`;
  const deep = `${'q/'.repeat(123)}q.md`;
  // picomatch took 77 s on *q*q*q*q*z against `name` (five stars); these have more.
  const hostile = ['*q*q*q*q*q*q*q*q*z', '**/*q*q*q*q*q*q*q*q*z.md', `${'*q'.repeat(400)}z`, `${'**/q/'.repeat(100)}z`, `*q${'?'.repeat(30)}z`, `{${Array.from({ length: 50 }, (_, i) => `*q*${'?'.repeat(i % 9)}*z`).join(',')}}`];
  for (const glob of hostile) {
    const ms = cpuMs(() => {
      const matches = globMatcher([glob]);
      assert.equal(matches(name), false, glob);
      assert.equal(matches(deep), false, glob);
    });
    assert.ok(ms < 100, `${glob.slice(0, 40)}: ${ms.toFixed(1)} ms of CPU`);
  }
  assert.ok(globMatcher(['*q*q*q*q*q*q*q*q*.md'])(name), 'and they still match what they should');
});

test('braces nested deep, closed or not, are parsed in linear time', () => {
  for (const glob of [`${'{'.repeat(900)}a`, `${'{'.repeat(300)}a,q${'}'.repeat(300)}`, `${'{a'.repeat(300)}${'}'.repeat(300)}`]) {
    const ms = cpuMs(() => {
      assert.equal(globProblem(glob), undefined);
      globMatcher([glob])(`${'q'.repeat(247)}.md`);
    });
    assert.ok(ms < 100, `${glob.slice(0, 20)}…: ${ms.toFixed(1)} ms of CPU`);
  }
  assert.ok(globMatcher(['{a,{b,c}}.md'])('c.md'));
  assert.ok(globMatcher(['{a,{b}}.md'])('{b}.md'), 'a brace without a comma is two characters');
  assert.ok(globMatcher(['{a,b.md'])('{a,b.md'), 'so is one that is not closed');
});
