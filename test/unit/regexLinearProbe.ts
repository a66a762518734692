// Run by regexLinear.test.ts in a child process, so that a regex that backtracks for hours can be killed: times every
// regular expression of server/src on 10 KB and 100 KB adversarial strings and prints one JSON line per case, with a
// line before each case so the parent can name the one that hangs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseWrittenDate } from '../../server/src/model/incidentDate';
import { parseRelativeStamp } from '../../server/src/model/relativeTime';
import { parseDateLine, parseLeadingTimestamp, parseZone } from '../../server/src/model/time';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFrontMatter } from '../../server/src/model/frontMatter';
import { parseMarkdown } from '../../server/src/model/markdown';
import { Source } from '../../server/src/model/source';
import { readTimeline } from '../../server/src/model/timeline';
import { findStatements } from '../../server/src/rules/statedDuration';
import { cpuMs } from '../support/cpuTime';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const serverSource = join(repo, 'server', 'src');

export interface RegexSite {
  file: string;
  line: number;
  /** The literal as written (`/…/gu`), or the driver's name for a regex built with `new RegExp`. */
  text: string;
}

/** Every regex literal in server/src and the number of `new RegExp(…)` calls per file, found with the TypeScript parser. */
export function collectRegexes(): { literals: Array<RegexSite & { regex: RegExp }>; dynamic: Record<string, number> } {
  const literals: Array<RegexSite & { regex: RegExp }> = [];
  const dynamic: Record<string, number> = {};
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(serverSource);
  for (const path of files.sort()) {
    const file = relative(repo, path).split('\\').join('/');
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        literals.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === 'RegExp') {
        dynamic[file] = (dynamic[file] ?? 0) + 1;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, dynamic };
}

/** Functions that run the regexes built at run time (`new RegExp`), by the file that builds them. */
export const drivers: Record<string, { calls: number; run: Record<string, (text: string) => unknown> }> = {
  'server/src/model/time.ts': {
    calls: 7,
    run: {
      parseLeadingTimestamp: (text) => parseLeadingTimestamp(text),
      // Also the entry in bold as a whole (`**10:00: text**`), tried when the bold does not close after the time.
      'parseLeadingTimestamp **': (text) => parseLeadingTimestamp(`**${text}`),
      'parseLeadingTimestamp ** entry': (text) => parseLeadingTimestamp(`**10:00 UTC: ${text}`),
      'parseLeadingTimestamp [': (text) => parseLeadingTimestamp(`[${text}`),
      'parseLeadingTimestamp (': (text) => parseLeadingTimestamp(`(${text}`),
      parseZone: (text) => parseZone(text),
      parseDateLine: (text) => parseDateLine(text),
    },
  },
  'server/src/model/relativeTime.ts': {
    calls: 1,
    run: {
      parseRelativeStamp: (text) => parseRelativeStamp(`T+${text}`),
      'parseRelativeStamp (': (text) => parseRelativeStamp(`(+${text}`),
      'parseRelativeStamp **': (text) => parseRelativeStamp(`**T+1h ${text}`),
    },
  },
  'server/src/model/incidentDate.ts': { calls: 2, run: { parseWrittenDate: (text) => parseWrittenDate(text) } },
  'server/src/model/timeline/zones.ts': { calls: 1, run: { 'readTimeline (front matter zone)': (text) => frontMatterZone(text) } },
  'server/src/rules/statedDuration.ts': { calls: 1, run: { findStatements: (text) => findStatements(text, 0, text.length) } },
};

/** The front matter `tz:` line is found with a regex built from each key name. */
function frontMatterZone(text: string): unknown {
  const document = `---\ntz: UTC\nnote: "${text.replace(/["\\\r\n]/g, ' ')}"\n---\n`;
  const source = new Source(TextDocument.create('file:///x.md', 'markdown', 1, document));
  const root = parseMarkdown(document);
  return readTimeline(root, [], readFrontMatter(root, source), source);
}

// Pieces that, repeated, come close to what the patterns look for: whitespace, digits and separators of times and
// dates, emphasis and brackets, HTML comments, list and heading markers, words the rules look for.
const units = [
  ' ', '\t', '\n', '\r\n', '\r', 'a', 'Z', '1', '12', '1:', '1:2', '12:34 ', '2021-', '2021-01-', '01-', '1.', '*', '**', '_', '__', '`',
  '#', '# ', '-', '- ', '--', '<', '<!--', '-->', '<!-- a -->', '<a', '[', '[ ', '](', '(', ')', '|', '| ', '.', ',', ':', '"', "'", '\\',
  '/', '@', '@a', 'ab ', 'A-1', 'times ', 'time zone ', 'UTC', 'UTC ', 'UTC+1', '+1', 'Jan ', 'January 1 ', 'Mon ', 'why ', 'the ',
  'should have ', 'human ', '🔥', '\u200d', '\ufe0f', 'é', '&', '=', '~', 'http://', '$', 'x.md', '-- ', ':a:', '..', '.. ', '=-',
];

function fragmentsOf(source: string): string[] {
  // Runs of characters the pattern writes literally, roughly: escapes, classes and groups removed.
  const literal = source.replace(/\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\./g, ' ').replace(/\[[^\]]*\]|\(\?[:=!<]*|[()|?*+{}^$]/g, ' ');
  return [...new Set(literal.split(/\s+/).filter((part) => part.length >= 2))].slice(0, 8);
}

function build(unit: string, size: number, ending: string): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + ending;
}

function run(regex: RegExp, text: string): void {
  regex.lastIndex = 0;
  if (regex.global) {
    for (const _match of text.matchAll(regex)) {
      // Every match is found, as the rules do.
    }
  } else {
    regex.exec(text);
  }
}

/** Past this at 10 KB, 100 KB is not tried: a quadratic pattern would take minutes there, and it fails already. */
const TOO_SLOW_AT_10KB_MS = 25;

function measure(apply: (text: string) => void, unit: string, ending: string): { t10: number; t100: number } {
  const small = build(unit, 10_000, ending);
  apply(small);
  const t10 = cpuMs(() => apply(small));
  if (t10 > TOO_SLOW_AT_10KB_MS && cpuMs(() => apply(small)) > TOO_SLOW_AT_10KB_MS) return { t10, t100: Number.POSITIVE_INFINITY };
  const large = build(unit, 100_000, ending);
  return { t10, t100: cpuMs(() => apply(large)) };
}

/** What a linear pattern with 100,000 matches may cost beyond 20 × its 10 KB time: allocation, and other processes. */
const SLACK_MS = 30;
const ABSOLUTE_MS = 250;

/** The limit a case is held to: 100 KB must cost under 20 × its 10 KB time + 30 ms, and under 250 ms, in CPU time. */
export function isTooSlow({ t10, t100 }: { t10: number; t100: number }): boolean {
  return t100 > 20 * t10 + SLACK_MS || t100 > ABSOLUTE_MS;
}

/** A slow reading is measured twice more, the fastest kept: other processes share the machine. */
function measureSteadily(apply: (text: string) => void, unit: string, ending: string): { t10: number; t100: number } {
  let result = measure(apply, unit, ending);
  for (let retry = 0; retry < 2 && isTooSlow(result); retry++) {
    const again = measure(apply, unit, ending);
    result = { t10: Math.min(result.t10, again.t10), t100: Math.min(result.t100, again.t100) };
  }
  return result;
}

function emit(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { literals, dynamic } = collectRegexes();
  emit({ kind: 'sites', literals: literals.map(({ file, line, text }) => ({ file, line, text })), dynamic });
  const endings = ['', '\u0000!'];
  for (const site of literals) {
    const name = `${site.file}:${site.line} ${site.text}`;
    for (const unit of [...units, ...fragmentsOf(site.regex.source), fragmentsOf(site.regex.source).join('')]) {
      if (unit === '') continue;
      for (const ending of endings) {
        emit({ kind: 'start', name, unit, ending });
        emit({ kind: 'result', name, unit, ending, ...measureSteadily((text) => run(site.regex, text), unit, ending) });
      }
    }
  }
  for (const [file, { run: functions }] of Object.entries(drivers)) {
    for (const [driver, apply] of Object.entries(functions)) {
      const name = `${file} ${driver}()`;
      for (const unit of units) {
        for (const ending of endings) {
          emit({ kind: 'start', name, unit, ending });
          emit({ kind: 'result', name, unit, ending, ...measureSteadily(apply, unit, ending) });
        }
      }
    }
  }
  emit({ kind: 'done' });
}
