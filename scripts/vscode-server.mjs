// Runs a real VS Code offline: VS Code's own server from the code-server npm package (installed by
// scripts/setup-vscode.sh) plus Debian's chromium driven by playwright-core. Shared by the e2e runner
// (test/e2e/run.mjs), the demo (scripts/start.sh) and the screenshot (scripts/screenshot.mjs).
//
// As a command: `node scripts/vscode-server.mjs start [--port N] [--folder DIR]` builds, packages and installs the
// extension, then serves VS Code with it until Ctrl+C (what `npm start` runs after setup).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeVsixReadme } from './vsixReadme.mjs';

export const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const CODE_SERVER_VERSION = '4.100.3';
const VSCODE_VERSION = '1.100.3';
export const CODE_SERVER_DIR = path.join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const VSCODE_DIR = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
const SERVER_MAIN = path.join(VSCODE_DIR, 'out', 'server-main.js');
const CODE_SERVER_CLI = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
const PRODUCT_DIR = path.join(ROOT, '.vscode-test', 'product');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SAMPLE_DIR = path.join(ROOT, 'sample');

export function log(message) {
  process.stderr.write(`[vscode] ${message}\n`);
}

function runChecked(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

export function isSetUp() {
  return fs.existsSync(path.join(VSCODE_DIR, 'node_modules.asar')) && fs.existsSync(CHROMIUM)
    && fs.existsSync(path.join(ROOT, 'node_modules', 'playwright-core'));
}

/**
 * Installs node_modules, chromium and code-server when missing (scripts/setup-vscode.sh; idempotent). `always`
 * also runs it when those are there, for what isSetUp() does not check (the emoji font).
 */
export function ensureSetUp({ always = false } = {}) {
  if (always || !isSetUp()) runChecked('bash', [path.join(ROOT, 'scripts', 'setup-vscode.sh')]);
}

export function buildExtension({ production = false } = {}) {
  runChecked('npm', ['run', '--silent', 'build', ...(production ? ['--', '--production'] : [])]);
}

/** A fresh directory under .vscode-test/ for one run's data, temp files and workspace copy. */
export function newRunDir(kind) {
  // Runs that passed delete their dir; failed ones are kept for their logs, the newest few of them.
  const parent = path.join(ROOT, '.vscode-test');
  const previous = fs.existsSync(parent) ? fs.readdirSync(parent).filter((name) => name.startsWith(`run-${kind}-`)) : [];
  previous.sort((a, b) => fs.statSync(path.join(parent, b)).mtimeMs - fs.statSync(path.join(parent, a)).mtimeMs);
  for (const name of previous.slice(3)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  // Short: sockets are created below it, and a Unix socket path is limited to 107 bytes.
  const dir = path.join(parent, `run-${kind}-${Date.now().toString(36)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts VS Code's server (server-main.js, not the code-server wrapper) with all its state under dataDir.
 * Resolves once it listens; `port: 0` picks a free port.
 */
export async function startServer({ dataDir, port = 0, host = '127.0.0.1', extensionsDir, defaultFolder, echo = false }) {
  const dirs = {
    tmp: socketSafeTmpDir(path.join(dataDir, 'tmp')),
    server: path.join(dataDir, 'server-data'),
    user: path.join(dataDir, 'user-data'),
    extensions: extensionsDir ?? path.join(dataDir, 'extensions'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const args = [
    SERVER_MAIN,
    '--host', host,
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--enable-smoke-test-driver',
    '--disable-workspace-trust',
    '--server-data-dir', dirs.server,
    '--user-data-dir', dirs.user,
    '--extensions-dir', dirs.extensions,
  ];
  if (defaultFolder) args.push('--default-folder', defaultFolder);
  // Own TMPDIR: the server and its extension hosts leave IPC sockets there.
  // Detached: the server's process group also holds the extension host and the language server, killed together.
  const child = spawn(process.execPath, args, {
    cwd: dataDir,
    env: { ...process.env, TMPDIR: dirs.tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = [];
  const listening = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      if (echo) process.stderr.write(text);
      const match = /Extension host agent listening on (\d+)/.exec(output.join(''));
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`VS Code server exited before listening (${code ?? signal})\n${output.join('')}`)));
  });
  let stopped = false;
  const server = {
    process: child,
    dirs,
    port: 0,
    log: () => output.join(''),
    /** Kills the server's whole process group: SIGTERM, then SIGKILL after 3 s. */
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL');
      if (!dirs.tmp.startsWith(dataDir)) fs.rmSync(dirs.tmp, { recursive: true, force: true });
    },
  };
  try {
    server.port = await withTimeout(listening, 60_000, 'VS Code server did not start listening within 60 s');
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

// VS Code names its IPC sockets $TMPDIR/vscode-ipc-<uuid>.sock (52 bytes) and a socket path must fit in 107 bytes:
// below a deep checkout, fall back to a private directory in the system temp dir.
function socketSafeTmpDir(preferred) {
  if (Buffer.byteLength(preferred) <= 107 - 53) return preferred;
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pm-vscode-'));
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** The workbench URL; payload entries are [key, value] pairs, file paths become vscode-remote URIs. */
export function workbenchUrl(port, { folder, payload = [], host = '127.0.0.1' }) {
  const url = new URL(`http://${host}:${port}/`);
  if (folder) url.searchParams.set('folder', folder);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

export function remoteUri(port, absolutePath, host = '127.0.0.1') {
  return `vscode-remote://${host}:${port}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** Headless Debian chromium through playwright-core (never `playwright install`: no downloads here). */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Packages the built extension as a .vsix with vsce 3.x (4.x needs node 22) and returns its path. */
export function packageVsix() {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(ROOT, '.vscode-test', `${name}-${version}.vsix`);
  // --no-dependencies: everything the extension needs is bundled into dist/ by esbuild. --no-rewrite-relative-links:
  // without a repository URL vsce refuses relative links unless they stay relative; the README's links to docs/ do,
  // and its images are embedded (vsixReadme.mjs).
  const readme = writeVsixReadme(ROOT, path.join(ROOT, '.vscode-test', 'vsix', 'README.md'));
  runChecked(path.join(ROOT, 'node_modules', '.bin', 'vsce'), [
    'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', path.relative(ROOT, readme), '--out', vsix,
  ]);
  return vsix;
}

/** Installs a .vsix into an extensions dir with the code-server CLI, keeping its state under .vscode-test/. */
export function installVsix(vsix, extensionsDir) {
  const tmp = path.join(PRODUCT_DIR, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  runChecked(CODE_SERVER_CLI, [
    // Without --config code-server writes one into ~/.config.
    '--config', path.join(PRODUCT_DIR, 'code-server.yaml'),
    '--user-data-dir', path.join(PRODUCT_DIR, 'cli-user-data'),
    '--extensions-dir', extensionsDir,
    '--install-extension', vsix, '--force',
  ], { env: { ...process.env, TMPDIR: tmp } });
}

/** Everything `npm start` does before serving: setup, build, package, install. Returns the extensions dir. */
export function prepareProduct() {
  ensureSetUp();
  buildExtension({ production: true });
  const extensionsDir = path.join(PRODUCT_DIR, 'extensions');
  installVsix(packageVsix(), extensionsDir);
  return extensionsDir;
}

/**
 * A fresh copy of sample/ under .vscode-test/, for the demo and the screenshot to open: trying the product (auto-save,
 * New Postmortem) edits the copy, never the repository's own files. Replaced on every start.
 */
export function freshSampleCopy() {
  const copy = path.join(ROOT, '.vscode-test', 'sample');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(SAMPLE_DIR, copy, { recursive: true });
  return copy;
}

/** Serves the installed product (the demo); its settings and state persist under .vscode-test/product/. */
export async function startProduct({ port, folder, echo = false, extensionsDir = prepareProduct() }) {
  return startServer({ dataDir: PRODUCT_DIR, port, extensionsDir, defaultFolder: folder, echo });
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      folder: { type: 'string' },
    },
  });
  if (positionals[0] !== 'start') {
    console.error('usage: node scripts/vscode-server.mjs start [--port N] [--folder DIR]');
    process.exit(2);
  }
  const folder = values.folder ? path.resolve(values.folder) : freshSampleCopy();
  const server = await startProduct({ port: Number(values.port), folder, echo: false });
  console.log(`\nPostmortem extension running in VS Code ${VSCODE_VERSION} (code-server ${CODE_SERVER_VERSION}), `
    + `workspace ${path.relative(ROOT, folder) || '.'}${values.folder ? '' : ' (a fresh copy of sample/: edits there leave the repository alone)'}`);
  console.log(`Open http://127.0.0.1:${server.port}/ in a browser.`);
  console.log(`Logs: ${path.relative(ROOT, path.join(server.dirs.user, 'logs'))}/   Stop: Ctrl+C\n`);
  server.process.stdout.pipe(process.stdout);
  server.process.stderr.pipe(process.stderr);
  const stop = async () => { await server.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const [code] = await once(server.process, 'exit');
  process.exit(code ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
