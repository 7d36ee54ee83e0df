/**
 * What a console that opens mid-session (a reload, a second 场控) reads to show what one open from the start
 * shows: the comments, questions and host actions held, every chart marker, and the trend points so far.
 */
import { z } from 'zod';
import type { SessionEvent, SessionEventType } from './events';

/** The most events a console holds (its comment list is windowed, so this costs no DOM). */
export const CONSOLE_HISTORY_LIMIT = 20_000;

/** Event types drawn as markers on the trend charts: rare, so all of the session's are kept. */
export const MARKER_EVENT_TYPES: ReadonlySet<SessionEventType> = new Set<SessionEventType>([
  'host.pin',
  'host.coupon',
  'host.flashSale',
  'host.giveaway',
  'compliance.violation',
  'platform.penalty',
]);

/** One point of the console's trend charts: what the 1 s metrics push said at `tMs`. */
export interface TrendPoint {
  tMs: number;
  online: number;
  entriesPerMin: number;
  exitsPerMin: number;
  /** Cumulative GMV (CNY). */
  gmv: number;
  /** Buyers ÷ UV so far. */
  conversion: number;
  /** GMV per thousand entries so far (千次观看成交, CNY). */
  gpm: number;
  /** GMV ÷ UV so far (UV价值, CNY). */
  uvValue: number;
}

/** The trend point a metrics push makes (the server keeps the same point for consoles that open later). */
export function trendPointOf(message: {
  tMs: number;
  online: number;
  entriesPerMin: number;
  exitsPerMin: number;
  metrics: { gmv: number; conversion: number; gpm: number; uvValue: number };
}): TrendPoint {
  return {
    tMs: message.tMs,
    online: message.online,
    entriesPerMin: message.entriesPerMin,
    exitsPerMin: message.exitsPerMin,
    gmv: message.metrics.gmv,
    conversion: message.metrics.conversion,
    gpm: message.metrics.gpm,
    uvValue: message.metrics.uvValue,
  };
}

/**
 * Two trend histories as one, in time order: a point of `b` at a time `a` has replaces it (they are the same
 * push), so a console can lay the server's history under what it received live and fill a gap a drop left.
 */
export function mergeTrend(a: readonly TrendPoint[], b: readonly TrendPoint[]): TrendPoint[] {
  const byTime = new Map<number, TrendPoint>();
  for (const point of a) byTime.set(point.tMs, point);
  for (const point of b) byTime.set(point.tMs, point);
  return [...byTime.values()].sort((x, y) => x.tMs - y.tMs);
}

export const historyRequestSchema = z
  .object({
    /** false: the trend only (a console that reconnects catches its events up with `room:resync`). */
    events: z.boolean().default(true),
  })
  .strict();
export type HistoryRequest = z.input<typeof historyRequestSchema>;

export interface ConsoleHistory {
  /** The last {@link CONSOLE_HISTORY_LIMIT} events a console shows (all but the metrics-only), in seq order. */
  events: SessionEvent[];
  /** Every marker event of the session, in seq order. */
  markers: SessionEvent[];
  trend: TrendPoint[];
}
