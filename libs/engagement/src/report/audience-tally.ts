/**
 * The audience's side of the session: visits (PV, UV, online now and at peak), watch time, effective views and
 * bounces, where people came from, impressions, and who interacted (comments, likes, follows, shares).
 */
import type { NewSessionEvent, TrafficSource } from '@livelab/contracts';
import { MODEL } from '../sim/params';
import type { MinuteSeries } from './minute-series';

/** A view counts as effective after 10 s (TikTok's 10-second view, reference/metrics.md). */
const EFFECTIVE_VIEW_MS = 10_000;
/** A visit that left by itself before this, without acting, is a bounce (跳失). */
const BOUNCE_MS = MODEL.bounceSec * 1000;

export class AudienceTally {
  pv = 0;
  readonly viewers = new Set<string>();
  /** Online now: actor → entered at (ms). */
  private readonly openVisits = new Map<string, number>();
  private openEnterSumMs = 0;
  online = 0;
  peakOnline = 0;
  private closedWatchMs = 0;
  effectiveViews = 0;
  /** Visits that left in under `BOUNCE_MS` without acting (see `reportMetricsSchema.bounces`). */
  bounces = 0;
  /** Actors whose open visit has seen them act (comment, like, share, follow, click, coupon, order, lead, 福袋). */
  private readonly actedThisVisit = new Set<string>();
  readonly entriesBySource: Record<TrafficSource, number> = {
    feed: 0,
    follower: 0,
    shortVideo: 0,
    search: 0,
    paid: 0,
    link: 0,
  };
  impressions = 0;
  readonly interacted = new Set<string>();
  readonly followers = new Set<string>();
  likes = 0;
  shares = 0;

  constructor(private readonly minutes: MinuteSeries) {}

  apply(event: NewSessionEvent): void {
    const t = event.tMs;
    const actor = event.actor;
    switch (event.type) {
      case 'traffic.update':
        this.impressions += event.payload.impressions;
        break;
      case 'viewer.enter': {
        this.pv++;
        this.viewers.add(actor);
        this.entriesBySource[event.payload.source]++;
        if (!this.openVisits.has(actor)) {
          this.actedThisVisit.delete(actor);
          this.openVisits.set(actor, t);
          this.openEnterSumMs += t;
          this.online++;
          if (this.online > this.peakOnline) this.peakOnline = this.online;
          const m = this.minutes.at(t);
          m.entries++;
          if (this.online > m.peak) m.peak = this.online;
        }
        break;
      }
      case 'viewer.leave': {
        const enteredAt = this.openVisits.get(actor);
        const watchMs = event.payload.watchMs;
        if (enteredAt !== undefined) {
          this.openVisits.delete(actor);
          this.openEnterSumMs -= enteredAt;
          this.online--;
          // Left by themselves (not at the stream's end), fast, without acting: 跳失.
          if (event.payload.reason === 'left' && watchMs < BOUNCE_MS && !this.actedThisVisit.has(actor))
            this.bounces++;
          this.actedThisVisit.delete(actor);
        }
        this.closedWatchMs += watchMs;
        if (watchMs >= EFFECTIVE_VIEW_MS) this.effectiveViews++;
        break;
      }
      case 'viewer.like':
        this.likes += event.payload.count;
        this.interacted.add(actor);
        this.acted(actor);
        this.minutes.at(t).likes += event.payload.count;
        break;
      case 'viewer.follow':
        if (!this.followers.has(actor)) {
          this.followers.add(actor);
          this.minutes.at(t).follows++;
        }
        this.interacted.add(actor);
        this.acted(actor);
        break;
      case 'viewer.share':
        this.shares++;
        this.interacted.add(actor);
        this.acted(actor);
        break;
      case 'comment':
        this.interacted.add(actor);
        this.acted(actor);
        this.minutes.at(t).comments++;
        break;
      case 'product.click':
      case 'coupon.claimed':
      case 'order.created':
      case 'lead.created':
      case 'giveaway.entered':
        this.acted(actor);
        break;
      default:
        break;
    }
  }

  /** The actor did something during their open visit: that visit is no bounce. */
  private acted(actor: string): void {
    if (this.openVisits.has(actor)) this.actedThisVisit.add(actor);
  }

  /** Watch time of every visit, closed or still open at `nowMs`, in seconds. */
  watchSec(nowMs: number): number {
    const openWatchMs = this.online * nowMs - this.openEnterSumMs;
    return (this.closedWatchMs + openWatchMs) / 1000;
  }
}
