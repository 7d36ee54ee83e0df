/**
 * The one implementation of the session report: fed event by event (O(1) amortised per event) by
 * the CLI, the live dashboard and the review page, so the three can never disagree. Definitions
 * follow reference/metrics.md (GPM divides by PV); rates are rounded to 4 decimals, money to cents.
 *
 * The counting is split by what it counts — the audience (`AudienceTally`), the shop (`SalesTally`), comments
 * (`CommentTally`), the humans' share (`HumanTally`) and the minutes (`MinuteSeries`); the rubric
 * (`rubric.ts`) scores the finished counts and counts nothing itself.
 */
import type { NewSessionEvent, Penalty, SessionReport, Violation } from '@livelab/contracts';
import { DEFAULT_PLATFORM_RULES, isHuman } from '@livelab/session';
import type { Scenario } from '../scenario/scenario';
import { AudienceTally } from './audience-tally';
import { CommentTally } from './comment-tally';
import { HumanTally } from './human-tally';
import { MinuteSeries } from './minute-series';
import { rate, round1, yuan } from './report-math';
import type { RubricWeights } from './rubric';
import { scoreItems, scoreOf, targetChecks } from './rubric';
import type { RubricProduct } from './rubric-tally';
import { RubricTally } from './rubric-tally';
import type { CostedProduct, SalesEconomics } from './sales-tally';
import { SalesTally } from './sales-tally';

/** What the report needs to know about the scenario. */
export type ReportScenario = Pick<Scenario, 'id' | 'name' | 'category' | 'targets'> & {
  nameEn?: string;
  products: ReadonlyArray<CostedProduct & RubricProduct & { leadOnly?: boolean }>;
  /** Margin and prize cost (the scenario's; defaults when absent). */
  economics?: SalesEconomics;
  /** The rubric's item maxima (defaults when absent) and the platform's least flash-sale stock. */
  rubric?: Partial<RubricWeights>;
  platform?: { minFlashStock?: number };
};

export class MetricsAccumulator {
  private seed: number | null = null;
  private lastMs = 0;
  private endedMs: number | null = null;
  private readonly minutes = new MinuteSeries();
  private readonly audience = new AudienceTally(this.minutes);
  private readonly sales: SalesTally;
  private readonly comments = new CommentTally();
  private readonly humans = new HumanTally();
  private readonly promotions = new Set<string>();
  private readonly violations: Violation[] = [];
  private readonly penalties: Penalty[] = [];
  private readonly rubric: RubricTally;

  constructor(private readonly scenario: ReportScenario) {
    this.sales = new SalesTally(scenario.products, this.minutes, scenario.economics);
    this.rubric = new RubricTally(scenario.products);
  }

  apply(event: NewSessionEvent): void {
    const t = event.tMs;
    this.minutes.integrate(t, this.audience.online);
    if (t > this.lastMs) this.lastMs = t;
    if (isHuman(event.actor)) {
      this.humans.apply(
        event,
        event.type === 'order.paid' && this.sales.awaitsPayment(event.payload.orderId),
      );
    }
    this.audience.apply(event);
    this.sales.apply(event);
    this.comments.apply(event);
    this.rubric.apply(event);
    switch (event.type) {
      case 'session.live':
        this.seed = event.payload.seed ?? null;
        break;
      case 'session.ended':
        this.endedMs = t;
        break;
      case 'host.coupon':
      case 'host.flashSale':
      case 'host.giveaway':
      case 'host.price':
        this.promotions.add(event.type);
        break;
      case 'platform.penalty':
        this.penalties.push({
          t: Math.round(t / 100) / 10,
          step: event.payload.step,
          rule: event.payload.rule,
          violations: event.payload.violations,
          ...(event.payload.untilMs !== undefined
            ? { untilSec: Math.round(event.payload.untilMs / 1000) }
            : {}),
          ...(event.payload.feedMult !== undefined ? { feedMult: event.payload.feedMult } : {}),
        });
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

  /** The few running figures a trend point needs, without building a report (replaying a long log). */
  running(): { online: number; gmv: number; conversion: number; gpm: number; uvValue: number } {
    const uv = this.audience.viewers.size;
    return {
      online: this.audience.online,
      gmv: yuan(this.sales.gmvCents),
      conversion: rate(this.sales.buyerCount, uv),
      gpm: gpmOf(this.sales.gmvCents, this.audience.pv),
      uvValue: uvValueOf(this.sales.gmvCents, uv),
    };
  }

  /** The report as of the last event (or `nowMs`, for a live dashboard between events). */
  snapshot(nowMs?: number): SessionReport {
    const now = Math.max(nowMs ?? 0, this.endedMs ?? this.lastMs);
    const { audience: a, sales } = this;
    const uv = a.viewers.size;
    const buyers = sales.buyerCount;
    const watchSec = a.watchSec(now);
    const metrics = {
      uv,
      pv: a.pv,
      peakOnline: a.peakOnline,
      avgWatchSec: uv > 0 ? round1(watchSec / uv) : 0,
      effectiveViews: a.effectiveViews,
      bounces: a.bounces,
      bounceRate: rate(a.bounces, a.pv),
      interactionRate: rate(a.interacted.size, uv),
      followRate: rate(a.followers.size, uv),
      newFollowers: a.followers.size,
      productExposure: sales.exposed.size,
      productClicks: sales.clickers.size,
      productCtr: rate(sales.clickers.size, sales.exposed.size),
      ctor: rate(buyers, sales.clickers.size),
      conversion: rate(buyers, uv),
      orders: sales.paidOrders,
      buyers,
      gmv: yuan(sales.gmvCents),
      gpm: gpmOf(sales.gmvCents, a.pv),
      uvValue: uvValueOf(sales.gmvCents, uv),
      aov: buyers > 0 ? yuan(sales.gmvCents / buyers) : 0,
      leads: sales.leaders.size,
      leadRate: rate(sales.leaders.size, uv),
      refunds: sales.refunds,
      refundAmount: yuan(sales.refundCents),
      likes: a.likes,
      shares: a.shares,
      grossProfit: yuan(sales.profitCents),
      promotionCost: yuan(sales.promotionCents),
      leadValue: yuan(sales.leadValueCents),
    };
    const comments = this.comments.report();
    const targets = this.scenario.targets;
    const rubric = this.rubric;
    const scoreBreakdown = scoreItems(
      targets,
      metrics,
      comments,
      {
        productCount: this.scenario.products.length,
        explained: rubric.explained(now),
        humanAnswers: rubric.humanAnswers,
        policyAnswers: rubric.policyAnswers,
        promotions: rubric.promotions(
          this.scenario.platform?.minFlashStock ?? DEFAULT_PLATFORM_RULES.minFlashStock,
        ),
        opening: { ...rubric.openingParts(), marks: rubric.opening },
        closing: { ...rubric.closingParts(now), marks: rubric.closing(now) },
        violations: rubric.violations,
        liveSec: now / 1000,
        pretest: rubric.pretest,
      },
      this.scenario.rubric,
    );

    return {
      reportVersion: 1,
      scenario: {
        id: this.scenario.id,
        name: this.scenario.name,
        ...(this.scenario.nameEn ? { nameEn: this.scenario.nameEn } : {}),
        category: this.scenario.category,
      },
      seed: this.seed,
      durationSec: Math.round(now / 1000),
      metrics,
      funnel: sales.funnel(a.impressions, a.pv, uv),
      products: sales.productRows(now),
      comments,
      violations: [...this.violations],
      penalties: [...this.penalties],
      score: scoreOf(scoreBreakdown),
      scoreBreakdown,
      targets: targetChecks(targets, metrics),
      traffic: { entriesBySource: { ...a.entriesBySource } },
      buyersByClass: sales.buyersByClass(),
      perMinute: this.minutes.rows(now, a.online),
      humans: this.humans.report(),
    };
  }
}

/** Build the report of a finished (or running) session from its event log. */
export function buildReport(scenario: ReportScenario, events: Iterable<NewSessionEvent>): SessionReport {
  const accumulator = new MetricsAccumulator(scenario);
  for (const event of events) accumulator.apply(event);
  return accumulator.snapshot();
}

/** 千次观看成交: GMV per thousand entries (PV, as the metric's definition in @livelab/contracts says). */
const gpmOf = (gmvCents: number, pv: number): number => (pv > 0 ? yuan((gmvCents * 1000) / pv) : 0);
/** UV价值: GMV per unique viewer. */
const uvValueOf = (gmvCents: number, uv: number): number => (uv > 0 ? yuan(gmvCents / uv) : 0);
