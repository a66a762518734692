import { displayName } from './missingSection';
import type { Rule } from './rule';

// Words a finished sentence does not end on: articles, prepositions, conjunctions, auxiliaries.
// Not "in" or "on": particles end finished sentences ("the node was switched back on", "users could not log in").
const danglingWord = /\b(?:the|a|an|to|of|and|or|but|with|for|at|by|from|as|that|which|because|if|when|while|is|was|were|are|be|our|their|its|this|these|then|than|into|onto|we|i|so|also|just)$/i;
// Idioms that end on one of those words and finish the sentence: "stable for a while", "…and so on", "as well".
const idiomEnding = /\b(?:a while|so on|as well|or so|even so)$/i;
// A sentence ends with punctuation, a closing bracket or quote, an emoji or code.
const finished = /[.!?…:;)\]"'”’`*_>|]$|\p{Extended_Pictographic}$/u;

export const unfinishedSentence: Rule = {
  id: 'PM016',
  name: 'unfinished-sentence',
  description: 'A section ends in the middle of a sentence ("it was only a short trip to the").',
  defaultSeverity: 'warning',
  check(model, report) {
    for (const section of model.sections) {
      const paragraph = section.lastParagraph;
      if (!paragraph) continue;
      const text = paragraph.text.trim();
      if (!text || finished.test(text)) continue;
      if ((!danglingWord.test(text) || idiomEnding.test(text)) && !/[,\-–—]$/.test(text)) continue;
      const end = paragraph.range.end;
      const tail = text.split(/\s+/).slice(-6).join(' ');
      report({
        range: { start: { line: end.line, character: Math.max(0, end.character - 1) }, end },
        message: `"${displayName(section.heading)}" ends mid-sentence ("…${tail}"): finish the thought or remove it.`,
      });
    }
  },
};
