// Summaries of repeated measurements: every benchmark figure is the median of N runs taken after a
// warm-up, reported with its min and max.

export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number;
  values: number[];
}

/** Median, min and max of the values (an even count takes the mean of the middle two). */
export function summarize(values: readonly number[]): Sample {
  if (values.length === 0) throw new Error('no values to summarize');
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], runs: v.length, values: [...values] };
}

/** The value at quantile q (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export interface RepeatOptions {
  /** Measured runs (at least 5). */
  runs?: number;
  /** Unmeasured runs first. */
  warmup?: number;
}

export const DEFAULT_RUNS = 5;

/** Runs `fn` warmup + runs times; `fn` returns the figure of one run (or several named figures). */
export async function repeat<K extends string>(fn: (run: number) => Promise<Record<K, number>>, opts: RepeatOptions = {}): Promise<Record<K, Sample>> {
  const runs = Math.max(DEFAULT_RUNS, opts.runs ?? DEFAULT_RUNS);
  const warmup = opts.warmup ?? 1;
  const seen: Partial<Record<K, number[]>> = {};
  for (let i = 0; i < warmup + runs; i++) {
    const figures = await fn(i - warmup);
    if (i < warmup) continue;
    for (const [k, v] of Object.entries(figures) as [K, number][]) (seen[k] ??= []).push(v);
  }
  const out = {} as Record<K, Sample>;
  for (const [k, v] of Object.entries(seen) as [K, number[]][]) out[k] = summarize(v);
  return out;
}
