import { describe, expect, it } from 'vitest';
import type { NewSessionEvent, SessionEvent } from '@livelab/contracts';
import type { Principal, RoomInputCommand } from '@livelab/session';
import { buildReport } from '../report/metrics-accumulator';
import { apparelScenario } from '../scenario/builtin';
import { RoomMachine } from './room-machine';
import { replaySession } from './replay';

const host: Principal = { actor: 'host', name: '主播', role: 'host' };
const operator: Principal = { actor: 'operator', name: '场控', role: 'operator' };
const alice: Principal = { actor: 'user:alice', name: 'Alice', role: 'viewer' };
const bob: Principal = { actor: 'user:bob', name: 'Bob', role: 'viewer' };
const [tee, cardigan] = apparelScenario.products.map((p) => p.id) as [string, string];

/** A session as the live host drives the machine: every input runs the audience up to its time first. */
function liveSession(): SessionEvent[] {
  const machine = new RoomMachine({
    scenario: apparelScenario,
    seed: 21,
    viewers: 400,
    idPrefix: 'b',
    sessionTag: 'abcd1234',
  });
  const log: SessionEvent[] = [];
  const push = (events: readonly NewSessionEvent[]) => {
    for (const e of events) log.push({ ...e, seq: log.length + 1 } as SessionEvent);
  };
  const at = (sec: number, who: Principal, command: RoomInputCommand): unknown => {
    push(machine.tick(sec * 1000));
    try {
      const outcome = machine.execute(who, command, sec * 1000);
      push(outcome.events);
      return outcome.data;
    } catch {
      return undefined;
    }
  };
  const idOf = (type: string, key: string): string =>
    (log.find((e) => e.type === type)?.payload as Record<string, string>)[key]!;
  push(machine.goLive(host, 0));
  push(machine.tick(0));
  push(machine.enterAtGoLive([alice.actor], 0));
  at(5, operator, { type: 'replyPolicy', latencySec: 10, coverage: 0.8, kinds: ['question'] });
  at(10, host, { type: 'pin', productId: tee });
  push(machine.tick(12_000));
  push(machine.join(bob.actor, 12_000));
  at(15, alice, { type: 'comment', text: 'T恤多少钱？' });
  at(20, operator, {
    type: 'coupon',
    discount: 5,
    threshold: 0,
    quota: 500,
    perUser: 1,
    condition: 'follow',
    minWatchSec: 0,
  });
  at(25, alice, { type: 'follow' });
  at(26, alice, { type: 'claimCoupon', couponId: idOf('host.coupon', 'couponId') });
  const order = at(30, alice, {
    type: 'order',
    productId: tee,
    qty: 1,
    couponId: idOf('host.coupon', 'couponId'),
    idempotencyKey: 'alice-1',
  }) as { orderId: string };
  at(40, alice, { type: 'pay', orderId: order.orderId });
  at(60, host, { type: 'flashSale', productId: cardigan, price: 59, stock: 20, durationSec: 60, perUser: 2 });
  at(62, bob, { type: 'order', productId: cardigan, qty: 2, idempotencyKey: 'bob-1' });
  at(90, host, {
    type: 'giveaway',
    durationSec: 40,
    winners: 3,
    condition: 'none',
    prize: '福袋',
    password: '福袋来了',
  });
  at(95, bob, { type: 'enterGiveaway', giveawayId: idOf('host.giveaway', 'giveawayId') });
  at(100, bob, { type: 'comment', text: '发错货了要退款' });
  at(110, operator, { type: 'hide', commentId: idOf('comment', 'commentId') });
  at(120, host, { type: 'say', text: '家人们点点关注' });
  // 商品排序 and 弹卡 replay too: the cardigan becomes link 1, then its card pops up.
  at(125, operator, {
    type: 'reorder',
    productIds: [cardigan, ...apparelScenario.products.map((p) => p.id).filter((id) => id !== cardigan)],
  });
  at(126, operator, { type: 'card', productId: cardigan });
  // 定时秒杀: one set for 20 s later (the clock starts it), another called off.
  at(128, operator, {
    type: 'flashSale',
    productId: tee,
    price: 29,
    stock: 20,
    durationSec: 30,
    perUser: 1,
    startInSec: 20,
  });
  at(129, host, {
    type: 'flashSale',
    productId: tee,
    price: 25,
    stock: 20,
    durationSec: 30,
    perUser: 1,
    startInSec: 60,
  });
  const second = log.findLast((e) => e.type === 'host.flashSaleScheduled')!;
  at(130, host, {
    type: 'cancelFlashSale',
    scheduleId: (second.payload as { scheduleId: string }).scheduleId,
  });
  at(150, host, { type: 'reply', commentId: 'hx', text: '都有货' });
  push(machine.tick(170_000));
  push(machine.leave(bob.actor, 170_000));
  at(200, operator, { type: 'stock', productId: tee, stock: 0 });
  push(machine.tick(300_000));
  push(machine.end('host', 300_000));
  return log;
}

const plain = (events: readonly SessionEvent[]): NewSessionEvent[] =>
  events.map(({ seq: _seq, ...e }) => e as NewSessionEvent);

describe('replaySession', () => {
  const log = liveSession();

  it('re-makes the logged session exactly when nothing is edited, humans and all', () => {
    expect(log.filter((e) => e.actor.startsWith('user:')).length).toBeGreaterThan(10);
    const { events, machine } = replaySession(apparelScenario, log);
    expect(events).toEqual(plain(log));
    expect(machine.state.status).toBe('ended');
    expect(log.some((e) => e.type === 'host.reorder')).toBe(true);
    expect(
      log.filter((e) => e.type === 'product.exposure' && e.payload.via === 'card').length,
    ).toBeGreaterThan(0);
    expect([...machine.state.products.keys()][0]).toBe(cardigan);
    // The scheduled sale started on the clock at 148 s, the cancelled one never.
    expect(
      log.filter((e) => e.type === 'host.flashSale' && e.payload.scheduleId !== undefined).map((e) => e.tMs),
    ).toEqual([148_000]);
    expect(log.some((e) => e.type === 'host.flashSaleCancelled')).toBe(true);
  });

  it('re-makes a log from before go-live recorded the pre-stream test, and one that went live without a pass', () => {
    const live = log.find((e) => e.type === 'session.live')!;
    expect(live.payload).toMatchObject({ pretest: 'none' });
    const { pretest: _pretest, ...older } = live.payload as Record<string, unknown>;
    const before = log.map((e) => (e === live ? ({ ...e, payload: older } as SessionEvent) : e));
    expect(replaySession(apparelScenario, before).events).toEqual(plain(before));
  });

  it('leaves out what the edited room cannot take: a dropped coupon takes the claim, the order and its payment', () => {
    const coupon = log.find((e) => e.type === 'host.coupon')!;
    const { events } = replaySession(apparelScenario, log, [{ kind: 'drop', seq: coupon.seq }]);
    const alices = events.filter((e) => e.actor === alice.actor).map((e) => e.type);
    expect(alices).toContain('comment');
    expect(alices).not.toContain('coupon.claimed');
    expect(alices).not.toContain('order.created');
    expect(alices).not.toContain('order.paid');
    expect(events.some((e) => e.type === 'host.coupon')).toBe(false);
  });

  it('moves a host action and keeps the humans who acted on it', () => {
    const flash = log.find((e) => e.type === 'host.flashSale')!;
    const { events } = replaySession(apparelScenario, log, [{ kind: 'move', seq: flash.seq, toSec: 1 }]);
    const moved = events.find((e) => e.type === 'host.flashSale')!;
    expect(moved.tMs).toBe(1_000);
    // Bob's flash-sale order (at 62 s) comes after the moved sale ended (at 61 s): it is left out.
    expect(events.some((e) => e.type === 'order.created' && e.actor === bob.actor)).toBe(false);
  });

  it('answers every question within the time given, which a report can compare', () => {
    const { events } = replaySession(apparelScenario, log, [{ kind: 'answerWithin', sec: 10 }]);
    const report = buildReport(apparelScenario, events);
    const original = buildReport(apparelScenario, log);
    expect(report.comments.answeredRate).toBeGreaterThan(original.comments.answeredRate);
    expect(report.comments.p90ResponseSec ?? 0).toBeLessThanOrEqual(10);
  });
});

describe('replaySession over a long quiet stretch', () => {
  it('re-runs minutes of a big room with no input in between (more events than one call may take)', () => {
    const machine = new RoomMachine({ scenario: apparelScenario, seed: 2, viewers: 60_000, idPrefix: 'b' });
    const log: SessionEvent[] = [];
    const push = (events: readonly NewSessionEvent[]) => {
      for (const e of events) log.push({ ...e, seq: log.length + 1 } as SessionEvent);
    };
    push(machine.goLive(host, 0));
    push(machine.tick(0));
    push(machine.tick(1_000));
    push(machine.execute(host, { type: 'pin', productId: tee }, 1_000).events);
    push(machine.tick(300_000));
    push(machine.end('host', 300_000));
    expect(log.length).toBeGreaterThan(150_000);
    const { events } = replaySession(apparelScenario, log);
    expect(events.length).toBe(log.length);
    expect(events.at(-1)).toEqual(plain(log.slice(-1))[0]);
  });
});
