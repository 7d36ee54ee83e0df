import type { NewEvent } from '@livelab/contracts';
import type { EventLogRepository } from './event-log.repository';
import { FencedError, SequenceConflictError, sqlState } from './event-log.repository';

/** How a session's log is doing: writing, waiting for its database, or no longer this node's to write. */
export type LogHealth =
  | { state: 'ok' }
  | { state: 'unavailable'; reason: string; sinceMs: number }
  | { state: 'failed'; reason: string };

export interface SessionLog {
  readonly sessionId: string;
  lastSeq(): number;
  /**
   * Numbers `events` at once (so the caller's state change and its events are one step) and buffers them;
   * `durable` settles when they are committed — the moment to acknowledge. While the database is away it
   * waits, however long; it rejects only if the log can never take them (fenced off, corrupt).
   */
  append<T extends NewEvent>(
    events: readonly T[],
  ): { logged: Array<T & { seq: number }>; durable: Promise<void> };
  health(): LogHealth;
  /** Called on every change of health. */
  onHealth(listener: (health: LogHealth) => void): () => void;
  /** Events numbered but not committed yet. */
  pending(): number;
  /** Settles when everything appended so far is committed. */
  flushed(): Promise<void>;
  /** Writes what is buffered, waiting at most `timeoutMs`; the log takes nothing after. */
  close(timeoutMs?: number): Promise<void>;
}

export interface SessionLogOptions {
  /** Rows per INSERT; one statement carries the whole batch as one JSON parameter. */
  maxBatch: number;
  /** How long an append may wait for companions before its batch is written. */
  flushDelayMs: number;
  /** Retry delays while the database is unreachable: from the first, doubling to the last. */
  retryFirstMs: number;
  retryMaxMs: number;
}

export const DEFAULT_SESSION_LOG_OPTIONS: SessionLogOptions = {
  maxBatch: 2000,
  flushDelayMs: 5,
  retryFirstMs: 100,
  retryMaxMs: 2000,
};

/**
 * Errors that pass: the server is down or restarting, the connection broke, the disk is full — the same batch
 * is written again once it answers. Anything else (a constraint, bad data) would fail again the same way.
 */
export function isTransient(error: unknown): boolean {
  const state = sqlState(error);
  if (state && /^[0-9A-Z]{5}$/.test(state)) return /^(08|53|57|58|40)/.test(state);
  const errno = (error as { code?: unknown }).code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) return true;
  const message = String((error as { message?: unknown }).message ?? error);
  return /terminat|connect|timeout|timed out|closed|not queryable|ECONN|socket/i.test(message);
}

const errorText = (error: unknown): string => {
  const e = error as { code?: unknown; message?: unknown };
  const message = String(e?.message ?? error).split('\n')[0]!;
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code} ${message}` : message;
};

/**
 * One session's event log as its single writer sees it. Sequence numbers are assigned synchronously, in call
 * order, so producers never interleave badly or leave a hole; rows go to the database in order, one batch at
 * a time. A batch the database cannot take right now is written again until it can — nothing is skipped,
 * reordered or acknowledged early — and the log says so through its health, so the room can refuse new
 * commands meanwhile. A fenced or refused batch ends the log: nothing after it is ever acknowledged.
 */
export class SessionEventLog implements SessionLog {
  private nextSeq: number;
  private committed: number;
  private buffer: Array<NewEvent & { seq: number }> = [];
  private waiters: Array<{ upTo: number; resolve: () => void; reject: (error: Error) => void }> = [];
  private state: LogHealth = { state: 'ok' };
  private readonly listeners = new Set<(health: LogHealth) => void>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryTimer: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private closed = false;

  constructor(
    private readonly repository: EventLogRepository,
    readonly sessionId: string,
    lastSeq: number,
    private readonly fenceToken: number | null,
    private readonly options: SessionLogOptions = DEFAULT_SESSION_LOG_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {
    this.nextSeq = lastSeq + 1;
    this.committed = lastSeq;
  }

  lastSeq(): number {
    return this.nextSeq - 1;
  }

  health(): LogHealth {
    return this.state;
  }

  pending(): number {
    return this.nextSeq - 1 - this.committed;
  }

  onHealth(listener: (health: LogHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flushed(): Promise<void> {
    if (this.state.state === 'failed') return Promise.reject(new Error(this.state.reason));
    const upTo = this.nextSeq - 1;
    if (this.committed >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
  }

  append<T extends NewEvent>(
    events: readonly T[],
  ): { logged: Array<T & { seq: number }>; durable: Promise<void> } {
    if (this.state.state === 'failed') throw new Error(this.state.reason);
    if (this.closed) throw new Error(`the log of session ${this.sessionId} is closed`);
    const logged = events.map((event) => ({ ...event, seq: this.nextSeq++ }));
    if (logged.length === 0) return { logged, durable: Promise.resolve() };
    for (const event of logged) this.buffer.push(event);
    this.schedule(this.buffer.length >= this.options.maxBatch ? 0 : this.options.flushDelayMs);
    const upTo = logged[logged.length - 1]!.seq;
    return {
      logged,
      durable: new Promise((resolve, reject) => this.waiters.push({ upTo, resolve, reject })),
    };
  }

  async close(timeoutMs = 5000): Promise<void> {
    this.closed = true;
    this.schedule(0);
    this.retryTimer?.wake();
    const settled = this.flushing ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      settled,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      }),
    ]);
    if (timer) clearTimeout(timer);
  }

  private schedule(delayMs: number): void {
    if (this.flushing) return;
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.buffer.length > 0 && this.state.state !== 'failed') this.schedule(this.options.flushDelayMs);
      });
    }, delayMs);
  }

  private async flush(): Promise<void> {
    let retryMs = this.options.retryFirstMs;
    while (this.buffer.length > 0 && this.state.state !== 'failed') {
      const batch = this.buffer.slice(0, this.options.maxBatch);
      try {
        await this.repository.insert(this.sessionId, this.fenceToken, batch);
      } catch (error) {
        if (
          !(error instanceof FencedError) &&
          !(error instanceof SequenceConflictError) &&
          isTransient(error)
        ) {
          if (this.closed) return;
          if (this.state.state === 'ok')
            this.setHealth({ state: 'unavailable', reason: errorText(error), sinceMs: this.now() });
          await this.pause(retryMs);
          retryMs = Math.min(this.options.retryMaxMs, retryMs * 2);
          continue;
        }
        this.fail(error);
        return;
      }
      retryMs = this.options.retryFirstMs;
      this.buffer.splice(0, batch.length);
      this.committed = batch[batch.length - 1]!.seq;
      this.waiters = this.waiters.filter((waiter) => {
        if (waiter.upTo > this.committed) return true;
        waiter.resolve();
        return false;
      });
      if (this.state.state === 'unavailable') this.setHealth({ state: 'ok' });
    }
  }

  /** Nothing numbered from here on can be written: every waiting acknowledgement fails, none is lost. */
  private fail(error: unknown): void {
    const reason =
      error instanceof FencedError || error instanceof SequenceConflictError
        ? error.message
        : `the event log cannot take these events: ${errorText(error)}`;
    this.setHealth({ state: 'failed', reason });
    const failure = Object.assign(new Error(reason), { cause: error });
    for (const waiter of this.waiters) waiter.reject(failure);
    this.waiters = [];
    this.buffer = [];
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.retryTimer = undefined;
        resolve();
      }, ms);
      this.retryTimer = {
        timer,
        wake: () => {
          clearTimeout(timer);
          this.retryTimer = undefined;
          resolve();
        },
      };
    });
  }

  private setHealth(health: LogHealth): void {
    this.state = health;
    for (const listener of this.listeners) {
      try {
        listener(health);
      } catch {
        // A listener's failure is its own; the log goes on.
      }
    }
  }
}
