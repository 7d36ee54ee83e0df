import type { RoomCommandType } from '@livelab/contracts';

/** A burst a person may send at once, then a steady rate per second. */
export interface Rate {
  burst: number;
  perSec: number;
}

/**
 * How often one person (every tab and node together: the room keeps these) may send each room command. A
 * phone's own actions are human-paced — the figures are a fast person's, not a script's: comments follow
 * the platform's pace (a burst of 3, then one every 2 s), likes come in taps (the phone batches them, up to
 * 10 messages a second), a share or a follow is a deliberate act (one every 10 s / 5 s), and orders are a
 * checkout each (a burst of 5, then one every 2 s). The 场控 and host click fast through a console, so staff
 * share one generous allowance per command. goLive and end are not limited (they happen once).
 * The room refuses what is over with `rate_limited`, before the room machine sees it: nothing is written.
 */
export const VIEWER_RATES: Partial<Record<RoomCommandType, Rate>> = {
  comment: { burst: 3, perSec: 0.5 },
  like: { burst: 20, perSec: 10 },
  follow: { burst: 3, perSec: 0.2 },
  share: { burst: 3, perSec: 0.1 },
  openBag: { burst: 10, perSec: 2 },
  clickProduct: { burst: 10, perSec: 2 },
  claimCoupon: { burst: 5, perSec: 1 },
  enterGiveaway: { burst: 3, perSec: 0.5 },
  order: { burst: 5, perSec: 0.5 },
  pay: { burst: 5, perSec: 1 },
  cancelOrder: { burst: 5, perSec: 1 },
  lead: { burst: 2, perSec: 1 / 30 },
  // 预约 is once: a few taps are forgiven, a script is not.
  reserve: { burst: 3, perSec: 0.2 },
};
export const STAFF_RATE: Rate = { burst: 20, perSec: 5 };
const UNLIMITED = new Set<RoomCommandType>(['goLive', 'end']);

const REFUSAL: Partial<Record<RoomCommandType, string>> = {
  comment: 'slow down: one comment every 2 seconds',
  like: 'too many likes at once',
};

/**
 * Token buckets per person and command, refilled from an injected clock (deterministic in tests). Written
 * here rather than taken from a rate-limiting library because the room decides synchronously, inside the
 * one instant a command is handled (the libraries' APIs are asynchronous). Kept for the session's life, so
 * reconnecting does not refill a burst; a few numbers per person who ever acted.
 */
export class CommandAllowance {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(private readonly now: () => number) {}

  /** Takes one token for the person's command, or answers why not. */
  take(actor: string, staff: boolean, type: RoomCommandType): string | null {
    if (UNLIMITED.has(type)) return null;
    const rate = staff ? STAFF_RATE : VIEWER_RATES[type];
    if (!rate) return null;
    const key = `${actor}\u0000${type}`;
    const nowMs = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate.burst, atMs: nowMs };
    bucket.tokens = Math.min(
      rate.burst,
      bucket.tokens + (Math.max(0, nowMs - bucket.atMs) * rate.perSec) / 1000,
    );
    bucket.atMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return REFUSAL[type] ?? `slow down: too many ${type} at once`;
    bucket.tokens -= 1;
    return null;
  }
}
