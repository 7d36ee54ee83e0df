import { describe, expect, it } from 'vitest';
import type { NewSessionEvent } from '@livelab/contracts';
import { runSession } from '../run-session';
import { apparelScenario } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';
import { buildReport, MetricsAccumulator } from './metrics-accumulator';
import type { ReportScenario } from './metrics-accumulator';

const scenario: ReportScenario = {
  id: 'tiny',
  name: '小店',
  category: 'apparel',
  targets: { gmv: 100, conversion: 0.5, avgWatchSec: 60, productCtr: 0.1, gpm: 0, leads: 0, followRate: 0 },
  products: [
    { id: 'tee', name: 'T恤' },
    { id: 'cap', name: '帽子' },
  ],
};

const ev = (tMs: number, type: string, actor: string, payload: unknown): NewSessionEvent =>
  ({ tMs, type, actor, payload }) as NewSessionEvent;

/** Two viewers, one revisit, one paid order of ¥59.90 and one question answered after 8 s. */
const LOG: NewSessionEvent[] = [
  ev(0, 'session.live', 'system', { scenarioId: 'tiny', seed: 9 }),
  ev(0, 'viewer.enter', 'bot:1', { source: 'feed', returning: false }),
  ev(1000, 'viewer.enter', 'user:amy', { source: 'follower', returning: false, human: true }),
  ev(2000, 'product.exposure', 'bot:1', { productId: 'tee', via: 'pin' }),
  ev(2000, 'product.exposure', 'user:amy', { productId: 'tee', via: 'pin' }),
  ev(3000, 'product.click', 'bot:1', { productId: 'tee' }),
  ev(4000, 'comment', 'user:amy', {
    commentId: 'c1',
    text: '多少钱',
    lang: 'zh',
    kind: 'question',
    topic: 'price',
  }),
  ev(12000, 'comment.reply', 'host', { replyTo: 'c1', text: '59.9元', topic: 'price', addressed: true }),
  ev(20000, 'order.created', 'bot:1', {
    orderId: 'o1',
    productId: 'tee',
    qty: 1,
    unitPrice: 59.9,
    amount: 59.9,
  }),
  ev(25000, 'order.paid', 'bot:1', { orderId: 'o1', amount: 59.9 }),
  ev(25000, 'order.paid', 'bot:1', { orderId: 'o1', amount: 59.9 }),
  ev(30000, 'viewer.leave', 'bot:1', { watchMs: 30000, reason: 'left' }),
  ev(40000, 'viewer.enter', 'bot:1', { source: 'feed', returning: true }),
  ev(45000, 'host.say', 'host', { text: '全网最低价' }),
  ev(45000, 'compliance.violation', 'system', {
    rule: 'ad-law-absolute-term',
    text: '全网最低价',
    term: '全网最低',
  }),
  ev(60000, 'viewer.leave', 'bot:1', { watchMs: 20000, reason: 'ended' }),
  ev(60000, 'viewer.leave', 'user:amy', { watchMs: 59000, reason: 'ended' }),
  ev(60000, 'session.ended', 'system', { reason: 'completed' }),
];

describe('MetricsAccumulator', () => {
  const report = buildReport(scenario, LOG);

  it('computes the metrics.md definitions (GPM over PV, AOV over buyers)', () => {
    expect(report.metrics).toMatchObject({
      uv: 2,
      pv: 3,
      peakOnline: 2,
      avgWatchSec: 54.5,
      interactionRate: 0.5,
      productExposure: 2,
      productClicks: 1,
      productCtr: 0.5,
      ctor: 1,
      conversion: 0.5,
      orders: 1,
      buyers: 1,
      gmv: 59.9,
      gpm: 19966.67,
      uvValue: 29.95,
      aov: 59.9,
    });
  });

  it('counts a duplicated payment once, as a robust client must', () => {
    expect(report.metrics.orders).toBe(1);
    expect(report.products[0]).toMatchObject({
      id: 'tee',
      name: 'T恤',
      exposure: 2,
      clicks: 1,
      orders: 1,
      gmv: 59.9,
    });
  });

  it('reports comment handling and violations with their time', () => {
    expect(report.comments).toMatchObject({ total: 1, questions: 1, answered: 1, medianResponseSec: 8 });
    expect(report.violations).toEqual([
      { t: 45, rule: 'ad-law-absolute-term', text: '全网最低价', term: '全网最低' },
    ]);
    expect(report.seed).toBe(9);
    expect(report.funnel.map((s) => s.key)).toEqual([
      'impressions',
      'entries',
      'productExposure',
      'productClick',
      'orderCreated',
      'orderPaid',
    ]);
  });

  it('gives the same report fed incrementally as rebuilt from the whole log', () => {
    const events = runSession({
      scenario: apparelScenario,
      seed: 4,
      actions: competentActions(apparelScenario, 10),
      minutes: 10,
    });
    const live = new MetricsAccumulator(apparelScenario);
    let midway: number | undefined;
    events.forEach((e, i) => {
      live.apply(e);
      if (i === Math.floor(events.length / 2)) midway = live.snapshot().metrics.uv;
    });
    expect(midway).toBeGreaterThan(0);
    expect(JSON.stringify(live.snapshot())).toBe(JSON.stringify(buildReport(apparelScenario, events)));
  });

  it("tells human viewers' actions apart while counting them in the totals like a bot's", () => {
    const human = 'user:amy';
    const log: NewSessionEvent[] = [
      ...LOG.slice(0, -3),
      ev(50000, 'product.click', human, { productId: 'cap' }),
      ev(50000, 'coupon.claimed', human, { couponId: 'k1' }),
      ev(51000, 'viewer.like', human, { count: 3 }),
      ev(52000, 'order.created', human, {
        orderId: 'o2',
        productId: 'cap',
        qty: 2,
        unitPrice: 20,
        amount: 35,
        couponId: 'k1',
      }),
      ev(53000, 'order.paid', human, { orderId: 'o2', amount: 35 }),
      ev(53000, 'order.paid', human, { orderId: 'o2', amount: 35 }),
      ...LOG.slice(-3),
    ];
    const mixed = buildReport(scenario, log);
    expect(mixed.metrics).toMatchObject({ orders: 2, buyers: 2, gmv: 94.9, likes: 3, productClicks: 2 });
    expect(mixed.humans).toEqual({
      viewers: 1,
      comments: 1,
      likes: 3,
      follows: 0,
      shares: 0,
      productClicks: 1,
      couponsClaimed: 1,
      giveawayEntries: 0,
      ordersCreated: 1,
      orders: 1,
      buyers: 1,
      gmv: 35,
      leads: 0,
    });
    expect(report.humans).toMatchObject({ viewers: 1, comments: 1, orders: 0, gmv: 0 });
  });

  it('counts watch time of viewers still in the room at a live snapshot', () => {
    const live = new MetricsAccumulator(scenario);
    live.apply(LOG[1]!);
    expect(live.snapshot(10_000).metrics.avgWatchSec).toBe(10);
    expect(live.snapshot(10_000).perMinute[0]!.avgOnline).toBe(1);
  });
});
