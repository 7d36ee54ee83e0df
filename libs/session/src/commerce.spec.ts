import { describe, expect, it } from 'vitest';
import type { NewSessionEvent } from '@livelab/contracts';
import type { Principal } from './commands';
import { goLiveEvent, humanEntering } from './commands';
import { unitsLeft } from './commerce';
import { RoomCore } from './room-core';
import type { RoomError } from './room-error';

const host: Principal = { actor: 'host', name: '主播', role: 'host' };
const amy: Principal = { actor: 'user:amy', name: 'Amy', role: 'viewer' };
const ben: Principal = { actor: 'user:ben', name: 'Ben', role: 'viewer' };

/** A live room: a ¥19.90 tee (5 in stock), a ¥0.10 sticker (100), a car taking bookings; Amy and Ben watching. */
function liveRoom() {
  const logged: NewSessionEvent[] = [];
  const core = new RoomCore(
    {
      scenarioId: 'tiny',
      seed: 1,
      durationSec: 600,
      sessionTag: 't',
      idPrefix: '',
      unpaidOrderTimeoutSec: 60,
      shelves: [
        { id: 'tee', name: 'T恤', priceCents: 1990, listPriceCents: 2990, stock: 5, leadOnly: false },
        { id: 'sticker', name: '贴纸', priceCents: 10, listPriceCents: 10, stock: 100, leadOnly: false },
        { id: 'car', name: '汽车', priceCents: 9900, listPriceCents: 9900, stock: 0, leadOnly: true },
      ],
    },
    (event) => logged.push(event),
  );
  core.propose(goLiveEvent(core.state, host, 0));
  for (const viewer of [amy, ben])
    for (const e of humanEntering(core.state, viewer.actor, 0)) core.propose(e);
  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      return (error as RoomError).code;
    }
    return 'accepted';
  };
  return { core, logged, refusal };
}

const order = (productId: string, qty: number, key: string, couponId?: string) =>
  ({ type: 'order', productId, qty, idempotencyKey: key, ...(couponId ? { couponId } : {}) }) as const;

describe('commerce in the room core', () => {
  it('prices in whole cents: 3 × ¥19.90 less a ¥5 coupon is ¥54.70, and 3 stickers at ¥0.10 are ¥0.30', () => {
    const { core } = liveRoom();
    core.execute(
      host,
      { type: 'coupon', discount: 5, threshold: 0, perUser: 1, condition: 'none', minWatchSec: 0 },
      1000,
    );
    const couponId = [...core.state.coupons.keys()][0]!;
    core.execute(amy, { type: 'claimCoupon', couponId }, 2000);
    const tee = core.execute(amy, order('tee', 3, 'k1', couponId), 3000).data as { amount: number };
    const stickers = core.execute(ben, order('sticker', 3, 'k2'), 3000).data as { amount: number };
    expect(tee.amount).toBe(54.7);
    expect(stickers.amount).toBe(0.3);
    expect([...core.state.orders.values()].map((o) => o.amountCents)).toEqual([5470, 30]);
  });

  it('takes units as an order is placed, gives them back when it is cancelled, and refuses what is not there', () => {
    const { core, refusal } = liveRoom();
    const first = core.execute(amy, order('tee', 4, 'k1'), 1000).data as { orderId: string };
    expect(core.state.products.get('tee')!.stock).toBe(1);
    expect(refusal(() => core.execute(ben, order('tee', 2, 'k2'), 1000))).toBe('sold_out');
    core.execute(amy, { type: 'cancelOrder', orderId: first.orderId }, 2000);
    expect(core.state.products.get('tee')!.stock).toBe(5);
    expect(refusal(() => core.execute(ben, order('tee', 2, 'k2'), 3000))).toBe('accepted');
  });

  it('a retried purchase (same idempotency key) finds the first order instead of placing a second', () => {
    const { core, logged } = liveRoom();
    const first = core.execute(amy, order('tee', 1, 'same'), 1000).data as { orderId: string };
    const again = core.execute(amy, order('tee', 1, 'same'), 1500);
    expect(again.events).toEqual([]);
    expect((again.data as { orderId: string }).orderId).toBe(first.orderId);
    expect(logged.filter((e) => e.type === 'order.created')).toHaveLength(1);
    expect(core.state.products.get('tee')!.stock).toBe(4);
  });

  it('holds a viewer to 3 unpaid orders and 10 unpaid units; paying or cancelling frees the allowance', () => {
    const { core, refusal } = liveRoom();
    const placed = ['a', 'b', 'c'].map(
      (k) => core.execute(amy, order('sticker', 1, k), 1000).data as { orderId: string },
    );
    expect(refusal(() => core.execute(amy, order('sticker', 1, 'd'), 1000))).toBe('unpaid_limit');
    // Someone else is not held up by Amy's pending orders.
    expect(refusal(() => core.execute(ben, order('sticker', 5, 'b1'), 1000))).toBe('accepted');
    core.execute(amy, { type: 'pay', orderId: placed[0]!.orderId }, 2000);
    expect(refusal(() => core.execute(amy, order('sticker', 5, 'e'), 2000))).toBe('accepted');
    // Units count too: 1 + 5 unpaid after paying b, so 5 more would hold 11; 4 more fill it to 10.
    core.execute(amy, { type: 'pay', orderId: placed[1]!.orderId }, 3000);
    expect(refusal(() => core.execute(amy, order('sticker', 5, 'f'), 3000))).toBe('unpaid_limit');
    expect(refusal(() => core.execute(amy, order('sticker', 4, 'f'), 3000))).toBe('accepted');
    core.execute(amy, { type: 'cancelOrder', orderId: placed[2]!.orderId }, 3000);
    expect(refusal(() => core.execute(amy, order('sticker', 1, 'g'), 3000))).toBe('accepted');
    expect(refusal(() => core.execute(amy, order('sticker', 1, 'h'), 3000))).toBe('unpaid_limit');
  });

  it('a flash sale sells at its price, up to its per-viewer limit and its own stock, and ends when sold out', () => {
    const { core, logged, refusal } = liveRoom();
    core.execute(
      host,
      { type: 'flashSale', productId: 'tee', price: 9.9, stock: 3, durationSec: 60, perUser: 2 },
      1000,
    );
    const flashSaleId = core.state.flashSale!.id;
    expect(refusal(() => core.execute(amy, order('tee', 3, 'k1'), 2000))).toBe('over_limit');
    const amys = core.execute(amy, order('tee', 2, 'k1'), 2000).data as { amount: number };
    expect(amys.amount).toBe(19.8);
    expect(unitsLeft(core.state, 'tee', flashSaleId)).toBe(1);
    expect(refusal(() => core.execute(amy, order('tee', 1, 'k2'), 2500))).toBe('over_limit');
    core.execute(ben, order('tee', 1, 'k3'), 3000);
    expect(core.state.flashSale).toBeNull();
    expect(logged.slice(-2).map((e) => e.type)).toEqual(['product.stockout', 'flashSale.ended']);
    // The shelf price holds again after the sale.
    const after = core.execute(ben, order('tee', 1, 'k4'), 4000).data as { amount: number };
    expect(after.amount).toBe(19.9);
  });

  it("a coupon's quota and per-viewer limit hold, and a used coupon cannot be claimed again", () => {
    const { core, refusal } = liveRoom();
    const drop = (quota?: number) =>
      core.execute(
        host,
        {
          type: 'coupon',
          discount: 1,
          threshold: 0,
          perUser: 1,
          condition: 'none',
          minWatchSec: 0,
          ...(quota ? { quota } : {}),
        },
        1000,
      ).events[0]!.payload as { couponId: string };
    const { couponId: scarce } = drop(1);
    const { couponId: open } = drop();
    core.execute(amy, { type: 'claimCoupon', couponId: scarce }, 2000);
    expect(refusal(() => core.execute(ben, { type: 'claimCoupon', couponId: scarce }, 2000))).toBe(
      'coupon_gone',
    );
    expect(refusal(() => core.execute(ben, order('tee', 1, 'k0', open), 2500))).toBe('coupon_not_claimed');
    core.execute(ben, { type: 'claimCoupon', couponId: open }, 3000);
    expect(refusal(() => core.execute(ben, { type: 'claimCoupon', couponId: open }, 3000))).toBe(
      'over_limit',
    );
    core.execute(ben, order('tee', 1, 'k1', open), 4000);
    expect(refusal(() => core.execute(ben, { type: 'claimCoupon', couponId: open }, 5000))).toBe(
      'over_limit',
    );
    expect(refusal(() => core.execute(ben, order('tee', 1, 'k2', open), 5000))).toBe('coupon_not_claimed');
  });

  it('the audience cannot take what a human just bought: its proposal is refused and nothing changes', () => {
    const { core } = liveRoom();
    core.execute(amy, order('tee', 5, 'k1'), 1000);
    const proposed = core.propose(
      {
        tMs: 1000,
        type: 'order.created',
        actor: 'bot:7',
        payload: { orderId: 'o1', productId: 'tee', qty: 1, unitPrice: 19.9, amount: 19.9 },
      },
      'audience',
    );
    expect(proposed).toBe(false);
    expect(core.state.orders.has('o1')).toBe(false);
    expect(core.state.products.get('tee')!.stock).toBe(0);
  });

  it('an unpaid order times out on the clock and its units go back on the shelf', () => {
    const { core, logged } = liveRoom();
    core.execute(amy, order('tee', 2, 'k1'), 1000);
    core.runClock(60);
    expect(core.state.products.get('tee')!.stock).toBe(3);
    core.runClock(62);
    expect(logged.at(-1)).toMatchObject({
      type: 'order.cancelled',
      actor: 'user:amy',
      payload: { reason: 'unpaid' },
    });
    expect(core.state.products.get('tee')!.stock).toBe(5);
  });

  it('orders are the buyer’s own; a lead-only product takes a booking, not an order', () => {
    const { core, refusal } = liveRoom();
    const placed = core.execute(amy, order('tee', 1, 'k1'), 1000).data as { orderId: string };
    expect(refusal(() => core.execute(ben, { type: 'pay', orderId: placed.orderId }, 2000))).toBe(
      'not_your_order',
    );
    core.execute(amy, { type: 'pay', orderId: placed.orderId }, 2000);
    expect(refusal(() => core.execute(amy, { type: 'cancelOrder', orderId: placed.orderId }, 3000))).toBe(
      'order_not_open',
    );
    expect(refusal(() => core.execute(amy, order('car', 1, 'k2'), 3000))).toBe('lead_only');
    expect(
      refusal(() =>
        core.execute(amy, { type: 'lead', productId: 'car', name: 'Amy', phone: '13800000000' }, 3000),
      ),
    ).toBe('accepted');
  });
});
