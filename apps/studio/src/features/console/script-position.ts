import type { LiveScriptSegment } from '@livelab/contracts';

export interface ScriptPosition {
  current: LiveScriptSegment | null;
  next: LiveScriptSegment | null;
  /** Seconds left in the current segment (0 without one). */
  leftSec: number;
  /** Share of the current segment already spent, 0..1. */
  progress: number;
}

/** Where the session clock stands in the live script: the running segment, its time left, the next one. */
export function scriptPosition(script: readonly LiveScriptSegment[], nowSec: number): ScriptPosition {
  const ordered = [...script].sort((a, b) => a.startSec - b.startSec);
  const current = ordered.find((s) => s.startSec <= nowSec && nowSec < s.startSec + s.durationSec) ?? null;
  const next = ordered.find((s) => s.startSec > nowSec) ?? null;
  if (!current) return { current, next, leftSec: 0, progress: 0 };
  const leftSec = Math.max(0, current.startSec + current.durationSec - nowSec);
  return { current, next, leftSec, progress: 1 - leftSec / current.durationSec };
}
