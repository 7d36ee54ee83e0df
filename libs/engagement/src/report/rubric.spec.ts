import { describe, expect, it } from 'vitest';
import type { CommentReport, SessionReport } from '@livelab/contracts';
import type { RubricEvidence } from './rubric';
import { answerQuality, scoreItems, scoreOf, targetChecks } from './rubric';

const targets = {
  gmv: 1000,
  conversion: 0.02,
  avgWatchSec: 60,
  productCtr: 0.1,
  gpm: 0,
  leads: 0,
  followRate: 0.01,
};

const metrics = (overrides: Partial<SessionReport['metrics']> = {}): SessionReport['metrics'] => ({
  uv: 1000,
  pv: 1100,
  peakOnline: 200,
  avgWatchSec: 90,
  effectiveViews: 600,
  bounces: 300,
  bounceRate: 0.2727,
  interactionRate: 0.15,
  followRate: 0.01,
  newFollowers: 10,
  productExposure: 800,
  productClicks: 100,
  productCtr: 0.125,
  ctor: 0.2,
  conversion: 0.02,
  orders: 20,
  buyers: 20,
  gmv: 1000,
  gpm: 909.09,
  uvValue: 1,
  aov: 50,
  leads: 0,
  leadRate: 0,
  refunds: 0,
  refundAmount: 0,
  likes: 100,
  shares: 5,
  grossProfit: 500,
  promotionCost: 50,
  leadValue: 0,
  ...overrides,
});

const comments = (overrides: Partial<CommentReport> = {}): CommentReport => ({
  total: 100,
  questions: 20,
  answered: 20,
  answeredRate: 1,
  medianResponseSec: 30,
  p90ResponseSec: 40,
  answeredWithin30s: 12,
  byKind: {},
  byTopic: {},
  complaints: 0,
  complaintsHandled: 0,
  objections: 0,
  objectionsHandled: 0,
  hidden: 0,
  muted: 0,
  handling: [],
  ...overrides,
});

const good = (tMs: number, label: string) => ({ tMs, label, good: true });
const answer = (tMs: number, responseSec: number, addressed = true, courteous = true) => ({
  tMs,
  responseSec,
  addressed,
  courteous,
  kind: 'question',
  text: '亲，有的',
});

const evidence: RubricEvidence = {
  productCount: 4,
  explained: [
    good(60_000, 'T恤：纯棉'),
    good(400_000, '开衫：软糯'),
    good(800_000, '牛仔裤：高腰'),
    good(1_200_000, '大衣：双面羊毛'),
  ],
  humanAnswers: Array.from({ length: 30 }, (_, n) => answer(100_000 + n * 10_000, 12)),
  policyAnswers: 0,
  promotions: [
    { tMs: 90_000, kind: 'coupon', label: '¥10', effective: true },
    { tMs: 600_000, kind: 'flashSale', label: 'T恤', effective: true },
    { tMs: 900_000, kind: 'giveaway', label: '福袋', effective: true },
  ],
  opening: { greeting: true, theme: true, marks: [good(5_000, '欢迎来到直播间，今天福利多')] },
  closing: { thanks: true, next: true, marks: [good(3_500_000, '感谢陪伴，明天同一时间见，点关注')] },
  violations: [],
  liveSec: 3600,
  pretest: { passed: true, marks: [good(0, '设备测试通过')] },
};

describe('rubric', () => {
  it('gives full marks to a session that meets every target, explains, answers in time and breaks no rule', () => {
    const items = scoreItems(targets, metrics(), comments(), evidence);
    expect(items.map((item) => item.points)).toEqual(items.map((item) => item.max));
    expect(scoreOf(items)).toBe(100);
    expect(items.find((item) => item.key === 'productPitch')!.marks.map((m) => m.tMs)).toEqual([
      60_000, 400_000, 800_000, 1_200_000,
    ]);
  });

  it('grants the pre-stream test when one passed before go-live, part of it for a failed one, none without', () => {
    const pretest = (value: RubricEvidence['pretest']) =>
      scoreItems(targets, metrics(), comments(), { ...evidence, pretest: value }).find(
        (item) => item.key === 'pretest',
      )!;
    expect(pretest({ passed: true, marks: [] })).toMatchObject({ points: 5, max: 5 });
    expect(pretest({ passed: false, marks: [] }).points).toBe(2);
    expect(pretest(null).points).toBe(0);
    expect(pretest(null).evidence).toMatch(/no pre-stream test/);
  });

  it('earns compliance by streaming within the rules: nothing for a stream of seconds, all of it from ten minutes', () => {
    const compliance = (liveSec: number) =>
      scoreItems(targets, metrics(), comments(), { ...evidence, liveSec }).find(
        (item) => item.key === 'compliance',
      )!;
    expect(compliance(0).points).toBe(0);
    expect(compliance(300).points).toBe(5);
    expect(compliance(600).points).toBe(10);
    expect(compliance(0).evidence).toMatch(/0:00 live/);
  });

  it('takes 4 points per violation incident from compliance, never below zero, each at its moment', () => {
    const violations = [1, 2, 3, 4].map((n) => ({ tMs: n * 1000, label: '最低', good: false }));
    const items = scoreItems(targets, metrics(), comments(), { ...evidence, violations });
    const compliance = items.find((item) => item.key === 'compliance')!;
    expect(compliance.points).toBe(0);
    expect(compliance.marks.map((m) => m.tMs)).toEqual([1000, 2000, 3000, 4000]);
  });

  it('scores slow, off-topic or curt answers for less, and the reply policy’s for nothing', () => {
    const quality = (a: ReturnType<typeof answer>) => answerQuality(a);
    expect(quality(answer(0, 20))).toBe(1);
    expect(quality(answer(0, 75))).toBe(0.5);
    expect(quality(answer(0, 130))).toBe(0);
    expect(quality(answer(0, 10, false))).toBeCloseTo(0.3);
    expect(quality(answer(0, 10, true, false))).toBeCloseTo(0.85);
    const byPolicy = scoreItems(targets, metrics(), comments(), {
      ...evidence,
      humanAnswers: [],
      policyAnswers: 90,
    });
    expect(byPolicy.find((item) => item.key === 'questions')!.points).toBe(0);
  });

  it('counts only promotions that had an effect, and only products explained for a minute', () => {
    const items = scoreItems(targets, metrics(), comments(), {
      ...evidence,
      explained: [good(60_000, 'T恤：纯棉'), { tMs: 70_000, label: '开衫：软糯（讲解 1 秒）', good: false }],
      promotions: evidence.promotions.map((p) => ({ ...p, effective: p.kind === 'coupon' })),
    });
    expect(items.find((item) => item.key === 'productPitch')!.points).toBe(3.8);
    expect(items.find((item) => item.key === 'promotions')!.points).toBe(1.7);
  });

  it('weighs items as the scenario says', () => {
    const items = scoreItems(targets, metrics(), comments(), evidence, { questions: 25, sales: 10 });
    expect(items.find((item) => item.key === 'questions')!.max).toBe(25);
    expect(scoreOf(items)).toBe(100);
  });

  it('gives leads half the sales weight when the scenario targets leads', () => {
    const items = scoreItems({ ...targets, leads: 10 }, metrics({ leads: 5 }), comments(), evidence);
    expect(items.slice(0, 2).map((item) => [item.key, item.max, item.points])).toEqual([
      ['sales', 10, 10],
      ['leads', 10, 5],
    ]);
  });

  it('checks only the targets the scenario sets', () => {
    const checks = targetChecks(targets, metrics({ gmv: 999.99 }));
    expect(checks.map((c) => c.key)).toEqual([
      'gmv',
      'conversion',
      'avgWatchSec',
      'productCtr',
      'followRate',
    ]);
    expect(checks[0]).toEqual({ key: 'gmv', target: 1000, actual: 999.99, met: false });
  });
});
