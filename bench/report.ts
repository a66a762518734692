import type { ColdStartResult, MemoryResult, ServerResult } from './server';
import { mb, ms, type Stat } from './stats';

export interface DocumentInfo {
  id: string;
  label: string;
  bytes: number;
  source: string;
  timelineEntries?: number;
}

export interface PeerResult {
  /** Wall time per run. */
  stat?: Stat;
  /** CPU time per run (user + system). */
  cpu?: Stat;
  /** Their median over our comparable median: above 1 means we are faster. */
  ratio?: number;
  /** Their median CPU time over our server's CPU time per keystroke. */
  cpuRatio?: number;
  tokenizeCallsPerRun?: number;
  warmups: number;
  error?: string;
}

export interface HeapResult {
  cycles: number;
  warmupCycles: number;
  documentBytes: number;
  samples: Array<{ cycle: number; heapUsedBytes: number }>;
  msPerCycle: number;
  deltaBytes: number;
  serverRss?: Array<{ cycle: number; rssBytes: number }>;
}

export interface Target {
  id: string;
  what: string;
  target: string;
  measured?: string;
  value?: number;
  pass?: boolean;
}

export interface Results {
  schema: 1;
  command: string;
  mode: 'full' | 'quick';
  machine: { cpu: string; cores: number; memoryBytes: number; node: string; os: string; date: string; loadAverageAtStart: number; loadAverageMax?: number };
  git: { commit: string; serverChangesUncommitted: boolean };
  documents: DocumentInfo[];
  server: Record<string, ServerResult | { error: string }>;
  peers: Record<string, Record<string, PeerResult>>;
  coldStart?: ColdStartResult & { documentBytes: number };
  memory?: MemoryResult;
  heap?: HeapResult | { error: string };
  bundle?: { bytes: number; minifiedBytes: number; minifiedGzipBytes: number };
  targets: Target[];
  notes: string[];
}

export const PEER_LABELS: Record<string, string> = {
  remark: 'unified + remark-parse + remark-gfm, full parse',
  markdownlint: 'markdownlint 0.40, default rules',
  'vmls-diagnostics': 'vscode-markdown-languageservice 0.4 diagnostics',
  'vmls-symbols': 'vscode-markdown-languageservice 0.4 document symbols',
};

function stat(value: Stat | undefined): string {
  return value ? `${ms(value.median)} / ${ms(value.p95)} (${value.n})` : '—';
}

function ratio(value: number | undefined): string {
  if (value === undefined) return '';
  return value >= 10 ? `${value.toFixed(0)}×` : `${value.toFixed(2)}×`;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function isServerResult(value: ServerResult | { error: string } | undefined): value is ServerResult {
  return value !== undefined && !('error' in value);
}

/** The results as Markdown tables: readable in a terminal and pasted as is into docs/performance.md. */
export function formatResults(results: Results): string {
  const out: string[] = [];
  const { machine } = results;
  out.push(`\`${results.command}\` — ${machine.date.slice(0, 10)}, ${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 1024 ** 3).toFixed(0)} GiB RAM, node ${machine.node}, load average ${machine.loadAverageAtStart} before, ≤ ${machine.loadAverageMax ?? '?'} during, commit ${results.git.commit.slice(0, 7)}${results.git.serverChangesUncommitted ? ' + uncommitted server changes' : ''}`);

  out.push('', '**Targets** (latencies: median unless p95 is named)', '');
  out.push(table(['target', 'measured', 'result'], results.targets.map((t) => [`${t.what}: ${t.target}`, t.measured ?? 'not measured', t.pass === undefined ? '—' : t.pass ? 'pass' : '**FAIL**'])));

  out.push('', '**Through the server** — the bundled server over stdio, a real LSP client; median / p95 (samples)', '');
  const docs = results.documents.filter((doc) => results.server[doc.id]);
  out.push(
    table(
      ['document', 'open → diagnostics', 'keystroke → diagnostics', 'server CPU per keystroke', 'completion after typing `- `', 'completion, model cached', 'symbols after an edit', 'symbols, model cached', 'diagnostics', 'server RSS'],
      docs.map((doc) => {
        const r = results.server[doc.id];
        if (!isServerResult(r)) return [doc.label, `error: ${r?.error ?? '?'}`, '', '', '', '', '', '', '', ''];
        return [
          doc.label,
          ms(r.openMs),
          stat(r.keystroke),
          ms(r.keystrokeCpuMs),
          r.completionTyped ? stat(r.completionTyped) : r.completionCached ? 'skipped' : 'n/a (no timeline)',
          stat(r.completionCached),
          r.symbolsAfterEdit ? stat(r.symbolsAfterEdit) : 'skipped',
          stat(r.symbolsCached),
          String(r.diagnostics),
          mb(r.rssAfterBytes),
        ];
      }),
    ),
  );

  const peerDocs = results.documents.filter((doc) => results.peers[doc.id]);
  if (peerDocs.length > 0) {
    out.push('', '**The same documents through other tools**, called in-process: wall time per run, median (runs) · their time ÷ ours (above 1×: we are faster); then CPU time per run · their CPU ÷ our server\'s CPU per keystroke. Ours = keystroke → diagnostics; for vmls symbols, our symbols after an edit.', '');
    const names = Object.keys(PEER_LABELS);
    out.push(
      table(
        ['document', 'ours', ...names.map((name) => PEER_LABELS[name]!)],
        peerDocs.map((doc) => {
          const r = results.server[doc.id];
          const ours = isServerResult(r) ? `${ms(r.keystroke.median)} (${r.keystroke.n}); CPU ${ms(r.keystrokeCpuMs)}` : '—';
          return [
            doc.label,
            ours,
            ...names.map((name) => {
              const p = results.peers[doc.id]![name];
              if (!p) return '—';
              if (p.error) return `error: ${p.error}`;
              const wall = `${ms(p.stat?.median)} (${p.stat?.n})${p.ratio !== undefined ? ` · ${ratio(p.ratio)}` : ''}`;
              return p.cpu ? `${wall}; CPU ${ms(p.cpu.median)}${p.cpuRatio !== undefined ? ` · ${ratio(p.cpuRatio)}` : ''}` : wall;
            }),
          ];
        }),
      ),
    );
  }

  const rows: string[][] = [];
  if (results.coldStart) {
    rows.push([`cold start: spawn → first diagnostics, ${(results.coldStart.documentBytes / 1000).toFixed(1)} KB document`, stat(results.coldStart.firstDiagnostics)]);
    rows.push(['cold start: spawn → initialize answered', stat(results.coldStart.initialize)]);
  }
  if (results.memory) {
    const m = results.memory;
    const settled = m.rssSettledBytes !== undefined ? `${mb(m.rssSettledBytes)} ${((m.settleMs ?? 0) / 1000).toFixed(0)} s after the last open; ` : '';
    rows.push([`server RSS, ${m.documents} open documents of ${(m.documentBytes / m.documents / 1000).toFixed(0)} KB`, `${settled}${mb(m.rssOpenBytes)} right after it (idle ${mb(m.rssBaselineBytes)}, peak ${mb(m.hwmBytes)}; opening all took ${ms(m.openAllMs)})`]);
  }
  if (results.heap && 'samples' in results.heap) {
    const h = results.heap;
    rows.push([
      `server heap over ${h.cycles} open/close cycles (${(h.documentBytes / 1000).toFixed(1)} KB documents, in-process, after gc)`,
      `${h.samples.map((s) => `${s.cycle}: ${mb(s.heapUsedBytes)}`).join(', ')} → change ${(h.deltaBytes / 1024 / 1024).toFixed(1)} MB`,
    ]);
    if (h.serverRss) rows.push([`server RSS over the same cycles, spawned server`, h.serverRss.map((s) => `${s.cycle}: ${mb(s.rssBytes)}`).join(', ')]);
  } else if (results.heap) rows.push(['server heap over open/close cycles', `error: ${results.heap.error}`]);
  if (results.bundle) {
    rows.push(['server bundle dist/server/main.cjs', `${(results.bundle.bytes / 1024).toFixed(0)} KiB; minified (--production) ${(results.bundle.minifiedBytes / 1024).toFixed(0)} KiB, ${(results.bundle.minifiedGzipBytes / 1024).toFixed(0)} KiB gzipped`]);
  }
  if (rows.length > 0) out.push('', '**Start-up, memory, size**', '', table(['what', 'measured'], rows));
  if (results.notes.length > 0) out.push('', ...results.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

/** Before/after for the numbers that matter to the targets, to judge a change to the server. */
export function formatComparison(before: Results, after: Results): string {
  const rows: string[][] = [];
  const line = (what: string, a: number | undefined, b: number | undefined, unit: (n: number) => string) => {
    if (a === undefined && b === undefined) return;
    // Every measure here is better lower.
    const change = a !== undefined && b !== undefined && a > 0 && b > 0 ? (a >= b ? `${(a / b).toFixed(2)}× better` : `${(b / a).toFixed(2)}× worse`) : '';
    rows.push([what, a === undefined ? '—' : unit(a), b === undefined ? '—' : unit(b), change]);
  };
  for (const doc of after.documents) {
    const a = before.server[doc.id];
    const b = after.server[doc.id];
    const A = isServerResult(a) ? a : undefined;
    const B = isServerResult(b) ? b : undefined;
    line(`${doc.label}: keystroke → diagnostics, median`, A?.keystroke.median, B?.keystroke.median, ms);
    line(`${doc.label}: keystroke → diagnostics, p95`, A?.keystroke.p95, B?.keystroke.p95, ms);
    line(`${doc.label}: server CPU per keystroke`, A?.keystrokeCpuMs, B?.keystrokeCpuMs, ms);
    line(`${doc.label}: completion after typing, p95`, A?.completionTyped?.p95, B?.completionTyped?.p95, ms);
    line(`${doc.label}: symbols after an edit, median`, A?.symbolsAfterEdit?.median, B?.symbolsAfterEdit?.median, ms);
  }
  line('cold start, median', before.coldStart?.firstDiagnostics.median, after.coldStart?.firstDiagnostics.median, ms);
  line('RSS with open documents, right after the opens', before.memory?.rssOpenBytes, after.memory?.rssOpenBytes, mb);
  line('RSS with open documents, settled', before.memory?.rssSettledBytes, after.memory?.rssSettledBytes, mb);
  const heapDelta = (r: Results) => (r.heap && 'deltaBytes' in r.heap ? Math.abs(r.heap.deltaBytes) : undefined);
  line('heap change over open/close cycles (absolute)', heapDelta(before), heapDelta(after), mb);
  line('minified bundle', before.bundle?.minifiedBytes, after.bundle?.minifiedBytes, (n) => `${(n / 1024).toFixed(0)} KiB`);
  return [
    `Before: ${before.machine.date.slice(0, 16)} commit ${before.git.commit.slice(0, 7)} (${before.mode}); after: ${after.machine.date.slice(0, 16)} commit ${after.git.commit.slice(0, 7)} (${after.mode})`,
    '',
    table(['measure', 'before', 'after', 'change'], rows),
  ].join('\n');
}
