/** One measured figure of a benchmark: printed as a table row, or as one JSON object with `--json`. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Nearest-rank percentile of already-collected samples (sorted here). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
