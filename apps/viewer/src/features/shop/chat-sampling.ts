/**
 * How a busy room's comments reach the overlay, as the apps do it: the viewer's own comments, host replies and
 * other people's (humans') always; the simulated crowd's merged where they repeat ("6666 ×12") and, beyond a
 * few a batch, sampled evenly — a phone scrolls what a person can read, not everything said.
 */
export interface SampledLine {
  kind: 'comment' | 'reply' | 'host';
  text: string;
  mine: boolean;
  /** Said by the simulated audience (may be merged or left out in a busy second). */
  crowd?: boolean;
  /** Merged repeats of the same words in one batch. */
  times?: number;
}

/** Crowd lines a batch (about a second of a room) may add: the overlay's readable pace. */
export const CROWD_LINES_PER_BATCH = 4;

export function sampleBatch<T extends SampledLine>(lines: readonly T[], max = CROWD_LINES_PER_BATCH): T[] {
  const crowd = lines.filter((line) => line.crowd && !line.mine && line.kind === 'comment');
  if (crowd.length <= max) return [...lines];
  // Repeats merged into their first occurrence.
  const firstOf = new Map<string, T>();
  const counts = new Map<T, number>();
  for (const line of crowd) {
    const first = firstOf.get(line.text);
    if (first) counts.set(first, (counts.get(first) ?? 1) + 1);
    else {
      firstOf.set(line.text, line);
      counts.set(line, 1);
    }
  }
  const distinct = [...firstOf.values()];
  // Evenly across the batch, so a burst at its end is not all that shows.
  const step = distinct.length / Math.min(max, distinct.length);
  const kept = new Set<T>();
  for (let i = 0; i < Math.min(max, distinct.length); i++) kept.add(distinct[Math.floor(i * step)]!);
  const out: T[] = [];
  for (const line of lines) {
    if (!(line.crowd && !line.mine && line.kind === 'comment')) out.push(line);
    else if (kept.has(line)) {
      const times = counts.get(line) ?? 1;
      out.push(times > 1 ? { ...line, times } : line);
    }
  }
  return out;
}
