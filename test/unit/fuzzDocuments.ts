// Generators of postmortem-shaped Markdown for the property tests, and the text helpers they need. No server code is
// imported here, so protocol tests can use it too; the invariants are in fuzzSupport.ts.
import fc from 'fast-check';
import type { Position } from 'vscode-languageserver-types';

// ---------------------------------------------------------------------------------------------------------------
// Pieces of text

const sectionNames = [
  '⚠️ Leadup', '🥏 Impact', '👁️ Detection', '🙋🏿‍♂️ Response', '🙆🏽‍♀️ Recovery', "🔎 Five Why's", '🌱 Blameless root cause',
  '🤔 Lessons learned', '☑️ Follow-up tasks', 'Impact', 'Root cause', 'Root Causes', 'Timeline', 'Summary', 'Action items',
  'Lessons Learned', 'Five whys', '5 Whys', 'Trigger', 'Resolution', 'Date: 2021-02-30', 'Severity: SEV1', 'Status: resolved',
  'الاستجابة', 'תגובה', '\u202eesnopseR', '👨‍👩‍👧‍👦 Family', '🏳️‍🌈 Pride', '1️⃣ Keycap', '🇫🇷 Flag', 'e\u0301vénement', '',
];
const words = [
  'outage', 'the', 'database', 'was', 'human error', 'forgot to', 'TBD', 'TODO', '???', '<fill in>', '[insert here]', "Joe's fault",
  'should have noticed', 'All times are UTC', 'Times are in PDT', 'timeline', 'to', 'and', '@joe', 'OPS-123', '#42', 'https://x.y/z',
  'مرحبا', 'שלום', '\u200f', '\u200e', '\u202b', '\u2066', '🔥', '🙋🏿‍♂️', '⚠️', '👍🏽', '\u200d', '\ufe0f', 'é', 'ﬁ', '𝔘𝔫𝔦', '…',
  '*', '**', '_', '`', '[', ']', '(', ')', '<', '>', '|', '\\', '~', '<!-- x -->', '<br>', '&amp;', '&#0;', '*emphasis*', '**bold**',
  '`code`', '[link](other.md)', '![img](pic.png)', '[ref]', 'https://example.com', 'www.example.com', 'a@b.co',
];
const oddCharacters = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\t', '\r', '\n', '\r\n'];

const times = [
  '00:00', '00:27', '0:05', '9:30', '12:00', '13:26', '23:59', '23:59:59', '23:59:60', '12:30:60', '24:00', '24:01', '25:61', '99:99',
  '14.43', '14.43.05', '2:54 PM', '12:00 AM', '13:00 PM', '0:30 am', '11:59 p.m.', '8:20 - 8:24', '10:00-11:00', '10:00 to 11:30', '7:05:09.123',
];
const dates = ['2021-02-30', '2023-02-29', '2024-02-29', '2021-13-01', '0000-00-00', '2021-07-11', '2021/07/11', '03-26', '26-03', 'Sep 27, 2017', 'Saturday 30 January', '30th January 2021', 'Feb 29', 'Feb 30'];
const zones = ['', ' UTC', ' PDT', ' (UTC)', ' UTC+2', ' GMT-07:00', ' +02:00', ' -0700', ' CET', ' Z', ' PDT (UTC-7)', ' XYZ', ' utc'];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const word = fc.oneof({ weight: 6, arbitrary: pick(words) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) });
const phrase = fc.array(word, { minLength: 0, maxLength: 8 }).map((parts) => parts.join(' '));

const stamp = fc
  .tuple(fc.option(pick(dates), { nil: undefined }), pick(times), pick(zones), pick(['', ':', ' -', ' –', ' |', ',']))
  .map(([date, time, zone, punctuation]) => `${date ? `${date} ` : ''}${time}${zone}${punctuation}`);
const wrappedStamp = fc
  .tuple(stamp, pick(['', '**', '__', '*', '_', '`', '[]']), pick(['', ':', ' -']))
  .map(([s, wrap, after]) => (wrap === '[]' ? `[${s}]${after}` : `${wrap}${s}${wrap}${wrap ? after : ''}`));

const heading = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.oneof({ weight: 4, arbitrary: pick(sectionNames) }, { weight: 1, arbitrary: phrase }, { weight: 1, arbitrary: stamp }), pick(['', ' #', ' ##', ' ']))
  .map(([level, text, closing]) => `${'#'.repeat(level)} ${text}${closing}`);
const setextHeading = fc.tuple(pick(sectionNames), pick(['===', '---', '-', '= ='])).map(([text, rule]) => `${text}\n${rule}`);

const bullet = pick(['- ', '* ', '+ ', '1. ', '2) ', '  - ', '    * ', '- [ ] ', '- [x] ', '- ☐ ', '- ☒ ', '-', '10. ']);
const timelineItem = fc.tuple(bullet, wrappedStamp, phrase).map(([b, s, text]) => `${b}${s} ${text}`);
const timelineList = fc.array(timelineItem, { minLength: 1, maxLength: 8 }).map((items) => items.join('\n'));
const taskList = fc
  .array(fc.tuple(pick(['- [ ] ', '- [x] ', '* [X] ', '- ☐ ', '- ☒ ', '- [ ]', '  - [ ] ']), phrase), { minLength: 1, maxLength: 5 })
  .map((items) => items.map(([b, text]) => `${b}${text}`).join('\n'));
const whys = fc
  .array(fc.tuple(pick(['- **Why?** ', '- Why ', '1. ', '**Why?** ', '- ']), phrase), { minLength: 0, maxLength: 6 })
  .map((items) => ["## 🔎 Five Why's", '', ...items.map(([b, text]) => `${b}${text}`)].join('\n'));
const stampedLines = fc.array(fc.tuple(wrappedStamp, phrase), { minLength: 1, maxLength: 5 }).map((lines) => lines.map(([s, text]) => `${s} ${text}`).join('\n'));
const dateLine = fc.tuple(pick(['### ', '#### ', '**', '', '- ']), pick(dates)).map(([lead, date]) => (lead === '**' ? `**${date}**` : `${lead}${date}`));
const table = fc
  .tuple(
    pick(['| Time | Event |', '| Time (UTC) | Event |', '| Date | Time | What |', '| **Time** | Event | Owner |', '| When | |', '| Timestamp (PDT) | Event']),
    pick(['|---|---|', '|:--|--:|---|', '| --- |', '|-|-|', '']),
    fc.array(fc.tuple(fc.option(pick(dates), { nil: undefined }), wrappedStamp, phrase), { minLength: 0, maxLength: 6 }),
  )
  .map(([header, rule, rows]) => [header, rule, ...rows.map(([date, s, text]) => (date ? `| ${date} | ${s} | ${text} |` : `| ${s} | ${text} |`))].join('\n'));
const frontMatterBody = fc.oneof(
  pick([
    'title: Outage\ndate: 2021-07-11\ntype: postmortem',
    'date: 2021-02-30\nseverity: SEV1\nauthors: [a, b]',
    'timezone: UTC',
    'tz: PDT (UTC-7)',
    'template: ../../etc/passwd.md',
    'template: google-sre',
    'type: template',
    ': : :\n  - [',
    'a: 1\na: 2',
    '- just\n- a list',
    '"unterminated',
    'a: &a [x]\nb: *a\nc: *nope',
    '',
    '\t\ttabs: x',
  ]),
  phrase,
);
const frontMatter = fc.tuple(frontMatterBody, pick(['---', '---', '...', '', '--- '])).map(([body, close]) => `---\n${body}${close ? `\n${close}` : ''}`);
const codeFence = fc.tuple(pick(['```', '~~~', '````', '```md', '    ']), phrase, pick(['```', '~~~', ''])).map(([open, body, close]) => `${open}\n${body}${close ? `\n${close}` : ''}`);
const blockquote = fc.tuple(fc.integer({ min: 1, max: 6 }), phrase).map(([depth, text]) => `${'> '.repeat(depth)}${text}`);
const nestedList = fc.tuple(fc.integer({ min: 1, max: 12 }), wrappedStamp).map(([depth, s]) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- ${s} item ${i}`).join('\n'));
const suppression = pick(['<!-- postmortem-disable-next-line PM004 -->', '<!-- postmortem-disable PM012 -->', '<!-- postmortem-enable -->', '<!-- postmortem-disable-file nope -->', '<!-- postmortem-disable-line', '<!--']);
const metadataLine = fc.tuple(pick(['**Date:** ', 'Date: ', '**Severity:** ', 'Authors: ', '- **Status:** ', ':Authors: ', '## Date: ']), pick([...dates, 'SEV2', 'Joe', ''])).map(([k, v]) => `${k}${v}`);
const paragraph = phrase;

const block = fc.oneof(
  { weight: 5, arbitrary: heading },
  { weight: 1, arbitrary: setextHeading },
  { weight: 5, arbitrary: paragraph },
  { weight: 4, arbitrary: timelineList },
  { weight: 2, arbitrary: taskList },
  { weight: 1, arbitrary: whys },
  { weight: 2, arbitrary: stampedLines },
  { weight: 2, arbitrary: dateLine },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: frontMatter },
  { weight: 2, arbitrary: codeFence },
  { weight: 1, arbitrary: blockquote },
  { weight: 1, arbitrary: nestedList },
  { weight: 1, arbitrary: suppression },
  { weight: 2, arbitrary: metadataLine },
);

type LineEnding = '\n' | '\r\n' | '\r' | 'mixed';

function withLineEndings(text: string, ending: LineEnding, choices: readonly number[]): string {
  if (ending === '\n') return text;
  let i = 0;
  return text.replace(/\n/g, () => (ending === 'mixed' ? (['\n', '\r\n', '\r'] as const)[choices[i++ % choices.length]! % 3]! : ending));
}

/** A mutation applied after the document is built: an odd character at some offset, or a cut (a half-typed document). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: pick(oddCharacters) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
);

type Mutation = { kind: 'insert' | 'cut' | 'delete'; at: number; text?: string; length?: number };

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'cut') out = out.slice(0, at);
    else out = out.slice(0, at) + out.slice(at + (m.length ?? 1));
  }
  return out;
}

/**
 * A postmortem-shaped Markdown document: optional front matter, then blocks (template headings with emoji and ZWJ,
 * timelines in every format, tables, task lists, five whys, code fences, quotes, suppressions), joined by blank lines
 * or not, in one line ending or a mix, then a few mutations (odd characters such as NUL, lone surrogates, BOM; a
 * cut; a deletion that may split a surrogate pair or a CRLF). Most documents are under 2 KB.
 */
export const postmortemDocument: fc.Arbitrary<string> = fc
  .record({
    frontMatter: fc.option(frontMatter, { nil: undefined, freq: 4 }),
    title: fc.option(fc.tuple(pick(dates), phrase).map(([d, t]) => `# ${d}: ${t}`), { nil: undefined, freq: 3 }),
    blocks: fc.array(block, { minLength: 0, maxLength: 8 }),
    separators: fc.array(pick(['\n\n', '\n', '\n\n\n', '\n  \n']), { minLength: 1, maxLength: 4 }),
    ending: pick<LineEnding>(['\n', '\n', '\n', '\r\n', '\r', 'mixed']),
    endingChoices: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 8 }),
    bom: fc.boolean(),
    mutations: fc.array(mutation, { maxLength: 3 }),
    trailingNewline: fc.boolean(),
  })
  .map(({ frontMatter: fm, title, blocks, separators, ending, endingChoices, bom, mutations, trailingNewline }) => {
    const parts = [...(fm !== undefined ? [fm] : []), ...(title !== undefined ? [title] : []), ...blocks];
    let text = '';
    parts.forEach((part, i) => {
      text += (i === 0 ? '' : separators[i % separators.length]!) + part;
    });
    if (trailingNewline) text += '\n';
    text = withLineEndings(text, ending, endingChoices);
    return (bom ? '\ufeff' : '') + mutate(text, mutations);
  });

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

/** Where each line starts and where its content ends (before its line break), computed apart from TextDocument. */
export class Lines {
  readonly starts: number[] = [0];
  readonly contentEnds: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.contentEnds.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.contentEnds.push(text.length);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Why a position is not a place in the text, or undefined when it is one. */
  problem(position: Position): string | undefined {
    const { line, character } = position;
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) return `not a position: ${JSON.stringify(position)}`;
    if (line >= this.count) return `line ${line} is past the last line (${this.count - 1})`;
    const length = this.contentEnds[line]! - this.starts[line]!;
    if (character > length) return `character ${character} is past the end of line ${line} (${length})`;
    const offset = this.starts[line]! + character;
    if (isHigh(this.text.charCodeAt(offset - 1)) && isLow(this.text.charCodeAt(offset)) && character > 0) return `position ${line}:${character} splits a surrogate pair`;
    return undefined;
  }

  offset(position: Position): number {
    return this.starts[position.line]! + position.character;
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(offset, this.contentEnds[low]!) - this.starts[low]! };
  }
}

/**
 * The offset an LSP position stands for, clamped as the protocol says: a position past the end of its line is the
 * line's end (before its line break), one past the last line the end of the text. Worked out apart from TextDocument,
 * as the reference the edit fuzzers check the server's text against.
 */
export function clampedOffset(lines: Lines, position: Position): number {
  if (position.line >= lines.count) return lines.text.length;
  return lines.starts[position.line]! + Math.min(position.character, lines.contentEnds[position.line]! - lines.starts[position.line]!);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Valid positions (never between a surrogate pair's halves or a CRLF's) picked from fractions of the text. */
export function positionsAt(text: string, fractions: readonly number[]): Position[] {
  const lines = new Lines(text);
  return fractions.map((fraction) => {
    let offset = Math.floor(fraction * (text.length + 1));
    offset = Math.min(offset, text.length);
    if (offset > 0 && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1))) offset--;
    return lines.positionAt(offset);
  });
}

/** Text with the code units a UTF-8 file cannot hold (lone surrogates) and invisible controls written as `\u{XXXX}`. */
export function escapeForFixture(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c) && isLow(text.charCodeAt(i + 1))) {
      out += text[i]! + text[i + 1]!;
      i++;
    } else if (isHigh(c) || isLow(c) || (c < 0x20 && c !== 10 && c !== 9) || c === 0x7f || c === 0xfeff || c === 0x5c) {
      out += c === 0x5c ? '\\\\' : `\\u{${c.toString(16).toUpperCase().padStart(4, '0')}}`;
    } else {
      out += text[i];
    }
  }
  return out;
}

/** The inverse of `escapeForFixture`. */
export function unescapeFixture(text: string): string {
  return text.replace(/\\\\|\\u\{([0-9A-Fa-f]{1,6})\}/g, (whole, hex: string | undefined) => (hex === undefined ? '\\' : String.fromCharCode(Number.parseInt(hex, 16))));
}
