import type { MetricsMessage, RoomStateMessage, SessionEvent } from '@livelab/contracts';
import { describe, expect, it } from 'vitest';
import { ShopProjection } from './shop-projection';

const me = 'user:me';

function snapshot(overrides: Partial<RoomStateMessage> = {}): RoomStateMessage {
  return {
    roomId: 'r',
    sessionId: 's',
    status: 'live',
    clockMs: 60_000,
    lastSeq: 40,
    you: { actor: me, name: '我', role: 'viewer', runsStream: false },
    products: [
      { id: 'tee', link: 1, name: 'T恤', price: 39, listPrice: 59, stock: 10, leadOnly: false },
      { id: 'car', link: 2, name: '试驾', price: 0, listPrice: 0, stock: 100, leadOnly: true },
    ],
    pinnedProductId: 'tee',
    quickReplies: [],
    coupons: [
      {
        couponId: 'cp1',
        productId: null,
        discount: 5,
        threshold: 0,
        quota: 100,
        perUser: 2,
        condition: 'none',
        minWatchSec: 0,
        left: 90,
        held: 1,
        claimedByYou: 2,
      },
    ],
    giveaways: [
      { giveawayId: 'g1', prize: '福袋', winners: 2, condition: 'none', endsInSec: 30, entered: false },
    ],
    following: false,
    orders: [{ orderId: 'o1', productId: 'tee', qty: 1, amount: 34, status: 'paid', couponId: 'cp1' }],
    ...overrides,
  };
}

let seq = 40;
const event = (e: Omit<SessionEvent, 'seq'>, at?: number): SessionEvent =>
  ({ ...e, seq: at ?? ++seq }) as SessionEvent;

describe('ShopProjection (the phone’s copy of the room core)', () => {
  it('takes the snapshot as it is: what the events before it did is already there', () => {
    const shop = new ShopProjection(snapshot());
    // The order that used the other claim of cp1, replayed after a reconnect: nothing changes.
    const replayed = event(
      {
        tMs: 50_000,
        type: 'order.created',
        actor: me,
        payload: { orderId: 'o1', productId: 'tee', qty: 1, unitPrice: 39, amount: 34, couponId: 'cp1' },
      },
      35,
    );
    expect(shop.apply([replayed])).toBe(0);
    const view = shop.view(60_000);
    expect(view.coupons[0]).toMatchObject({ couponId: 'cp1', held: 1, mine: 2, left: 90 });
    expect(view.orders).toEqual([expect.objectContaining({ orderId: 'o1', status: 'paid' })]);
    expect(view.pinnedProductId).toBe('tee');
  });

  it('folds the events after it through the room core: an order uses a held coupon, a claim adds one', () => {
    const shop = new ShopProjection(snapshot());
    shop.apply([
      event({
        tMs: 61_000,
        type: 'order.created',
        actor: me,
        payload: {
          orderId: 'o2',
          productId: 'tee',
          qty: 2,
          unitPrice: 39,
          amount: 73,
          couponId: 'cp1',
          idempotencyKey: 'k-0002',
        },
      }),
      event({ tMs: 62_000, type: 'order.paid', actor: me, payload: { orderId: 'o2', amount: 73 } }),
      event({ tMs: 63_000, type: 'host.unpin', actor: 'host', payload: { productId: 'tee' } }),
      event({
        tMs: 64_000,
        type: 'host.coupon',
        actor: 'operator',
        payload: {
          couponId: 'cp2',
          productId: 'tee',
          discount: 10,
          threshold: 50,
          quota: null,
          perUser: 1,
          condition: 'follow',
          minWatchSec: 0,
        },
      }),
      event({ tMs: 64_500, type: 'viewer.follow', actor: me, payload: {} }),
      event({ tMs: 65_000, type: 'coupon.claimed', actor: me, payload: { couponId: 'cp2' } }),
    ]);
    const view = shop.view(65_000);
    expect(view.orders.map((o) => [o.orderId, o.status])).toEqual([
      ['o2', 'paid'],
      ['o1', 'paid'],
    ]);
    expect(view.coupons.map((c) => [c.couponId, c.held, c.mine])).toEqual([
      ['cp1', 0, 2],
      ['cp2', 1, 1],
    ]);
    expect(view.following).toBe(true);
    expect(view.pinnedProductId).toBeNull();
    expect(view.products.find((p) => p.id === 'tee')?.stock).toBe(8);
  });

  it('takes what it cannot see from the metrics: stock, claims left, the flash sale', () => {
    const shop = new ShopProjection(snapshot());
    const metrics = {
      tMs: 70_000,
      stock: { tee: 3 },
      couponsLeft: { cp1: 12 },
      flashSale: {
        flashSaleId: 'fs1',
        productId: 'tee',
        price: 19.9,
        left: 4,
        stock: 20,
        perUser: 1,
        endsInSec: 30,
      },
    } as unknown as MetricsMessage;
    shop.metrics(metrics);
    const view = shop.view(70_000);
    expect(view.products.find((p) => p.id === 'tee')?.stock).toBe(3);
    expect(view.coupons[0]?.left).toBe(12);
    expect(view.flashSale).toMatchObject({ flashSaleId: 'fs1', left: 4, price: 19.9, endsAtMs: 100_000 });
    expect(shop.view(100_000).flashSale).toBeNull();
  });

  it('shows an order acknowledged before its event, never going back to an earlier status', () => {
    const shop = new ShopProjection(snapshot());
    shop.noteOrder({ orderId: 'o3', productId: 'tee', qty: 1, amount: 39, status: 'created' });
    expect(shop.view(60_000).orders[0]).toMatchObject({ orderId: 'o3', status: 'created' });
    shop.noteOrder({ orderId: 'o3', productId: 'tee', qty: 1, amount: 39, status: 'paid' });
    shop.apply([
      event({
        tMs: 61_000,
        type: 'order.created',
        actor: me,
        payload: { orderId: 'o3', productId: 'tee', qty: 1, unitPrice: 39, amount: 39 },
      }),
    ]);
    expect(shop.view(61_000).orders.map((o) => [o.orderId, o.status])).toEqual([
      ['o3', 'paid'],
      ['o1', 'paid'],
    ]);
  });

  it('tells a viewer who entered a lucky bag whether they won once it is drawn', () => {
    const shop = new ShopProjection(snapshot());
    shop.apply([event({ tMs: 61_000, type: 'giveaway.entered', actor: me, payload: { giveawayId: 'g1' } })]);
    expect(shop.view(61_000).giveaways).toEqual([
      expect.objectContaining({ giveawayId: 'g1', entered: true }),
    ]);
    shop.apply([
      event({
        tMs: 90_000,
        type: 'giveaway.drawn',
        actor: 'system',
        payload: { giveawayId: 'g1', winners: ['bot:3', me], entrants: 40 },
      }),
    ]);
    const view = shop.view(90_000);
    expect(view.giveaways).toEqual([]);
    expect(view.giveawayResults).toEqual([{ giveawayId: 'g1', prize: '福袋', won: true }]);
  });

  it('counts down to a scheduled flash sale (秒杀预告) from the snapshot and the pushes, until it starts', () => {
    const shop = new ShopProjection(
      snapshot({
        scheduledFlashSales: [
          {
            scheduleId: 'fss1',
            productId: 'tee',
            price: 19,
            stock: 20,
            perUser: 1,
            durationSec: 60,
            startsInSec: 90,
          },
        ],
      }),
    );
    expect(shop.view(60_000).nextFlashSale).toEqual({ productId: 'tee', price: 19, startsAtMs: 150_000 });
    const terms = { productId: 'tee', stock: 20, perUser: 1, durationSec: 60 };
    shop.apply([
      event({
        tMs: 70_000,
        type: 'host.flashSaleScheduled',
        actor: 'operator',
        payload: { scheduleId: 'fss2', ...terms, price: 15, startsAtMs: 100_000 },
      }),
    ]);
    expect(shop.view(70_000).nextFlashSale).toEqual({ productId: 'tee', price: 15, startsAtMs: 100_000 });
    shop.apply([
      event({
        tMs: 100_000,
        type: 'host.flashSale',
        actor: 'operator',
        payload: { flashSaleId: 'fs3', ...terms, price: 15, scheduleId: 'fss2' },
      }),
      event({
        tMs: 101_000,
        type: 'host.flashSaleCancelled',
        actor: 'host',
        payload: { scheduleId: 'fss1' },
      }),
    ]);
    expect(shop.view(101_000)).toMatchObject({
      nextFlashSale: null,
      flashSale: { flashSaleId: 'fs3', price: 15 },
    });
  });
});
