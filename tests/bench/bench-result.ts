import { readdirSync, readFileSync } from 'node:fs';

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
  return statCpuSeconds(`/proc/${pid}/stat`);
}

/** CPU seconds each thread of a process has used, by thread id (threads that ended are left out). */
export function threadCpuSeconds(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      threads.set(Number(tid), statCpuSeconds(`/proc/${pid}/task/${tid}/stat`));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return threads;
}

/** The busiest thread's share of a core between two `threadCpuSeconds` readings `seconds` apart. */
export function busiestThread(
  before: Map<number, number>,
  after: Map<number, number>,
  seconds: number,
): number {
  let busiest = 0;
  for (const [tid, cpu] of after) busiest = Math.max(busiest, (cpu - (before.get(tid) ?? 0)) / seconds);
  return busiest;
}

function statCpuSeconds(file: string): number {
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
