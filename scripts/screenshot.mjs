// `npm run screenshot`: starts the product the way `npm start` does (built, packaged, installed from the .vsix),
// opens a sample postmortem in headless chromium, waits for the extension's diagnostics in the Problems panel,
// shows the Postmortems view and the Outline, hovers a timeline timestamp (T+ from the incident's start) under the
// title's code lenses, and writes docs/screenshot.png (1400x900).
//
//   node scripts/screenshot.mjs [--file sample/postmortems/X.md] [--out docs/screenshot.png]
//   node scripts/screenshot.mjs --page extension --out /tmp/extension.png   the extension's page (icon, README, screenshot)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, SAMPLE_DIR, ensureSetUp, freshSampleCopy, launchBrowser, newRunDir, prepareProduct, remoteUri, startServer, withTimeout,
  workbenchUrl,
} from './vscode-server.mjs';

const { values: options } = parseArgs({
  options: {
    file: { type: 'string', default: 'sample/postmortems/2021-07-11-cascading-node-failures.md' },
    // The line and column of the timestamp to hover, 1-based.
    hover: { type: 'string', default: '14:7' },
    out: { type: 'string', default: 'docs/screenshot.png' },
    // `extension`: the extension's own page in the Extensions view (its README, icon and screenshot) instead.
    page: { type: 'string', default: 'editor' },
  },
});
// The sample is opened from a fresh copy, like `npm start` does: the repository's files are never edited.
const sample = freshSampleCopy();
const given = path.resolve(ROOT, options.file);
const file = given.startsWith(SAMPLE_DIR + path.sep) ? path.join(sample, path.relative(SAMPLE_DIR, given)) : given;
const out = path.resolve(ROOT, options.out);
const say = (message) => process.stderr.write(`[screenshot] ${message}\n`);

ensureSetUp({ always: true });
const extensionsDir = prepareProduct();
// Its own server data: a running `npm start` keeps the product's.
const runDir = newRunDir('screenshot');
let server;
let browser;
let page;
let ok = false;
try {
  server = await startServer({ dataDir: runDir, extensionsDir });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(60_000);
  await page.goto(workbenchUrl(server.port, {
    folder: sample,
    payload: [['openFile', remoteUri(server.port, file)], ['skipWelcome', 'true']],
  }));
  const editor = page.locator('.part.editor .monaco-editor').first();
  await editor.waitFor();
  if (options.page === 'extension') await extensionPage();
  else await editorPage(editor);
  ok = true;
} catch (error) {
  say(`FAILED: ${error instanceof Error ? error.message : error}`);
  if (page) {
    const failed = path.join(runDir, 'failed.png');
    await page.screenshot({ path: failed }).catch(() => {});
    say(`page at the time of failure: ${path.relative(ROOT, failed)}`);
  }
  if (server) process.stderr.write(`----- VS Code server log -----\n${server.log()}\n`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
}
if (ok) fs.rmSync(runDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);

/** The product screenshot: the sample open, with the Problems panel, the Postmortems view, the Outline, the code lenses and a hover. */
async function editorPage(editor) {
  say('editor open; waiting for the extension\'s diagnostics in the Problems panel');
  await runCommand('Problems: Focus on Problems View');
  await withTimeout(page.locator('.markers-panel .monaco-list-row').first().waitFor(), 60_000,
    'no diagnostics in the Problems panel within 60 s: does the server publish any for this file?');
  // Collapse the file tree so the Postmortems view and the Outline get the side bar's height.
  await page.locator('.part.sidebar .pane-header', { hasText: path.basename(sample) }).first().click();
  await runCommand('Explorer: Focus on Postmortems View');
  // The view lists titles at once and their problem counts when every file is analysed: wait for the counts.
  await withTimeout(page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: /Cascading node failures.*(\d+ problems?|no problems)/ }).first().waitFor(), 60_000,
    'the Postmortems view showed no problem counts within 60 s: does the server answer postmortem/list?');
  await runCommand('Explorer: Focus on Outline View');
  await page.locator('.outline-pane .monaco-list-row').first().waitFor();
  // A wider side bar, and the Outline taller than the Postmortems view's four rows need.
  await runCommand('Increase Current View Size');
  await runCommand('Increase Current View Size');
  const postmortemsHeader = page.locator('.part.sidebar .pane-header', { hasText: 'Postmortems' }).first();
  const header = await postmortemsHeader.boundingBox();
  if (header) {
    await page.mouse.move(header.x + header.width / 2, header.y - 1);
    await page.mouse.down();
    await page.mouse.move(header.x + header.width / 2, 720, { steps: 10 });
    await page.mouse.up();
  }
  // VS Code's Markdown extension lists the headings too, in a group of its own: fold it, ours is the point.
  const markdownGroup = page.locator('.outline-pane .monaco-list-row[aria-expanded="true"]', { hasText: 'Markdown Language Features' });
  if (await markdownGroup.count()) await markdownGroup.first().locator('.monaco-tl-twistie').click();

  // The title's code lenses: duration, time to detect, time to resolve.
  await withTimeout(page.locator('.part.editor .codelens-decoration', { hasText: 'Duration' }).first().waitFor(), 60_000,
    'no "Duration" code lens above the title within 60 s');
  // Last, as focus moving elsewhere closes it: hover a timeline timestamp.
  await editor.click({ position: { x: 300, y: 10 } });
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(options.hover);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await runCommand('Show or Focus Hover');
  const hover = page.locator('.monaco-hover', { hasText: 'from the incident start' }).first();
  await withTimeout(hover.waitFor(), 60_000, 'no timestamp hover within 60 s');
  // The hover fades in: wait for its animations to finish, so it is not half transparent.
  await hover.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  say(`wrote ${path.relative(ROOT, out)}`);
}

/** The installed extension's page: its README with the screenshot, as the Extensions view shows it. */
async function extensionPage() {
  await runCommand('View: Show Extensions');
  // The search box is an editor: typing into it filters to the installed extension.
  await page.locator('.extensions-viewlet .suggest-input-container').first().click();
  await page.keyboard.type('@installed Postmortem');
  await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Postmortem' }).first().click();
  // The README is shown in a webview (nested frames): wait until one of its frames shows a loaded image.
  const shown = async () => {
    for (const frame of page.frames()) {
      const loaded = await frame.evaluate(() => [...document.images].some((image) => image.complete && image.naturalWidth > 0)).catch(() => false);
      if (loaded) return true;
    }
    return false;
  };
  const deadline = Date.now() + 60_000;
  while (!(await shown())) {
    if (Date.now() > deadline) throw new Error('the extension page shows no screenshot');
    await page.waitForTimeout(500);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  say(`wrote ${path.relative(ROOT, out)}`);
}

/** Runs a command through the command palette, as a user would. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}
