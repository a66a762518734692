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

/**
 * The pattern's matches in the text. The `X's fault` pattern (a Unicode class at every position) is slow over a whole
 * document, and a match never crosses a line: it runs only on the lines that have the word.
 */
function* matchesOf(text: string, pattern: RegExp): Generator<RegExpMatchArray & { index: number }> {
  if (!pattern.source.endsWith(' fault\\b')) {
    yield* text.matchAll(pattern) as IterableIterator<RegExpMatchArray & { index: number }>;
    return;
  }
  let lineEnd = 0;
  for (let at = text.indexOf(' fault'); at >= 0; at = text.indexOf(' fault', Math.max(at + 1, lineEnd))) {
    let lineStart = at;
    while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
    lineEnd = at;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    for (const match of text.slice(lineStart, lineEnd).matchAll(pattern)) {
      yield Object.assign(match, { index: lineStart + match.index! });
    }
  }
}

export const blamefulLanguage: Rule = {
  id: 'PM012',
  name: 'blameful-language',
  description: 'Wording that blames a person ("human error", "should have", "careless", "X\'s fault", "forgot to").',
  defaultSeverity: 'hint',
  check(model, report) {
    const text = model.document.getText();
    for (const { pattern, advice } of phrases) {
      for (const match of matchesOf(text, pattern)) {
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
