/**
 * Which rows of a fixed-row-height list are on screen (plus `overscan` on each side): `first` inclusive,
 * `last` exclusive. Only these are rendered, whatever the list's length.
 */
export function visibleWindow(
  count: number,
  scrollTop: number,
  viewportPx: number,
  rowPx: number,
  overscan: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowPx) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(viewportPx, rowPx)) / rowPx) + overscan);
  return { first: Math.min(first, last), last };
}
