import type { RoomCommandInput, SessionEvent } from '@livelab/contracts';
import { roomCommandSchema } from '@livelab/contracts';
import { buildReport, findBuiltinScenario } from '@livelab/engagement';
import { describe, expect, it } from 'vitest';
import { MemorySessionLog } from '../testing/memory-session-log';
import { shelvesOf } from '../rooms/runtime/commerce';
import type { Principal } from '../rooms/runtime/room-runtime';
import { RoomRuntime } from '../rooms/runtime/room-runtime';
import { replaySession, setupFromLog } from './session-replay';

const scenario = findBuiltinScenario('apparel-autumn')!;
const [first, second] = scenario.products;
const host: Principal = { actor: 'host', name: '主播', role: 'host' };
const operator: Principal = { actor: 'operator', name: '场控', role: 'operator' };
const alice: Principal = { actor: 'user:alice', name: 'Alice', role: 'viewer' };
const bob: Principal = { actor: 'user:bob', name: 'Bob', role: 'viewer' };

/**
 * A live session driven like the real one: a wall clock at 7× speed, a timer firing at uneven moments,
 * staff and two humans acting in between (orders, coupons, a flash sale, replies, a hidden complaint).
 */
async function liveSession(): Promise<SessionEvent[]> {
  let wall = 5_000_000;
  const log = new MemorySessionLog();
  const runtime = new RoomRuntime({
    roomId: 'r1',
    sessionId: log.sessionId,
    scenario,
    seed: 11,
    products: shelvesOf(scenario),
    log,
    output: { events: () => undefined, metrics: () => undefined, ended: () => undefined },
    now: () => wall,
    speed: 7,
    viewers: 400,
    autoTick: false,
  });
  const run = (who: Principal, command: RoomCommandInput) => {
    try {
      return runtime.execute(who, roomCommandSchema.parse(command)).data;
    } catch {
      return undefined;
    }
  };
  // Timer ticks at uneven wall intervals, as a loaded event loop fires them.
  const gaps = [250, 263, 311, 249, 1020, 97, 402];
  let g = 0;
  const wait = (wallMs: number) => {
    for (let done = 0; done < wallMs;) {
      const step = gaps[g++ % gaps.length]!;
      wall += step;
      done += step;
      runtime.advance();
    }
    // The clock moves on between timer ticks: commands land between them.
    wall += 173;
  };
  runtime.join(alice);
  await runtime.execute(host, roomCommandSchema.parse({ type: 'goLive' })).durable;
  wait(3_001);
  run(operator, { type: 'replyPolicy', latencySec: 15, coverage: 0.7 });
  run(host, { type: 'pin', productId: first!.id });
  wall += 3;
  runtime.join(bob);
  run(host, { type: 'say', text: '这款是全网最好的面料，点个关注' });
  wait(5_000);
  run(operator, { type: 'coupon', discount: 10, threshold: 0, quota: 5000, perUser: 1 });
  const couponId = (
    [...log.events].reverse().find((e) => e.type === 'host.coupon')!.payload as { couponId: string }
  ).couponId;
  wait(1_503);
  run(alice, { type: 'comment', text: '有M码吗？' });
  run(bob, { type: 'comment', text: '上次买的到现在还没发货，差评' });
  run(alice, { type: 'claimCoupon', couponId });
  const order = run(alice, {
    type: 'order',
    productId: first!.id,
    qty: 1,
    couponId,
    idempotencyKey: 'alice-0001',
  }) as { orderId: string } | undefined;
  wait(777);
  if (order) run(alice, { type: 'pay', orderId: order.orderId });
  run(bob, { type: 'like', count: 5 });
  run(bob, { type: 'follow' });
  const comments = log.events.filter((e) => e.type === 'comment' && e.actor.startsWith('user:'));
  run(host, {
    type: 'reply',
    commentId: (comments[0]!.payload as { commentId: string }).commentId,
    text: 'M码有货',
  });
  run(operator, { type: 'hide', commentId: (comments[1]!.payload as { commentId: string }).commentId });
  wait(4_000);
  run(host, { type: 'flashSale', productId: second!.id, price: 59, stock: 8, durationSec: 60 });
  wait(1_234);
  run(bob, { type: 'order', productId: second!.id, qty: 1, idempotencyKey: 'bob-00001' });
  run(operator, { type: 'stock', productId: first!.id, stock: 40 });
  runtime.leave(alice);
  wait(6_000);
  run(host, { type: 'unpin' });
  run(host, { type: 'giveaway', durationSec: 30, winners: 3, condition: 'comment', prize: '福袋' });
  runtime.join(alice);
  wait(20_000);
  await runtime.execute(host, roomCommandSchema.parse({ type: 'end' })).durable;
  return log.events as SessionEvent[];
}

const withoutSeq = (events: readonly SessionEvent[]) => events.map(({ seq: _seq, ...rest }) => rest);

describe('what-if re-run of a live session', () => {
  it('reproduces every logged event and the report when nothing is edited', async () => {
    const log = await liveSession();
    expect(log.some((e) => e.type === 'order.paid' && e.actor === 'user:alice')).toBe(true);
    expect(log.some((e) => e.type === 'compliance.violation')).toBe(true);
    const { setup, exact } = setupFromLog(scenario, log, { seed: 0, viewers: undefined, shelves: [] });
    expect(exact).toBe(true);
    const replayed = replaySession(setup, log);
    expect(replayed).toEqual(withoutSeq(log));
    expect(buildReport(scenario, replayed)).toEqual(buildReport(scenario, log));
  });

  it('moves, drops and answers faster — and the figures change accordingly', async () => {
    const log = await liveSession();
    const { setup } = setupFromLog(scenario, log, { seed: 0, viewers: undefined, shelves: [] });
    const original = buildReport(scenario, log);
    const flash = log.find((e) => e.type === 'host.flashSale')!;
    const dropped = buildReport(scenario, replaySession(setup, log, [{ kind: 'drop', seq: flash.seq }]));
    expect(dropped).not.toEqual(original);
    const faster = buildReport(scenario, replaySession(setup, log, [{ kind: 'answerWithin', sec: 20 }]));
    expect(faster.comments.answeredRate).toBeGreaterThan(original.comments.answeredRate);
    expect(faster.comments.p90ResponseSec).not.toBeNull();
    expect(faster.comments.p90ResponseSec!).toBeLessThanOrEqual(20);
    // Alice's coupon order still stands when the coupon comes earlier: its id follows the move.
    const coupon = log.find((e) => e.type === 'host.coupon')!;
    const moved = replaySession(setup, log, [{ kind: 'move', seq: coupon.seq, toSec: 1 }]);
    expect(moved.some((e) => e.type === 'order.paid' && e.actor === 'user:alice')).toBe(true);
    expect(moved.find((e) => e.type === 'host.coupon')!.tMs).toBe(1000);
  });
});
