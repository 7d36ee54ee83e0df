import type { SessionEvent } from '@livelab/contracts';
import { expect } from 'vitest';

/**
 * What a session's log must be after any failure: `seq` numbered 1, 2, 3… with no gap, and every comment a
 * client was acknowledged for in it (an acknowledged event is never lost).
 */
export function expectIntactLog(
  log: readonly SessionEvent[],
  acknowledgedCommentIds: readonly string[] = [],
): void {
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  const comments = new Set(
    log.filter((e) => e.type === 'comment').map((e) => (e.payload as { commentId: string }).commentId),
  );
  expect(acknowledgedCommentIds.filter((id) => !comments.has(id))).toEqual([]);
}
