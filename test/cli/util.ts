import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { completePostmortem } from '../support/postmortemText';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The bundle `npm run build` makes; the tests run it as a command, the way CI and pre-commit do. */
export const cliPath = path.join(repoRoot, 'dist/cli.cjs');

export interface CliResult {
  code: number | null;
  /** The signal that ended it, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  command?: string;
}

/** Runs postmortem-lint in `cwd` and resolves when it exits; colour is off unless the test asks for it. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return startCli(args, options).result;
}

/** Starts postmortem-lint as `runCli` does, giving its process too (to send it a signal). */
export function startCli(args: readonly string[], options: CliOptions): { child: ChildProcess; result: Promise<CliResult> } {
  const [command, commandArgs] = options.command ? [options.command, [...args]] : [process.execPath, [cliPath, ...args]];
  const child = spawn(command, commandArgs, { cwd: options.cwd, env: options.env ?? { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = new Promise<CliResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
  return { child, result };
}

/** A throwaway repository (a `.git` folder marks its root) holding `files`; removed by `dispose`. */
export function tempRepo(files: Record<string, string | Buffer>): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'postmortem-lint-test-'));
  mkdirSync(path.join(root, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** A python-discord postmortem with every section written: it lints clean. */
export function cleanPostmortem(): string {
  return completePostmortem();
}

/** The clean postmortem with a placeholder (warning, no fix) and an impossible time (error). */
export function brokenPostmortem(): string {
  return cleanPostmortem().replace('All services were down.', 'All services were down for TBD minutes.').replace('**00:32 UTC:**', '**25:61 UTC:**');
}

/** A postmortem whose only problems have safe fixes: a dotted time (PM004, fixed to a colon) and a missing section. */
export function fixablePostmortem(): string {
  return cleanPostmortem().replace('**00:32 UTC:**', '**00.32 UTC:**').replace(/## 🤔 Lessons learned\n\n- Alert earlier\n\n/, '');
}
