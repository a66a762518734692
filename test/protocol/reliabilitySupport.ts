// Helpers for the reliability tests over stdio: waiting with a budget, and reading the server's memory.
import { readFileSync } from 'node:fs';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';

/** Resolves with the promise's value and how long it took, or rejects once `ms` have passed. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    const value = await Promise.race([promise, timeout]);
    return { value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** The resident set of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) * 1024;
}

/**
 * Whether published diagnostics are an answer the budget accepts: a full analysis, or the information diagnostic the
 * server gives when it analyses a document only lightly or not at all (too large, or over its time budget).
 */
export function isAnswer(published: PublishDiagnosticsParams): { full: boolean; notices: number } {
  const notices = published.diagnostics.filter(
    (d) => d.severity === DiagnosticSeverity.Information && (/large|budget|skip|time/i.test(String(d.code)) || /large|budget|skipped|too long|lightweight|over the/i.test(String(d.message))),
  ).length;
  return { full: notices === 0, notices };
}

/** What a diagnostic says, with the document's own URI taken out, so two documents' diagnostics can be compared. */
export function comparable(diagnostics: Diagnostic[], uri: string): unknown[] {
  return diagnostics.map((d) => JSON.parse(JSON.stringify(d).split(JSON.stringify(uri).slice(1, -1)).join('<uri>')));
}
