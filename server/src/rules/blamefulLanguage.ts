import { inCode } from '../model/inline';
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

/** The lines (start and end offsets) that have a keyword, in order. */
function candidateLines(text: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  keywords.lastIndex = 0;
  for (let match = keywords.exec(text); match; match = keywords.exec(text)) {
    let start = match.index;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    let end = match.index;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    lines.push([start, end]);
    keywords.lastIndex = end;
  }
  return lines;
}

/** The pattern's matches in the text, from the candidate lines only, in text order. */
function* matchesOf(text: string, pattern: RegExp, lines: ReadonlyArray<[number, number]>): Generator<{ 0: string; index: number }> {
  for (const [start, end] of lines) {
    for (const match of text.slice(start, end).matchAll(pattern)) yield { 0: match[0], index: start + match.index! };
  }
}

export const blamefulLanguage: Rule = {
  id: 'PM012',
  name: 'blameful-language',
  description: 'Wording that blames a person ("human error", "should have", "careless", "X\'s fault", "forgot to").',
  defaultSeverity: 'hint',
  check(model, report) {
    const text = model.document.getText();
    const lines = candidateLines(text);
    for (const { pattern, advice } of phrases) {
      for (const match of matchesOf(text, pattern, lines)) {
        const start = match.index;
        const end = start + match[0].length;
        if (inCode(model.codeSpans, start, end) || inCode(model.htmlSpans, start, end)) continue;
        report({
          range: { start: model.document.positionAt(start), end: model.document.positionAt(end) },
          message: `"${match[0]}" reads as blame. Blameless reviews ${advice}.`,
        });
      }
    }
  },
};
