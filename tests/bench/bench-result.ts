import { readFileSync } from 'node:fs';

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

/**
 * Frame rate per second of wall time from requestAnimationFrame intervals (ms): a stall shows as a slow second,
 * not as one slow frame among thousands.
 */
export function framesPerSecond(intervals: readonly number[]): number[] {
  const perSecond: number[] = [];
  for (let i = 0, spent = 0, count = 0; i < intervals.length; i++) {
    spent += intervals[i]!;
    count++;
    if (spent >= 1000) {
      perSecond.push((count * 1000) / spent);
      spent = 0;
      count = 0;
    }
  }
  return perSecond;
}

/** CPU seconds a process has used (user + system, all its threads), from /proc (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
