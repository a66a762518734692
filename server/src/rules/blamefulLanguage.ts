import { inCode } from '../model/inline';
import { lineEndOf, lineStartOf } from '../model/source';
import type { TextMatch } from '../model/textSearch';
import type { Rule } from './rule';

/** Wording that points at a person rather than at the system, each with a blameless way to say it. */
const phrases: Array<{ pattern: RegExp; advice: string }> = [
  { pattern: /\bhuman errors?\b/gi, advice: 'describe what made the action easy to get wrong (e.g. "the script ran without a confirmation step")' },
  {
    pattern: /\b(?:should|could)(?:n['’]t| not)? have (?:known|noticed|caught|checked|seen|done|tested|realized|realised|asked|waited|been more careful|been careful|read|run|verified)\b/gi,
    advice: 'say what would have helped (e.g. "an alert on X would have surfaced this earlier")',
  },
  { pattern: /\bcareless(?:ly|ness)?\b/gi, advice: 'describe the conditions that made the mistake likely' },
  { pattern: /\b(?:[\p{Lu}][\p{L}]+['’]s|his|her|their|my|your|our) fault\b/gu, advice: 'describe the part each system and decision played' },
  { pattern: /\bforgot to\b/gi, advice: 'write what was not done and what made it easy to miss (e.g. "the checklist had no step for it")' },
  { pattern: /\b(?:negligen(?:t|ce)|incompeten(?:t|ce)|stupid(?:ity)?|lazy|sloppy)\b/gi, advice: 'describe the action and its context without judging the person' },
  { pattern: /\b(?:to blame|blamed)\b/gi, advice: 'describe the contributing factors instead of who is responsible' },
];

// Every phrase has one of these words, and no phrase crosses a line: the phrases are looked for only on the lines
// that have one, so a long document costs one scan rather than one per phrase (the `X's fault` one is slow per
// character).
const keywords = /human|should|could|careless|fault|forgot|negligen|incompeten|stupid|lazy|sloppy|blame/gi;

/** The phrases in text[start, end), searched for only on the lines that have a keyword; `kind` is the phrase. */
function findBlame(text: string, start: number, end: number): TextMatch[] {
  // A slice, so that a search of a few lines never runs on into the rest of the document.
  const lines = text.slice(start, end);
  const found: TextMatch[] = [];
  keywords.lastIndex = 0;
  for (let keyword = keywords.exec(lines); keyword; keyword = keywords.exec(lines)) {
    const lineStart = lineStartOf(lines, keyword.index);
    const lineEnd = lineEndOf(lines, keyword.index);
    const line = lines.slice(lineStart, lineEnd);
    phrases.forEach(({ pattern }, kind) => {
      for (const match of line.matchAll(pattern)) found.push({ index: start + lineStart + match.index, text: match[0], kind });
    });
    keywords.lastIndex = lineEnd;
  }
  return found;
}

export const blamefulLanguage: Rule = {
  id: 'PM012',
  name: 'blameful-language',
  description: 'Wording that blames a person ("human error", "should have", "careless", "X\'s fault", "forgot to").',
  defaultSeverity: 'hint',
  check(model, report) {
    // Phrase by phrase, each in text order, as the advice is given per phrase.
    const matches = model.search.find(findBlame).sort((a, b) => a.kind - b.kind || a.index - b.index);
    for (const match of matches) {
      const start = match.index;
      const end = start + match.text.length;
      if (inCode(model.codeSpans, start, end) || inCode(model.htmlSpans, start, end)) continue;
      report({
        range: { start: model.document.positionAt(start), end: model.document.positionAt(end) },
        message: `"${match.text}" reads as blame. Blameless reviews ${phrases[match.kind]!.advice}.`,
      });
    }
  },
};
