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
      bounces: 0,
      bounceRate: 0,
    });
  });

  it('counts a bounce (跳失) per visit that left in under 10 s without acting, over PV', () => {
    const enter = (tMs: number, actor: string): NewSessionEvent =>
      ev(tMs, 'viewer.enter', actor, { source: 'feed', returning: false });
    const leave = (tMs: number, actor: string, watchMs: number, reason = 'left'): NewSessionEvent =>
      ev(tMs, 'viewer.leave', actor, { watchMs, reason });
    const log: NewSessionEvent[] = [
      ev(0, 'session.live', 'system', { scenarioId: 'tiny', seed: 1 }),
      // Bounces: a quick look, twice (each visit counts); a human's quick look; 9.999 s.
      enter(1000, 'bot:quick'),
      leave(4000, 'bot:quick', 3000),
      enter(20000, 'bot:quick'),
      leave(25000, 'bot:quick', 5000),
      ev(2000, 'viewer.enter', 'user:bob', { source: 'link', returning: false, human: true }),
      leave(5000, 'user:bob', 3000),
      enter(3000, 'bot:nearly'),
      leave(12999, 'bot:nearly', 9999),
      // Acted during the visit: a like, a click, a coupon, a comment, an order: no bounce.
      enter(1000, 'bot:liker'),
      ev(2000, 'viewer.like', 'bot:liker', { count: 1 }),
      leave(5000, 'bot:liker', 4000),
      enter(1000, 'bot:clicker'),
      ev(3000, 'product.click', 'bot:clicker', { productId: 'tee' }),
      leave(6000, 'bot:clicker', 5000),
      enter(1000, 'bot:coupon'),
      ev(3000, 'coupon.claimed', 'bot:coupon', { couponId: 'k1' }),
      leave(6000, 'bot:coupon', 5000),
      enter(1000, 'bot:asker'),
      ev(2000, 'comment', 'bot:asker', { commentId: 'c1', text: '有优惠吗', lang: 'zh', kind: 'question' }),
      leave(4000, 'bot:asker', 3000),
      enter(1000, 'bot:buyer'),
      ev(6000, 'order.created', 'bot:buyer', {
        orderId: 'o1',
        productId: 'tee',
        qty: 1,
        unitPrice: 10,
        amount: 10,
      }),
      leave(8000, 'bot:buyer', 7000),
      // …but the like does not carry over to the next visit, which is a bounce.
      enter(30000, 'bot:liker'),
      leave(32000, 'bot:liker', 2000),
      // Stayed 10 s or more: no bounce, however idle.
      enter(1000, 'bot:stayer'),
      leave(11000, 'bot:stayer', 10000),
      // Sent out by the end of the stream: not their choice, no bounce.
      enter(57000, 'bot:late'),
      leave(60000, 'bot:late', 3000, 'ended'),
      ev(60000, 'session.ended', 'system', { reason: 'completed' }),
    ].sort((x, y) => x.tMs - y.tMs);
    const live = new MetricsAccumulator(scenario);
    for (const e of log.filter((e) => e.tMs <= 3000)) live.apply(e);
    // Nobody has left yet by 3 s: an open visit is not a bounce.
    expect(live.snapshot().metrics.bounces).toBe(0);
    const m = buildReport(scenario, log).metrics;
    expect(m.pv).toBe(12);
    expect(m.bounces).toBe(5);
    expect(m.bounceRate).toBe(0.4167);
  });

  it('counts bounces in a simulated session, fewer than the views under 10 s', () => {
    const m = buildReport(
      apparelScenario,
      runSession({
        scenario: apparelScenario,
        seed: 2,
        actions: competentActions(apparelScenario, 5),
        minutes: 5,
      }),
    ).metrics;
    expect(m.bounces).toBeGreaterThan(0);
    expect(m.bounces).toBeLessThanOrEqual(m.pv - m.effectiveViews);
    expect(m.bounceRate).toBe(Math.round((m.bounces / m.pv) * 1e4) / 1e4);
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
