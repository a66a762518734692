// The suite entry VS Code loads as extensionTestsPath (the @vscode/test-electron contract): run() resolves when every
// test passed and rejects otherwise. scripts/build.mjs bundles this file and the tests into dist/e2e/index.cjs with
// `mocha` left external, so mocha is required at run time from the repo's node_modules.
import * as mochaModule from 'mocha';
import { format } from 'node:util';

// mocha 12 is an ES module; require() returns its namespace, whose named export `Mocha` is the class.
const Mocha = (mochaModule as unknown as { Mocha: typeof import('mocha') }).Mocha;

// test/e2e/run.mjs sets this and forwards only the browser-console lines that carry it, so the terminal shows the
// reporter's output without the workbench's own logging.
const logMarker = process.env.POSTMORTEM_E2E_LOG_MARKER;

function log(...args: unknown[]): void {
  const text = format(...args);
  console.log(logMarker ? text.split('\n').map((line) => logMarker + line).join('\n') : text);
}

export async function run(): Promise<void> {
  (Mocha.reporters.Base as unknown as { consoleLog: typeof log }).consoleLog = log;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    // Generous: the first test waits for the extension to activate and the language server to start.
    timeout: 60_000,
    slow: 10_000,
    grep: process.env.POSTMORTEM_E2E_GREP || undefined,
  });
  // The tests are bundled into this file rather than loaded from disk by mocha, so define mocha's globals (suite,
  // test, ...) the way mocha would before loading a file, then evaluate the test modules: the dynamic imports run
  // them only now, after the globals exist.
  mocha.suite.emit('pre-require', globalThis, 'postmortem.test.ts', mocha);
  await import('./postmortem.test');
  await import('./rst.test');
  await import('./authoring.test');
  await import('./reliability.test');
  mocha.suite.emit('post-require', globalThis, 'postmortem.test.ts', mocha);

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((failed) => {
      // One summary line for scripts/test.sh to add to its totals.
      log(`e2e: ${runner.stats?.passes ?? 0} passed, ${failed} failed`);
      resolve(failed);
    });
  });
  if (failures > 0) throw new Error(`${failures} e2e test${failures === 1 ? '' : 's'} failed`);
}
