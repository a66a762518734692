import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeSectionName } from '../../server/src/model/normalize';

test('emoji, skin tones, ZWJ sequences and variation selectors are ignored', () => {
  assert.equal(normalizeSectionName('🙋🏿‍♂️ Response'), 'response');
  assert.equal(normalizeSectionName('🙋🏿♂️ Response'), 'response');
  assert.equal(normalizeSectionName('⚠️ Leadup'), 'leadup');
  assert.equal(normalizeSectionName('☑️ Follow-up tasks'), 'follow up tasks');
  assert.equal(normalizeSectionName('🇬🇧 Impact'), 'impact');
});

test('case, punctuation and apostrophe style are ignored', () => {
  assert.equal(normalizeSectionName("🔎 Five Why's"), 'five whys');
  assert.equal(normalizeSectionName('Five Why’s'), 'five whys');
  assert.equal(normalizeSectionName('FIVE WHYS:'), 'five whys');
  assert.equal(normalizeSectionName('Lessons   learned.'), 'lessons learned');
});

test('digits and letters of other scripts are kept', () => {
  assert.equal(normalizeSectionName('5 Whys'), '5 whys');
  assert.equal(normalizeSectionName('Résumé'), 'résumé');
  assert.equal(normalizeSectionName('Überblick'), 'überblick');
});

test('a heading of only emoji or punctuation normalises to nothing', () => {
  assert.equal(normalizeSectionName('🔥🔥'), '');
  assert.equal(normalizeSectionName('---'), '');
});
