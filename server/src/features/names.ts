import type { PostmortemDocument } from '../model/types';
import { normalizeSectionName } from '../model/normalize';

/** A person (or team) the document names, for completion. */
export interface KnownName {
  /** As written: `Joe Banks`, `@joe`. */
  text: string;
  /** Where it was found, for the completion's detail. */
  source: 'mention' | 'owner' | 'metadata' | 'responder';
  count: number;
}

// `@joe`, `@joe.banks`, and `@Joe Banks` where a capitalised surname follows a capitalised mention.
const mention = /(?<![\p{L}\p{N}_@.])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]{0,38}[\p{L}\p{N}_])?)(?![\p{L}\p{N}_])(?:[ \t](\p{Lu}\p{Ll}{1,40})(?![\p{L}]))?/gu;
// `owner: Jane Doe`, `assigned to Jane`, `(Jane Doe)`, `— Jane` in action items.
const ownerPatterns = [
  /\b(?:owner|owned by|assignee|assigned to)[ \t]{0,3}[:=-]?[ \t]{0,3}(\p{Lu}[\p{L}'-]{1,40}(?:[ \t]\p{Lu}[\p{L}'-]{1,40})?)/giu,
  /\((\p{Lu}[\p{Ll}'-]{1,40}(?:[ \t]\p{Lu}[\p{Ll}'-]{1,40})?)[,)]/gu,
  /—[ \t]{0,3}(\p{Lu}\p{Ll}{1,40}(?:[ \t]\p{Lu}\p{Ll}{1,40})?)[ \t]*$/gmu,
];
const PEOPLE_KEYS = new Set([
  'author', 'authors', 'owner', 'owners', 'incident commander', 'commander', 'ic', 'scribe', 'responders', 'participants', 'reviewers',
  'on call', 'on-call', 'oncall',
]);
// A capitalised word with a lower-case letter in it: `Joe`, `DevOps`, not `SEV2` or `UTC`.
const capitalisedWord = /(?<![\p{L}\p{N}_@./'’-])\p{Lu}(?=[\p{L}'’-]{0,40}\p{Ll})[\p{L}'’-]{1,40}(?![\p{L}\p{N}_'’-])/gu;
// Capitalised words that start sentences or name things in any postmortem, never people.
const NOT_NAMES = new Set(
  (
    'The A An And But Or So We Our Us It Its This That These Those They Their There Then When While After Before During At On In Of ' +
    'To For From With Without By As If Once Since Until Also All Any Some Most No Not None Each Every Both Either One Two Three ' +
    'He She His Her Him I My Me You Your Initially Finally First Second Third Next Later Further Subsequent Subsequently Post Pre ' +
    'Why What Who How Where Which Yes However Therefore Thanks Hi Hey Hello Dear Best Regards Good Team Support Monday Tuesday ' +
    'Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December ' +
    'UTC Response Responders Recovery Impact Detection Leadup Timeline Summary Note Notes'
  ).split(' '),
);

/**
 * Names already used in the document: @mentions anywhere, owners of action items, people in metadata (`Authors:`,
 * `Incident commander:`), and capitalised names in the Response / Responders sections. A capitalised word that the
 * document also writes in lower case is an ordinary word at the start of a sentence, not a name.
 */
export function knownNames(model: PostmortemDocument): KnownName[] {
  const text = model.document.getText();
  const names = new Map<string, KnownName>();
  const add = (raw: string, source: KnownName['source']) => {
    let name = raw.trim();
    while (name !== '' && '.,;:'.includes(name[name.length - 1]!)) name = name.slice(0, -1);
    if (name.length < 2) return;
    const existing = names.get(name);
    if (existing) existing.count++;
    else names.set(name, { text: name, source, count: 1 });
  };
  const outside = inProse(model);

  for (const match of text.matchAll(mention)) {
    if (!outside(match.index)) continue;
    add(`@${match[1]}${match[2] && /^\p{Lu}/u.test(match[1]!) ? ` ${match[2]}` : ''}`, 'mention');
  }
  for (const item of model.actionItems) {
    const itemText = model.document.getText(item.range);
    for (const pattern of ownerPatterns) for (const match of itemText.matchAll(pattern)) if (isName(match[1]!)) add(match[1]!, 'owner');
  }
  for (const field of model.metadata) {
    if (!PEOPLE_KEYS.has(field.key)) continue;
    for (const part of field.value.split(/,|;|&|\/|\band\b/)) {
      const person = part.replace(/\([^()]{0,80}\)/g, '').trim();
      if (person && person.length <= 40) add(person, person.startsWith('@') ? 'mention' : 'metadata');
    }
  }
  // Words the document writes in lower case (not as a mention or a path) are ordinary words wherever they are capitalised.
  const lowerWords = new Set(text.match(/(?<![\p{L}\p{N}_@./'’-])\p{Ll}[\p{L}'’-]*/gu) ?? []);
  const isNameWord = (word: string) => !NOT_NAMES.has(word) && !lowerWords.has(word.toLowerCase());
  for (const section of model.sections) {
    const heading = normalizeSectionName(section.heading);
    const sectionNames = [heading, ...(section.match?.names ?? [])];
    if (!sectionNames.some((name) => /\brespon(se|ders?)\b/.test(name))) continue;
    const start = model.document.offsetAt(section.bodyRange.start);
    const end = model.document.offsetAt(section.bodyRange.end);
    // Runs of name words separated by one space make one name: "Alice Smith" in "Later Alice Smith joined".
    let run: { words: string[]; end: number } | undefined;
    const flush = () => {
      if (run && run.words.length <= 3) add(run.words.join(' '), 'responder');
      run = undefined;
    };
    for (const match of text.slice(start, end).matchAll(capitalisedWord)) {
      const at = start + match.index;
      const word = match[0];
      if (!outside(at) || !isNameWord(word)) {
        flush();
        continue;
      }
      if (run && at === run.end + 1 && text[run.end] === ' ') {
        run.words.push(word);
        run.end = at + word.length;
      } else {
        flush();
        run = { words: [word], end: at + word.length };
      }
    }
    flush();
  }
  // A lone first name that is also part of a full name ("Joe" and "Joe Banks") stays: authors write both.
  return [...names.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

function isName(word: string): boolean {
  return !word.split(/\s+/).some((part) => NOT_NAMES.has(part));
}

/** Whether an offset is in prose: not in code, front matter or HTML. */
function inProse(model: PostmortemDocument): (offset: number) => boolean {
  const spans = [...model.codeSpans, ...model.htmlSpans];
  return (offset) => !spans.some(([start, end]) => offset >= start && offset < end);
}
