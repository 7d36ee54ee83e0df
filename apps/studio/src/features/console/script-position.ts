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

/**
 * A segment's title as the room stands: a title that opens with its product's link number ("1号链接 …",
 * "link 1 …") shows the product's number now, so a bag sorted after the script was written (商品排序) does not
 * leave the script calling out a link that is now another product.
 */
export function titleWithLink(
  segment: Pick<LiveScriptSegment, 'title' | 'productId'>,
  products: ReadonlyArray<{ id: string; link: number }>,
): string {
  const link = products.find((p) => p.id === segment.productId)?.link;
  if (link === undefined) return segment.title;
  return segment.title.replace(/^\d+(?=号链接)/, String(link)).replace(/^(link\s*)\d+/i, `$1${link}`);
}
