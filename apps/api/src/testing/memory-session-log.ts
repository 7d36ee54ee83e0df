import type { NewEvent } from '@livelab/contracts';
import type { SessionLog } from '../event-log/event-log.writer';

/** A SessionLog in memory for unit tests: numbers events like the real writer and commits at once. */
export class MemorySessionLog implements SessionLog {
  readonly events: Array<NewEvent & { seq: number }> = [];

  constructor(readonly sessionId = '00000000-0000-4000-8000-000000000001') {}

  lastSeq(): number {
    return this.events.length;
  }

  append<T extends NewEvent>(
    events: readonly T[],
  ): { logged: Array<T & { seq: number }>; durable: Promise<void> } {
    const logged = events.map((event, i) => ({ ...event, seq: this.events.length + 1 + i }));
    this.events.push(...logged);
    return { logged, durable: Promise.resolve() };
  }
}
