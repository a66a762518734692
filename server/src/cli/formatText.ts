import * as path from 'node:path';
import type { FileReport, SeverityName } from './report';
import type { LintRun, Summary } from './summary';

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'blue' | 'green' | 'cyan';
const codes: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  green: [32, 39],
  cyan: [36, 39],
};

// Terminal controls that could come from a file name, a heading or the text (ESC and OSC sequences that set the
// window title or move the cursor, C1 controls, bidi overrides): printed as escapes, never sent to the terminal.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control written as `\u001b` and the like. */
export function printable(text: string): string {
  return text.replace(controls, (control) => `\\u${control.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const severityStyle: Record<SeverityName, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

/**
 * Path relative to the current folder, with forward slashes, as people type it; a file outside the current folder
 * keeps its absolute path unless it is in the parent folder (`../x.md`): no climbs of `../../`.
 */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '') return path.basename(file);
  const climbs = relative.split(path.sep).filter((part) => part === '..').length;
  return (climbs > 1 ? file : relative).split(path.sep).join('/');
}

export interface TextOptions {
  color: boolean;
  /** The terminal's width: a message is cut to fit it (the JSON and SARIF reports keep the whole text). */
  width?: number;
  /** Name every skipped file and why it was skipped. */
  verbose?: boolean;
}

/**
 * The report for people: one block per file with problems, a line per problem as `file:line:col  severity  message
 * RULE` (terminals and editors open `file:line:col`), then a summary line. Diffs first with `--fix-dry-run`.
 */
export function formatText(run: LintRun, summary: Summary, options: TextOptions): string {
  const { color } = options;
  const paint = (style: Style, text: string) => (color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text);
  const blocks: string[] = [];
  for (const report of run.reports) {
    if (report.diff) blocks.push(colorDiff(printable(report.diff), color ? paint : undefined).trimEnd());
  }
  for (const report of run.reports) {
    const block = fileBlock(report, run.cwd, paint, options.width);
    if (block) blocks.push(block);
  }
  if (options.verbose) {
    const skipped = run.reports.filter((report) => report.status === 'skipped');
    if (skipped.length > 0) blocks.push(skipped.map((report) => `${paint('dim', printable(displayPath(report.path, run.cwd)))}  skipped: ${SKIPPED[report.skipReason ?? 'not-postmortem']}`).join('\n'));
  }
  blocks.push(summaryLine(run, summary, paint, options.verbose === true));
  return `${blocks.join('\n\n')}\n`;
}

const SKIPPED: Record<NonNullable<FileReport['skipReason']>, string> = {
  'not-postmortem': 'not a postmortem by its path, front matter, title or sections (add `type: postmortem` front matter, list it in `files`, or use --all)',
  'not-text': 'not text (binary or not UTF-8)',
};

function fileBlock(report: FileReport, cwd: string, paint: (style: Style, text: string) => string, width: number | undefined): string | undefined {
  const name = printable(displayPath(report.path, cwd));
  if (report.status === 'error') return `${paint('bold', name)}  ${paint('red', 'error')}  ${printable(oneLine(report.error ?? 'could not be linted.'))}`;
  if (report.diagnostics.length === 0) return undefined;
  const diagnostics = [...report.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const locations = diagnostics.map((d) => `${name}:${d.range.start.line + 1}:${d.range.start.character + 1}`);
  const locationWidth = Math.max(...locations.map((location) => location.length));
  const severityWidth = Math.max(...diagnostics.map((d) => d.severity.length));
  const ruleWidth = Math.max(...diagnostics.map((d) => d.ruleId.length));
  // On a terminal, what is left of its width after the location, the severity and the rule.
  const room = width === undefined ? Infinity : Math.max(30, width - locationWidth - severityWidth - ruleWidth - 6);
  const messages = diagnostics.map((d) => fit(printable(oneLine(d.message)), room));
  const messageWidth = Math.min(100, Math.max(...messages.map((message) => message.length)));
  return diagnostics
    .map((d, i) => {
      const message = messages[i]!;
      return `${paint('bold', locations[i]!.padEnd(locationWidth))}  ${paint(severityStyle[d.severity], d.severity.padEnd(severityWidth))}  ${message.padEnd(messageWidth)}  ${paint('dim', d.ruleId)}`;
    })
    .join('\n');
}

/** `text` cut to `room` characters, ending in `…` when cut. */
function fit(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, Math.max(1, room - 1)).trimEnd()}…`;
}

function summaryLine(run: LintRun, summary: Summary, paint: (style: Style, text: string) => string, verbose: boolean): string {
  const problems = summary.errors + summary.warnings + summary.info + summary.hints;
  const counts = [
    plural(summary.errors, 'error'),
    plural(summary.warnings, 'warning'),
    summary.info > 0 ? `${summary.info} info` : '',
    plural(summary.hints, 'hint'),
  ].filter((part) => part !== '' && !part.startsWith('0 '));
  const parts: string[] = [];
  parts.push(problems === 0 ? 'no problems' : `${plural(problems, 'problem')} (${counts.join(', ')})`);
  parts.push(`${plural(summary.linted, 'file')} linted`);
  const notPostmortems = summary.skipped - summary.skippedNotText;
  if (notPostmortems > 0) parts.push(`${notPostmortems} skipped as not postmortems (${verbose ? 'named above; ' : '--verbose names them, '}--all lints them)`);
  if (summary.skippedNotText > 0) parts.push(`${summary.skippedNotText} skipped as not text`);
  if (summary.unreadable > 0) parts.push(paint('red', `${plural(summary.unreadable, 'file')} could not be linted`));
  if (summary.internalErrors > 0) parts.push(paint('red', `${summary.internalErrors} failed inside postmortem-lint`));
  const diffs = run.reports.filter((report) => report.diff).length;
  if (summary.fixed > 0) parts.push(`${plural(summary.fixed, 'file')} fixed`);
  else if (run.fix === 'dry-run') parts.push(diffs > 0 ? `${plural(diffs, 'file')} would be fixed (the diff above)` : 'nothing to fix');
  else if (run.fix === 'write') parts.push('nothing to fix');
  else if (summary.fixable > 0) parts.push(`${summary.fixable} fixable with --fix`);
  if (run.maxWarnings !== undefined && summary.warnings > run.maxWarnings) parts.push(paint('yellow', `more than --max-warnings ${run.maxWarnings}`));
  parts.push(`${(run.elapsedMs / 1000).toFixed(2)} s`);
  return `${mark(summary, paint)} ${parts.join(' · ')}`;
}

/** The summary's mark, in the colour of the worst finding: a run that passes with warnings is not a green tick. */
function mark(summary: Summary, paint: (style: Style, text: string) => string): string {
  if (summary.exitCode !== 0) return paint('red', '✖');
  if (summary.warnings > 0) return paint('yellow', '⚠');
  if (summary.info + summary.hints > 0) return paint('blue', 'ℹ');
  return paint('green', '✔');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  // Split rather than `/\s*\r?\n\s*/g`, which rescans a run of spaces from each of its positions (quadratic).
  if (!text.includes('\n')) return text;
  const lines = text.split(/\r?\n/);
  const last = lines.length - 1;
  return lines
    .map((line, i) => (i === 0 ? line.trimEnd() : i === last ? line.trimStart() : line.trim()))
    .filter((line, i) => line !== '' || i === 0 || i === last)
    .join(' ');
}

function colorDiff(diff: string, paint: ((style: Style, text: string) => string) | undefined): string {
  if (!paint) return diff;
  return diff
    .split('\n')
    .map((line) => (line.startsWith('+++') || line.startsWith('---') ? paint('bold', line) : line.startsWith('+') ? paint('green', line) : line.startsWith('-') ? paint('red', line) : line.startsWith('@@') ? paint('cyan', line) : line))
    .join('\n');
}
