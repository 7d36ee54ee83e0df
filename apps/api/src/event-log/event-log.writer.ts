import type { LoggedEvent, NewEvent } from '@livelab/contracts';
import type { DataSource } from 'typeorm';

export interface EventLogWriterOptions {
  /** Rows per INSERT; one statement carries the whole batch as a JSON document. */
  maxBatch: number;
  /** How long an append may wait for companions before its batch is written. */
  flushDelayMs: number;
}

export interface SessionLog {
  readonly sessionId: string;
  lastSeq(): number;
  append<T extends NewEvent>(
    events: readonly T[],
  ): { logged: Array<T & { seq: number }>; durable: Promise<void> };
}

interface SessionCursor {
  nextSeq: number;
}

interface PendingRow {
  sessionId: string;
  event: LoggedEvent;
}

const DEFAULT_OPTIONS: EventLogWriterOptions = { maxBatch: 2000, flushDelayMs: 5 };

/**
 * Appends events to `session_event` in batches. Sequence numbers are assigned synchronously, in call order,
 * by this process (the room's single authority), so concurrent producers can never interleave badly or leave
 * a hole; an append's promise resolves only once its rows are committed — that is the acknowledgement.
 * Batches are written one at a time, which also serialises writes on PGlite (one session per process).
 */
export class EventLogWriter {
  private readonly options: EventLogWriterOptions;
  private readonly cursors = new Map<string, Promise<SessionCursor>>();
  private buffer: PendingRow[] = [];
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (error: Error) => void }> = [];
  private written = 0;
  private enqueued = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    private readonly dataSource: DataSource,
    options: Partial<EventLogWriterOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Assigns the next sequence numbers and resolves with the logged events once they are durable. */
  async append(sessionId: string, events: readonly NewEvent[]): Promise<LoggedEvent[]> {
    const log = await this.open(sessionId);
    const { logged, durable } = log.append(events);
    await durable;
    return logged;
  }

  /**
   * A session's log with synchronous sequence assignment, for the room runtime: `append` numbers the events
   * at once (so the caller's state change and its event are one step) and `durable` settles when committed.
   */
  async open(sessionId: string): Promise<SessionLog> {
    const cursor = await this.cursor(sessionId);
    return {
      sessionId,
      lastSeq: () => cursor.nextSeq - 1,
      append: <T extends NewEvent>(events: readonly T[]) => {
        const logged = this.assign(sessionId, cursor, events) as Array<T & { seq: number }>;
        return { logged, durable: this.durable() };
      },
    };
  }

  /** Resolves when everything appended so far is committed. */
  durable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.written >= this.enqueued) return Promise.resolve();
    const upTo = this.enqueued;
    return new Promise((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
  }

  /** Events of a session in `seq` order, optionally after a known `seq` (for resynchronising clients). */
  async read(sessionId: string, afterSeq = 0, limit = 10_000): Promise<LoggedEvent[]> {
    const rows: Array<{ seq: number; t_ms: number; type: string; actor: string; payload: unknown }> =
      await this.dataSource.query(
        'SELECT seq, t_ms, type, actor, payload FROM session_event WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [sessionId, afterSeq, limit],
      );
    return rows.map((row) => ({
      seq: Number(row.seq),
      tMs: Number(row.t_ms),
      type: row.type,
      actor: row.actor,
      payload: row.payload,
    }));
  }

  /** Writes whatever is buffered and waits for it; call before shutting down. */
  async close(): Promise<void> {
    this.scheduleFlush(0);
    await this.durable().catch(() => undefined);
    await this.flushing;
  }

  private cursor(sessionId: string): Promise<SessionCursor> {
    let cursor = this.cursors.get(sessionId);
    if (!cursor) {
      cursor = this.dataSource
        .query('SELECT COALESCE(MAX(seq), 0) AS last FROM session_event WHERE session_id = $1', [sessionId])
        .then((rows: Array<{ last: number | string }>) => ({ nextSeq: Number(rows[0]?.last ?? 0) + 1 }));
      cursor.catch(() => this.cursors.delete(sessionId));
      this.cursors.set(sessionId, cursor);
    }
    return cursor;
  }

  private assign(sessionId: string, cursor: SessionCursor, events: readonly NewEvent[]): LoggedEvent[] {
    if (this.failure) throw this.failure;
    const logged = events.map((event) => ({ ...event, seq: cursor.nextSeq++ }));
    for (const event of logged) this.buffer.push({ sessionId, event });
    this.enqueued += logged.length;
    this.scheduleFlush(this.buffer.length >= this.options.maxBatch ? 0 : this.options.flushDelayMs);
    return logged;
  }

  private scheduleFlush(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.flush());
    }, delayMs);
  }

  private async flush(): Promise<void> {
    while (this.buffer.length > 0 && !this.failure) {
      const batch = this.buffer.splice(0, this.options.maxBatch);
      try {
        await this.insertWithRetry(batch);
      } catch (error) {
        // A batch that cannot be written after retries poisons the writer: acknowledging later events would
        // leave a hole in `seq`. The room runtime sees the rejection and stops the session cleanly.
        this.failure = new Error(`event log write failed: ${(error as Error).message}`);
        for (const waiter of this.waiters) waiter.reject(this.failure);
        this.waiters = [];
        return;
      }
      this.written += batch.length;
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.upTo > this.written) return true;
        waiter.resolve();
        return false;
      });
    }
  }

  private async insertWithRetry(batch: PendingRow[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.insert(batch);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  /** One statement per batch: the rows travel as one JSON parameter, identical on PostgreSQL and PGlite. */
  private async insert(batch: PendingRow[]): Promise<void> {
    const rows = batch.map(({ sessionId, event }) => ({
      session_id: sessionId,
      seq: event.seq,
      t_ms: Math.round(event.tMs),
      type: event.type,
      actor: event.actor,
      payload: event.payload ?? {},
    }));
    await this.dataSource.query(
      `INSERT INTO session_event (session_id, seq, t_ms, type, actor, payload)
       SELECT r.session_id, r.seq, r.t_ms, r.type, r.actor, r.payload
       FROM jsonb_to_recordset($1::jsonb) AS r(session_id uuid, seq integer, t_ms integer, type varchar, actor varchar, payload jsonb)
       ON CONFLICT (session_id, seq) DO NOTHING`,
      [stripNulEscapes(JSON.stringify(rows))],
    );
  }
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000; one viewer pasting it must not poison the whole batch.
 * Drops `\u0000` escapes from serialised JSON (but not an escaped backslash followed by the text "u0000").
 */
export function stripNulEscapes(json: string): string {
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1') : json;
}
