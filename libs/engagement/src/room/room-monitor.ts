/**
 * The live dashboard of one room (the console's KPIs and alerts): the report so far from the one report
 * implementation, entries and exits over the last minute, online a minute ago, the last violations, and what
 * the room state says about stock, coupons, the flash sale and waiting questions. Fed every committed event;
 * asked for a `MetricsMessage` once a second, each of which it keeps as a trend point for consoles that open
 * later (a resumed room remakes the points before it from the log).
 */
import type {
  MetricsMessage,
  NewSessionEvent,
  RoomAlert,
  SessionReport,
  TrendPoint,
} from '@livelab/contracts';
import { trendPointOf } from '@livelab/contracts';
import type { RoomState } from '@livelab/session';
import { couponLeft, flashSaleView, openQuestions } from '@livelab/session';
import type { ReportScenario } from '../report/metrics-accumulator';
import { MetricsAccumulator } from '../report/metrics-accumulator';

export interface RoomMonitorOptions {
  /** A question waiting this long raises the "questions waiting" alert. */
  questionAlertSec?: number;
}

/** Online falling by this share within a minute (from at least `DROP_MIN_ONLINE`) raises an alert. */
const DROP_SHARE = 0.2;
const DROP_MIN_ONLINE = 20;
/** Units left at or below which a product raises the low-stock alert. */
const LOW_STOCK = 5;

export class RoomMonitor {
  private readonly accumulator: MetricsAccumulator;
  private readonly perSecond: Array<{ sec: number; entries: number; exits: number }> = [];
  private readonly onlineHistory: Array<{ tMs: number; online: number }> = [];
  private readonly recentViolations: Array<{ tMs: number; term?: string; text: string }> = [];
  /** One point per metrics push (one a session second: ~86 kB an hour). */
  private readonly trendPoints: TrendPoint[] = [];

  constructor(
    scenario: ReportScenario,
    private readonly options: RoomMonitorOptions = {},
  ) {
    this.accumulator = new MetricsAccumulator(scenario);
  }

  observe(event: NewSessionEvent): void {
    this.accumulator.apply(event);
    if (event.type === 'viewer.enter' || event.type === 'viewer.leave') {
      const sec = Math.floor(event.tMs / 1000);
      let bucket = this.perSecond[this.perSecond.length - 1];
      if (!bucket || bucket.sec !== sec) {
        bucket = { sec, entries: 0, exits: 0 };
        this.perSecond.push(bucket);
        while (this.perSecond.length > 90) this.perSecond.shift();
      }
      if (event.type === 'viewer.enter') bucket.entries++;
      else bucket.exits++;
    } else if (event.type === 'compliance.violation' && event.payload.rule === 'ad-law-absolute-term') {
      this.recentViolations.push({
        tMs: event.tMs,
        ...(event.payload.term !== undefined ? { term: event.payload.term } : {}),
        text: event.payload.text,
      });
      if (this.recentViolations.length > 20) this.recentViolations.shift();
    }
  }

  /**
   * A resumed session's log, observed in order: a trend point for each session second it crosses, from the
   * log's own counts (online is entries less exits, as the report counts it), where the pushes were lost.
   */
  observeHistory(events: Iterable<NewSessionEvent>): void {
    // The point at whole second k counts every event at or before k s (as a push at k s would).
    let k = Math.floor((this.trendPoints.at(-1)?.tMs ?? 0) / 1000);
    for (const event of events) {
      const before = Math.ceil(event.tMs / 1000) - 1;
      if (before > k) {
        k = before;
        this.trendPoints.push(this.pointAt(k * 1000));
      }
      this.observe(event);
    }
  }

  /** The trend so far: one point per push, in time order. */
  trend(): readonly TrendPoint[] {
    return this.trendPoints;
  }

  report(tMs?: number): SessionReport {
    return this.accumulator.snapshot(tMs);
  }

  /** The 1 s metrics push: `online` is everyone watching now (the audience counts the humans in). */
  metrics(state: Readonly<RoomState>, online: number, tMs: number): MetricsMessage {
    const report = this.accumulator.snapshot(tMs);
    const { entries, exits } = this.lastMinute(tMs);
    this.onlineHistory.push({ tMs, online });
    while (this.onlineHistory.length > 0 && this.onlineHistory[0]!.tMs < tMs - 120_000)
      this.onlineHistory.shift();
    // Scanned once a push: the count and the waiting-question alert both come from it.
    const open = openQuestions(state, tMs);
    const message: MetricsMessage = {
      tMs,
      online,
      metrics: report.metrics,
      funnel: report.funnel,
      entriesBySource: report.traffic.entriesBySource,
      entriesPerMin: entries,
      exitsPerMin: exits,
      openQuestions: open.length,
      stock: Object.fromEntries([...state.products.values()].map((p) => [p.id, p.stock])),
      couponsLeft: Object.fromEntries([...state.coupons.values()].map((c) => [c.id, couponLeft(c)])),
      flashSale: flashSaleView(state, tMs),
      alerts: this.alerts(state, tMs, online, open),
    };
    if (tMs > (this.trendPoints.at(-1)?.tMs ?? -1)) this.trendPoints.push(trendPointOf(message));
    return message;
  }

  /** Entries and exits in the minute up to `tMs`. */
  private lastMinute(tMs: number): { entries: number; exits: number } {
    const sec = Math.floor(tMs / 1000);
    let entries = 0;
    let exits = 0;
    for (const bucket of this.perSecond) {
      if (bucket.sec > sec - 60) {
        entries += bucket.entries;
        exits += bucket.exits;
      }
    }
    return { entries, exits };
  }

  private pointAt(tMs: number): TrendPoint {
    const { entries, exits } = this.lastMinute(tMs);
    return { tMs, entriesPerMin: entries, exitsPerMin: exits, ...this.accumulator.running() };
  }

  private alerts(
    state: Readonly<RoomState>,
    tMs: number,
    online: number,
    open: Array<{ commentId: string; waitingSec: number }>,
  ): RoomAlert[] {
    const alerts: RoomAlert[] = [];
    const minuteAgo = this.onlineHistory.find((h) => h.tMs >= tMs - 60_000);
    if (minuteAgo && minuteAgo.online >= DROP_MIN_ONLINE && online < minuteAgo.online * (1 - DROP_SHARE)) {
      alerts.push({
        kind: 'trafficFalling',
        tMs,
        message: `online ${minuteAgo.online} → ${online} in the last minute`,
        value: online,
        reference: minuteAgo.online,
      });
    }
    const waitLimit = (this.options.questionAlertSec ?? 30) * 1000;
    const overdue = open.filter((q) => q.waitingSec * 1000 >= waitLimit);
    if (overdue.length > 0) {
      const longest = Math.max(...overdue.map((q) => q.waitingSec));
      alerts.push({
        kind: 'questionWaiting',
        tMs,
        message: `${overdue.length} questions waiting, the longest ${longest} s`,
        subject: overdue.find((q) => q.waitingSec === longest)?.commentId,
        value: overdue.length,
        reference: longest,
      });
    }
    for (const product of state.products.values()) {
      if (!product.leadOnly && product.stock <= LOW_STOCK) {
        alerts.push({
          kind: 'lowStock',
          tMs,
          message: `${product.name}: ${product.stock} left`,
          subject: product.id,
        });
      }
    }
    for (const violation of this.recentViolations) {
      if (violation.tMs >= tMs - 60_000) {
        alerts.push({
          kind: 'bannedWord',
          tMs: violation.tMs,
          message: `banned term "${violation.term ?? '?'}" in: ${violation.text.slice(0, 40)}`,
          subject: violation.term,
        });
      }
    }
    return alerts.slice(0, 50);
  }
}
