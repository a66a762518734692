import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { runCli } from './cli/main';
import { isLintWorker, serveLintWorker } from './cli/pool';

// One bundle is both the command and its worker threads: a worker is this file started again with `workerData`.
if (isLintWorker()) {
  serveLintWorker();
} else {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that stops early (`postmortem-lint | head`) is not an error of ours.
    if (error.code !== 'EPIPE') throw error;
  });
  // The rule pages ship beside the bundle (dist/ → docs/rules/).
  const docsFolder = path.resolve(__dirname, '..', 'docs', 'rules');
  runCli({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    script: __filename,
    docsFolder: fs.existsSync(docsFolder) ? docsFolder : undefined,
    version,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`postmortem-lint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
