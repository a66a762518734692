/**
 * One peer on one document, in its own process (run.ts starts one per peer and size), so that a 5 MB parse's heap
 * and JIT state never leak into another measurement. Prints one JSON line: the timings in milliseconds.
 *
 *   node --import tsx bench/peer.ts <peer> <file> <warmup-file> <warmups> <min> <max> <budget-ms>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { lint as markdownlint } from 'markdownlint/sync';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as md from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';
import { repeat, summarise } from './stats';

export const PEERS = ['remark', 'markdownlint', 'vmls-diagnostics', 'vmls-symbols'] as const;
export type PeerName = (typeof PEERS)[number];

/** Runs the peer once on `text`; returns something derived from the result, so the work cannot be skipped. */
type Peer = (text: string) => Promise<number>;

function remark(): Peer {
  const processor = unified().use(remarkParse).use(remarkGfm);
  return async (text) => processor.parse(text).children.length;
}

function markdownlintPeer(): Peer {
  // Default rules (no config), one string, as the library's own examples lint.
  return async (text) => markdownlint({ strings: { doc: text } })['doc']!.length;
}

/**
 * vscode-markdown-languageservice with an in-memory workspace holding just the document and the markdown-it parser
 * VS Code uses. Every run is a new version of the document announced through onDidChangeMarkdownDocument, as an
 * editor would, so the service's per-document caches never answer from a previous run.
 */
function vmls(feature: 'diagnostics' | 'symbols'): Peer & { tokenizeCalls(): number } {
  const uri = URI.file('/bench/postmortems/doc.md');
  const changed = new Emitter<md.ITextDocument>();
  const created = new Emitter<md.ITextDocument>();
  const deleted = new Emitter<URI>();
  let document = TextDocument.create(uri.toString(), 'markdown', 0, '');
  const workspace: md.IWorkspace = {
    workspaceFolders: [URI.file('/bench')],
    onDidChangeMarkdownDocument: changed.event,
    onDidCreateMarkdownDocument: created.event,
    onDidDeleteMarkdownDocument: deleted.event,
    getAllMarkdownDocuments: async () => [document],
    hasMarkdownDocument: (resource) => resource.toString() === uri.toString(),
    openMarkdownDocument: async (resource) => (resource.toString() === uri.toString() ? document : undefined),
    stat: async (resource) => (resource.toString() === uri.toString() ? { isDirectory: false } : undefined),
    readDirectory: async () => [],
  };
  const engine = MarkdownIt({ html: true });
  let tokenizeCalls = 0;
  const parser: md.IMdParser = {
    slugifier: md.githubSlugifier,
    tokenize: async (doc) => {
      tokenizeCalls++;
      return engine.parse(doc.getText(), {});
    },
  };
  const logger: md.ILogger = { level: md.LogLevel.Off, log: () => undefined };
  const service = md.createLanguageService({ workspace, parser, logger });
  const options: md.DiagnosticOptions = {
    validateReferences: md.DiagnosticLevel.warning,
    validateFragmentLinks: md.DiagnosticLevel.warning,
    validateFileLinks: md.DiagnosticLevel.warning,
    validateMarkdownFileLinkFragments: md.DiagnosticLevel.warning,
    validateUnusedLinkDefinitions: md.DiagnosticLevel.warning,
    validateDuplicateLinkDefinitions: md.DiagnosticLevel.warning,
    ignoreLinks: [],
  };
  const run = async (text: string): Promise<number> => {
    document = TextDocument.create(uri.toString(), 'markdown', document.version + 1, text);
    changed.fire(document);
    const token = new CancellationTokenSource().token;
    if (feature === 'diagnostics') return (await service.computeDiagnostics(document, options, token)).length;
    return (await service.getDocumentSymbols(document, { includeLinkDefinitions: true }, token)).length;
  };
  return Object.assign(run, { tokenizeCalls: () => tokenizeCalls });
}

function create(name: PeerName): Peer & { tokenizeCalls?(): number } {
  switch (name) {
    case 'remark':
      return remark();
    case 'markdownlint':
      return markdownlintPeer();
    case 'vmls-diagnostics':
      return vmls('diagnostics');
    case 'vmls-symbols':
      return vmls('symbols');
  }
}

async function main(): Promise<void> {
  const [name, file, warmupFile, warmups, min, max, budget] = process.argv.slice(2);
  if (!PEERS.includes(name as PeerName) || !file || !warmupFile) throw new Error(`usage: peer.ts <${PEERS.join('|')}> <file> <warmup-file> <warmups> <min> <max> <budget-ms>`);
  const peer = create(name as PeerName);
  const text = readFileSync(file, 'utf8');
  const warmupText = readFileSync(warmupFile, 'utf8');
  // Warm-up runs on a smaller document when the measured one is large: the JIT warms just as well, in less time.
  for (let i = 0; i < Number(warmups); i++) await peer(warmupText);
  const callsBefore = peer.tokenizeCalls?.() ?? 0;
  let result = 0;
  // CPU time per run (user + system, all threads: GC helpers included) alongside wall time, which other work on
  // the machine inflates.
  const cpu: number[] = [];
  const stat = await repeat({ warmup: 0, min: Number(min), max: Number(max), budgetMs: Number(budget) }, async () => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    result = await peer(text);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    return performance.now() - start;
  });
  const tokenizeCallsPerRun = peer.tokenizeCalls ? (peer.tokenizeCalls() - callsBefore) / stat.n : undefined;
  process.stdout.write(`${JSON.stringify({ peer: name, stat, cpu: summarise(cpu), result, tokenizeCallsPerRun, rss: process.memoryUsage().rss })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
