// Runs the e2e suite (test/e2e/suite/) inside a real VS Code, offline: the @vscode/test-electron contract (the
// extension development path plus a compiled suite whose run() VS Code calls), with VS Code's server from the
// code-server npm package and headless Debian chromium as the window.
//
//   node test/e2e/run.mjs [--grep PATTERN] [--screenshot FILE.png] [--timeout SECONDS] [--keep]
//
// Installs what is missing first (scripts/setup-vscode.sh), builds, then runs in a fresh .vscode-test/run-e2e-*/
// (server data, temp files and a copy of test/e2e/workspace/ the tests may edit). Exits with the suite's code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, buildExtension, ensureSetUp, launchBrowser, newRunDir, remoteUri, startServer, workbenchUrl,
} from '../../scripts/vscode-server.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    screenshot: { type: 'string' },
    timeout: { type: 'string', default: '180' },
    keep: { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(options.timeout) * 1000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => process.stderr.write(`[e2e] ${message}\n`);

try {
  ensureSetUp();
  buildExtension();
} catch (error) {
  say(`FAILED before starting VS Code: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
say(`built (${elapsed()})`);

const runDir = newRunDir('e2e');
const workspace = path.join(runDir, 'workspace');
fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
const suiteIndex = path.join(ROOT, 'dist', 'e2e', 'index.cjs');

// The extension host inherits the server's environment: that is how --grep and the log marker reach the suite.
if (options.grep) process.env.POSTMORTEM_E2E_GREP = options.grep;
const LOG_MARKER = '[postmortem-e2e] ';
process.env.POSTMORTEM_E2E_LOG_MARKER = LOG_MARKER;
const consoleLog = fs.createWriteStream(path.join(runDir, 'browser-console.log'));

let server;
let browser;
let exitCode = 1;
try {
  server = await startServer({ dataDir: runDir });
  say(`VS Code server listening on ${server.port} (${elapsed()}); run dir ${path.relative(ROOT, runDir)}`);
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  // The workbench calls this when the suite's run() settles (with --enable-smoke-test-driver).
  await page.exposeFunction('codeAutomationExit', (code) => finish({ code: Number(code) }));
  page.on('console', (message) => forwardConsole(message.text()));
  page.on('pageerror', (error) => say(`page error: ${error.message}`));
  page.on('crash', () => finish({ code: 1, reason: 'the browser page crashed' }));
  server.process.once('exit', (code, signal) => finish({ code: 1, reason: `the VS Code server exited (${code ?? signal})` }));

  const url = workbenchUrl(server.port, {
    folder: workspace,
    payload: [
      ['extensionDevelopmentPath', remoteUri(server.port, ROOT)],
      ['extensionTestsPath', remoteUri(server.port, suiteIndex)],
      ['skipWelcome', 'true'],
    ],
  });
  await page.goto(url);
  let timer;
  const result = await Promise.race([
    finished,
    new Promise((resolve) => {
      timer = setTimeout(() => resolve({
        code: 1,
        reason: `timed out after ${timeoutMs / 1000} s without the suite finishing (is run() in dist/e2e/index.cjs `
          + 'hanging, or did the extension host fail to start? see the server log below)',
      }), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (options.screenshot) {
    fs.mkdirSync(path.dirname(path.resolve(options.screenshot)), { recursive: true });
    await page.screenshot({ path: options.screenshot });
    say(`screenshot: ${options.screenshot}`);
  }
  exitCode = result.code;
  if (result.reason) say(`FAILED: ${result.reason}`);
} catch (error) {
  say(`FAILED: ${error instanceof Error ? error.stack : error}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  await new Promise((resolve) => consoleLog.end(resolve));
}

if (exitCode === 0) {
  if (!options.keep) fs.rmSync(runDir, { recursive: true, force: true });
  say(`passed (${elapsed()})`);
} else {
  if (server) {
    process.stderr.write(`\n----- VS Code server log -----\n${server.log()}\n------------------------------\n`);
  }
  for (const log of findFiles(path.join(runDir, 'user-data', 'logs'), /(remoteexthost|Postmortem)\.log$/)) {
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-80).join('\n');
    if (lines) process.stderr.write(`----- ${path.relative(runDir, log)} (last 80 lines) -----\n${lines}\n`);
  }
  say(`exit code ${exitCode} (${elapsed()}); everything kept in ${path.relative(ROOT, runDir)}/ `
    + '(browser-console.log, user-data/logs/)');
}
process.exit(exitCode);

function findFiles(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((name) => path.join(dir, name)).filter((file) => pattern.test(file));
}

// Extension host console output reaches the page console, mixed with the workbench's logging: show the lines the
// suite marked (mocha's reporter), keep everything in browser-console.log.
function forwardConsole(text) {
  if (!consoleLog.writableEnded) consoleLog.write(`${text}\n`);
  for (const line of text.split('\n')) {
    const at = line.indexOf(LOG_MARKER);
    if (at >= 0) process.stdout.write(`${line.slice(at + LOG_MARKER.length)}\n`);
  }
}
