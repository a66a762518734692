import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfig } from '../../server/src/config';
import { isPostmortem, isTemplateDocument } from '../../server/src/model/detect';
import {
  checkClientSettings,
  configFileDiagnostics,
  defaultSettings,
  readFrontMatterValues,
  resolveSettings,
  settingsDiagnostics,
  templateDiagnostics,
} from '../../server/src/settings';
import { builtInTemplate, DEFAULT_TEMPLATE } from '../../server/src/templates/index';
import { parseTemplate } from '../../server/src/templates/template';
import { joinLines, modelOf } from './util';

const configFile = (...lines: string[]) => parseConfig(joinLines(...lines), '/repo/.postmortem.yaml');

test('nothing configured: the defaults', () => {
  const effective = resolveSettings({});
  assert.equal(effective.template, builtInTemplate(DEFAULT_TEMPLATE));
  assert.equal(effective.template.auto, true);
  assert.deepEqual(effective.files, defaultSettings.files);
  assert.deepEqual(effective.rules, {});
  assert.equal(effective.zone, undefined);
  assert.deepEqual(effective.problems, []);
});

test('the config file wins over the editor settings key by key; rules merge per rule and per field', () => {
  const effective = resolveSettings({
    vscodeSettings: {
      template: 'pagerduty',
      files: ['notes/**/*.md'],
      zone: 'UTC',
      rules: { 'empty-section': 'hint', PM003: { severity: 'error', options: { strict: true } }, PM004: 'off' },
    },
    configFile: configFile('files: ["incidents/*.md"]', 'rules:', '  PM003: warning', '  PM002: off'),
  });
  assert.equal(effective.template.name, 'pagerduty', 'the config says nothing about the template');
  assert.deepEqual(effective.files, ['incidents/*.md']);
  assert.equal(effective.zone, 'UTC');
  assert.deepEqual(effective.rules, {
    PM002: { severity: 'off' },
    PM003: { severity: 'warning', options: { strict: true } },
    PM004: { severity: 'off' },
  });
});

test('editor settings are checked key by key and their problems reported, unknown keys passed over', () => {
  const { settings, problems } = checkClientSettings({ template: 'nope', files: 'x', zone: 'Nowhere/City', rules: { PM777: 'off', PM002: 'loud' }, trace: { server: 'verbose' } });
  assert.deepEqual(settings, defaultSettings);
  assert.deepEqual(problems.map((p) => p.message), [
    'Setting postmortem.template: "nope" is neither a built-in template (auto, python-discord, atlassian, google-sre, pagerduty) nor a Markdown file (.md).',
    'Setting postmortem.files should be a list of globs such as ["postmortems/**/*.md"].',
    'Setting postmortem.zone "Nowhere/City" is not a time zone: use an IANA name (Europe/Paris), UTC, or an offset (+02:00).',
    'Setting postmortem.rules.PM777: there is no such rule, so it is ignored; use a rule id such as PM002 or a name such as empty-section.',
    'Setting postmortem.rules.PM002: "loud" is not a severity; use one of off, error, warning, info, hint.',
  ]);
  assert.ok(problems.every((p) => p.origin === 'settings' && p.file === undefined));
  const effective = resolveSettings({ vscodeSettings: { rules: { PM777: 'off' } }, configFile: configFile('colour: red') });
  assert.deepEqual(effective.problems.map((p) => p.origin), ['settings', 'config'], 'every source reports into one list');
});

test('front matter read before the Markdown parse agrees with the model', () => {
  const samples = [
    joinLines('---', 'template: google-sre', 'type: postmortem', '---', '# x'),
    joinLines('\uFEFF---', 'template: atlassian', '---'),
    joinLines('---  ', 'template: pagerduty', '---\t', '', '## Impact'),
    '---\r\ntemplate: templates/t.md\r\ndate: 2021-01-10\r\n---\r\n# x\r\n',
    joinLines('---', '---', '# empty'),
  ];
  for (const text of samples) {
    assert.deepEqual(readFrontMatterValues(text), modelOf(text).frontMatter?.data, JSON.stringify(text));
  }
  assert.equal(readFrontMatterValues('# no front matter\n---\ntemplate: x\n---'), undefined);
  assert.equal(readFrontMatterValues(joinLines('---', 'template: [unclosed', '---')), undefined);
  assert.equal(readFrontMatterValues(joinLines('---', 'template: atlassian')), undefined, 'never closed');
  assert.equal(readFrontMatterValues(joinLines('---', 'date: 2021-01-10', '---'))?.['date'], '2021-01-10', 'dates stay strings');
});

test('settings problems become diagnostics: on the front matter line, or on line 0 pointing at the config file', () => {
  const text = joinLines('---', 'title: x', 'template: ../../etc/passwd.md', '---', '# Outage');
  const document = TextDocument.create('file:///repo/postmortems/a.md', 'markdown', 1, text);
  const effective = resolveSettings({ frontMatter: readFrontMatterValues(text)!, root: '/repo', configFile: configFile('zone: Mars') });
  const diagnostics = settingsDiagnostics(effective.problems, document);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.end.character, d.relatedInformation?.[0]?.location.uri]),
    [
      ['config', 2, 0, 3, 'file:///repo/.postmortem.yaml'],
      ['config', 1, 2, 29, undefined],
    ],
  );
  assert.equal(diagnostics[0]!.relatedInformation![0]!.location.range.start.line, 0);
  assert.match(diagnostics[1]!.message, /^Front matter: Template "..\/..\/etc\/passwd.md" is outside the workspace folder/);
});

test('config file diagnostics sit where each problem is written', () => {
  const diagnostics = configFileDiagnostics(configFile('zone: UTC', 'rules:', '  PM999: off'));
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]), [['config', 2, 2, 2, 7]]);
});

test('a template file is recognised and checked as a template, never as a postmortem', () => {
  const text = joinLines('---', 'type: template', '---', '# Title', '## ⚠️ Leadup', '## 🥏 Impact', '## 👁️ Detection', '## 🙋🏿‍♂️ Response');
  const model = modelOf(text, 'file:///repo/postmortems/template.md');
  assert.ok(!isPostmortem(model, defaultSettings.files, ['file:///repo']), 'not a postmortem despite its folder and headings');
  assert.ok(isTemplateDocument(readFrontMatterValues(text), undefined, undefined));
  assert.ok(isTemplateDocument(undefined, '/repo/templates/team.md', '/repo/templates/team.md'), 'the file the config points to');
  assert.ok(!isTemplateDocument(undefined, '/repo/postmortems/a.md', '/repo/templates/team.md'));
  assert.ok(!isTemplateDocument({ type: 'postmortem' }, undefined, undefined));

  const document = TextDocument.create('file:///repo/t.md', 'markdown', 1, joinLines('---', 'type: template', 'prompts: sometimes', '---', 'No sections yet.'));
  const diagnostics = templateDiagnostics(parseTemplate('t.md', document.getText()), document);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [['template', 2, 0], ['template', 4, 0]]);
  assert.match(diagnostics[1]!.message, /no sections/);
});
