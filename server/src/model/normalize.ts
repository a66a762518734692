import { memoize } from './memo';

// Emoji, skin tones, ZWJ, variation selectors, keycaps and flags carry no meaning for matching a heading.
const decoration = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0e\ufe0f\u20e3]/gu;
const apostrophes = /['’‘`´]/g;
const nonWord = /[^\p{L}\p{N}]+/gu;

// Every analysis normalizes every heading again; a document's headings rarely change between keystrokes.
const normalized = memoize(normalizeUncached, 5000);

/** The form headings are compared in: `## 🔎 Five Why’s` and `five whys` are the same section. */
export function normalizeSectionName(heading: string): string {
  return heading.length <= 200 ? normalized(heading) : normalizeUncached(heading);
}

function normalizeUncached(heading: string): string {
  return heading
    .normalize('NFKC')
    .replace(decoration, ' ')
    .replace(apostrophes, '')
    .toLowerCase()
    .replace(nonWord, ' ')
    .trim();
}
