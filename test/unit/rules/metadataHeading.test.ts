import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../../server/src/features/codeActions';
import { lint } from '../../../server/src/rules/index';
import { completePostmortem, joinLines, modelOf } from '../util';

const withDateHeading = (heading: string) => joinLines('# Checkout outage', '', heading, ...completePostmortem().split('\n').slice(1));

test('PM017: metadata written as a heading gets a safe fix that writes it as a metadata line', () => {
  const model = modelOf(withDateHeading('## Date: February 06, 2023'));
  const found = lint(model).filter((d) => d.code === 'PM017');
  assert.deepEqual(found.map((d) => [d.range.start.line, d.message]), [[2, '"Date: February 06, 2023" is metadata, not a section: write it as a line under the title or in the front matter.']]);
  const [action, ...rest] = codeActions(model, found);
  assert.equal(rest.length, 0);
  assert.equal(action!.title, 'Write "Date" as a metadata line');
  assert.equal(action!.isPreferred, true);
  const fixed = TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!);
  assert.equal(fixed, withDateHeading('**Date:** February 06, 2023'));
  assert.deepEqual(lint(modelOf(fixed)).filter((d) => d.code === 'PM017'), []);
});

test('PM017: a finding from an older version, whose line is no longer a metadata heading, offers no fix', () => {
  const before = modelOf(withDateHeading('## Date: February 06, 2023'));
  const stale = lint(before).filter((d) => d.code === 'PM017');
  const after = modelOf(withDateHeading('The date is February 06, 2023.'));
  assert.deepEqual(codeActions(after, stale), []);
});

test('PM017: the fix reads the heading however it is spaced: several spaces after the hashes, none after the colon', () => {
  const fixedText = (heading: string) => {
    const model = modelOf(withDateHeading(heading));
    const found = lint(model).filter((d) => d.code === 'PM017');
    const [action] = codeActions(model, found);
    return TextDocument.applyEdits(model.document, action!.edit!.changes![model.document.uri]!).split('\n')[2];
  };
  assert.equal(fixedText('##   Date: February 06, 2023'), '**Date:** February 06, 2023');
  assert.equal(fixedText('## Date:February 06, 2023'), '**Date:** February 06, 2023');
});
