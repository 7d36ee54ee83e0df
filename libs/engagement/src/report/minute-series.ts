/**
 * The report's per-minute rows: entries, online time (integrated between events), peak, comments, likes,
 * follows, clicks, orders and GMV for each minute of the session.
 */
import type { MinuteRow } from '@livelab/contracts';
import { round1, yuan } from './report-math';

export interface MinuteTally {
  entries: number;
  onlineMs: number;
  peak: number;
  comments: number;
  likes: number;
  follows: number;
  clicks: number;
  orders: number;
  gmvCents: number;
}

const MINUTE_MS = 60_000;

export class MinuteSeries {
  private readonly minutes: MinuteTally[] = [];
  private integratedToMs = 0;

  /** The minute that holds `tMs`. */
  at(tMs: number): MinuteTally {
    const n = Math.max(0, Math.floor(tMs / MINUTE_MS));
    while (this.minutes.length <= n) {
      this.minutes.push({
        entries: 0,
        onlineMs: 0,
        peak: 0,
        comments: 0,
        likes: 0,
        follows: 0,
        clicks: 0,
        orders: 0,
        gmvCents: 0,
      });
    }
    return this.minutes[n]!;
  }

  /** Add `online` × elapsed time into the minutes up to `t`. */
  integrate(t: number, online: number): void {
    let from = this.integratedToMs;
    if (t <= from) return;
    while (from < t) {
      const minuteEnd = (Math.floor(from / MINUTE_MS) + 1) * MINUTE_MS;
      const to = Math.min(t, minuteEnd);
      const m = this.at(from);
      m.onlineMs += online * (to - from);
      if (online > m.peak) m.peak = online;
      from = to;
    }
    this.integratedToMs = t;
  }

  rows(nowMs: number, online: number): MinuteRow[] {
    // Online time since the last event, without mutating state (a live snapshot may come mid-stream).
    const pending = new Map<number, number>();
    for (let from = this.integratedToMs; from < nowMs;) {
      const to = Math.min(nowMs, (Math.floor(from / MINUTE_MS) + 1) * MINUTE_MS);
      pending.set(Math.floor(from / MINUTE_MS), online * (to - from));
      from = to;
    }
    const count = Math.max(this.minutes.length, Math.ceil(nowMs / MINUTE_MS));
    const rows: MinuteRow[] = [];
    for (let n = 0; n < count; n++) {
      const m = this.minutes[n];
      const spanMs = Math.min(MINUTE_MS, Math.max(0, nowMs - n * MINUTE_MS)) || MINUTE_MS;
      rows.push({
        minute: n,
        entries: m?.entries ?? 0,
        avgOnline: round1(((m?.onlineMs ?? 0) + (pending.get(n) ?? 0)) / spanMs),
        peakOnline: m?.peak ?? 0,
        comments: m?.comments ?? 0,
        likes: m?.likes ?? 0,
        follows: m?.follows ?? 0,
        clicks: m?.clicks ?? 0,
        orders: m?.orders ?? 0,
        gmv: m ? yuan(m.gmvCents) : 0,
      });
    }
    return rows;
  }
}
