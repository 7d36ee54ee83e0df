import type { SessionEvent } from '@livelab/contracts';
import { parseSessionEvent } from '@livelab/contracts';

/**
 * One page of the log as the database serialises it (`[[seq, t_ms, type, actor, payload], …]`), every event
 * checked against the event vocabulary. Pure: a worker thread parses pages with it too.
 */
export function parseEventPage(page: string): SessionEvent[] {
  const rows = JSON.parse(page) as Array<[number, number | string, string, string, unknown]>;
  return rows.map(([seq, tMs, type, actor, payload]) =>
    parseSessionEvent({ seq: Number(seq), tMs: Number(tMs), type, actor, payload }),
  );
}
