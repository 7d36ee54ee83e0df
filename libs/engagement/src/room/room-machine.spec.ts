import { describe, expect, it } from 'vitest';
import type { HostAction, NewSessionEvent, RoomStateMessage } from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { productList, roomSnapshot, scheduledFlashSalesView, stateFromSnapshot } from '@livelab/session';
import { commandOf } from '../run-session';
import { apparelScenario } from '../scenario/builtin';
import { shelvesOf, withShelves } from '../scenario/scenario';
import type { RoomMachineOptions } from './room-machine';
import { RoomMachine } from './room-machine';

const tee = apparelScenario.products[0]!.id;
const host: Principal = { actor: 'host', name: '主播', role: 'host' };

function live(options: Partial<RoomMachineOptions> = {}): RoomMachine {
  const machine = new RoomMachine({ scenario: apparelScenario, seed: 1, ...options });
  machine.goLive(host, 0);
  return machine;
}

/** Actions before the audience step of their second, as an actions file runs. */
function drive(
  machine: RoomMachine,
  from: number,
  to: number,
  actions: HostAction[] = [],
): NewSessionEvent[] {
  const out: NewSessionEvent[] = [];
  for (let t = from; t < to; t++) {
    for (const a of actions) if (a.t === t) out.push(...machine.execute(host, commandOf(a), t * 1000).events);
    out.push(...machine.tick(t * 1000));
  }
  return out;
}

describe('RoomMachine (the room and its audience)', () => {
  it('catches up several seconds in one tick, the same as second by second', () => {
    const stepwise = drive(live({ seed: 3 }), 0, 120);
    const atOnce = live({ seed: 3 }).tick(119_000);
    expect(JSON.stringify(atOnce)).toBe(JSON.stringify(stepwise));
  });

  it('sells only what is on the shelves: an empty shelf is a stock-out, announced once, and 补货 requests', () => {
    const empty = withShelves(
      apparelScenario,
      shelvesOf(apparelScenario).map((shelf) => ({ ...shelf, stock: 0 })),
    );
    const machine = live({ scenario: empty, seed: 5, scale: 3 });
    const events = drive(machine, 0, 900, [
      { t: 0, type: 'pin', productId: tee },
      { t: 0, type: 'replyPolicy', latencySec: 10, coverage: 1, kinds: ['question'] },
    ]);
    expect(events.some((e) => e.type === 'order.created')).toBe(false);
    const stockouts = events.flatMap((e) => (e.type === 'product.stockout' ? [e.payload.productId] : []));
    expect(stockouts.length).toBeGreaterThan(0);
    expect(new Set(stockouts).size).toBe(stockouts.length);
    expect(events.some((e) => e.type === 'comment' && e.payload.topic === 'stock')).toBe(true);
  });

  it('answers a question named by id and reports the compliance of the reply', () => {
    const machine = live({ seed: 8, scale: 2 });
    const events = drive(machine, 0, 300, [{ t: 0, type: 'pin', productId: tee }]);
    const question = events.find((e) => e.type === 'comment' && e.payload.kind === 'question');
    if (!question || question.type !== 'comment') throw new Error('expected a question in 5 minutes');
    const { events: out } = machine.execute(
      host,
      { type: 'reply', commentId: question.payload.commentId, text: '全网最低价，包邮' },
      300_000,
    );
    // A first violation brings the platform's warning.
    expect(out.map((e) => e.type)).toEqual([
      'host.reply',
      'compliance.violation',
      'platform.penalty',
      'comment.reply',
    ]);
    expect(machine.state.comments.get(question.payload.commentId)?.answered).toBe(true);
  });

  it('treats hiding a genuine complaint as a violation', () => {
    const machine = live({ seed: 2, scale: 3 });
    const events = drive(machine, 0, 1200, [{ t: 0, type: 'pin', productId: tee }]);
    const complaint = events.find((e) => e.type === 'comment' && e.payload.kind === 'complaint');
    if (!complaint || complaint.type !== 'comment') throw new Error('expected a complaint in 20 minutes');
    const { events: out } = machine.execute(
      host,
      { type: 'hide', commentId: complaint.payload.commentId },
      1_200_000,
    );
    expect(
      out.some((e) => e.type === 'compliance.violation' && e.payload.rule === 'hidden-genuine-complaint'),
    ).toBe(true);
  });

  it('fills the room to the requested size and keeps roughly that many viewers while selling', () => {
    const machine = new RoomMachine({ scenario: apparelScenario, seed: 1, viewers: 20_000 });
    expect(machine.audienceSnapshot().online).toBe(20_000);
    machine.goLive(host, 0);
    drive(machine, 0, 300, [
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
    const online = machine.audienceSnapshot().online;
    expect(online).toBeGreaterThan(10_000);
    expect(online).toBeLessThan(40_000);
  });

  it('sorts the bag (商品排序): the link numbers follow, and the audience and the reply policy say the new ones', () => {
    const machine = live({ seed: 6, scale: 2 });
    const ids = apparelScenario.products.map((p) => p.id);
    const sorted = [...ids.slice(1), tee];
    expect(() => machine.execute(host, { type: 'reorder', productIds: ids.slice(1) }, 0)).toThrow(
      /every product in the bag exactly once/,
    );
    expect(() =>
      machine.execute(host, { type: 'reorder', productIds: [tee, ...ids.slice(0, -1)] }, 0),
    ).toThrow(/exactly once/);
    machine.execute(host, { type: 'pin', productId: tee }, 0);
    machine.execute(host, { type: 'reorder', productIds: sorted }, 0);
    expect(productList(machine.state).map((p) => [p.id, p.link])).toEqual(sorted.map((id, i) => [id, i + 1]));
    machine.execute(host, { type: 'replyPolicy', latencySec: 5, coverage: 1, kinds: ['question'] }, 0);
    const events = drive(machine, 0, 900);
    // The pinned tee is now the last link: every "N号链接" the reply policy answers about it names that one
    // (viewers asking for "3号链接讲一下" name any link they like).
    const said = events.flatMap((e) =>
      e.type === 'comment.reply' ? [...e.payload.text.matchAll(/(\d+)号链接/g)].map((m) => Number(m[1])) : [],
    );
    expect(said.length).toBeGreaterThan(0);
    expect(new Set(said)).toEqual(new Set([ids.length]));
  });

  it('pops a product card up (弹卡): everyone watching sees it once; it sells nothing by itself', () => {
    const cardigan = apparelScenario.products[1]!.id;
    const clicksOnCardigan = (events: NewSessionEvent[]) =>
      events.filter((e) => e.type === 'product.click' && e.payload.productId === cardigan).length;
    // The same room without the card, for what the cardigan would have sold anyway (browsing the bag).
    const twin = live({ seed: 7, scale: 2 });
    drive(twin, 0, 120, [{ t: 0, type: 'pin', productId: tee }]);
    const withoutCard = clicksOnCardigan(drive(twin, 120, 300));

    const machine = live({ seed: 7, scale: 2 });
    const before = drive(machine, 0, 120, [{ t: 0, type: 'pin', productId: tee }]);
    // Some have seen the cardigan already, browsing the bag.
    const seen = new Set(
      before.flatMap((e) =>
        e.type === 'product.exposure' && e.payload.productId === cardigan ? [e.actor] : [],
      ),
    );
    const online = machine.audienceSnapshot().online;
    const card = machine.execute(host, { type: 'card', productId: cardigan }, 120_000).events;
    expect(card[0]).toMatchObject({ type: 'host.card', payload: { productId: cardigan } });
    const exposed = card.filter((e) => e.type === 'product.exposure' && e.payload.via === 'card');
    expect(exposed.some((e) => seen.has(e.actor))).toBe(false);
    expect(exposed.length).toBeGreaterThan(online * 0.5);
    expect(exposed.length).toBeLessThanOrEqual(online);
    // A second card a second later reaches only who has not seen the product: no one, here.
    const again = machine.execute(host, { type: 'card', productId: cardigan }, 121_000).events;
    expect(again.filter((e) => e.type === 'product.exposure')).toHaveLength(0);
    // Clicks follow the product being sold (the pinned tee): a card for another product brings it not one
    // click more than the same room without it, so its CTR falls. (Nor does a card count as the room being
    // active: pressing 弹卡 every half minute would otherwise hold an idle room.)
    expect(clicksOnCardigan(drive(machine, 121, 300))).toBe(withoutCard);
  });

  it('starts a scheduled flash sale (定时秒杀) on the clock, in the name of who set it; a cancelled one never', () => {
    const machine = live({ seed: 9, scale: 2 });
    const cardigan = apparelScenario.products[1]!.id;
    const terms = { productId: cardigan, price: 59, stock: 250, durationSec: 60, perUser: 1 };
    const set = machine.execute(
      { actor: 'operator', name: '场控', role: 'operator' },
      { type: 'flashSale', ...terms, startInSec: 120 },
      10_400,
    ).events;
    expect(set).toEqual([
      {
        tMs: 10_400,
        type: 'host.flashSaleScheduled',
        actor: 'operator',
        payload: { scheduleId: expect.any(String), ...terms, startsAtMs: 130_000 },
      },
    ]);
    const scheduleId = (set[0]!.payload as { scheduleId: string }).scheduleId;
    const other = machine.execute(
      host,
      { type: 'flashSale', ...terms, productId: tee, startInSec: 300 },
      20_000,
    ).events;
    const otherId = (other[0]!.payload as { scheduleId: string }).scheduleId;
    expect(scheduledFlashSalesView(machine.state, 20_000).map((s) => [s.scheduleId, s.startsInSec])).toEqual([
      [scheduleId, 110],
      [otherId, 300],
    ]);
    machine.execute(host, { type: 'cancelFlashSale', scheduleId: otherId }, 30_000);
    expect(() => machine.execute(host, { type: 'cancelFlashSale', scheduleId: otherId }, 31_000)).toThrow(
      /no such scheduled flash sale/,
    );
    const events = drive(machine, 11, 400);
    const started = events.filter((e) => e.type === 'host.flashSale');
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ tMs: 130_000, actor: 'operator', payload: { ...terms, scheduleId } });
    // The audience buys in it like in any flash sale, and it ends on time.
    expect(
      events.some(
        (e) => e.type === 'order.created' && e.payload.flashSaleId === started[0]!.payload.flashSaleId,
      ),
    ).toBe(true);
    expect(events.find((e) => e.type === 'flashSale.ended')).toMatchObject({
      tMs: 190_000,
      payload: { reason: 'timeout' },
    });
    expect(machine.state.scheduledFlashSales.size).toBe(0);
  });

  it('takes 预约 before go-live, once per viewer, and counts it for everyone; not once live', () => {
    const machine = new RoomMachine({ scenario: apparelScenario, seed: 1 });
    const alice: Principal = { actor: 'user:alice', name: 'Alice', role: 'viewer' };
    const bob: Principal = { actor: 'user:bob', name: 'Bob', role: 'viewer' };
    expect(machine.execute(alice, { type: 'reserve' }, 0).events).toEqual([
      { tMs: 0, type: 'viewer.reserve', actor: 'user:alice', payload: {} },
    ]);
    expect(machine.execute(alice, { type: 'reserve' }, 0).events).toEqual([]);
    machine.execute(bob, { type: 'reserve' }, 0);
    expect(roomSnapshot(machine.state, 'user:alice', false, 0)).toMatchObject({
      reservations: 2,
      reserved: true,
    });
    expect(roomSnapshot(machine.state, 'user:carol', false, 0)).toMatchObject({
      reservations: 2,
      reserved: false,
    });
    // A phone that joins later knows the count, and that it booked.
    const client = stateFromSnapshot({
      ...roomSnapshot(machine.state, 'user:alice', false, 0),
      roomId: 'r',
      sessionId: null,
      status: 'pre',
      clockMs: 0,
      lastSeq: 2,
      you: { actor: 'user:alice', name: 'Alice', role: 'viewer', runsStream: false },
      quickReplies: [],
    } as RoomStateMessage);
    expect([client.reservationCount, client.reservedBy.has('user:alice')]).toEqual([2, true]);
    machine.goLive(host, 0);
    expect(() => machine.execute(bob, { type: 'reserve' }, 1000)).toThrow(/the stream has started/);
  });

  it('never lets a simulated viewer claim a coupon twice, even after using it', () => {
    const machine = live({ seed: 1, viewers: 3000 });
    const events = drive(machine, 0, 600, [
      { t: 0, type: 'pin', productId: tee },
      { t: 5, type: 'coupon', discount: 5, threshold: 0, perUser: 1, condition: 'none', minWatchSec: 0 },
    ]);
    const claims = events.filter((e) => e.type === 'coupon.claimed').map((e) => e.actor);
    const used = events.filter((e) => e.type === 'order.created' && e.payload.couponId).length;
    expect(used).toBeGreaterThan(0);
    expect(new Set(claims).size).toBe(claims.length);
  });
});
