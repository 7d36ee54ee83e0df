import type { MetricsMessage, RoomCommandInput, SessionEvent } from '@livelab/contracts';
import { roomCommandSchema } from '@livelab/contracts';
import type { LiveScriptSegment } from '@livelab/contracts';
import { findBuiltinScenario, RoomMachine } from '@livelab/engagement';
import { openQuestions } from '@livelab/session';
import { describe, expect, it } from 'vitest';
import { MemorySessionLog } from '../../testing/memory-session-log';
import type { Principal, RoomRuntimeOptions } from './room-runtime';
import { RoomError, RoomRuntime } from './room-runtime';

const scenario = findBuiltinScenario('apparel-autumn')!;
const host: Principal = { actor: 'host', name: '主播', role: 'host' };
const operator: Principal = { actor: 'operator', name: '场控', role: 'operator' };
const alice: Principal = { actor: 'user:alice', name: 'Alice', role: 'viewer' };
const bob: Principal = { actor: 'user:bob', name: 'Bob', role: 'viewer' };

function makeRoom(
  overrides: Partial<RoomRuntimeOptions> & { viewers?: number; script?: LiveScriptSegment[] } = {},
) {
  let wall = 1_000_000;
  const log = new MemorySessionLog();
  const published: SessionEvent[] = [];
  const metrics: MetricsMessage[] = [];
  const { viewers, script, ...options } = overrides;
  const machine = new RoomMachine({
    scenario,
    seed: 7,
    ...(viewers ? { viewers } : {}),
    ...(script ? { script } : {}),
    idPrefix: 'b',
    sessionTag: log.sessionId.slice(0, 8),
  });
  const runtime = new RoomRuntime({
    roomId: 'r1',
    sessionId: log.sessionId,
    machine,
    scenario,
    log,
    output: {
      events: (e) => published.push(...e),
      metrics: (m) => metrics.push(m),
      live: () => undefined,
      ended: () => undefined,
      health: () => undefined,
    },
    now: () => wall,
    autoTick: false,
    ...options,
  });
  const run = (who: Principal, command: RoomCommandInput) =>
    runtime.execute(who, roomCommandSchema.parse(command));
  const advance = (ms: number) => {
    for (let step = 0; step < ms; step += 250) {
      wall += 250;
      runtime.advance();
    }
  };
  const offers = (who: Principal) => runtime.stateMessage(who);
  const waiting = () => openQuestions(machine.state, runtime.clockMs()).map((q) => q.commentId);
  return { runtime, machine, log, published, metrics, run, advance, offers, waiting };
}

const product = scenario.products[0]!;

describe('RoomRuntime', () => {
  it('logs the script as last set before go-live, and refuses to change it afterwards', async () => {
    const planned = [{ startSec: 0, durationSec: 60, title: '开场', cue: '欢迎' }];
    const edited = [{ startSec: 0, durationSec: 90, title: '开场', cue: '欢迎，点关注' }];
    const room = makeRoom({ script: planned });
    room.runtime.setScript(edited);
    await room.run(host, { type: 'goLive' }).durable;
    const live = room.log.events.find((e) => e.type === 'session.live')!;
    expect((live.payload as { script?: unknown }).script).toEqual(edited);
    expect(() => room.runtime.setScript(planned)).toThrow(RoomError);
  });

  it('runs a scripted session whose report GMV equals the paid orders in the log', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    room.advance(20_000);
    await room.run(host, { type: 'pin', productId: product.id }).durable;
    await room.run(operator, { type: 'coupon', discount: 10, threshold: 0, quota: 100, perUser: 1 }).durable;
    room.advance(2_000);
    const coupon = room.log.events.find((e) => e.type === 'host.coupon')!;
    const couponId = (coupon.payload as { couponId: string }).couponId;
    await room.run(alice, { type: 'claimCoupon', couponId }).durable;
    const placed = room.run(alice, {
      type: 'order',
      productId: product.id,
      qty: 1,
      couponId,
      idempotencyKey: 'alice-0001',
    });
    const orderId = (placed.data as { orderId: string }).orderId;
    expect((placed.data as { amount: number }).amount).toBe(product.price - 10);
    await room.run(alice, { type: 'pay', orderId }).durable;
    await room.run(host, {
      type: 'flashSale',
      productId: scenario.products[1]!.id,
      price: 59,
      stock: 5,
      durationSec: 60,
    }).durable;
    room.advance(120_000);
    await room.run(host, { type: 'end' }).durable;

    const events = room.log.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const paidSum = events
      .filter((e) => e.type === 'order.paid')
      .reduce((sum, e) => sum + Math.round((e.payload as { amount: number }).amount * 100), 0);
    const report = room.runtime.report();
    expect(Math.round(report.metrics.gmv * 100)).toBe(paidSum);
    expect(report.metrics.orders).toBeGreaterThan(1);
    const counts = report.funnel.map((step) => step.count);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    // Alice's purchase is in the log as a human's.
    expect(events.some((e) => e.type === 'order.paid' && e.actor === 'user:alice')).toBe(true);
    const flashOrders = events.filter(
      (e) => e.type === 'order.created' && (e.payload as { flashSaleId?: string }).flashSaleId,
    );
    expect(flashOrders.reduce((n, e) => n + (e.payload as { qty: number }).qty, 0)).toBeLessThanOrEqual(5);
  });

  it('never sells more than the stock across bots and humans, and a repeated key creates nothing', async () => {
    const room = makeRoom({ viewers: 3000 });
    room.runtime.join(alice);
    room.runtime.join(bob);
    await room.run(host, { type: 'goLive' }).durable;
    await room.run(operator, { type: 'stock', productId: product.id, stock: 3 }).durable;
    await room.run(host, { type: 'pin', productId: product.id }).durable;
    const first = room.run(alice, {
      type: 'order',
      productId: product.id,
      qty: 1,
      idempotencyKey: 'same-key-1',
    });
    const again = room.run(alice, {
      type: 'order',
      productId: product.id,
      qty: 1,
      idempotencyKey: 'same-key-1',
    });
    expect(again.data).toEqual(first.data);
    room.advance(300_000);
    const sold = room.log.events
      .filter(
        (e) => e.type === 'order.created' && (e.payload as { productId: string }).productId === product.id,
      )
      .reduce((n, e) => n + (e.payload as { qty: number }).qty, 0);
    const cancelledUnits = room.log.events
      .filter((e) => e.type === 'order.cancelled')
      .map((e) =>
        room.log.events.find(
          (o) =>
            o.type === 'order.created' &&
            (o.payload as { orderId: string }).orderId === (e.payload as { orderId: string }).orderId,
        ),
      )
      .filter((o) => o && (o.payload as { productId: string }).productId === product.id)
      .reduce((n, o) => n + (o!.payload as { qty: number }).qty, 0);
    // Bots wanted more than the 3 units: the shelf ran empty and stock-outs were logged, once.
    expect(sold).toBeGreaterThanOrEqual(3);
    expect(sold - cancelledUnits).toBeLessThanOrEqual(3);
    expect(
      room.log.events.filter(
        (e) => e.type === 'product.stockout' && !(e.payload as { flashSaleId?: string }).flashSaleId,
      ),
    ).toHaveLength(1);
    expect(room.runtime.products().find((p) => p.id === product.id)!.stock).toBeGreaterThanOrEqual(0);
    expect(() =>
      room.run(bob, { type: 'order', productId: product.id, qty: 3, idempotencyKey: 'bob-00001' }),
    ).toThrow(/sold out/);
  });

  it('refuses each role what it may not do, with a clear error', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    expect(() => room.run(alice, { type: 'goLive' })).toThrow(/a viewer cannot goLive/);
    await room.run(host, { type: 'goLive' }).durable;
    expect(() => room.run(alice, { type: 'pin', productId: product.id })).toThrow(RoomError);
    expect(() => room.run(alice, { type: 'end' })).toThrow(/cannot end/);
    expect(() =>
      room.run(host, { type: 'order', productId: product.id, qty: 1, idempotencyKey: 'host-0001' }),
    ).toThrow(/a host cannot order/);
    expect(() => room.run(host, { type: 'pin', productId: 'nope' })).toThrow(/no product "nope"/);
    expect(room.runtime.state).toBe('live');
  });

  it('limits a chatty viewer, honours mutes, and records hiding a genuine complaint as a violation', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    for (let i = 0; i < 3; i++) room.run(alice, { type: 'comment', text: `第${i}条` });
    expect(() => room.run(alice, { type: 'comment', text: '第4条' })).toThrow(/slow down/);
    room.advance(4_000);
    const complaint = room.run(alice, { type: 'comment', text: '我的快递还没发货，要退款' });
    const commentId = (complaint.data as { commentId: string }).commentId;
    await room.run(operator, { type: 'hide', commentId }).durable;
    expect(
      room.log.events.some(
        (e) =>
          e.type === 'compliance.violation' &&
          (e.payload as { rule: string }).rule === 'hidden-genuine-complaint',
      ),
    ).toBe(true);
    await room.run(operator, { type: 'mute', target: alice.actor, minutes: 5 }).durable;
    room.advance(4_000);
    expect(() => room.run(alice, { type: 'comment', text: '还在吗' })).toThrow(/muted/);
  });

  it('takes a human question out of the unanswered queue when it is answered', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    const asked = room.run(alice, { type: 'comment', text: '这件多少钱？' });
    const commentId = (asked.data as { commentId: string }).commentId;
    room.advance(5_000);
    expect(room.waiting()).toContain(commentId);
    await room.run(host, { type: 'reply', commentId, text: '今天直播间到手价199元' }).durable;
    expect(room.waiting()).not.toContain(commentId);
    const reply = room.log.events.find(
      (e) => e.type === 'comment.reply' && (e.payload as { replyTo: string }).replyTo === commentId,
    );
    expect(reply?.payload).toMatchObject({ addressed: true });
  });

  it('raises alerts for a banned word, low stock and a question left waiting', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    await room.run(host, { type: 'say', text: '这是全网最低价，第一名的品质' }).durable;
    await room.run(operator, { type: 'stock', productId: product.id, stock: 2 }).durable;
    room.run(alice, { type: 'comment', text: '什么时候发货？' });
    room.advance(31_000);
    const kinds = room.runtime.metrics().alerts.map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['bannedWord', 'lowStock', 'questionWaiting']));
    room.advance(60_000);
    expect(room.runtime.metrics().alerts.map((a) => a.kind)).not.toContain('bannedWord');
  });

  it('lets a human who met the condition into the giveaway draw', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    await room.run(host, { type: 'giveaway', durationSec: 30, winners: 100_000, condition: 'comment' })
      .durable;
    const giveawayId = (
      room.log.events.find((e) => e.type === 'host.giveaway')!.payload as { giveawayId: string }
    ).giveawayId;
    expect(() => room.run(alice, { type: 'enterGiveaway', giveawayId })).toThrow(/comment first/);
    room.run(alice, { type: 'comment', text: '想要福袋' });
    await room.run(alice, { type: 'enterGiveaway', giveawayId }).durable;
    room.advance(40_000);
    const drawn = room.log.events.find((e) => e.type === 'giveaway.drawn');
    expect((drawn?.payload as { winners: string[] }).winners).toContain(alice.actor);
    expect(() => room.run(alice, { type: 'enterGiveaway', giveawayId })).toThrow(/not open/);
  });

  it('shows someone joining mid-session the coupons and giveaway on offer, with what they hold', async () => {
    const room = makeRoom();
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    await room.run(operator, {
      type: 'coupon',
      discount: 5,
      threshold: 0,
      quota: 1,
      perUser: 1,
      condition: 'follow',
    }).durable;
    await room.run(host, { type: 'giveaway', durationSec: 60, winners: 3, condition: 'none', prize: '口红' })
      .durable;
    const couponId = (room.log.events.find((e) => e.type === 'host.coupon')!.payload as { couponId: string })
      .couponId;
    expect(() => room.run(alice, { type: 'claimCoupon', couponId })).toThrow(/follow the room/);
    await room.run(alice, { type: 'follow' }).durable;
    await room.run(alice, { type: 'claimCoupon', couponId }).durable;

    const aliceSees = room.offers(alice);
    expect(aliceSees.following).toBe(true);
    expect(aliceSees.coupons).toEqual([
      expect.objectContaining({
        couponId,
        discount: 5,
        condition: 'follow',
        left: 0,
        held: 1,
        claimedByYou: 1,
      }),
    ]);
    expect(aliceSees.giveaways).toEqual([
      expect.objectContaining({ prize: '口红', winners: 3, endsInSec: 60, entered: false }),
    ]);
    // Used in an order, the coupon is no longer held, but it was claimed: it cannot be claimed again.
    await room.run(alice, {
      type: 'order',
      productId: product.id,
      qty: 1,
      couponId,
      idempotencyKey: 'alice-coupon-1',
    }).durable;
    expect(room.offers(alice).coupons[0]).toMatchObject({ held: 0, claimedByYou: 1 });
    room.runtime.join(bob);
    expect(room.offers(bob).coupons[0]).toMatchObject({ left: 0, held: 0, claimedByYou: 0 });
    expect(room.runtime.metrics().couponsLeft).toEqual({ [couponId]: 0 });
    // The last claim went to Alice: Bob is told the coupon is gone.
    await room.run(bob, { type: 'follow' }).durable;
    expect(() => room.run(bob, { type: 'claimCoupon', couponId })).toThrow(/all claimed/);
    room.advance(61_000);
    expect(room.offers(alice).giveaways).toEqual([]);
  });

  it('at a sped-up clock, stretches a flash sale or 福袋 to 30 real seconds and says so', async () => {
    const room = makeRoom({ speed: 5 });
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    const flash = room.run(host, {
      type: 'flashSale',
      productId: product.id,
      price: product.price * 0.7,
      stock: 20,
      durationSec: 60,
    });
    // 60 session seconds at ×5 would be 12 s on a phone: it runs 150 (30 real seconds).
    expect(flash.data).toMatchObject({
      window: { requestedSec: 60, durationSec: 150, realSec: 30, phonesKeepUp: true },
    });
    expect(room.machine.state.flashSale?.endsAtMs).toBe(room.runtime.clockMs() + 150_000);
    const long = room.run(host, { type: 'giveaway', durationSec: 600, winners: 1, condition: 'comment' });
    expect(long.data).toBeUndefined();

    const fast = makeRoom({ speed: 60 });
    await fast.run(host, { type: 'goLive' }).durable;
    // At ×60 even the longest countdown the platform allows (15 min) is 15 real seconds: the console is told.
    const giveaway = fast.run(host, { type: 'giveaway', durationSec: 180, winners: 1, condition: 'comment' });
    expect(giveaway.data).toMatchObject({ window: { durationSec: 900, realSec: 15, phonesKeepUp: false } });
  });

  it('ends the session when the platform cuts the stream, as it would for the host', async () => {
    const ended: unknown[] = [];
    const room = makeRoom({
      output: {
        events: () => undefined,
        metrics: () => undefined,
        live: () => undefined,
        ended: (report) => ended.push(report),
        health: () => undefined,
      },
    });
    room.runtime.join(alice);
    await room.run(host, { type: 'goLive' }).durable;
    let last: Promise<void> = Promise.resolve();
    for (let n = 0; n < 8; n++) {
      room.advance(2_000);
      last = room.run(host, { type: 'say', text: `全网最低价 第${n + 1}次` }).durable;
    }
    await last;
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.runtime.state).toBe('ended');
    const end = room.log.events.at(-1)!;
    expect(end).toMatchObject({ type: 'session.ended', payload: { reason: 'platform' } });
    expect(
      room.log.events
        .filter((e) => e.type === 'platform.penalty')
        .map((e) => (e.payload as { step: string }).step),
    ).toEqual(['warning', 'warning', 'throttle', 'throttle', 'throttle', 'throttle', 'throttle', 'cut']);
    expect(ended).toHaveLength(1);
    expect(() => room.run(host, { type: 'say', text: '还在吗' })).toThrow(/ended/);
  });

  it('ends an exam room by itself at its length, and reports the end as the host ending it would', async () => {
    const ended: unknown[] = [];
    const room = makeRoom({
      endAfterSec: 90,
      output: {
        events: () => undefined,
        metrics: () => undefined,
        live: () => undefined,
        ended: (report) => ended.push(report),
        health: () => undefined,
      },
    });
    await room.run(host, { type: 'goLive' }).durable;
    room.advance(89_000);
    expect(room.runtime.state).toBe('live');
    room.advance(2_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(room.runtime.state).toBe('ended');
    const end = room.log.events.at(-1)!;
    expect(end).toMatchObject({ type: 'session.ended', tMs: 90_000, payload: { reason: 'completed' } });
    expect(ended).toHaveLength(1);
  });
});
