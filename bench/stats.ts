/** Summary of repeated timings (milliseconds) or sizes; p95 is nearest-rank, so with few samples it is the maximum. */
export interface Stat {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  samples: number[];
  /** The warm-up runs before the samples, which the figures above leave out. */
  warmup?: number[];
}

export function summarise(samples: readonly number[]): Stat {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * n) - 1)]!;
  return { n, median: round(median), p95: round(p95), min: round(sorted[0]!), max: round(sorted[n - 1]!), samples: samples.map(round) };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How many samples to take: at least `min`, at most `max`, and no new one once `budgetMs` is spent. */
export interface Repeat {
  warmup: number;
  min: number;
  max: number;
  budgetMs: number;
}

export async function repeat(plan: Repeat, once: (index: number) => Promise<number>): Promise<Stat> {
  const warmup: number[] = [];
  for (let i = 0; i < plan.warmup; i++) warmup.push(round(await once(-1 - i)));
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < plan.max && (samples.length < plan.min || performance.now() - start < plan.budgetMs)) {
    samples.push(await once(samples.length));
  }
  return { ...summarise(samples), ...(warmup.length > 0 ? { warmup } : {}) };
}

export function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
