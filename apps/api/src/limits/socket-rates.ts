import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { CommandResult } from '@livelab/contracts';

/**
 * Per-connection limits on the socket events that cost the server more than a schema check: a resync reads
 * pages of the log from the database, media signalling sets up peer connections. A console catching up after
 * a reload pages through a few thousand events at once (a burst of 30 pages, then 5 a second); a console opening mid-session asks for its history once (and its
 * trend again on each reconnect); a browser
 * trickles ICE candidates in bursts (30, then 10 a second). Room commands are limited per person and
 * command by the room itself (command-rates.ts).
 */
const SOCKET_LIMITS = {
  resync: { points: 30, duration: 6 },
  /** A console's history on opening (and its trend on each reconnect): a few per reload. */
  history: { points: 6, duration: 30 },
  media: { points: 30, duration: 3 },
} as const;

export type SocketLimit = keyof typeof SOCKET_LIMITS;

export class SocketRates {
  private readonly limiters = Object.fromEntries(
    Object.entries(SOCKET_LIMITS).map(([name, options]) => [
      name,
      new RateLimiterMemory({ keyPrefix: `socket-${name}`, ...options }),
    ]),
  ) as Record<SocketLimit, RateLimiterMemory>;

  /** Null when the socket may go on; the refusal to acknowledge it with otherwise. */
  async take(socketId: string, limit: SocketLimit): Promise<(CommandResult & { ok: false }) | null> {
    try {
      await this.limiters[limit].consume(socketId);
      return null;
    } catch {
      return { ok: false, error: { code: 'rate_limited', message: `slow down: too many ${limit} requests` } };
    }
  }
}
