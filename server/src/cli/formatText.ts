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

/** Path relative to the current folder, with forward slashes, as people type it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

/**
 * The report for people: one block per file with problems, a line per problem as `file:line:col  severity  message
 * RULE` (terminals and editors open `file:line:col`), then a summary line. Diffs first with `--fix-dry-run`.
 */
export function formatText(run: LintRun, summary: Summary, color: boolean): string {
  const paint = (style: Style, text: string) => (color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text);
  const blocks: string[] = [];
  for (const report of run.reports) {
    if (report.diff) blocks.push(colorDiff(printable(report.diff), color ? paint : undefined).trimEnd());
  }
  for (const report of run.reports) {
    const block = fileBlock(report, run.cwd, paint);
    if (block) blocks.push(block);
  }
  blocks.push(summaryLine(run, summary, paint));
  return `${blocks.join('\n\n')}\n`;
}

function fileBlock(report: FileReport, cwd: string, paint: (style: Style, text: string) => string): string | undefined {
  const name = printable(displayPath(report.path, cwd));
  if (report.status === 'error') return `${paint('bold', name)}  ${paint('red', 'error')}  ${printable(oneLine(report.error ?? 'could not be linted.'))}`;
  if (report.diagnostics.length === 0) return undefined;
  const diagnostics = [...report.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const locations = diagnostics.map((d) => `${name}:${d.range.start.line + 1}:${d.range.start.character + 1}`);
  const locationWidth = Math.max(...locations.map((location) => location.length));
  const severityWidth = Math.max(...diagnostics.map((d) => d.severity.length));
  const messageWidth = Math.min(100, Math.max(...diagnostics.map((d) => printable(oneLine(d.message)).length)));
  return diagnostics
    .map((d, i) => {
      const message = printable(oneLine(d.message));
      return `${paint('bold', locations[i]!.padEnd(locationWidth))}  ${paint(severityStyle[d.severity], d.severity.padEnd(severityWidth))}  ${message.padEnd(messageWidth)}  ${paint('dim', d.ruleId)}`;
    })
    .join('\n');
}

function summaryLine(run: LintRun, summary: Summary, paint: (style: Style, text: string) => string): string {
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
  if (notPostmortems > 0) parts.push(`${notPostmortems} skipped as not postmortems (--all lints them)`);
  if (summary.skippedNotText > 0) parts.push(`${summary.skippedNotText} skipped as not text`);
  if (summary.unreadable > 0) parts.push(paint('red', `${plural(summary.unreadable, 'file')} could not be linted`));
  if (summary.internalErrors > 0) parts.push(paint('red', `${summary.internalErrors} failed inside postmortem-lint`));
  if (summary.fixed > 0) parts.push(`${plural(summary.fixed, 'file')} fixed`);
  else if (summary.fixable > 0) parts.push(`${summary.fixable} fixable with --fix`);
  if (run.maxWarnings !== undefined && summary.warnings > run.maxWarnings) parts.push(paint('yellow', `more than --max-warnings ${run.maxWarnings}`));
  parts.push(`${(run.elapsedMs / 1000).toFixed(2)} s`);
  const mark = summary.exitCode === 0 ? paint('green', '✔') : paint('red', '✖');
  return `${mark} ${parts.join(' · ')}`;
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
