import { describe, expect, it } from 'vitest';
import { buildReport } from './report/metrics-accumulator';
import { runSession } from './run-session';
import { apparelScenario, automotiveScenario } from './scenario/builtin';
import { competentActions } from './scenario/host-scripts';

const run = (seed: number, minutes = 10) =>
  runSession({
    scenario: apparelScenario,
    seed,
    actions: competentActions(apparelScenario, minutes),
    minutes,
  });

describe('runSession determinism', () => {
  it('gives byte-identical events and report for the same scenario, seed and actions', () => {
    const a = run(11);
    const b = run(11);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(buildReport(apparelScenario, a))).toBe(
      JSON.stringify(buildReport(apparelScenario, b)),
    );
  });

  it('gives a different session for a different seed', () => {
    expect(JSON.stringify(run(11))).not.toBe(JSON.stringify(run(12)));
  });

  it('numbers events 1..n in non-decreasing session time, from go-live to the end', () => {
    const events = run(3, 5);
    expect(events[0]).toMatchObject({ seq: 1, type: 'session.live' });
    expect(events.at(-1)).toMatchObject({ type: 'session.ended', tMs: 300_000 });
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.tMs).toBeGreaterThanOrEqual(events[i - 1]!.tMs);
    });
  });

  it('sends every viewer who entered out again, with a watch time that adds up', () => {
    const events = run(5, 5);
    const enters = events.filter((e) => e.type === 'viewer.enter').length;
    const leaves = events.filter((e) => e.type === 'viewer.leave');
    expect(leaves).toHaveLength(enters);
    for (const leave of leaves) {
      if (leave.type !== 'viewer.leave') continue;
      expect(leave.payload.watchMs).toBeGreaterThan(0);
      expect(leave.payload.watchMs).toBeLessThanOrEqual(leave.tMs + 200_000);
    }
  });

  it('emits at most one exposure per viewer and product', () => {
    const seen = new Set<string>();
    for (const e of run(6, 10)) {
      if (e.type !== 'product.exposure') continue;
      const key = `${e.actor}/${e.payload.productId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('captures leads, never orders, for lead-only cars', () => {
    const events = runSession({
      scenario: automotiveScenario,
      seed: 2,
      actions: competentActions(automotiveScenario, 20),
      minutes: 20,
    });
    const leadOnly = new Set(automotiveScenario.products.filter((p) => p.leadOnly).map((p) => p.id));
    const leads = events.filter((e) => e.type === 'lead.created');
    expect(leads.length).toBeGreaterThan(0);
    for (const e of events)
      if (e.type === 'order.created') expect(leadOnly.has(e.payload.productId)).toBe(false);
    // The review's products table: every lead under its car (a person may leave leads for two cars, so the
    // rows add up to the leads taken, and the session's 留资 counts people), each row with its English name.
    const report = buildReport(automotiveScenario, events);
    expect(report.products.reduce((sum, p) => sum + p.leads, 0)).toBe(leads.length);
    expect(report.metrics.leads).toBe(new Set(leads.map((e) => e.actor)).size);
    expect(report.products.filter((p) => p.leads > 0).every((p) => leadOnly.has(p.id))).toBe(true);
    expect(report.products.map((p) => p.nameEn)).toEqual(automotiveScenario.products.map((p) => p.nameEn));
    expect(report.scenario.nameEn).toBe('EV launch live');
  });

  it('words comments so the room does not repeat itself', () => {
    const texts = run(8, 20)
      .filter((e) => e.type === 'comment')
      .map((e) => (e.type === 'comment' ? e.payload.text : ''));
    expect(texts.length).toBeGreaterThan(100);
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.6);
  });
});

describe('runSession promotions', () => {
  it('draws every giveaway, also one that overlaps a later one', () => {
    const events = runSession({
      scenario: apparelScenario,
      seed: 4,
      minutes: 8,
      actions: [
        { t: 10, type: 'giveaway', durationSec: 300, winners: 2, condition: 'none', prize: '福袋 A' },
        { t: 60, type: 'giveaway', durationSec: 60, winners: 1, condition: 'comment', prize: '福袋 B' },
      ],
    });
    const started = events.flatMap((e) => (e.type === 'host.giveaway' ? [e.payload.giveawayId] : []));
    const drawn = events.flatMap((e) => (e.type === 'giveaway.drawn' ? [e.payload.giveawayId] : []));
    expect(started).toHaveLength(2);
    expect(drawn.sort()).toEqual([...started].sort());
  });

  it('gives the units of an unpaid flash-sale order back to the sale while it runs', () => {
    const product = apparelScenario.products[1]!;
    const events = runSession({
      scenario: apparelScenario,
      seed: 2,
      minutes: 12,
      viewers: 3000,
      actions: [
        { t: 5, type: 'pin', productId: product.id },
        {
          t: 10,
          type: 'flashSale',
          productId: product.id,
          price: 9.9,
          stock: 400,
          durationSec: 600,
          perUser: 1,
        },
      ],
    });
    const flashOrders = new Map<string, number>();
    let net = 0;
    let cancelledDuringSale = 0;
    let ended: { sold: number } | undefined;
    for (const e of events) {
      if (e.type === 'order.created' && e.payload.flashSaleId) {
        flashOrders.set(e.payload.orderId, e.payload.qty);
        net += e.payload.qty;
      } else if (e.type === 'order.cancelled' && flashOrders.has(e.payload.orderId) && !ended) {
        net -= flashOrders.get(e.payload.orderId)!;
        cancelledDuringSale++;
      } else if (e.type === 'flashSale.ended') ended = e.payload;
    }
    expect(cancelledDuringSale).toBeGreaterThan(0);
    expect(ended?.sold).toBe(net);
  });
});

describe('runSession coupons', () => {
  it('never gives out more claims than the coupon has, even to a crowd claiming in the same second', () => {
    const events = runSession({
      scenario: apparelScenario,
      seed: 6,
      minutes: 3,
      viewers: 5000,
      actions: [
        {
          t: 5,
          type: 'coupon',
          discount: 5,
          threshold: 0,
          quota: 20,
          perUser: 1,
          condition: 'none',
          minWatchSec: 0,
        },
      ],
    });
    const claims = events.filter((e) => e.type === 'coupon.claimed');
    expect(claims.length).toBe(20);
  });
});
