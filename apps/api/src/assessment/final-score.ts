import type { ScoreItem, ScoreOverride, SessionAssessment } from '@livelab/contracts';

/** Each overridden item's latest override (the audit trail is oldest first). */
export function latestOverrides<T extends Pick<ScoreOverride, 'item'>>(trail: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const entry of trail) latest.set(entry.item, entry);
  return latest;
}

/**
 * The score with the instructor's overrides in place: each overridden item counts its latest override's
 * points instead of the computed ones. Both stay visible (the computed score, the trail).
 */
export function finalScore(
  computedScore: number,
  trail: ReadonlyArray<Pick<ScoreOverride, 'item' | 'computed' | 'after'>>,
): number {
  let total = computedScore;
  for (const entry of latestOverrides(trail).values()) total += entry.after - entry.computed;
  return Math.round(Math.max(0, Math.min(100, total)) * 10) / 10;
}

/** The per-item view of the trail the review shows next to each rubric item. */
export function currentOverrides(trail: readonly ScoreOverride[]): SessionAssessment['current'] {
  const current: SessionAssessment['current'] = {};
  for (const [item, entry] of latestOverrides(trail))
    current[item] = {
      computed: entry.computed,
      points: entry.after,
      comment: entry.comment,
      by: entry.by,
      at: entry.at,
    };
  return current;
}

/** The rubric item an override is about, or a clear error naming the items there are. */
export function overridableItem(breakdown: readonly ScoreItem[], key: string): ScoreItem {
  const item = breakdown.find((candidate) => candidate.key === key);
  if (!item)
    throw new Error(
      `no rubric item "${key}" (items: ${breakdown.map((candidate) => candidate.key).join(', ')})`,
    );
  return item;
}
