import type { SessionEvent } from '@livelab/contracts';

/**
 * The phone's event feed after a (re)connect: the catch-up pages come first and pushes that arrive meanwhile
 * wait behind them, so events are handled in `seq` order and each once. Since `seq` only grows, the highest
 * seq handled is all it remembers.
 */
export class CatchUpFeed {
  private highest: number;
  private waiting: SessionEvent[] | null = [];

  constructor(
    afterSeq: number,
    private readonly deliver: (events: SessionEvent[]) => void,
  ) {
    this.highest = afterSeq;
  }

  /** The highest seq handled so far. */
  get lastSeq(): number {
    return this.highest;
  }

  /** Pushed events: held until the catch-up is in, then handled if newer than anything handled. */
  push(events: SessionEvent[]): void {
    if (this.waiting) this.waiting.push(...events);
    else this.apply(events);
  }

  /** The catch-up is in (all of it, or as much as could be read): handle it, then the pushes held meanwhile. */
  caughtUp(events: SessionEvent[]): void {
    const waiting = this.waiting ?? [];
    this.waiting = null;
    this.apply(events);
    this.apply(waiting);
  }

  private apply(events: SessionEvent[]): void {
    const fresh: SessionEvent[] = [];
    for (const event of events) {
      if (event.seq <= this.highest) continue;
      this.highest = event.seq;
      fresh.push(event);
    }
    if (fresh.length > 0) this.deliver(fresh);
  }
}
