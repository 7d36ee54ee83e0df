/**
 * The session report (直播复盘): one shape for `livelab simulate --json`, the live dashboard's
 * snapshots and the review page. Derived from the event log only, so it can always be recomputed.
 * Rates are fractions rounded to 4 decimals; money is CNY rounded to cents. The zod schema is what a stored
 * report is read back with: one that does not parse (an older shape) is rebuilt from the log instead.
 */
import { z } from 'zod';
import { TRAFFIC_SOURCES } from './events';

const count = z.number();

export const reportMetricsSchema = z.object({
  uv: count,
  pv: count,
  peakOnline: count,
  avgWatchSec: count,
  effectiveViews: count,
  /**
   * 跳失: entries (counted in PV) that left by themselves in under `MODEL.bounceSec` (10 s) of watch time with no
   * interaction during that visit — no comment, like, share, follow, product click, coupon claim, order (or lead),
   * nor 福袋 entry. A visit still open, or closed by the end of the stream, is not a bounce.
   */
  bounces: count,
  /** 跳失率: bounces / PV (0 when PV is 0). */
  bounceRate: count,
  interactionRate: count,
  followRate: count,
  newFollowers: count,
  productExposure: count,
  productClicks: count,
  productCtr: count,
  ctor: count,
  conversion: count,
  orders: count,
  buyers: count,
  gmv: count,
  gpm: count,
  uvValue: count,
  aov: count,
  leads: count,
  leadRate: count,
  refunds: count,
  refundAmount: count,
  likes: count,
  shares: count,
  /** 毛利: paid amounts less the cost of the goods, refunds and 福袋 prizes (CNY). */
  grossProfit: count,
  /** Promotion cost: coupon discounts and flash-sale markdowns on paid orders, and 福袋 prizes (CNY). */
  promotionCost: count,
  /**
   * What the leads are worth to sales (CNY): each at the scenario's lead value, plus, for the share that end in
   * a sale, the difference between the price promised in the room and the catalogue price.
   */
  leadValue: count,
});
export type ReportMetrics = z.output<typeof reportMetricsSchema>;

export const FUNNEL_STEP_KEYS = [
  'impressions',
  'entries',
  'productExposure',
  'productClick',
  'orderCreated',
  'orderPaid',
] as const;
export type FunnelStepKey = (typeof FUNNEL_STEP_KEYS)[number];

export const funnelStepSchema = z.object({
  key: z.enum(FUNNEL_STEP_KEYS),
  zh: z.string(),
  en: z.string(),
  /** People (distinct viewers) at this step; `impressions` and `entries` count views. */
  count,
  /** count / previous step's count (1 for the first step). */
  rate: count,
});
export type FunnelStep = z.output<typeof funnelStepSchema>;

export const productReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The English name, where the catalogue has one (an English page shows it). */
  nameEn: z.string().optional(),
  exposure: count,
  clicks: count,
  ctr: count,
  orders: count,
  ctor: count,
  gmv: count,
  /** Extra detail beyond the stable fields. */
  buyers: count,
  /** Leads taken for this product (a person may leave leads for two products; the session's `leads` counts people). */
  leads: count,
  unitsSold: count,
  stockouts: count,
  /** Seconds the product was pinned (讲解中) during the session. */
  explainedSec: count,
});
export type ProductReport = z.output<typeof productReportSchema>;

/** Objections and complaints of one kind and topic, by how they ended. */
export const commentHandlingRowSchema = z.object({
  kind: z.enum(['objection', 'complaint']),
  topic: z.string(),
  total: count,
  /** Answered with a reply that addressed the topic. */
  addressed: count,
  /** Answered, but the reply missed the topic. */
  answeredOffTopic: count,
  /** Hidden by the host without an answer. */
  hidden: count,
  /** Never answered. */
  ignored: count,
});
export type CommentHandlingRow = z.output<typeof commentHandlingRowSchema>;

export const commentReportSchema = z.object({
  total: count,
  questions: count,
  answered: count,
  /** answered / questions. */
  answeredRate: count,
  /** Median seconds from a question to its first reply; null when nothing was answered. */
  medianResponseSec: count.nullable(),
  /** 90th percentile (nearest rank) of the same response times; null when nothing was answered. */
  p90ResponseSec: count.nullable(),
  answeredWithin30s: count,
  byKind: z.record(z.string(), count),
  byTopic: z.record(z.string(), count),
  complaints: count,
  complaintsHandled: count,
  objections: count,
  objectionsHandled: count,
  hidden: count,
  muted: count,
  handling: z.array(commentHandlingRowSchema),
});
export type CommentReport = z.output<typeof commentReportSchema>;

export const violationSchema = z.object({
  /** Seconds of session time. */
  t: count,
  rule: z.string(),
  text: z.string(),
  term: z.string().optional(),
});
export type Violation = z.output<typeof violationSchema>;

/** The platform's penalty after repeated violations (警告 → 限流 → 断播). */
export const penaltySchema = z.object({
  t: count,
  step: z.enum(['warning', 'throttle', 'cut']),
  rule: z.string(),
  violations: count,
  /** 限流: until when (seconds of session time), and what it left of recommended traffic. */
  untilSec: count.optional(),
  feedMult: count.optional(),
});
export type Penalty = z.output<typeof penaltySchema>;

export const targetCheckSchema = z.object({
  key: z.string(),
  target: count,
  actual: count,
  met: z.boolean(),
});
export type TargetCheck = z.output<typeof targetCheckSchema>;

export const minuteRowSchema = z.object({
  minute: count,
  entries: count,
  avgOnline: count,
  peakOnline: count,
  comments: count,
  likes: count,
  follows: count,
  clicks: count,
  orders: count,
  gmv: count,
});
export type MinuteRow = z.output<typeof minuteRowSchema>;

export const scoreItemSchema = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  points: count,
  max: count,
  /** Short evidence line, e.g. "answered 84% of 210 questions, median 12 s". */
  evidence: z.string(),
  /** The same line in Chinese (absent in reports stored before it was written). */
  evidenceZh: z.string().optional(),
  /** The moments behind the points (seek the replay there); `good: false` cost points. */
  marks: z
    .array(
      z.object({
        tMs: count,
        /** English where the words are the report's own (a product's English name, a check's name). */
        label: z.string(),
        /** The same in Chinese where it differs. */
        labelZh: z.string().optional(),
        good: z.boolean(),
      }),
    )
    .default([]),
});
export type ScoreItem = z.output<typeof scoreItemSchema>;

/**
 * What human viewers (classmates on their phones, actors `user:<id>`) did. Their actions already count in
 * every figure above exactly like the simulated audience's; this is their share, so a review can tell them apart.
 */
export const humanViewersReportSchema = z.object({
  viewers: count,
  comments: count,
  likes: count,
  follows: count,
  shares: count,
  productClicks: count,
  couponsClaimed: count,
  giveawayEntries: count,
  ordersCreated: count,
  /** Paid orders. */
  orders: count,
  buyers: count,
  gmv: count,
  leads: count,
});
export type HumanViewersReport = z.output<typeof humanViewersReportSchema>;

const classTally = z.object({ buyers: count, gmv: count });

export const sessionReportSchema = z.object({
  reportVersion: z.literal(1),
  scenario: z.object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
    category: z.string(),
  }),
  seed: count.nullable(),
  durationSec: count,
  metrics: reportMetricsSchema,
  funnel: z.array(funnelStepSchema),
  products: z.array(productReportSchema),
  comments: commentReportSchema,
  violations: z.array(violationSchema),
  penalties: z.array(penaltySchema),
  /** 0–100, the sum of `scoreBreakdown` points. */
  score: count,
  scoreBreakdown: z.array(scoreItemSchema),
  targets: z.array(targetCheckSchema),
  traffic: z.object({
    entriesBySource: z.object(
      Object.fromEntries(TRAFFIC_SOURCES.map((source) => [source, count])) as Record<
        (typeof TRAFFIC_SOURCES)[number],
        typeof count
      >,
    ),
  }),
  buyersByClass: z.object({ A: classTally, B: classTally, C: classTally }),
  perMinute: z.array(minuteRowSchema),
  humans: humanViewersReportSchema,
});
export type SessionReport = z.output<typeof sessionReportSchema>;
