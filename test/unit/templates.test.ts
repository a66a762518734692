import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePostmortem } from '../../server/src/model/parse';
import { builtInTemplate, builtInTemplateNames, builtInTemplateText, DEFAULT_TEMPLATE, isBuiltInTemplate } from '../../server/src/templates/index';
import { parseTemplate, type Template } from '../../server/src/templates/template';
import { joinLines } from './util';

/** `heading` with `?` for an optional section and `>` per level below H2: a template's shape at a glance. */
const shape = (template: Template) => template.sections.map((s) => `${'>'.repeat(s.level - 2)}${s.heading}${s.optional ? '?' : ''}`);

test('the built-in names, and unknown names falling back to the default', () => {
  assert.deepEqual([...builtInTemplateNames], ['python-discord', 'atlassian', 'google-sre', 'pagerduty']);
  assert.ok(isBuiltInTemplate('google-sre'));
  assert.ok(!isBuiltInTemplate('constructor'), 'names are own keys, not inherited properties');
  assert.equal(builtInTemplate('no-such-template').name, DEFAULT_TEMPLATE);
  assert.equal(builtInTemplate('atlassian'), builtInTemplate('atlassian'), 'parsed once');
  assert.match(builtInTemplateText('pagerduty') ?? '', /^---\ntype: template\n/);
  assert.equal(builtInTemplateText('nope'), undefined);
});

test('python-discord: nine sections, prompts kept, no required metadata', () => {
  const template = builtInTemplate('python-discord');
  assert.deepEqual(shape(template), [
    '⚠️ Leadup', '🥏 Impact', '👁️ Detection', '🙋🏿‍♂️ Response', '🙆🏽‍♀️ Recovery', "🔎 Five Why's", '🌱 Blameless root cause', '🤔 Lessons learned', '☑️ Follow-up tasks',
  ]);
  assert.deepEqual(template.requiredMetadata, []);
  assert.equal(template.removePrompts, false);
  assert.ok(template.declared);
  assert.deepEqual(template.problems, []);
});

test('atlassian: the handbook template, five whys and root cause, backlog check and recurrence optional', () => {
  const template = builtInTemplate('atlassian');
  assert.deepEqual(shape(template), [
    'Incident summary', 'Leadup', 'Fault', 'Impact', 'Detection', 'Response', 'Recovery', 'Timeline', 'Five whys', 'Root cause',
    'Backlog check?', 'Recurrence?', 'Lessons learned?', 'Corrective actions',
  ]);
  assert.deepEqual(template.requiredMetadata, []);
  assert.equal(template.removePrompts, true);
  assert.match(template.sections[1]!.prompt!, /sequence of events that led to the incident/);
  assert.ok(template.sections.find((s) => s.heading === 'Five whys')!.names.includes('root cause identification the five whys'));
});

test('google-sre: the SRE book example postmortem, lessons learned in three parts, date/authors/status required', () => {
  const template = builtInTemplate('google-sre');
  assert.deepEqual(shape(template), [
    'Summary', 'Impact', 'Root causes', 'Trigger', 'Resolution', 'Detection', 'Action items', 'Lessons learned',
    '>What went well', '>What went wrong', '>Where we got lucky?', 'Timeline', 'Supporting information?',
  ]);
  assert.deepEqual(template.requiredMetadata, ['date', 'authors', 'status']);
  assert.equal(template.removePrompts, true);
});

test("pagerduty: the response docs template, How'd we do? and messaging with optional parts, owner required", () => {
  const template = builtInTemplate('pagerduty');
  assert.deepEqual(shape(template), [
    'Overview', 'What happened', 'Contributing factors', 'Resolution', 'Impact', 'Responders', 'Timeline', "How'd we do?",
    '>What went well??', ">What didn't go so well??", 'Action items', 'Messaging', '>Internal email?', '>External message?',
  ]);
  assert.deepEqual(template.requiredMetadata, ['owner']);
  assert.equal(template.removePrompts, true);
});

test('every built-in template is clean: no problems, every section prompted, no name shared by two sections', () => {
  for (const name of builtInTemplateNames) {
    const template = builtInTemplate(name);
    assert.deepEqual(template.problems, [], name);
    for (const section of template.sections) assert.ok(section.prompt, `${name}: ${section.heading} has a prompt`);
    const names = template.sections.flatMap((s) => [...new Set(s.names)]);
    assert.equal(new Set(names).size, names.length, `${name}: names are unique`);
  }
});

test('aliases match real headings: Root cause / Root causes / Blameless root cause', () => {
  const matched = (template: string, heading: string) => {
    const document = TextDocument.create('file:///repo/postmortems/x.md', 'markdown', 1, joinLines('# x', '', `## ${heading}`, '', 'text'));
    return parsePostmortem(document, builtInTemplate(template)).sections[0]?.match?.heading;
  };
  for (const heading of ['Root cause', 'Root causes', 'Blameless root cause', '🌱 Blameless Root Causes']) {
    assert.equal(matched('google-sre', heading), 'Root causes');
    assert.equal(matched('atlassian', heading), 'Root cause');
    assert.equal(matched('python-discord', heading), '🌱 Blameless root cause');
  }
  assert.equal(matched('atlassian', 'Action items'), 'Corrective actions');
  assert.equal(matched('pagerduty', 'Follow-up tasks'), 'Action items');
  assert.equal(matched('pagerduty', 'How did we do?'), "How'd we do?");
  assert.equal(matched('google-sre', 'Where we got lucky'), 'Where we got lucky');
});

test('template front matter: metadata keys are lower-cased and deduplicated, a single key is a list of one', () => {
  const template = parseTemplate('team.md', joinLines('---', 'type: template', 'metadata: [Severity, status, Incident  Commander, status]', 'prompts: remove', '---', '## Impact'));
  assert.deepEqual(template.requiredMetadata, ['severity', 'status', 'incident commander']);
  assert.equal(template.removePrompts, true);
  assert.ok(template.declared);
  assert.deepEqual(template.problems, []);
  assert.deepEqual(parseTemplate('t.md', joinLines('---', 'metadata: owner', '---', '## A')).requiredMetadata, ['owner']);
});

test('a template without front matter: not declared, prompts kept, nothing required', () => {
  const template = parseTemplate('plain.md', joinLines('# Title', '## Impact', '*Who was hit?*', '## Timeline'));
  assert.deepEqual(shape(template), ['Impact', 'Timeline']);
  assert.equal(template.sections[0]!.prompt, 'Who was hit?');
  assert.equal(template.declared, false);
  assert.equal(template.removePrompts, false);
  assert.deepEqual(template.requiredMetadata, []);
});

test('template problems: bad YAML, wrong values, unknown keys and directives, a name used twice, no sections', () => {
  const bad = parseTemplate('t.md', joinLines('---', 'type: [oops', '---', '## A'));
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0]!.severity, 'error');
  assert.match(bad.problems[0]!.message, /not valid YAML/);
  assert.deepEqual(shape(bad), ['A'], 'sections still parse');

  const wrong = parseTemplate('t.md', joinLines('---', 'type: postmortem', 'metadata: 3', 'prompts: delete', 'colour: blue', '---', '## A', '<!-- postmortem: optionall -->'));
  assert.deepEqual(
    wrong.problems.map((p) => p.message.slice(0, 40)),
    [
      'Unknown template key "colour" is ignored',
      "A template's front matter says `type: te",
      '`metadata` should be a list of the keys ',
      '`prompts` should be `keep` (prompts stay',
      'Unknown template directive "optionall": ',
    ],
  );
  assert.equal(wrong.removePrompts, false);

  const text = joinLines('## Root cause', '## Causes', '<!-- postmortem: aliases = Root cause -->');
  const shared = parseTemplate('t.md', text);
  assert.equal(shared.problems.length, 1);
  assert.match(shared.problems[0]!.message, /"root cause" already names the section "Root cause"/);
  assert.equal(text.slice(shared.problems[0]!.start, shared.problems[0]!.end), '## Causes');

  const empty = parseTemplate('t.md', joinLines('---', 'type: template', '---', '# Only a title', 'Some text.'));
  assert.deepEqual(empty.problems.map((p) => [p.severity, p.message]), [['hint', 'This template has no sections: write each section as a `## Heading`.']]);
});

test('a template is data: HTML, scripts and YAML tags are read as text, never run', () => {
  const template = parseTemplate('t.md', joinLines('---', 'type: !!js/function "() => 1"', 'metadata: [a]', '---', '## <script>alert(1)</script> Impact', '*<img src=x onerror=alert(1)>*'));
  assert.equal(template.declared, false);
  assert.deepEqual(template.requiredMetadata, ['a']);
  // Tags are plain text in a heading; only what completion inserts, never markup anything renders.
  assert.equal(template.sections[0]!.heading, 'alert(1) Impact');
  assert.equal(template.sections[0]!.prompt, undefined, 'an HTML-only emphasis is no prompt text');
});
