import type { LoggedEvent, SessionEvent } from '@livelab/contracts';
import { parseSessionEvent, SESSION_EVENT_TYPES } from '@livelab/contracts';
import { parseEventPage } from './event-page';
import type { DataSource } from 'typeorm';

/** The session is owned by another writer now: its fencing token moved on (a takeover). */
export class FencedError extends Error {
  override name = 'FencedError';
}

/** Rows came back under sequence numbers another writer had already used. */
export class SequenceConflictError extends Error {
  override name = 'SequenceConflictError';
}

export interface ReviewBucketRow {
  index: number;
  entries: number;
  exits: number;
  paidOrders: number;
  paidCents: number;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(SESSION_EVENT_TYPES);

/**
 * PostgreSQL text and jsonb cannot hold U+0000; one viewer pasting it must not poison the whole batch.
 * Drops `\u0000` escapes from serialised JSON (but not an escaped backslash followed by the text "u0000").
 */
export function stripNulEscapes(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : json;
}

/**
 * The only code that writes SQL against `session_event`, the append-only session log. Appends carry the
 * writer's fencing token, checked in the same statement as the insert (the owning session row is locked
 * `FOR SHARE` while the rows go in, so a takeover waits for an append in flight and then wins). A sequence
 * number already taken is an error, never skipped. Events read back are checked against the contracts'
 * event schemas, or — where they are only passed on to clients — against the event envelope.
 */
export class EventLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts `events` (numbered by the caller) for `sessionId`. With a fencing token, nothing is written
   * unless the session still carries it: `FencedError`. A duplicate `(session_id, seq)`:
   * `SequenceConflictError`. Anything else is the database's own error (unreachable, full…).
   */
  async insert(sessionId: string, fenceToken: number | null, events: readonly LoggedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = stripNulEscapes(
      JSON.stringify(
        events.map((event) => ({
          seq: event.seq,
          t_ms: Math.round(event.tMs),
          type: event.type,
          actor: event.actor,
          payload: event.payload ?? {},
        })),
      ),
    );
    const recordset = `jsonb_to_recordset($1::jsonb) AS r(seq integer, t_ms integer, type varchar, actor varchar, payload jsonb)`;
    let result: Array<{ n: number | string }>;
    try {
      result =
        fenceToken === null
          ? await this.dataSource.query(
              `WITH inserted AS (
                 INSERT INTO session_event (session_id, seq, t_ms, type, actor, payload)
                 SELECT $2::uuid, r.seq, r.t_ms, r.type, r.actor, r.payload FROM ${recordset}
                 RETURNING 1)
               SELECT count(*) AS n FROM inserted`,
              [rows, sessionId],
            )
          : await this.dataSource.query(
              `WITH owner AS (
                 SELECT 1 FROM live_session WHERE id = $2 AND owner_token = $3 FOR SHARE),
               inserted AS (
                 INSERT INTO session_event (session_id, seq, t_ms, type, actor, payload)
                 SELECT $2::uuid, r.seq, r.t_ms, r.type, r.actor, r.payload FROM ${recordset}
                 WHERE EXISTS (SELECT 1 FROM owner)
                 RETURNING 1)
               SELECT count(*) AS n FROM inserted`,
              [rows, sessionId, fenceToken],
            );
    } catch (error) {
      if (sqlState(error) === '23505')
        throw new SequenceConflictError(
          `events #${events[0]!.seq}–#${events.at(-1)!.seq} of session ${sessionId} were already written by another writer`,
        );
      throw error;
    }
    if (Number(result[0]?.n ?? 0) !== events.length)
      throw new FencedError(
        `session ${sessionId} is owned by another node now: its log took no events from here`,
      );
  }

  /** The highest sequence number written for a session (0 when none). */
  async lastSeq(sessionId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT COALESCE(MAX(seq), 0) AS last FROM session_event WHERE session_id = $1',
      [sessionId],
    )) as Array<{ last: number | string }>;
    return Number(row?.last ?? 0);
  }

  /** The last event's sequence number, session time and type, or null for an empty log. */
  async last(sessionId: string): Promise<{ seq: number; tMs: number; type: string } | null> {
    const [row] = (await this.dataSource.query(
      'SELECT seq, t_ms, type FROM session_event WHERE session_id = $1 ORDER BY seq DESC LIMIT 1',
      [sessionId],
    )) as Array<{ seq: number; t_ms: number; type: string }>;
    return row ? { seq: Number(row.seq), tMs: Number(row.t_ms), type: row.type } : null;
  }

  /**
   * Up to `limit` events after `afterSeq`, in order, to pass on to a client (resynchronising, the REST page):
   * the envelope is checked, the payload forwarded as stored.
   */
  async page(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      'SELECT seq, t_ms, type, actor, payload FROM session_event WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [sessionId, afterSeq, limit],
    );
    return rows.map((row) => envelopeOf(row.seq, row.t_ms, row.type, row.actor, row.payload));
  }

  /**
   * Up to `limit` events after `afterSeq` and up to `toSeq` that a viewer may see (@livelab/session's
   * `visibleTo`, written as SQL): the database skips the metrics-only, staff-only and other people's private
   * events along the primary key's range, so a viewer's resync never moves the invisible bulk of a big room's
   * log (entries, likes, exposures) into the api.
   */
  async viewerPage(
    sessionId: string,
    afterSeq: number,
    toSeq: number,
    limit: number,
    actor: string,
    rule: { hidden: readonly string[]; own: readonly string[] },
  ): Promise<SessionEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT seq, t_ms, type, actor, payload FROM session_event
        WHERE session_id = $1 AND seq > $2 AND seq <= $3
          AND NOT (type = ANY($5::text[])) AND (actor = $6 OR NOT (type = ANY($7::text[])))
        ORDER BY seq LIMIT $4`,
      [sessionId, afterSeq, toSeq, limit, [...rule.hidden], actor, [...rule.own]],
    );
    return rows.map((row) => envelopeOf(row.seq, row.t_ms, row.type, row.actor, row.payload));
  }

  /**
   * The whole log as pages of JSON text (each a `[[seq, t_ms, type, actor, payload], …]` array of up to
   * `pageSize` events), read one page at a time as the consumer asks: the database serialises a page into one
   * document, ~20× cheaper on the embedded PGlite than turning rows into objects one by one, and the text can
   * be handed to a worker thread to parse.
   */
  async *pageTexts(sessionId: string, pageSize = 50_000): AsyncGenerator<string> {
    for (let after = 0; ; after += pageSize) {
      const [row] = (await this.dataSource.query(
        `SELECT json_agg(json_build_array(seq, t_ms, type, actor, payload) ORDER BY seq)::text AS page,
                count(*) AS n
           FROM session_event WHERE session_id = $1 AND seq > $2 AND seq <= $3`,
        [sessionId, after, after + pageSize],
      )) as Array<{ page: string | null; n: number | string }>;
      if (!row?.page) return;
      yield row.page;
      // `seq` has no gaps: a page that is not full is the last.
      if (Number(row.n) < pageSize) return;
    }
  }

  /** The whole log, every event checked against the event vocabulary. */
  async all(sessionId: string): Promise<SessionEvent[]> {
    const events: SessionEvent[] = [];
    for await (const page of this.pageTexts(sessionId))
      for (const event of parseEventPage(page)) events.push(event);
    return events;
  }

  /**
   * The last `limit` events not of the `hidden` types, in order: read backwards along the primary key, so a
   * console that opens late gets its comments and actions without the metrics-only bulk being moved.
   */
  async tail(sessionId: string, hidden: readonly string[], limit: number): Promise<SessionEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT seq, t_ms, type, actor, payload FROM session_event
        WHERE session_id = $1 AND NOT (type = ANY($2::text[]))
        ORDER BY seq DESC LIMIT $3`,
      [sessionId, [...hidden], limit],
    );
    return rows.reverse().map((row) => envelopeOf(row.seq, row.t_ms, row.type, row.actor, row.payload));
  }

  /** Events of the given types, in order (the review's timeline). */
  async ofTypes(sessionId: string, types: readonly string[]): Promise<SessionEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, t_ms, type, actor, payload FROM session_event
        WHERE session_id = $1 AND type = ANY($2) ORDER BY seq`,
      [sessionId, types],
    )) as EventRow[];
    return rows.map(eventOfRow);
  }

  /** Comments and replies between two session times (at most 400), for the review's comment stream. */
  async comments(sessionId: string, fromMs: number, toMs: number): Promise<SessionEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, t_ms, type, actor, payload FROM session_event
        WHERE session_id = $1 AND type IN ('comment', 'comment.reply') AND t_ms >= $2 AND t_ms <= $3
        ORDER BY seq LIMIT 400`,
      [sessionId, Math.max(0, Math.floor(fromMs)), Math.floor(toMs)],
    )) as EventRow[];
    return rows.map(eventOfRow);
  }

  /** Entries, exits and paid orders per span of session time, counted by the database in one scan. */
  async buckets(sessionId: string, spanMs: number): Promise<ReviewBucketRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT t_ms / $2 AS i,
              count(*) FILTER (WHERE type = 'viewer.enter') AS entries,
              count(*) FILTER (WHERE type = 'viewer.leave') AS exits,
              count(*) FILTER (WHERE type = 'order.paid') AS paid_orders,
              coalesce(sum(round((payload->>'amount')::numeric * 100)) FILTER (WHERE type = 'order.paid'), 0) AS paid_cents
         FROM session_event
        WHERE session_id = $1 AND type IN ('viewer.enter', 'viewer.leave', 'order.paid')
        GROUP BY 1`,
      [sessionId, Math.max(1, Math.round(spanMs))],
    )) as Array<{ i: number; entries: number; exits: number; paid_orders: number; paid_cents: number }>;
    return rows.map((row) => ({
      index: Number(row.i),
      entries: Number(row.entries),
      exits: Number(row.exits),
      paidOrders: Number(row.paid_orders),
      paidCents: Number(row.paid_cents),
    }));
  }
}

function envelopeOf(seq: unknown, tMs: unknown, type: string, actor: string, payload: unknown): SessionEvent {
  const n = Number(seq);
  if (!Number.isInteger(n) || !KNOWN_TYPES.has(type) || typeof payload !== 'object' || payload === null)
    throw new Error(`stored event #${String(seq)} (${type}) is not an event of this vocabulary`);
  return { seq: n, tMs: Number(tMs), type, actor, payload } as SessionEvent;
}

/** The SQLSTATE of a database error (TypeORM wraps the driver's), if it has one. */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A `session_event` row as the driver returns it (bigint columns may come as strings). */
interface EventRow {
  seq: number;
  t_ms: number;
  type: string;
  actor: string;
  payload: unknown;
}

/** A row read back is checked against the contracts' schema: a payload that does not parse is an error. */
function eventOfRow(row: EventRow): SessionEvent {
  return parseSessionEvent({
    seq: Number(row.seq),
    tMs: Number(row.t_ms),
    type: row.type,
    actor: row.actor,
    payload: row.payload,
  });
}
