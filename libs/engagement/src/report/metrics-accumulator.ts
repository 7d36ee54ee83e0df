/**
 * The one implementation of the session report: fed event by event (O(1) amortised per event) by
 * the CLI, the live dashboard and the review page, so the three can never disagree. Definitions
 * follow reference/metrics.md (GPM divides by PV); rates are rounded to 4 decimals, money to cents.
 */
import type {
  CommentReport,
  FunnelStep,
  HumanViewersReport,
  MinuteRow,
  NewSessionEvent,
  ProductReport,
  ScoreItem,
  SessionReport,
  TargetCheck,
  TrafficSource,
  ValueClass,
  Violation,
} from '@livelab/contracts';
import type { Scenario } from '../scenario/scenario';

/** What the report needs to know about the scenario. */
export type ReportScenario = Pick<Scenario, 'id' | 'name' | 'category' | 'targets'> & {
  products: ReadonlyArray<{ id: string; name: string; leadOnly?: boolean }>;
};

const rate = (num: number, den: number): number => (den > 0 ? Math.round((num / den) * 1e4) / 1e4 : 0);
const yuan = (centsValue: number): number => Math.round(centsValue) / 100;
const toCents = (amount: number): number => Math.round(amount * 100);
const round1 = (x: number): number => Math.round(x * 10) / 10;

interface ProductTally {
  exposure: Set<string>;
  clicks: Set<string>;
  buyers: Set<string>;
  orders: number;
  units: number;
  gmvCents: number;
  leads: number;
  stockouts: number;
}

interface OrderTally {
  actor: string;
  productId: string;
  qty: number;
  amountCents: number;
  paid: boolean;
}

interface MinuteTally {
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

interface CommentTally {
  tMs: number;
  kind: string;
  answered: boolean;
  hidden: boolean;
  /** Objections and complaints: their row in the handling table. */
  handling?: HandlingTally;
}

interface HandlingTally {
  kind: 'objection' | 'complaint';
  topic: string;
  total: number;
  addressed: number;
  answeredOffTopic: number;
  hidden: number;
}

/** Human viewers' actors are `user:<id>` (see `humanActor` in contracts); simulated ones `bot:<n>`. */
const isHuman = (actor: string): boolean => actor.startsWith('user:');

interface HumanTally {
  viewers: Set<string>;
  comments: number;
  likes: number;
  followers: Set<string>;
  shares: number;
  clickers: Set<string>;
  couponsClaimed: number;
  giveawayEntries: number;
  ordersCreated: number;
  orders: number;
  buyers: Set<string>;
  gmvCents: number;
  leaders: Set<string>;
}

export class MetricsAccumulator {
  private seed: number | null = null;
  private lastMs = 0;
  private endedMs: number | null = null;

  private pv = 0;
  private readonly viewers = new Set<string>();
  private readonly openVisits = new Map<string, number>();
  private openEnterSumMs = 0;
  private online = 0;
  private peakOnline = 0;
  private closedWatchMs = 0;
  private effectiveViews = 0;
  private readonly entriesBySource: Record<TrafficSource, number> = {
    feed: 0,
    follower: 0,
    shortVideo: 0,
    search: 0,
    paid: 0,
    link: 0,
  };
  private impressions = 0;

  private readonly interacted = new Set<string>();
  private readonly followers = new Set<string>();
  private likes = 0;
  private shares = 0;

  private readonly exposed = new Set<string>();
  private readonly clickers = new Set<string>();
  private readonly orderers = new Set<string>();
  private readonly buyers = new Map<string, number>();
  private readonly products = new Map<string, ProductTally>();
  private readonly orders = new Map<string, OrderTally>();
  private paidOrders = 0;
  private gmvCents = 0;
  private refunds = 0;
  private refundCents = 0;
  private readonly leaders = new Set<string>();
  private leads = 0;

  private readonly comments = new Map<string, CommentTally>();
  private commentTotal = 0;
  private questions = 0;
  private answered = 0;
  private answeredWithin30 = 0;
  private readonly responseSec: number[] = [];
  private readonly handling = new Map<string, HandlingTally>();
  private readonly explainedMs = new Map<string, number>();
  private pinned: { productId: string; sinceMs: number } | null = null;
  private complaints = 0;
  private complaintsHandled = 0;
  private objections = 0;
  private objectionsHandled = 0;
  private hidden = 0;
  private muted = 0;
  private readonly byKind: Record<string, number> = {};
  private readonly byTopic: Record<string, number> = {};

  private readonly violations: Violation[] = [];
  private readonly pinnedProducts = new Set<string>();
  private readonly promotions = new Set<string>();
  private readonly minutes: MinuteTally[] = [];
  private integratedToMs = 0;
  private readonly humans: HumanTally = {
    viewers: new Set(),
    comments: 0,
    likes: 0,
    followers: new Set(),
    shares: 0,
    clickers: new Set(),
    couponsClaimed: 0,
    giveawayEntries: 0,
    ordersCreated: 0,
    orders: 0,
    buyers: new Set(),
    gmvCents: 0,
    leaders: new Set(),
  };

  constructor(private readonly scenario: ReportScenario) {
    for (const p of scenario.products) {
      this.products.set(p.id, {
        exposure: new Set(),
        clicks: new Set(),
        buyers: new Set(),
        orders: 0,
        units: 0,
        gmvCents: 0,
        leads: 0,
        stockouts: 0,
      });
    }
  }

  apply(event: NewSessionEvent): void {
    const t = event.tMs;
    this.integrateOnline(t);
    if (t > this.lastMs) this.lastMs = t;
    const actor = event.actor;
    if (isHuman(actor)) this.tallyHuman(event);
    switch (event.type) {
      case 'session.live':
        this.seed = event.payload.seed ?? null;
        break;
      case 'session.ended':
        this.endedMs = t;
        break;
      case 'traffic.update':
        this.impressions += event.payload.impressions;
        break;
      case 'viewer.enter': {
        this.pv++;
        this.viewers.add(actor);
        this.entriesBySource[event.payload.source]++;
        if (!this.openVisits.has(actor)) {
          this.openVisits.set(actor, t);
          this.openEnterSumMs += t;
          this.online++;
          if (this.online > this.peakOnline) this.peakOnline = this.online;
          const m = this.minute(t);
          m.entries++;
          if (this.online > m.peak) m.peak = this.online;
        }
        break;
      }
      case 'viewer.leave': {
        const enteredAt = this.openVisits.get(actor);
        if (enteredAt !== undefined) {
          this.openVisits.delete(actor);
          this.openEnterSumMs -= enteredAt;
          this.online--;
        }
        const watchMs = event.payload.watchMs;
        this.closedWatchMs += watchMs;
        if (watchMs >= 10_000) this.effectiveViews++;
        break;
      }
      case 'viewer.like':
        this.likes += event.payload.count;
        this.interacted.add(actor);
        this.minute(t).likes += event.payload.count;
        break;
      case 'viewer.follow':
        if (!this.followers.has(actor)) {
          this.followers.add(actor);
          this.minute(t).follows++;
        }
        this.interacted.add(actor);
        break;
      case 'viewer.share':
        this.shares++;
        this.interacted.add(actor);
        break;
      case 'product.exposure':
        this.exposed.add(actor);
        this.products.get(event.payload.productId)?.exposure.add(actor);
        break;
      case 'product.click':
        this.clickers.add(actor);
        this.products.get(event.payload.productId)?.clicks.add(actor);
        this.minute(t).clicks++;
        break;
      case 'product.stockout': {
        const tally = this.products.get(event.payload.productId);
        if (tally) tally.stockouts++;
        break;
      }
      case 'order.created':
        this.orderers.add(actor);
        this.orders.set(event.payload.orderId, {
          actor,
          productId: event.payload.productId,
          qty: event.payload.qty,
          amountCents: toCents(event.payload.amount),
          paid: false,
        });
        break;
      case 'order.paid': {
        const order = this.orders.get(event.payload.orderId);
        if (!order || order.paid) break;
        order.paid = true;
        const amountCents = toCents(event.payload.amount);
        this.paidOrders++;
        this.gmvCents += amountCents;
        this.buyers.set(order.actor, (this.buyers.get(order.actor) ?? 0) + amountCents);
        const tally = this.products.get(order.productId);
        if (tally) {
          tally.orders++;
          tally.units += order.qty;
          tally.gmvCents += amountCents;
          tally.buyers.add(order.actor);
        }
        const m = this.minute(t);
        m.orders++;
        m.gmvCents += amountCents;
        break;
      }
      case 'order.refunded':
        this.refunds++;
        this.refundCents += toCents(event.payload.amount);
        break;
      case 'lead.created': {
        this.leads++;
        this.leaders.add(actor);
        const tally = this.products.get(event.payload.productId);
        if (tally) tally.leads++;
        break;
      }
      case 'comment': {
        const { kind, topic, commentId } = event.payload;
        this.commentTotal++;
        this.interacted.add(actor);
        this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
        if (topic !== undefined) this.byTopic[topic] = (this.byTopic[topic] ?? 0) + 1;
        if (kind === 'question') this.questions++;
        if (kind === 'complaint') this.complaints++;
        if (kind === 'objection') this.objections++;
        if (kind === 'question' || kind === 'complaint' || kind === 'objection') {
          let handling: HandlingTally | undefined;
          if (kind !== 'question') {
            const key = `${kind}\u0000${topic ?? ''}`;
            handling = this.handling.get(key);
            if (!handling) {
              handling = { kind, topic: topic ?? '', total: 0, addressed: 0, answeredOffTopic: 0, hidden: 0 };
              this.handling.set(key, handling);
            }
            handling.total++;
          }
          this.comments.set(commentId, { tMs: t, kind, answered: false, hidden: false, handling });
        }
        this.minute(t).comments++;
        break;
      }
      case 'comment.reply': {
        const comment = this.comments.get(event.payload.replyTo);
        if (!comment || comment.answered) break;
        comment.answered = true;
        if (comment.handling) {
          if (comment.hidden) comment.handling.hidden--;
          if (event.payload.addressed) comment.handling.addressed++;
          else comment.handling.answeredOffTopic++;
        }
        if (comment.kind === 'question') {
          this.answered++;
          const sec = (t - comment.tMs) / 1000;
          this.responseSec.push(sec);
          if (sec <= 30) this.answeredWithin30++;
        } else if (comment.kind === 'complaint' && event.payload.addressed) {
          this.complaintsHandled++;
        } else if (comment.kind === 'objection' && event.payload.addressed) {
          this.objectionsHandled++;
        }
        break;
      }
      case 'host.pin':
        this.pinnedProducts.add(event.payload.productId);
        this.closePin(t);
        this.pinned = { productId: event.payload.productId, sinceMs: t };
        break;
      case 'host.unpin':
        if (event.payload.productId === null || event.payload.productId === this.pinned?.productId)
          this.closePin(t);
        break;
      case 'host.coupon':
      case 'host.flashSale':
      case 'host.giveaway':
      case 'host.price':
        this.promotions.add(event.type);
        break;
      case 'host.hide': {
        this.hidden++;
        const comment = this.comments.get(event.payload.commentId);
        if (comment && !comment.answered && !comment.hidden) {
          comment.hidden = true;
          if (comment.handling) comment.handling.hidden++;
        }
        break;
      }
      case 'host.mute':
        this.muted++;
        break;
      case 'compliance.violation':
        this.violations.push({
          t: Math.round(t / 100) / 10,
          rule: event.payload.rule,
          text: event.payload.text,
          ...(event.payload.term !== undefined ? { term: event.payload.term } : {}),
        });
        break;
      default:
        break;
    }
  }

  /** The report as of the last event (or `nowMs`, for a live dashboard between events). */
  snapshot(nowMs?: number): SessionReport {
    const now = Math.max(nowMs ?? 0, this.endedMs ?? this.lastMs);
    const openWatchMs = this.online * now - this.openEnterSumMs;
    const uv = this.viewers.size;
    const buyers = this.buyers.size;
    const gmv = yuan(this.gmvCents);
    const watchSec = (this.closedWatchMs + openWatchMs) / 1000;
    const metrics = {
      uv,
      pv: this.pv,
      peakOnline: this.peakOnline,
      avgWatchSec: uv > 0 ? round1(watchSec / uv) : 0,
      effectiveViews: this.effectiveViews,
      interactionRate: rate(this.interacted.size, uv),
      followRate: rate(this.followers.size, uv),
      newFollowers: this.followers.size,
      productExposure: this.exposed.size,
      productClicks: this.clickers.size,
      productCtr: rate(this.clickers.size, this.exposed.size),
      ctor: rate(buyers, this.clickers.size),
      conversion: rate(buyers, uv),
      orders: this.paidOrders,
      buyers,
      gmv,
      gpm: this.pv > 0 ? yuan((this.gmvCents * 1000) / this.pv) : 0,
      uvValue: uv > 0 ? yuan(this.gmvCents / uv) : 0,
      aov: buyers > 0 ? yuan(this.gmvCents / buyers) : 0,
      leads: this.leaders.size,
      leadRate: rate(this.leaders.size, uv),
      refunds: this.refunds,
      refundAmount: yuan(this.refundCents),
      likes: this.likes,
      shares: this.shares,
    };

    const funnelCounts: Array<[FunnelStep['key'], string, string, number]> = [
      ['impressions', '直播间曝光', 'Room impressions', Math.max(this.impressions, this.pv)],
      ['entries', '进入直播间', 'Entered the room', uv],
      ['productExposure', '商品曝光', 'Saw a product', this.exposed.size],
      ['productClick', '商品点击', 'Clicked a product', this.clickers.size],
      ['orderCreated', '创建订单', 'Created an order', this.orderers.size],
      ['orderPaid', '成交', 'Paid', buyers],
    ];
    const funnel: FunnelStep[] = funnelCounts.map(([key, zh, en, count], n) => ({
      key,
      zh,
      en,
      count,
      rate: n === 0 ? 1 : rate(count, funnelCounts[n - 1]![3]),
    }));

    const products: ProductReport[] = this.scenario.products.map((p) => {
      const tally = this.products.get(p.id)!;
      return {
        id: p.id,
        name: p.name,
        exposure: tally.exposure.size,
        clicks: tally.clicks.size,
        ctr: rate(tally.clicks.size, tally.exposure.size),
        orders: tally.orders,
        ctor: rate(tally.buyers.size, tally.clicks.size),
        gmv: yuan(tally.gmvCents),
        buyers: tally.buyers.size,
        leads: tally.leads,
        unitsSold: tally.units,
        stockouts: tally.stockouts,
        explainedSec: Math.round(
          ((this.explainedMs.get(p.id) ?? 0) +
            (this.pinned?.productId === p.id ? Math.max(0, now - this.pinned.sinceMs) : 0)) /
            1000,
        ),
      };
    });

    const sorted = [...this.responseSec].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median =
      sorted.length === 0
        ? null
        : round1(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
    const comments: CommentReport = {
      total: this.commentTotal,
      questions: this.questions,
      answered: this.answered,
      answeredRate: rate(this.answered, this.questions),
      medianResponseSec: median,
      p90ResponseSec:
        sorted.length === 0 ? null : round1(sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)]!),
      answeredWithin30s: this.answeredWithin30,
      byKind: sortedRecord(this.byKind),
      byTopic: sortedRecord(this.byTopic),
      complaints: this.complaints,
      complaintsHandled: this.complaintsHandled,
      objections: this.objections,
      objectionsHandled: this.objectionsHandled,
      hidden: this.hidden,
      muted: this.muted,
      handling: [...this.handling.values()]
        .map((h) => ({ ...h, ignored: h.total - h.addressed - h.answeredOffTopic - h.hidden }))
        .sort((a, b) =>
          a.kind === b.kind ? b.total - a.total || (a.topic < b.topic ? -1 : 1) : a.kind < b.kind ? -1 : 1,
        ),
    };

    const targets = this.targetChecks(metrics);
    const scoreBreakdown = this.scoreItems(metrics, comments);
    const score = round1(scoreBreakdown.reduce((sum, item) => sum + item.points, 0));

    return {
      reportVersion: 1,
      scenario: { id: this.scenario.id, name: this.scenario.name, category: this.scenario.category },
      seed: this.seed,
      durationSec: Math.round(now / 1000),
      metrics,
      funnel,
      products,
      comments,
      violations: [...this.violations],
      score,
      scoreBreakdown,
      targets,
      traffic: { entriesBySource: { ...this.entriesBySource } },
      buyersByClass: this.abc(),
      perMinute: this.minuteRows(now),
      humans: this.humanReport(),
    };
  }

  // ---------------------------------------------------------------- human viewers

  /** Counts a human's event into their share; the same event also counts in the totals like a bot's. */
  private tallyHuman(event: NewSessionEvent): void {
    const h = this.humans;
    switch (event.type) {
      case 'viewer.enter':
        h.viewers.add(event.actor);
        break;
      case 'comment':
        h.comments++;
        break;
      case 'viewer.like':
        h.likes += event.payload.count;
        break;
      case 'viewer.follow':
        h.followers.add(event.actor);
        break;
      case 'viewer.share':
        h.shares++;
        break;
      case 'product.click':
        h.clickers.add(event.actor);
        break;
      case 'coupon.claimed':
        h.couponsClaimed++;
        break;
      case 'giveaway.entered':
        h.giveawayEntries++;
        break;
      case 'order.created':
        h.ordersCreated++;
        break;
      case 'order.paid': {
        const order = this.orders.get(event.payload.orderId);
        // Counted once, like the totals (which skip a repeated payment of the same order).
        if (!order || order.paid) break;
        h.orders++;
        h.buyers.add(event.actor);
        h.gmvCents += toCents(event.payload.amount);
        break;
      }
      case 'lead.created':
        h.leaders.add(event.actor);
        break;
      default:
        break;
    }
  }

  private humanReport(): HumanViewersReport {
    const h = this.humans;
    return {
      viewers: h.viewers.size,
      comments: h.comments,
      likes: h.likes,
      follows: h.followers.size,
      shares: h.shares,
      productClicks: h.clickers.size,
      couponsClaimed: h.couponsClaimed,
      giveawayEntries: h.giveawayEntries,
      ordersCreated: h.ordersCreated,
      orders: h.orders,
      buyers: h.buyers.size,
      gmv: yuan(h.gmvCents),
      leads: h.leaders.size,
    };
  }

  // ---------------------------------------------------------------- parts

  private closePin(t: number): void {
    if (!this.pinned) return;
    const { productId, sinceMs } = this.pinned;
    this.explainedMs.set(productId, (this.explainedMs.get(productId) ?? 0) + Math.max(0, t - sinceMs));
    this.pinned = null;
  }

  private targetChecks(m: SessionReport['metrics']): TargetCheck[] {
    const t = this.scenario.targets;
    const checks: Array<[string, number, number]> = [
      ['gmv', t.gmv, m.gmv],
      ['conversion', t.conversion, m.conversion],
      ['avgWatchSec', t.avgWatchSec, m.avgWatchSec],
      ['productCtr', t.productCtr, m.productCtr],
      ['gpm', t.gpm, m.gpm],
      ['leads', t.leads, m.leads],
      ['followRate', t.followRate, m.followRate],
    ];
    return checks
      .filter(([, target]) => target > 0)
      .map(([key, target, actual]) => ({ key, target, actual, met: actual >= target }));
  }

  /** Rubric (100 points) in the spirit of the ITMC live-marketing rubric; each item shows its evidence. */
  private scoreItems(m: SessionReport['metrics'], c: CommentReport): ScoreItem[] {
    const t = this.scenario.targets;
    const part = (actual: number, target: number): number => (target > 0 ? Math.min(1, actual / target) : 1);
    const pts = (x: number): number => round1(x);
    const leadsMatter = t.leads > 0;
    const salesMax = leadsMatter ? 10 : 20;
    const items: ScoreItem[] = [
      {
        key: 'sales',
        zh: '销售目标',
        en: 'Sales vs target',
        max: salesMax,
        points: pts(salesMax * (0.6 * part(m.gmv, t.gmv) + 0.4 * part(m.conversion, t.conversion))),
        evidence: `GMV ${m.gmv} / ${t.gmv}; conversion ${pct(m.conversion)} / ${pct(t.conversion)}`,
      },
    ];
    if (leadsMatter) {
      items.push({
        key: 'leads',
        zh: '留资',
        en: 'Leads captured',
        max: 10,
        points: pts(10 * part(m.leads, t.leads)),
        evidence: `${m.leads} leads / target ${t.leads}`,
      });
    }
    const productCount = this.scenario.products.length;
    items.push(
      {
        key: 'retention',
        zh: '留人能力',
        en: 'Retention',
        max: 10,
        points: pts(10 * part(m.avgWatchSec, Math.max(60, t.avgWatchSec))),
        evidence: `average stay ${m.avgWatchSec} s (≥ 60 s earns traffic)`,
      },
      {
        key: 'productPitch',
        zh: '产品讲解',
        en: 'Product pitch',
        max: 15,
        points: pts(15 * part(this.pinnedProducts.size, productCount)),
        evidence: `${this.pinnedProducts.size}/${productCount} products pinned and explained; CTR ${pct(m.productCtr)}`,
      },
      {
        key: 'questions',
        zh: '评论答疑',
        en: 'Answering questions',
        max: 25,
        points: pts(
          15 * c.answeredRate +
            (c.medianResponseSec === null ? 0 : 10 * clamp01((120 - c.medianResponseSec) / 90)),
        ),
        evidence: `answered ${c.answered}/${c.questions} questions, median ${c.medianResponseSec ?? '–'} s; complaints handled ${c.complaintsHandled}/${c.complaints}`,
      },
      {
        key: 'interaction',
        zh: '互动效果',
        en: 'Interaction',
        max: 10,
        points: pts(6 * part(m.interactionRate, 0.15) + 4 * part(m.followRate, t.followRate)),
        evidence: `interaction ${pct(m.interactionRate)}, follow rate ${pct(m.followRate)}`,
      },
      {
        key: 'promotions',
        zh: '促销玩法',
        en: 'Promotions',
        max: 5,
        points: pts(Math.min(5, (this.promotions.size * 5) / 3)),
        evidence:
          this.promotions.size > 0
            ? [...this.promotions].sort().join(', ')
            : 'no coupon, flash sale or giveaway',
      },
      {
        key: 'compliance',
        zh: '合规',
        en: 'Compliance',
        max: 15,
        points: pts(Math.max(0, 15 - 5 * this.violations.length)),
        evidence:
          this.violations.length === 0
            ? 'no violations'
            : this.violations
                .slice(0, 3)
                .map((v) => `${v.t}s ${v.term ?? v.rule}`)
                .join('; '),
      },
    );
    return items;
  }

  private abc(): Record<ValueClass, { buyers: number; gmv: number }> {
    // ABC by spend rank: top 20% of buyers are A, next 30% B, the long tail C.
    const ranked = [...this.buyers.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const result: Record<ValueClass, { buyers: number; gmv: number }> = {
      A: { buyers: 0, gmv: 0 },
      B: { buyers: 0, gmv: 0 },
      C: { buyers: 0, gmv: 0 },
    };
    const cents: Record<ValueClass, number> = { A: 0, B: 0, C: 0 };
    const aCut = Math.ceil(ranked.length * 0.2);
    const bCut = Math.ceil(ranked.length * 0.5);
    ranked.forEach(([, spend], n) => {
      const cls: ValueClass = n < aCut ? 'A' : n < bCut ? 'B' : 'C';
      result[cls].buyers++;
      cents[cls] += spend;
    });
    for (const cls of ['A', 'B', 'C'] as const) result[cls].gmv = yuan(cents[cls]);
    return result;
  }

  private minuteRows(nowMs: number): MinuteRow[] {
    // Online time since the last event, without mutating state (a live snapshot may come mid-stream).
    const pending = new Map<number, number>();
    for (let from = this.integratedToMs; from < nowMs;) {
      const to = Math.min(nowMs, (Math.floor(from / 60_000) + 1) * 60_000);
      pending.set(Math.floor(from / 60_000), this.online * (to - from));
      from = to;
    }
    const count = Math.max(this.minutes.length, Math.ceil(nowMs / 60_000));
    const rows: MinuteRow[] = [];
    for (let n = 0; n < count; n++) {
      const m = this.minutes[n];
      const spanMs = Math.min(60_000, Math.max(0, nowMs - n * 60_000)) || 60_000;
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

  /** Add online × elapsed time into the minute buckets up to `t`. */
  private integrateOnline(t: number): void {
    let from = this.integratedToMs;
    if (t <= from) return;
    while (from < t) {
      const minuteEnd = (Math.floor(from / 60_000) + 1) * 60_000;
      const to = Math.min(t, minuteEnd);
      const m = this.minute(from);
      m.onlineMs += this.online * (to - from);
      if (this.online > m.peak) m.peak = this.online;
      from = to;
    }
    this.integratedToMs = t;
  }

  private minute(tMs: number): MinuteTally {
    const n = Math.max(0, Math.floor(tMs / 60_000));
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
}

/** Build the report of a finished (or running) session from its event log. */
export function buildReport(scenario: ReportScenario, events: Iterable<NewSessionEvent>): SessionReport {
  const accumulator = new MetricsAccumulator(scenario);
  for (const event of events) accumulator.apply(event);
  return accumulator.snapshot();
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

function sortedRecord(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}
