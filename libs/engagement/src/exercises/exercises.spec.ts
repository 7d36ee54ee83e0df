import { describe, expect, it } from 'vitest';
import type { FunnelStep, SessionReport } from '@livelab/contracts';
import { sessionReportSchema } from '@livelab/contracts';
import { buildReport } from '../report/metrics-accumulator';
import { runSession } from '../run-session';
import { apparelScenario } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';
import type { DataExerciseKey, ExerciseQuestion } from './index';
import { buildDataExercise, dataExerciseAnswersSchema, gradeDataExercise } from './index';

const FUNNEL_LABELS: Record<FunnelStep['key'], [string, string]> = {
  impressions: ['直播间曝光', 'Room impressions'],
  entries: ['进入直播间', 'Entered the room'],
  productExposure: ['商品曝光', 'Saw a product'],
  productClick: ['商品点击', 'Clicked a product'],
  orderCreated: ['创建订单', 'Created an order'],
  orderPaid: ['成交', 'Paid'],
};

/** A funnel from its counts, rated like the report's (count / previous count, 1 for the first). */
const funnelOf = (counts: number[]): FunnelStep[] =>
  (Object.keys(FUNNEL_LABELS) as Array<FunnelStep['key']>).map((key, n) => ({
    key,
    zh: FUNNEL_LABELS[key][0],
    en: FUNNEL_LABELS[key][1],
    count: counts[n]!,
    rate: n === 0 ? 1 : counts[n - 1]! > 0 ? Math.round((counts[n]! / counts[n - 1]!) * 1e4) / 1e4 : 0,
  }));

/**
 * A hand-built report: PV 1,000 (feed 600, followers 250, short video 100, search 50), UV 800, 640 saw a product,
 * 80 clicked, 20 bought for ¥1,999, 150 bounces; funnel 8,000 → 800 → 640 → 80 → 24 → 20 (entries the weakest, 10%).
 */
function handReport(
  metrics: Partial<SessionReport['metrics']> = {},
  funnel = [8000, 800, 640, 80, 24, 20],
  sources = { feed: 600, follower: 250, shortVideo: 100, search: 50, paid: 0, link: 0 },
): SessionReport {
  return sessionReportSchema.parse({
    reportVersion: 1,
    scenario: { id: 'hand', name: '手工', category: 'apparel' },
    seed: null,
    durationSec: 1800,
    metrics: {
      uv: 800,
      pv: 1000,
      peakOnline: 120,
      avgWatchSec: 80,
      effectiveViews: 700,
      bounces: 150,
      bounceRate: 0.15,
      interactionRate: 0.2,
      followRate: 0.02,
      newFollowers: 16,
      productExposure: 640,
      productClicks: 80,
      productCtr: 0.125,
      ctor: 0.25,
      conversion: 0.025,
      orders: 22,
      buyers: 20,
      gmv: 1999,
      gpm: 1999,
      uvValue: 2.5,
      aov: 99.95,
      leads: 0,
      leadRate: 0,
      refunds: 0,
      refundAmount: 0,
      likes: 300,
      shares: 4,
      grossProfit: 800,
      promotionCost: 100,
      leadValue: 0,
      ...metrics,
    },
    funnel: funnelOf(funnel),
    products: [],
    comments: {
      total: 0,
      questions: 0,
      answered: 0,
      answeredRate: 0,
      medianResponseSec: null,
      p90ResponseSec: null,
      answeredWithin30s: 0,
      byKind: {},
      byTopic: {},
      complaints: 0,
      complaintsHandled: 0,
      objections: 0,
      objectionsHandled: 0,
      hidden: 0,
      muted: 0,
      handling: [],
    },
    violations: [],
    penalties: [],
    score: 0,
    scoreBreakdown: [],
    targets: [],
    traffic: { entriesBySource: sources },
    buyersByClass: { A: { buyers: 0, gmv: 0 }, B: { buyers: 0, gmv: 0 }, C: { buyers: 0, gmv: 0 } },
    perMinute: [],
    humans: {
      viewers: 0,
      comments: 0,
      likes: 0,
      follows: 0,
      shares: 0,
      productClicks: 0,
      couponsClaimed: 0,
      giveawayEntries: 0,
      ordersCreated: 0,
      orders: 0,
      buyers: 0,
      gmv: 0,
      leads: 0,
    },
  });
}

const correct = (report: SessionReport, key: DataExerciseKey, given: number | string): boolean => {
  const item = gradeDataExercise(report, { [key]: given }).items.find((i) => i.key === key);
  if (!item) throw new Error(`no question ${key}`);
  return item.correct;
};

describe('data exercise from a hand-built report', () => {
  const report = handReport();
  const exercise = buildDataExercise(report);

  it('asks every question, with the raw figures and without the answers', () => {
    expect(exercise.questions.map((q) => q.key)).toEqual([
      'pv',
      'productCtr',
      'conversion',
      'ctor',
      'gpm',
      'uvValue',
      'aov',
      'bounceRate',
      'topSourceShare',
      'weakestStep',
      'measure',
    ]);
    const text = JSON.stringify(exercise.questions);
    expect(text).not.toMatch(/expected|tolerance|accepted/);
    const conversion = exercise.questions.find((q) => q.key === 'conversion')!;
    expect(conversion).toMatchObject({ kind: 'number', unit: 'percent' });
    expect(conversion.givens.map((g) => g.value)).toEqual([800, 20]);
    expect(exercise.questions.find((q) => q.key === 'gpm')!.givens.map((g) => g.value)).toEqual([1999, 1000]);
    expect(exercise.questions.find((q) => q.key === 'pv')!.givens.map((g) => g.value)).toEqual([
      600, 250, 100, 50, 0, 0,
    ]);
  });

  it("keys each answer to the report's definitions, with its tolerance", () => {
    expect(exercise.key).toEqual({
      pv: { expected: 1000, tolerance: 0 },
      productCtr: { expected: 12.5, tolerance: 0.125 },
      conversion: { expected: 2.5, tolerance: 0.1 },
      ctor: { expected: 25, tolerance: 0.25 },
      gpm: { expected: 1999, tolerance: 19.99 },
      uvValue: { expected: 2.4987, tolerance: 0.05 }, // 1999 / 800 = 2.49875, to 4 decimals in binary
      aov: { expected: 99.95, tolerance: 0.9995 },
      bounceRate: { expected: 15, tolerance: 0.15 },
      topSourceShare: { expected: 60, tolerance: 0.6 },
      weakestStep: { expected: 'entries', tolerance: 0, accepted: ['entries'] },
      measure: { expected: 'presentation', tolerance: 0, accepted: ['presentation'] },
    });
  });

  // [key, a trainee's right answer, a wrong one (the usual mistake where there is one)]
  it.each([
    ['pv', 1000, 950], // search left out
    ['productCtr', 12.5, 10], // clickers / UV
    ['conversion', 2.5, 2.75], // orders / UV
    ['ctor', 25, 27.5], // orders / clickers
    ['gpm', 1999, 2498.75], // GMV × 1000 / UV
    ['uvValue', 2.5, 2], // GMV / PV
    ['aov', 99.95, 90.86], // GMV / orders
    ['bounceRate', 15, 18.75], // bounces / UV
    ['topSourceShare', 60, 25],
  ] as const)('%s: accepts %d and rejects %d', (key, right, wrong) => {
    expect(correct(report, key, right)).toBe(true);
    expect(correct(report, key, wrong)).toBe(false);
  });

  it.each([
    'productCtr',
    'conversion',
    'ctor',
    'gpm',
    'uvValue',
    'aov',
    'bounceRate',
    'topSourceShare',
  ] as const)('%s: accepts just inside its tolerance either side and rejects just outside', (key) => {
    const { expected, tolerance } = exercise.key[key]!;
    const e = expected as number;
    expect(correct(report, key, e + tolerance * 0.99)).toBe(true);
    expect(correct(report, key, e - tolerance * 0.99)).toBe(true);
    expect(correct(report, key, e + tolerance + 0.001)).toBe(false);
    expect(correct(report, key, e - tolerance - 0.001)).toBe(false);
  });

  it('takes the larger of the absolute and the relative tolerance', () => {
    // 2.5 %: 1 % of it is 0.025 pp, so 0.1 pp applies; 12.5 %: 0.125 pp beats 0.1 pp.
    expect(correct(report, 'conversion', 2.6)).toBe(true);
    expect(correct(report, 'conversion', 2.4)).toBe(true);
    expect(correct(report, 'conversion', 2.61)).toBe(false);
    expect(correct(report, 'productCtr', 12.62)).toBe(true);
    expect(correct(report, 'productCtr', 12.63)).toBe(false);
    // ¥2.4988: ¥0.05 beats 1 %; ¥99.95: 1 % (¥0.9995) beats ¥0.05.
    expect(correct(report, 'uvValue', 2.54)).toBe(true);
    expect(correct(report, 'uvValue', 2.55)).toBe(false);
    expect(correct(report, 'aov', 100.94)).toBe(true);
    expect(correct(report, 'aov', 100.96)).toBe(false);
  });

  it('wants counts exact', () => {
    expect(correct(report, 'pv', 1000)).toBe(true);
    expect(correct(report, 'pv', 1000.5)).toBe(false);
    expect(correct(report, 'pv', 999)).toBe(false);
    expect(correct(report, 'pv', 1001)).toBe(false);
  });

  it('reads numbers typed as text, a trailing % too, and nothing else', () => {
    expect(correct(report, 'conversion', '2.5')).toBe(true);
    expect(correct(report, 'conversion', ' 2.50% ')).toBe(true);
    expect(correct(report, 'conversion', '0.025')).toBe(false);
    expect(correct(report, 'conversion', '2.5.1')).toBe(false);
    expect(correct(report, 'conversion', '')).toBe(false);
    expect(correct(report, 'pv', '1000')).toBe(true);
  });

  it('grades the weakest funnel step and the measure against it as choices', () => {
    const weakest = exercise.questions.find((q) => q.key === 'weakestStep') as Extract<
      ExerciseQuestion,
      { kind: 'choice' }
    >;
    expect(weakest.choices.map((c) => c.value)).toEqual([
      'entries',
      'productExposure',
      'productClick',
      'orderCreated',
      'orderPaid',
    ]);
    expect(weakest.choices[0]).toMatchObject({ zh: '直播间曝光 → 进入直播间' });
    const measure = exercise.questions.find((q) => q.key === 'measure') as Extract<
      ExerciseQuestion,
      { kind: 'choice' }
    >;
    expect(measure.choices.map((c) => c.value).sort()).toEqual(
      ['explainPinned', 'presentation', 'reasonToOrder', 'remindUnpaid', 'showProducts'].sort(),
    );
    expect(correct(report, 'weakestStep', 'entries')).toBe(true);
    expect(correct(report, 'weakestStep', 'productClick')).toBe(false);
    expect(correct(report, 'weakestStep', 1)).toBe(false);
    expect(correct(report, 'measure', 'presentation')).toBe(true);
    expect(correct(report, 'measure', 'explainPinned')).toBe(false);
    // Weak click-through (exposure → click at 5 %): pin and explain the product with its card.
    const weakClicks = handReport({}, [8000, 800, 640, 32, 10, 8]);
    expect(correct(weakClicks, 'weakestStep', 'productClick')).toBe(true);
    expect(correct(weakClicks, 'measure', 'explainPinned')).toBe(true);
    expect(correct(weakClicks, 'measure', 'presentation')).toBe(false);
    // Weak payment (order → paid at 2 of 24): remind the unpaid orders.
    const weakPay = handReport({}, [8000, 800, 640, 80, 24, 2]);
    expect(correct(weakPay, 'weakestStep', 'orderPaid')).toBe(true);
    expect(correct(weakPay, 'measure', 'remindUnpaid')).toBe(true);
  });

  it('accepts either step of a tie, and the measure against either', () => {
    const tie = handReport({}, [8000, 800, 800, 80, 24, 20]);
    expect(buildDataExercise(tie).key.weakestStep?.accepted).toEqual(['entries', 'productClick']);
    expect(correct(tie, 'weakestStep', 'entries')).toBe(true);
    expect(correct(tie, 'weakestStep', 'productClick')).toBe(true);
    expect(correct(tie, 'measure', 'presentation')).toBe(true);
    expect(correct(tie, 'measure', 'explainPinned')).toBe(true);
    expect(correct(tie, 'measure', 'remindUnpaid')).toBe(false);
  });

  it('scores one point per right answer; unanswered, unknown or malformed answers are wrong', () => {
    const grade = gradeDataExercise(report, {
      pv: 1000,
      conversion: 2.5,
      measure: 'presentation',
      gpm: 'lots',
      notAQuestion: 3,
    });
    expect(grade).toMatchObject({ score: 3, max: 11 });
    expect(grade.items.find((i) => i.key === 'ctor')).toEqual({
      key: 'ctor',
      correct: false,
      expected: 25,
      given: null,
      tolerance: 0.25,
    });
    expect(grade.items.find((i) => i.key === 'gpm')).toMatchObject({ correct: false, given: 'lots' });
    expect(gradeDataExercise(report, {})).toMatchObject({ score: 0, max: 11 });
    expect(JSON.stringify(gradeDataExercise(report, { pv: 1 }))).toBe(
      JSON.stringify(gradeDataExercise(handReport(), { pv: 1 })),
    );
  });

  it('skips a question whose denominator is 0: no exposure, no CTR (and no clicks, no CTOR)', () => {
    const unseen = handReport(
      { productExposure: 0, productClicks: 0, productCtr: 0, ctor: 0, buyers: 0, gmv: 0, orders: 0 },
      [8000, 800, 0, 0, 0, 0],
    );
    const { questions, key } = buildDataExercise(unseen);
    const keys = questions.map((q) => q.key);
    expect(keys).not.toContain('productCtr');
    expect(keys).not.toContain('ctor');
    expect(keys).not.toContain('aov');
    expect(keys).toContain('conversion');
    expect(key.conversion).toEqual({ expected: 0, tolerance: 0.1 });
    // Nobody saw a product: that is the weakest step, and showing products the measure.
    expect(key.weakestStep).toMatchObject({ accepted: ['productExposure'] });
    expect(key.measure).toMatchObject({ accepted: ['showProducts'] });
    const grade = gradeDataExercise(unseen, { productCtr: 0 });
    expect(grade.items.map((i) => i.key)).not.toContain('productCtr');
  });

  it('asks only the PV of a session nobody entered', () => {
    const empty = handReport(
      { uv: 0, pv: 0, bounces: 0, productExposure: 0, productClicks: 0, buyers: 0, gmv: 0 },
      [0, 0, 0, 0, 0, 0],
      { feed: 0, follower: 0, shortVideo: 0, search: 0, paid: 0, link: 0 },
    );
    expect(buildDataExercise(empty).questions.map((q) => q.key)).toEqual(['pv']);
    expect(gradeDataExercise(empty, { pv: 0 })).toMatchObject({ score: 1, max: 1 });
  });
});

describe('data exercise from a simulated session', () => {
  const report = buildReport(
    apparelScenario,
    runSession({
      scenario: apparelScenario,
      seed: 7,
      actions: competentActions(apparelScenario, 4),
      minutes: 4,
    }),
  );
  const m = report.metrics;
  const { questions, key } = buildDataExercise(report);
  const givens = (k: DataExerciseKey): number[] =>
    questions.find((q) => q.key === k)!.givens.map((g) => g.value);
  const round2 = (x: number): number => Math.round(x * 100) / 100;

  it('asks everything of a session with sales', () => {
    expect(m.buyers).toBeGreaterThan(0);
    expect(questions).toHaveLength(11);
  });

  it("agrees with the report's own figures", () => {
    const near = (k: DataExerciseKey, shown: number, unit: number): void =>
      expect(Math.abs((key[k]!.expected as number) - shown), k).toBeLessThanOrEqual(unit / 2 + 1e-9);
    expect(key.pv!.expected).toBe(m.pv);
    near('productCtr', m.productCtr * 100, 0.01);
    near('conversion', m.conversion * 100, 0.01);
    near('ctor', m.ctor * 100, 0.01);
    near('bounceRate', m.bounceRate * 100, 0.01);
    near('gpm', m.gpm, 0.01);
    near('uvValue', m.uvValue, 0.01);
    near('aov', m.aov, 0.01);
    const rates = report.funnel.slice(1).map((s) => s.rate);
    expect(key.weakestStep!.accepted).toContain(report.funnel[1 + rates.indexOf(Math.min(...rates))]!.key);
  });

  it('gives full marks to a trainee who computes from the givens to two decimals', () => {
    const [uv, buyers] = givens('conversion');
    const [exposed, clickers] = givens('productCtr');
    const [gmv, pv] = givens('gpm');
    const [, bounces] = givens('bounceRate');
    const sources = givens('topSourceShare');
    const answers = {
      pv: givens('pv').reduce((a, b) => a + b, 0),
      productCtr: round2((clickers! / exposed!) * 100),
      conversion: round2((buyers! / uv!) * 100),
      ctor: round2((buyers! / clickers!) * 100),
      gpm: round2((gmv! * 1000) / pv!),
      uvValue: round2(gmv! / uv!),
      aov: round2(gmv! / buyers!),
      bounceRate: round2((bounces! / pv!) * 100),
      topSourceShare: round2((Math.max(...sources) / sources.reduce((a, b) => a + b, 0)) * 100),
      weakestStep: key.weakestStep!.expected as string,
      measure: key.measure!.expected as string,
    };
    expect(dataExerciseAnswersSchema.parse(answers)).toEqual(answers);
    expect(gradeDataExercise(report, answers)).toMatchObject({ score: 11, max: 11 });
  });
});

describe('dataExerciseAnswersSchema', () => {
  it('takes numbers and short strings under short keys', () => {
    expect(dataExerciseAnswersSchema.parse({ pv: 1000, measure: 'presentation', conversion: '2.5' })).toEqual(
      {
        pv: 1000,
        measure: 'presentation',
        conversion: '2.5',
      },
    );
  });

  it('refuses long keys, long strings, non-finite numbers, odd keys and too many answers', () => {
    const bad = (value: unknown): boolean => !dataExerciseAnswersSchema.safeParse(value).success;
    expect(bad({ ['k'.repeat(33)]: 1 })).toBe(true);
    expect(bad({ ['k'.repeat(32)]: 1 })).toBe(false);
    expect(bad({ measure: 'x'.repeat(65) })).toBe(true);
    expect(bad({ measure: 'x'.repeat(64) })).toBe(false);
    expect(bad({ pv: Number.POSITIVE_INFINITY })).toBe(true);
    expect(bad({ pv: Number.NaN })).toBe(true);
    expect(bad({ pv: true })).toBe(true);
    // A `__proto__` key is dropped, never set as the prototype.
    const parsed = dataExerciseAnswersSchema.parse(JSON.parse('{"__proto__": {"x": 1}, "pv": 2}'));
    expect(parsed).toEqual({ pv: 2 });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(bad([1, 2])).toBe(true);
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, i]));
    expect(bad(many(20))).toBe(false);
    expect(bad(many(21))).toBe(true);
  });
});
