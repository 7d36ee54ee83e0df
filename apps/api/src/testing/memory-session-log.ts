import type { NewEvent } from '@livelab/contracts';
import type { LogHealth, SessionLog } from '../event-log/session-log';

/**
 * A SessionLog in memory for unit tests: numbers events like the real log and commits at once — or, while
 * `outage()` lasts, holds them as the real log does while its database is away, until `recover()`.
 */
export class MemorySessionLog implements SessionLog {
  readonly events: Array<NewEvent & { seq: number }> = [];
  private held: Array<{ events: Array<NewEvent & { seq: number }>; resolve: () => void }> = [];
  private state: LogHealth = { state: 'ok' };
  private readonly listeners = new Set<(health: LogHealth) => void>();
  private next = 1;

  constructor(readonly sessionId = '00000000-0000-4000-8000-000000000001') {}

  lastSeq(): number {
    return this.next - 1;
  }

  health(): LogHealth {
    return this.state;
  }

  onHealth(listener: (health: LogHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  flushed(): Promise<void> {
    const last = this.held.at(-1);
    return last ? new Promise((resolve) => this.held.push({ events: [], resolve })) : Promise.resolve();
  }

  pending(): number {
    return this.held.reduce((n, batch) => n + batch.events.length, 0);
  }

  append<T extends NewEvent>(
    events: readonly T[],
  ): { logged: Array<T & { seq: number }>; durable: Promise<void> } {
    if (this.state.state === 'failed') throw new Error(this.state.reason);
    const logged = events.map((event) => ({ ...event, seq: this.next++ }));
    if (this.state.state === 'ok' && this.held.length === 0) {
      for (const event of logged) this.events.push(event);
      return { logged, durable: Promise.resolve() };
    }
    return { logged, durable: new Promise((resolve) => this.held.push({ events: logged, resolve })) };
  }

  /** The database goes away: appends are held, unacknowledged. */
  outage(reason = 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432'): void {
    this.set({ state: 'unavailable', reason, sinceMs: 0 });
  }

  /** It is back: the held events are written in order and acknowledged. */
  recover(): void {
    for (const batch of this.held) {
      for (const event of batch.events) this.events.push(event);
      batch.resolve();
    }
    this.held = [];
    this.set({ state: 'ok' });
  }

  async close(): Promise<void> {}

  private set(health: LogHealth): void {
    this.state = health;
    for (const listener of this.listeners) listener(health);
  }
}
