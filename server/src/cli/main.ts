import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeFileSystem } from '../config';
import { configFileDiagnostics, resolveSettings } from '../settings';
import { TemplateLoader } from '../templates/load';
import { parseCommandLine, usage, type CliOptions } from './args';
import { LintCache } from './cache';
import { cacheFolder, lintFilesCached } from './cachedLint';
import { collectFiles } from './files';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { lintFiles } from './pool';
import { digestOf, sha256 } from './read';
import { Repositories } from './repo';
import { reportedDiagnostic, type FileReport } from './report';
import { summarize, type LintRun } from './summary';

export interface CliEnvironment {
  argv: readonly string[];
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: () => boolean };
  stderr: NodeJS.WritableStream;
  /** The script worker threads run: this bundle. */
  script: string;
  /** The rule pages (docs/rules), for SARIF help; undefined when they are not installed. */
  docsFolder: string | undefined;
  version: string;
}

/** Runs `postmortem-lint` and resolves with its exit status. */
export async function runCli(env: CliEnvironment): Promise<number> {
  const parsed = parseCommandLine(env.argv);
  if (parsed.kind === 'help') {
    env.stdout.write(`${usage}\n`);
    return 0;
  }
  if (parsed.kind === 'version') {
    env.stdout.write(`${env.version}\n`);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    env.stderr.write(`postmortem-lint: ${parsed.message}\nRun postmortem-lint --help for the options.\n`);
    return 2;
  }
  const { options } = parsed;
  const started = performance.now();
  const collected = await collectFiles(options.targets, { cwd: env.cwd, ignore: options.ignore });
  if (collected.problems.length > 0) {
    for (const problem of collected.problems) env.stderr.write(`postmortem-lint: ${problem}\n`);
    return 2;
  }
  const runOptions = { all: options.all, fix: options.fix, cwd: env.cwd };
  const fileReports = options.cache
    ? await lintFilesCached(collected.files, runOptions, options.jobs, env.script, LintCache.open(cacheFolder(env.cwd, options.cache.location), toolFingerprint(env)))
    : await lintFiles(collected.files, runOptions, options.jobs, env.script);
  const repositories = new Repositories(env.cwd);
  const run: LintRun = {
    reports: [...configReports(fileReports, repositories, env.cwd), ...fileReports],
    cwd: env.cwd,
    root: repositories.gitRootOf(env.cwd) ?? env.cwd,
    elapsedMs: performance.now() - started,
    ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}),
    ...(options.fix !== 'off' ? { fix: options.fix } : {}),
  };
  const summary = summarize(run);
  const output = render(run, summary, options, env);
  if (options.output) {
    try {
      fs.writeFileSync(path.resolve(env.cwd, options.output), output);
    } catch (error) {
      env.stderr.write(`postmortem-lint: the report could not be written to ${options.output}: ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    env.stdout.write(output);
  }
  if (summary.configErrors > 0) {
    const files = run.reports.filter((report) => report.kind === 'config' && report.diagnostics.some((d) => d.severity === 'error'));
    env.stderr.write(`postmortem-lint: the repo config cannot be used as written (${files.map((report) => path.relative(env.cwd, report.path) || report.path).join(', ')}); the report says why. Exit status 2.\n`);
  }
  if (summary.internalErrors > 0) env.stderr.write(`postmortem-lint: ${summary.internalErrors} file(s) could not be analysed because of a defect in postmortem-lint; the report has the details. Exit status 2.\n`);
  return summary.exitCode;
}

/** What tells one build of the tool from another for the cache: its version and its own code. */
function toolFingerprint(env: CliEnvironment): string {
  return sha256(`${env.version}\0${digestOf(env.script) ?? env.script}`);
}

function render(run: LintRun, summary: ReturnType<typeof summarize>, options: CliOptions, env: CliEnvironment): string {
  if (options.format === 'json') return formatJson(run, summary, env.version);
  if (options.format === 'sarif') return formatSarif(run, summary, env.version, env.docsFolder);
  const terminal = !options.output && env.stdout.isTTY === true;
  const color = options.color ?? (terminal && (env.stdout.hasColors?.() ?? false));
  const width = terminal ? (env.stdout as { columns?: number }).columns : undefined;
  return formatText(run, summary, { color, ...(width ? { width } : {}), verbose: options.verbose });
}

/**
 * The problems of every repo config file that applied (and the current folder's), each reported once, on the config
 * file itself, as the editor shows them in it: what does not parse, unknown keys, bad values, a template that cannot
 * be loaded.
 */
function configReports(reports: readonly FileReport[], repositories: Repositories, cwd: string): FileReport[] {
  const templates = new TemplateLoader(nodeFileSystem);
  const paths = new Set(reports.flatMap((report) => (report.configPath ? [report.configPath] : [])));
  const here = repositories.configPathFor(cwd);
  if (here) paths.add(here);
  const result: FileReport[] = [];
  for (const configPath of [...paths].sort()) {
    const loaded = repositories.config(configPath);
    const root = repositories.rootFor(path.dirname(configPath), configPath);
    const problems = resolveSettings({ configFile: loaded, root, templates })
      .problems.filter((problem) => problem.origin === 'config')
      // A template that cannot be loaded is reported without a place; it belongs on the `template:` line.
      .map((problem) => (problem.range === undefined && /template/i.test(problem.message) ? { ...problem, range: templateKeyRange(configPath) } : problem));
    const diagnostics = configFileDiagnostics({ ...loaded, problems });
    if (diagnostics.length > 0) {
      result.push({ path: configPath, status: 'linted', kind: 'config', diagnostics: diagnostics.map((diagnostic) => reportedDiagnostic(diagnostic, false)) });
    }
  }
  return result;
}

/** The `template:` line of a config file, where a template that cannot be loaded is reported. */
function templateKeyRange(configPath: string) {
  try {
    const lines = fs.readFileSync(configPath, 'utf8').split(/\r?\n/);
    const line = lines.findIndex((text) => /^template\s*:/.test(text));
    return line < 0 ? undefined : { start: { line, character: 0 }, end: { line, character: lines[line]!.length } };
  } catch {
    return undefined;
  }
}
