/**
 * The session report (直播复盘): one shape for `livelab simulate --json`, the live dashboard's
 * snapshots and the review page. Derived from the event log only, so it can always be recomputed.
 * Rates are fractions rounded to 4 decimals; money is CNY rounded to cents.
 */
import type { TrafficSource, ValueClass } from './events';

export interface ReportMetrics {
  uv: number;
  pv: number;
  peakOnline: number;
  avgWatchSec: number;
  effectiveViews: number;
  interactionRate: number;
  followRate: number;
  newFollowers: number;
  productExposure: number;
  productClicks: number;
  productCtr: number;
  ctor: number;
  conversion: number;
  orders: number;
  buyers: number;
  gmv: number;
  gpm: number;
  uvValue: number;
  aov: number;
  leads: number;
  leadRate: number;
  refunds: number;
  refundAmount: number;
  likes: number;
  shares: number;
}

export type FunnelStepKey =
  'impressions' | 'entries' | 'productExposure' | 'productClick' | 'orderCreated' | 'orderPaid';

export interface FunnelStep {
  key: FunnelStepKey;
  zh: string;
  en: string;
  /** People (distinct viewers) at this step; `impressions` and `entries` count views. */
  count: number;
  /** count / previous step's count (1 for the first step). */
  rate: number;
}

export interface ProductReport {
  id: string;
  name: string;
  exposure: number;
  clicks: number;
  ctr: number;
  orders: number;
  ctor: number;
  gmv: number;
  /** Extra detail beyond the stable fields. */
  buyers: number;
  leads: number;
  unitsSold: number;
  stockouts: number;
  /** Seconds the product was pinned (讲解中) during the session. */
  explainedSec: number;
}

/** Objections and complaints of one kind and topic, by how they ended. */
export interface CommentHandlingRow {
  kind: 'objection' | 'complaint';
  topic: string;
  total: number;
  /** Answered with a reply that addressed the topic. */
  addressed: number;
  /** Answered, but the reply missed the topic. */
  answeredOffTopic: number;
  /** Hidden by the host without an answer. */
  hidden: number;
  /** Never answered. */
  ignored: number;
}

export interface CommentReport {
  total: number;
  questions: number;
  answered: number;
  /** answered / questions. */
  answeredRate: number;
  /** Median seconds from a question to its first reply; null when nothing was answered. */
  medianResponseSec: number | null;
  /** 90th percentile (nearest rank) of the same response times; null when nothing was answered. */
  p90ResponseSec: number | null;
  answeredWithin30s: number;
  byKind: Record<string, number>;
  byTopic: Record<string, number>;
  complaints: number;
  complaintsHandled: number;
  objections: number;
  objectionsHandled: number;
  hidden: number;
  muted: number;
  handling: CommentHandlingRow[];
}

export interface Violation {
  /** Seconds of session time. */
  t: number;
  rule: string;
  text: string;
  term?: string;
}

export interface TargetCheck {
  key: string;
  target: number;
  actual: number;
  met: boolean;
}

export interface MinuteRow {
  minute: number;
  entries: number;
  avgOnline: number;
  peakOnline: number;
  comments: number;
  likes: number;
  follows: number;
  clicks: number;
  orders: number;
  gmv: number;
}

export interface ScoreItem {
  key: string;
  zh: string;
  en: string;
  points: number;
  max: number;
  /** Short evidence line, e.g. "answered 84% of 210 questions, median 12 s". */
  evidence: string;
}

/**
 * What human viewers (classmates on their phones, actors `user:<id>`) did. Their actions already count in
 * every figure above exactly like the simulated audience's; this is their share, so a review can tell them apart.
 */
export interface HumanViewersReport {
  viewers: number;
  comments: number;
  likes: number;
  follows: number;
  shares: number;
  productClicks: number;
  couponsClaimed: number;
  giveawayEntries: number;
  ordersCreated: number;
  /** Paid orders. */
  orders: number;
  buyers: number;
  gmv: number;
  leads: number;
}

export interface SessionReport {
  reportVersion: 1;
  scenario: { id: string; name: string; category: string };
  seed: number | null;
  durationSec: number;
  metrics: ReportMetrics;
  funnel: FunnelStep[];
  products: ProductReport[];
  comments: CommentReport;
  violations: Violation[];
  /** 0–100, the sum of `scoreBreakdown` points. */
  score: number;
  scoreBreakdown: ScoreItem[];
  targets: TargetCheck[];
  traffic: { entriesBySource: Record<TrafficSource, number> };
  buyersByClass: Record<ValueClass, { buyers: number; gmv: number }>;
  perMinute: MinuteRow[];
  humans: HumanViewersReport;
}
