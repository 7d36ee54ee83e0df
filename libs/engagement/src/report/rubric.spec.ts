import { describe, expect, it } from 'vitest';
import type { CommentReport, SessionReport } from '@livelab/contracts';
import { scoreItems, scoreOf, targetChecks } from './rubric';

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

const evidence = {
  pinnedProducts: 4,
  productCount: 4,
  promotions: ['host.coupon', 'host.flashSale', 'host.giveaway'],
  violations: [],
};

describe('rubric', () => {
  it('gives full marks to a session that meets every target, answers within 30 s and breaks no rule', () => {
    const items = scoreItems(targets, metrics(), comments(), evidence);
    expect(items.map((item) => item.points)).toEqual(items.map((item) => item.max));
    expect(scoreOf(items)).toBe(100);
  });

  it('takes 5 points per violation from compliance, never below zero, and names the first terms', () => {
    const violations = [1, 2, 3, 4].map((n) => ({
      t: n,
      rule: 'banned-term',
      text: '全网最低',
      term: '最低',
    }));
    const items = scoreItems(targets, metrics(), comments(), { ...evidence, violations });
    const compliance = items.find((item) => item.key === 'compliance')!;
    expect(compliance.points).toBe(0);
    expect(compliance.evidence).toBe('1s 最低; 2s 最低; 3s 最低');
  });

  it('scores slow answers and unexplained products in proportion', () => {
    const items = scoreItems(targets, metrics(), comments({ answeredRate: 0.5, medianResponseSec: 75 }), {
      ...evidence,
      pinnedProducts: 1,
    });
    expect(items.find((item) => item.key === 'questions')!.points).toBe(12.5);
    expect(items.find((item) => item.key === 'productPitch')!.points).toBe(3.8);
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
