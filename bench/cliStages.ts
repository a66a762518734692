/**
 * `npm run bench:cli-stages`: where `postmortem-lint` spends its time per file, on one thread in this process: read,
 * settings, parse, model readers, rules, report. The files are generated postmortems of about 5 KB written to a
 * temporary folder, as in `npm run bench:cli`. The first pass shows a cold start (the JIT still warming up); later
 * passes are warm, and the best of them is what the code costs when the machine is busy with something else.
 *
 *   npm run bench:cli-stages -- --files 300 --passes 5
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { completeAnalysis, documentDiagnostics, prepareAnalysis, type AnalysisContext } from '../server/src/analysis';
import { lintFile, newLintState } from '../server/src/cli/lintFile';
import { readTextFile } from '../server/src/cli/read';
import { reportedDiagnostic } from '../server/src/cli/report';
import { nodeFileSystem } from '../server/src/config';
import { fixAllEdits } from '../server/src/features/codeActions';
import { parseDocument, readPostmortem } from '../server/src/model/parse';
import { TemplateLoader } from '../server/src/templates/load';
import { generatePostmortem } from './generate';

const { values } = parseArgs({ options: { files: { type: 'string' }, passes: { type: 'string' } } });
const fileCount = Number(values.files ?? 300);
const passes = Number(values.passes ?? 5);

const folder = mkdtempSync(path.join(os.tmpdir(), 'postmortem-lint-stages-'));
try {
  const postmortems = path.join(folder, 'postmortems');
  mkdirSync(postmortems);
  const files: string[] = [];
  for (let i = 0; i < fileCount; i++) {
    const generated = generatePostmortem(5_000, 1 + i);
    const file = path.join(postmortems, `${generated.date}-incident-${String(i).padStart(4, '0')}.md`);
    writeFileSync(file, generated.text);
    files.push(file);
  }

  const stages = ['read', 'settings', 'parse', 'model', 'detect', 'rules', 'report'] as const;
  type Times = Record<(typeof stages)[number] | 'lintFile', number>;
  const all: Times[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const times = Object.fromEntries([...stages, 'lintFile'].map((stage) => [stage, 0])) as Times;
    const state = newLintState(folder, new TemplateLoader(nodeFileSystem));
    let clock = performance.now();
    const lap = (stage: keyof Times) => {
      const now = performance.now();
      times[stage] += now - clock;
      clock = now;
    };
    // The stages of lintFile (cli/lintFile.ts), one by one.
    for (const file of files) {
      clock = performance.now();
      const read = readTextFile(file);
      if ('reason' in read) throw new Error(read.message);
      lap('read');
      const dir = path.dirname(file);
      const configPath = state.repositories.configPathFor(dir);
      const root = state.repositories.rootFor(dir, configPath);
      const configFile = configPath ? state.repositories.config(configPath) : undefined;
      const context: AnalysisContext = { ...(configFile ? { configFile } : {}), root, templates: state.templates, workspaceFolders: [URI.file(root).toString()], realPath: (p) => p };
      const document = TextDocument.create(URI.file(file).toString(), 'markdown', 1, read.text);
      const prepared = prepareAnalysis(document, context);
      lap('settings');
      const tree = parseDocument(read.text, 'markdown', prepared.settings.template);
      lap('parse');
      const model = readPostmortem(tree, document, prepared.settings.template);
      lap('model');
      const analysis = completeAnalysis(prepared, model, context);
      lap('detect');
      const diagnostics = documentDiagnostics(analysis, { fileExists: () => true });
      lap('rules');
      diagnostics.map((diagnostic) => reportedDiagnostic(diagnostic, fixAllEdits(model, [diagnostic]).length > 0));
      lap('report');
    }
    // The whole of lintFile, as the command runs it.
    const lintState = newLintState(folder, new TemplateLoader(nodeFileSystem));
    const start = performance.now();
    for (const file of files) lintFile({ path: file, explicit: true }, { all: false, fix: 'off', cwd: folder }, lintState);
    times.lintFile = performance.now() - start;
    all.push(times);
  }

  const perFile = (ms: number) => `${((ms / fileCount) * 1000).toFixed(0).padStart(6)} µs`;
  console.log(`node ${process.version}, ${fileCount} files of about 5 KB, ${passes} passes, load ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  console.log(`${'per file'.padEnd(10)} ${'first pass'.padStart(10)} ${'best later'.padStart(10)}`);
  for (const stage of [...stages, 'lintFile'] as const) {
    const later = all.slice(1).map((times) => times[stage]);
    console.log(`${stage.padEnd(10)} ${perFile(all[0]![stage])} ${later.length > 0 ? perFile(Math.min(...later)) : ''}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
