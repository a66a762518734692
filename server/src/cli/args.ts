import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { globProblem } from '../model/glob';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FixMode = 'off' | 'write' | 'dry-run';

export interface CliOptions {
  /** Files, folders and globs as given; the current directory when none. */
  targets: string[];
  /** Lint every matched file, not only those that are postmortems. */
  all: boolean;
  format: OutputFormat;
  /** Write the report here instead of standard output. */
  output?: string;
  /** More warnings than this fail the run; undefined: any number. */
  maxWarnings?: number;
  fix: FixMode;
  /** Globs of paths (relative to the current directory) to leave out, besides node_modules and dot-folders. */
  ignore: string[];
  /** Threads analysing files; 1 analyses in the main thread. */
  jobs: number;
  /** Colour the text report; undefined: when standard output is a terminal that allows colour. */
  color?: boolean;
  /** Name the skipped files in the text report. */
  verbose: boolean;
  /** Keep results between runs in this folder (--cache, --cache-location); undefined: no cache. */
  cache?: { location?: string };
}

export type ParsedCommandLine = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage-error'; message: string };

export const usage = `Usage: postmortem-lint [options] [files, folders or globs…]

Checks postmortems with the same rules, templates and .postmortem.yaml as the editor.
Folders are searched for *.md, *.markdown, *.rst and *.txt; node_modules and dot-folders are skipped.
Files that are not postmortems (by path, front matter or headings) are skipped unless --all is given.

Options:
  --all                 lint every matched file, postmortem or not
  --format <format>     text (default), json or sarif
  -o, --output <file>   write the report to a file instead of standard output
  --max-warnings <n>    fail when there are more than n warnings
  --fix                 apply the safe fixes and write the files
  --fix-dry-run         print the safe fixes as a unified diff and change nothing
  --ignore <glob>       leave out matching paths (may be repeated)
  --cache               re-lint only files that changed since the last --cache run (or whose
                        config, template or linked files did); results in .postmortem-cache/
  --cache-location <folder>
                        keep the cache in this folder instead (implies --cache)
  -j, --jobs <n>        analyse with n threads (default: one per core)
  --color, --no-color   force colour on or off (default: on a terminal, unless NO_COLOR is set)
  --verbose             name each skipped file and why it was skipped
  -h, --help            show this help
  -v, --version         print the version

Exit status: 0 no errors, 1 errors (or more warnings than --max-warnings, or a file that cannot be read),
2 a usage or configuration error.`;

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        all: { type: 'boolean' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        ignore: { type: 'string', multiple: true },
        jobs: { type: 'string', short: 'j' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    return { kind: 'usage-error', message: `--format ${format} is not a format; use text, json or sarif.` };
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = wholeNumber(values['max-warnings']);
    if (maxWarnings === undefined) return { kind: 'usage-error', message: `--max-warnings needs a whole number (0 or more), not "${values['max-warnings']}".` };
  }
  let jobs = availableParallelism();
  if (values.jobs !== undefined) {
    const n = wholeNumber(values.jobs);
    if (n === undefined || n < 1) return { kind: 'usage-error', message: `--jobs needs a whole number of threads (1 or more), not "${values.jobs}".` };
    jobs = n;
  }
  if (values.fix && values['fix-dry-run']) return { kind: 'usage-error', message: '--fix writes the fixes and --fix-dry-run only shows them: give one of them.' };
  if (values['fix-dry-run'] && format === 'sarif') return { kind: 'usage-error', message: '--fix-dry-run prints a diff, which a SARIF report cannot hold; use --format text or json.' };
  for (const glob of values.ignore ?? []) {
    const problem = globProblem(glob);
    if (problem) return { kind: 'usage-error', message: `--ignore "${glob}" ${problem}.` };
  }
  if (values.color && values['no-color']) return { kind: 'usage-error', message: '--color and --no-color contradict each other.' };
  const color = values.color ? true : values['no-color'] ? false : undefined;
  return {
    kind: 'run',
    options: {
      targets: positionals.length > 0 ? positionals : ['.'],
      all: values.all === true,
      format,
      ...(values.output !== undefined ? { output: values.output } : {}),
      ...(maxWarnings !== undefined ? { maxWarnings } : {}),
      fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'off',
      ignore: values.ignore ?? [],
      jobs,
      ...(color !== undefined ? { color } : {}),
      verbose: values.verbose === true,
      ...(values.cache || values['cache-location'] !== undefined ? { cache: values['cache-location'] !== undefined ? { location: values['cache-location'] } : {} } : {}),
    },
  };
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
