/**
 * The rubric: how a session is scored (100 points by default, weights per scenario) and which of the
 * scenario's targets it met. Items in the spirit of the competition rubrics (开场, 产品讲解, 评论答疑, 互动,
 * 促销, 结尾, 合规, 数据目标), each computed from what happened and shown with its evidence — the moments
 * behind the points, which seek the replay. Inputs without effect earn nothing: a pin for a second explains
 * nothing, a coupon nobody used and a 1-unit flash sale are not promotions, the reply policy's answers are not
 * the host's. It reads finished counts and the evidence tally and counts nothing itself.
 */
import type { CommentReport, ScoreItem, SessionReport, TargetCheck } from '@livelab/contracts';
import type { Scenario } from '../scenario/scenario';
import { round1 } from './report-math';
import type { HumanAnswer, PromotionEffect, RubricMark } from './rubric-tally';

/** What the rubric looks at besides the metrics and the comment report (from `RubricTally`). */
export interface RubricEvidence {
  productCount: number;
  /** One mark per product whose selling points were said while it was pinned (`good`: pinned ≥ a minute). */
  explained: readonly RubricMark[];
  humanAnswers: readonly HumanAnswer[];
  policyAnswers: number;
  promotions: readonly PromotionEffect[];
  opening: { greeting: boolean; theme: boolean; marks: readonly RubricMark[] };
  closing: { thanks: boolean; next: boolean; marks: readonly RubricMark[] };
  violations: readonly RubricMark[];
  /** Seconds the session was live: compliance is earned by streaming within the rules, not by not streaming. */
  liveSec: number;
  /** The last pre-stream test (直播前测试) taken before go-live, or null when none was. */
  pretest: { passed: boolean; marks: readonly RubricMark[] } | null;
}

/** Default maxima of the items (a scenario's `rubric` replaces any of them; leads share the sales points). */
export const DEFAULT_RUBRIC_WEIGHTS = {
  sales: 20,
  retention: 10,
  opening: 5,
  productPitch: 15,
  questions: 15,
  interaction: 10,
  promotions: 5,
  closing: 5,
  compliance: 10,
  pretest: 5,
} as const;
export type RubricWeights = { [K in keyof typeof DEFAULT_RUBRIC_WEIGHTS]: number };

type Metrics = SessionReport['metrics'];

/**
 * Live time that earns the whole compliance item. A stream of a few seconds broke no rule because it said
 * nothing: compliance is credited in proportion to time live, fully from ten minutes — about one product's
 * segment of the built-in hour-long scripts (an hour less opening and closing, over five products).
 */
export const COMPLIANCE_FULL_SEC = 600;

const liveClock = (sec: number): string =>
  `${Math.floor(sec / 60)}:${String(Math.floor(sec % 60)).padStart(2, '0')}`;

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

/** How much one answer a person wrote is worth, 0–1: in time, on the topic, politely. */
export function answerQuality(answer: Pick<HumanAnswer, 'responseSec' | 'addressed' | 'courteous'>): number {
  const timely = answer.responseSec <= 30 ? 1 : Math.max(0, (120 - answer.responseSec) / 90);
  return timely * (answer.addressed ? 1 : 0.3) * (answer.courteous ? 1 : 0.85);
}

/** Promotion kinds as the evidence names them (never by their ids). */
const PROMOTION_NAMES: Record<string, { zh: string; en: string }> = {
  coupon: { zh: '优惠券', en: 'coupon' },
  flashSale: { zh: '秒杀', en: 'flash sale' },
  giveaway: { zh: '福袋', en: 'giveaway' },
  price: { zh: '改价', en: 'price change' },
};

export function scoreItems(
  t: Scenario['targets'],
  m: Metrics,
  c: CommentReport,
  evidence: RubricEvidence,
  weights: Partial<RubricWeights> = {},
): ScoreItem[] {
  const w: RubricWeights = { ...DEFAULT_RUBRIC_WEIGHTS, ...weights };
  const part = (actual: number, target: number): number => (target > 0 ? Math.min(1, actual / target) : 1);
  const pts = (x: number): number => round1(x);
  const leadsMatter = t.leads > 0;
  const salesMax = leadsMatter ? w.sales / 2 : w.sales;
  const items: ScoreItem[] = [
    {
      key: 'sales',
      zh: '销售目标',
      en: 'Sales vs target',
      max: salesMax,
      points: pts(salesMax * (0.6 * part(m.gmv, t.gmv) + 0.4 * part(m.conversion, t.conversion))),
      evidence: `GMV ${m.gmv} / ${t.gmv}; conversion ${pct(m.conversion)} / ${pct(t.conversion)}`,
      evidenceZh: `成交金额 ${m.gmv} / 目标 ${t.gmv}；转化率 ${pct(m.conversion)} / 目标 ${pct(t.conversion)}`,
      marks: [],
    },
  ];
  if (leadsMatter) {
    items.push({
      key: 'leads',
      zh: '留资',
      en: 'Leads captured',
      max: w.sales - salesMax,
      points: pts((w.sales - salesMax) * part(m.leads, t.leads)),
      evidence: `${m.leads} leads / target ${t.leads}`,
      evidenceZh: `留资 ${m.leads} / 目标 ${t.leads}`,
      marks: [],
    });
  }

  const explainedGood = evidence.explained.filter((mark) => mark.good).length;
  const answers = evidence.humanAnswers;
  const answered = answers.reduce((sum, a) => sum + answerQuality(a), 0);
  // A person cannot answer a busy room's every question: half of them, or 30, earns the whole item.
  const answerTarget = Math.max(1, Math.min(30, c.questions * 0.5));
  const timely = answers.filter((a) => a.responseSec <= 30 && a.addressed).length;
  const effective = evidence.promotions.filter((p) => p.effective);
  const kinds = new Set(effective.map((p) => p.kind));
  const incidents = new Set(evidence.violations.map((v) => v.tMs)).size;
  const { opening, closing } = evidence;

  items.push(
    {
      key: 'retention',
      zh: '留人能力',
      en: 'Retention',
      max: w.retention,
      points: pts(w.retention * part(m.avgWatchSec, Math.max(60, t.avgWatchSec))),
      evidence: `average stay ${m.avgWatchSec} s (≥ 60 s earns traffic)`,
      evidenceZh: `人均停留 ${m.avgWatchSec} 秒（≥ 60 秒可获推荐流量）`,
      marks: [],
    },
    {
      key: 'opening',
      zh: '开场',
      en: 'Opening',
      max: w.opening,
      points: pts(w.opening * ((opening.greeting ? 0.5 : 0) + (opening.theme ? 0.5 : 0))),
      evidence: `first 2 minutes: ${opening.greeting ? 'welcome' : 'no welcome'}, ${opening.theme ? "today's theme or offer" : 'no theme or offer'}`,
      evidenceZh: `开场 2 分钟：${opening.greeting ? '有欢迎语' : '没有欢迎语'}，${opening.theme ? '讲了本场主题或福利' : '没讲本场主题或福利'}`,
      marks: opening.marks.slice(0, 4),
    },
    {
      key: 'productPitch',
      zh: '产品讲解',
      en: 'Product pitch',
      max: w.productPitch,
      // Explained products (their selling points said while pinned for a minute or more), and whether the
      // explanations made people click.
      points: pts(
        w.productPitch * part(explainedGood, evidence.productCount) * Math.min(1, 0.5 + m.productCtr / 0.2),
      ),
      evidence: `${explainedGood}/${evidence.productCount} products explained with their selling points while pinned ≥ 1 min; CTR ${pct(m.productCtr)}`,
      evidenceZh: `${explainedGood}/${evidence.productCount} 款商品在讲解（挂车 ≥ 1 分钟）时讲到卖点；商品点击率 ${pct(m.productCtr)}`,
      marks: [...evidence.explained],
    },
    {
      key: 'questions',
      zh: '评论答疑',
      en: 'Answering questions',
      max: w.questions,
      points: pts(w.questions * Math.min(1, answered / answerTarget)),
      evidence: `${answers.length} answers written by the host (${timely} on the topic within 30 s) of ${c.questions} questions; ${evidence.policyAnswers} by the reply policy earn nothing`,
      evidenceZh: `${c.questions} 个提问中主播亲自回答 ${answers.length} 个（${timely} 个 30 秒内答到点上）；自动回复的 ${evidence.policyAnswers} 个不计分`,
      marks: answers.slice(0, 12).map((a) => ({
        tMs: a.tMs,
        label: `${Math.round(a.responseSec)} s · ${a.addressed ? '✓' : '✗'}${a.courteous ? '' : ' · –'} · ${a.text.slice(0, 24)}`,
        good: answerQuality(a) >= 0.5,
      })),
    },
    {
      key: 'interaction',
      zh: '互动效果',
      en: 'Interaction',
      max: w.interaction,
      points: pts(
        w.interaction * (0.6 * part(m.interactionRate, 0.15) + 0.4 * part(m.followRate, t.followRate)),
      ),
      evidence: `interaction ${pct(m.interactionRate)}, follow rate ${pct(m.followRate)}`,
      evidenceZh: `互动率 ${pct(m.interactionRate)}，转粉率 ${pct(m.followRate)}`,
      marks: [],
    },
    {
      key: 'promotions',
      zh: '促销玩法',
      en: 'Promotions',
      max: w.promotions,
      points: pts((w.promotions * kinds.size) / 3),
      evidence:
        evidence.promotions.length === 0
          ? 'no coupon, flash sale or giveaway'
          : `${effective.length} of ${evidence.promotions.length} promotions had an effect (${
              [...kinds]
                .sort()
                .map((k) => PROMOTION_NAMES[k]?.en ?? k)
                .join(', ') || 'none'
            })`,
      evidenceZh:
        evidence.promotions.length === 0
          ? '没有发券、秒杀或福袋'
          : `${evidence.promotions.length} 次促销中 ${effective.length} 次有效果（${
              [...kinds]
                .sort()
                .map((k) => PROMOTION_NAMES[k]?.zh ?? k)
                .join('、') || '无'
            }）`,
      marks: evidence.promotions.slice(0, 12).map((p) => ({
        tMs: p.tMs,
        label: p.label,
        ...(p.labelZh ? { labelZh: p.labelZh } : {}),
        good: p.effective,
      })),
    },
    {
      key: 'closing',
      zh: '结尾',
      en: 'Closing',
      max: w.closing,
      points: pts(w.closing * ((closing.thanks ? 0.5 : 0) + (closing.next ? 0.5 : 0))),
      evidence: `last 3 minutes: ${closing.thanks ? 'thanks' : 'no thanks'}, ${closing.next ? 'next stream or follow call' : 'no next stream or follow call'}`,
      evidenceZh: `结尾 3 分钟：${closing.thanks ? '有感谢' : '没有感谢'}，${closing.next ? '预告下一场或引导关注' : '没有预告下一场或引导关注'}`,
      marks: closing.marks.slice(-4),
    },
    {
      key: 'pretest',
      zh: '直播前测试',
      en: 'Pre-stream test',
      max: w.pretest,
      // Testing and not fixing what failed is worth something; going live untested is worth nothing.
      points: pts(w.pretest * (evidence.pretest === null ? 0 : evidence.pretest.passed ? 1 : 0.4)),
      evidence:
        evidence.pretest === null
          ? 'no pre-stream test before go-live'
          : evidence.pretest.passed
            ? 'pre-stream test passed (camera, microphone, picture, bitrate, network)'
            : 'pre-stream test taken, not passed',
      evidenceZh:
        evidence.pretest === null
          ? '开播前没有做直播前测试'
          : evidence.pretest.passed
            ? '直播前测试通过（摄像头、麦克风、画面、码率、网络）'
            : '做了直播前测试，未通过',
      marks: evidence.pretest?.marks.slice(-1) ?? [],
    },
    {
      key: 'compliance',
      zh: '合规',
      en: 'Compliance',
      max: w.compliance,
      points: pts(
        Math.max(0, w.compliance - 4 * incidents) * Math.min(1, evidence.liveSec / COMPLIANCE_FULL_SEC),
      ),
      evidence: `${incidents === 0 ? 'no violations' : `${incidents} violation incident(s), −4 each`}; ${liveClock(evidence.liveSec)} live (full credit from 10:00)`,
      evidenceZh: `${incidents === 0 ? '没有违规' : `违规 ${incidents} 次，每次 −4`}；直播时长 ${liveClock(evidence.liveSec)}（满 10:00 得满分）`,
      marks: evidence.violations.slice(0, 12),
    },
  );
  return items;
}

/** The total of the items, to one decimal. */
export function scoreOf(items: readonly ScoreItem[]): number {
  return round1(items.reduce((sum, item) => sum + item.points, 0));
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
