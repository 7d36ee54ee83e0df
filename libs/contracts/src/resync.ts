import { z } from 'zod';
import type { SessionEvent } from './events';
import type { CommandError, CommandResult } from './room-protocol';

/** The most events one `room:resync` answer holds; a client may ask for smaller pages with `limit`. */
export const RESYNC_PAGE_LIMIT = 10_000;

export const resyncRequestSchema = z.object({
  afterSeq: z
    .number({ message: 'a whole number ≥ 0' })
    .int('a whole number ≥ 0')
    .min(0, 'a whole number ≥ 0'),
  /** Page size, 1 to {@link RESYNC_PAGE_LIMIT} (the default). */
  limit: z
    .number()
    .int()
    .min(1, `a whole number from 1 to ${RESYNC_PAGE_LIMIT}`)
    .max(RESYNC_PAGE_LIMIT, `a whole number from 1 to ${RESYNC_PAGE_LIMIT}`)
    .optional(),
});
export type ResyncRequest = z.input<typeof resyncRequestSchema>;

export interface ResyncOutcome {
  /** Every event after the starting seq that the client may see, in `seq` order. */
  events: SessionEvent[];
  /** Why the catch-up stopped early; `events` then holds the pages read before it. */
  error?: CommandError;
}

/**
 * Catches a client up from `afterSeq`: asks for page after page, each after the last seq received, until a
 * page comes back shorter than the limit. The server fills every page it can (it skips events the client may
 * not see without counting them), so only the last page is short.
 */
export async function resyncAll(
  askPage: (request: Required<ResyncRequest>) => Promise<CommandResult<SessionEvent[]>>,
  afterSeq: number,
  limit: number = RESYNC_PAGE_LIMIT,
): Promise<ResyncOutcome> {
  const events: SessionEvent[] = [];
  for (let cursor = afterSeq; ;) {
    let result: CommandResult<SessionEvent[]>;
    try {
      result = await askPage({ afterSeq: cursor, limit });
    } catch (error) {
      return { events, error: { code: 'offline', message: String((error as Error).message ?? error) } };
    }
    if (!result.ok) return { events, error: result.error };
    const page = result.data ?? [];
    for (const event of page) events.push(event);
    const last = page.length > 0 ? page[page.length - 1]!.seq : cursor;
    // A full page that does not move the cursor would ask the same question forever.
    if (page.length < limit || last <= cursor) return { events };
    cursor = last;
  }
}
