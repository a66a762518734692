// Timeline entries written the same way share one frozen format object (server/src/model/sharedFormat.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePostmortem } from '../../server/src/model/parse';
import { builtInTemplate } from '../../server/src/templates/index';
import { completePostmortem } from '../support/postmortemText';

test('entries written the same way share one format object; a differently written one has its own', () => {
  const text = completePostmortem({ leadup: ['- **00:27 UTC:** one', '- **00:32 UTC:** two', '- **00:40 UTC:** three', '- [00:45] four'] });
  const model = parsePostmortem(TextDocument.create('file:///2021-07-11-outage.md', 'markdown', 1, text), builtInTemplate('python-discord'));
  const formats = model.timeline.map((entry) => entry.format);
  assert.equal(formats.length, 4);
  assert.equal(formats[0], formats[1]);
  assert.equal(formats[0], formats[2]);
  assert.notEqual(formats[0], formats[3]);
  assert.equal(formats[3]!.brackets, '[');
  assert.ok(Object.isFrozen(formats[0]));
});
