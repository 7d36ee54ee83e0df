import { describe, expect, it } from 'vitest';
import type { HostAction, NewSessionEvent } from '@livelab/contracts';
import { apparelScenario } from '../scenario/builtin';
import { createSimulation } from './simulation';
import type { StockBook } from './simulation';

const tee = apparelScenario.products[0]!.id;

function drive(
  sim: ReturnType<typeof createSimulation>,
  seconds: number,
  actions: HostAction[] = [],
): NewSessionEvent[] {
  const out: NewSessionEvent[] = [];
  for (let t = 0; t < seconds; t++) {
    for (const a of actions) if (a.t === t) out.push(...sim.apply(a, t * 1000));
    out.push(...sim.tick(t * 1000));
  }
  return out;
}

describe('createSimulation (live runtime API)', () => {
  it('catches up several seconds in one tick call, the same as second by second', () => {
    const a = createSimulation({ scenario: apparelScenario, seed: 3 });
    const b = createSimulation({ scenario: apparelScenario, seed: 3 });
    const stepwise = drive(a, 120);
    const atOnce = b.tick(119_000);
    expect(JSON.stringify(atOnce)).toBe(JSON.stringify(stepwise));
  });

  it('lets the runtime be the authority on stock: a refused order is a stock-out, not an order', () => {
    const asked: string[] = [];
    const soldOut: StockBook = {
      reserve: (productId) => (asked.push(productId), 0),
      release: () => undefined,
      available: () => 0,
    };
    const sim = createSimulation({ scenario: apparelScenario, seed: 5, scale: 3, stock: soldOut });
    const events = drive(sim, 900, [
      { t: 0, type: 'pin', productId: tee },
      { t: 0, type: 'replyPolicy', latencySec: 10, coverage: 1, kinds: ['question'] },
    ]);
    expect(asked.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'order.created')).toBe(false);
    const stockouts = events.filter((e) => e.type === 'product.stockout');
    expect(stockouts.length).toBeGreaterThan(0);
    const products = stockouts.map((e) => (e.type === 'product.stockout' ? e.payload.productId : ''));
    expect(new Set(products).size).toBe(products.length);
    expect(events.some((e) => e.type === 'comment' && e.payload.topic === 'stock')).toBe(true);
  });

  it('answers a question named by id with a reply event and reports compliance of the reply text', () => {
    const sim = createSimulation({ scenario: apparelScenario, seed: 8, scale: 2 });
    const events = drive(sim, 300, [{ t: 0, type: 'pin', productId: tee }]);
    const question = events.find((e) => e.type === 'comment' && e.payload.kind === 'question');
    if (!question || question.type !== 'comment') throw new Error('expected a question in 5 minutes');
    const out = sim.apply(
      { t: 300, type: 'reply', commentId: question.payload.commentId, text: '全网最低价，包邮' },
      300_000,
    );
    expect(out.map((e) => e.type)).toEqual(['host.reply', 'compliance.violation', 'comment.reply']);
  });

  it('treats hiding a genuine complaint as a violation', () => {
    const sim = createSimulation({ scenario: apparelScenario, seed: 2, scale: 3 });
    const events = drive(sim, 1200, [{ t: 0, type: 'pin', productId: tee }]);
    const complaint = events.find(
      (e) => e.type === 'comment' && e.payload.kind === 'complaint' && !e.actor.includes('troll'),
    );
    if (!complaint || complaint.type !== 'comment') throw new Error('expected a complaint in 20 minutes');
    const out = sim.apply({ t: 1200, type: 'hide', commentId: complaint.payload.commentId }, 1_200_000);
    expect(
      out.some((e) => e.type === 'compliance.violation' && e.payload.rule === 'hidden-genuine-complaint'),
    ).toBe(true);
  });

  it('fills the room to the requested size and keeps roughly that many viewers while selling', () => {
    const sim = createSimulation({ scenario: apparelScenario, seed: 1, viewers: 20_000 });
    expect(sim.snapshot().online).toBe(20_000);
    drive(sim, 300, [
      {
        t: 0,
        type: 'replyPolicy',
        latencySec: 12,
        coverage: 0.9,
        kinds: ['question', 'objection', 'complaint'],
      },
      { t: 0, type: 'pin', productId: tee },
      { t: 150, type: 'say', text: '纯棉不透，百搭' },
    ]);
    const online = sim.snapshot().online;
    expect(online).toBeGreaterThan(10_000);
    expect(online).toBeLessThan(40_000);
  });
});
