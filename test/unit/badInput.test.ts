import { test } from 'node:test';
import { assertFeaturesInside } from './featuresInside';
import { modelOf } from './util';

// Each case must analyse without throwing, and every feature must answer with ranges inside the document.
const cases: Record<string, string> = {
  empty: '',
  'only whitespace': ' \n\n\t\n',
  'no headings': 'Just a paragraph about an outage.\n',
  'half-typed heading': '# 2021-01-01: Outage\n\n## Lea',
  'bare hashes': '#\n##\n###### \n',
  'only front matter': '---\ntitle: x\n---\n',
  'unterminated front matter': '---\ntitle: x\n\n## Impact\n',
  'binary garbage': Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  'NUL bytes': '## Impact\u0000\n\n- 10:00\u0000 a\n',
  'lone surrogates': '## \ud800 Impact\n\n- 10:00 \udc00\n',
  BOM: '\ufeff# Title\n\n## Impact\n\nx\n',
  'emoji and RTL headings': '# 🔥🔥\n\n## 🙋🏿‍♂️ الاستجابة\n\n- 10:00 ✅\n',
  'timestamp-only bullets': '- 10:00\n- **10:01 UTC:**\n- 99:99\n',
  'deep nested list': Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- 10:${String(i % 60).padStart(2, '0')} x`).join('\n'),
};

for (const [name, text] of Object.entries(cases)) {
  test(`bad input: ${name}`, () => {
    assertFeaturesInside(modelOf(text));
  });
}
