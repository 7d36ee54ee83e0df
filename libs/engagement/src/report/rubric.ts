/**
 * The rubric: how a session is scored (100 points) and which of the scenario's targets it met. It reads the
 * finished counts and never counts anything itself, so changing how a trainee is graded never touches how a
 * session is measured. Items in the spirit of the ITMC live-marketing rubric; each shows its evidence.
 */
import type { CommentReport, ScoreItem, SessionReport, TargetCheck, Violation } from '@livelab/contracts';
import type { Scenario } from '../scenario/scenario';
import { round1 } from './report-math';

/** What the rubric looks at besides the metrics and the comment report. */
export interface RubricEvidence {
  /** Products pinned (explained) at least once, of `productCount`. */
  pinnedProducts: number;
  productCount: number;
  /** Kinds of promotion used (`host.coupon`, `host.flashSale`, `host.giveaway`, `host.price`). */
  promotions: readonly string[];
  violations: readonly Violation[];
}

type Metrics = SessionReport['metrics'];

export function targetChecks(t: Scenario['targets'], m: Metrics): TargetCheck[] {
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

export function scoreItems(
  t: Scenario['targets'],
  m: Metrics,
  c: CommentReport,
  evidence: RubricEvidence,
): ScoreItem[] {
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
  const { pinnedProducts, productCount, promotions, violations } = evidence;
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
      points: pts(15 * part(pinnedProducts, productCount)),
      evidence: `${pinnedProducts}/${productCount} products pinned and explained; CTR ${pct(m.productCtr)}`,
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
      points: pts(Math.min(5, (promotions.length * 5) / 3)),
      evidence:
        promotions.length > 0 ? [...promotions].sort().join(', ') : 'no coupon, flash sale or giveaway',
    },
    {
      key: 'compliance',
      zh: '合规',
      en: 'Compliance',
      max: 15,
      points: pts(Math.max(0, 15 - 5 * violations.length)),
      evidence:
        violations.length === 0
          ? 'no violations'
          : violations
              .slice(0, 3)
              .map((v) => `${v.t}s ${v.term ?? v.rule}`)
              .join('; '),
    },
  );
  return items;
}

/** The total of the items, to one decimal. */
export function scoreOf(items: readonly ScoreItem[]): number {
  return round1(items.reduce((sum, item) => sum + item.points, 0));
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
