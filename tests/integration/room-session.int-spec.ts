import type { SessionEvent } from '@livelab/contracts';
import { resyncAll, trendPointOf } from '@livelab/contracts';
import { describe, expect, inject, it } from 'vitest';
import { apiSuite } from '../support/api-suite';
import { apiDatabaseKinds } from '../support/postgres-database';
import type { RoomConnection } from '../support/room-client';
import { sleep, waitFor } from '../support/room-client';

const targets = apiDatabaseKinds(inject('postgresAvailable'));

const paidOrders = (events: SessionEvent[]) => events.filter((e) => e.type === 'order.paid');
const sumCents = (events: SessionEvent[]) =>
  paidOrders(events).reduce((sum, e) => sum + Math.round((e.payload as { amount: number }).amount * 100), 0);

describe.each(targets)('live room over socket.io on %s', (kind) => {
  const suite = apiSuite(kind);

  async function connect(token: string) {
    const { client, connections } = suite;
    const connection = await client.connect(token);
    connections.push(connection);
    return connection;
  }

  it('runs a whole scripted session whose report matches its log', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '秋冬女装实训',
      scenarioId: 'apparel-autumn',
      seed: 42,
      speed: 20,
    });
    const hostJoin = await client.join(room.staffCode!, '小李', 'host');
    const operatorJoin = await client.join(room.staffCode!, '小张', 'operator');
    const viewerJoin = await client.join(room.joinCode, '同学A');
    const host = await connect(hostJoin.token);
    const operator = await connect(operatorJoin.token);
    const viewer = await connect(viewerJoin.token);
    expect(host.state?.status).toBe('pre');
    expect(viewer.state?.you).toMatchObject({ role: 'viewer', name: '同学A' });
    const [first, second] = host.state!.products;

    await host.must({ type: 'goLive' });
    await sleep(1000);
    await host.must({ type: 'pin', productId: first!.id });
    await operator.must({
      type: 'coupon',
      discount: 20,
      threshold: Math.floor(first!.price),
      quota: 200,
      perUser: 1,
    });
    const couponEvent = await waitFor(
      () => viewer.events.find((e) => e.type === 'host.coupon'),
      5000,
      'coupon pushed to the viewer',
    );
    const couponId = (couponEvent.payload as { couponId: string }).couponId;
    await viewer.must({ type: 'claimCoupon', couponId });
    const question = await viewer.must<{ commentId: string }>({ type: 'comment', text: '这件外套有M码吗？' });
    const order = await viewer.must<{ orderId: string; amount: number }>({
      type: 'order',
      productId: first!.id,
      qty: 1,
      couponId,
      idempotencyKey: 'viewer-a-0001',
    });
    expect(order.amount).toBeCloseTo(first!.price - 20, 2);
    await viewer.must({ type: 'pay', orderId: order.orderId });
    await host.must({
      type: 'flashSale',
      productId: second!.id,
      price: Math.floor(second!.price * 0.6),
      stock: 20,
      durationSec: 120,
    });
    await operator.must({ type: 'reply', commentId: question.commentId, text: '有的，M码适合160-165cm' });
    // The operator answers simulated viewers' questions from the queue too.
    const botQuestion = await waitFor(
      () =>
        operator.events.find(
          (e) =>
            e.type === 'comment' &&
            e.actor.startsWith('bot:') &&
            (e.payload as { kind: string }).kind === 'question',
        ),
      10_000,
      'a simulated question',
    );
    await operator.must({
      type: 'reply',
      commentId: (botQuestion.payload as { commentId: string }).commentId,
      text: '尺码看详情页尺码表',
    });
    await sleep(4000);
    const report = await client.ok<{
      metrics: { gmv: number; orders: number };
      funnel: Array<{ count: number }>;
    }>('POST', `/api/sessions/${room.session!.id}/end`, undefined, hostJoin.token);

    const events = await client.allEvents(teacher.token, room.session!.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('session.ended');
    expect(Math.round(report.metrics.gmv * 100)).toBe(sumCents(events));
    expect(paidOrders(events).some((e) => e.actor.startsWith('bot:'))).toBe(true);
    const humanPaid = paidOrders(events).filter((e) => e.actor === viewerJoin.actor);
    expect(humanPaid).toHaveLength(1);
    const counts = report.funnel.map((step) => step.count);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    // What the studio saw live is what the log holds.
    expect(
      host.events.some(
        (e) =>
          e.type === 'comment.reply' && (e.payload as { replyTo: string }).replyTo === question.commentId,
      ),
    ).toBe(true);
    // The viewer saw the public stream and their own order, not other people's orders.
    expect(viewer.events.some((e) => e.type === 'order.paid' && e.actor === viewerJoin.actor)).toBe(true);
    expect(viewer.events.some((e) => e.type === 'order.paid' && e.actor !== viewerJoin.actor)).toBe(false);
    expect(host.metrics.length).toBeGreaterThan(2);
    // The stored report is the one the live session produced.
    const stored = await client.report(teacher.token, room.session!.id);
    expect(stored.metrics.gmv).toBe(report.metrics.gmv);
  });

  it('sells exactly the 10 units in stock to 500 concurrent attempts from bots and humans', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '秒杀压力',
      scenarioId: 'apparel-autumn',
      seed: 7,
      viewers: 3000,
      speed: 10,
    });
    const staff = await connect((await client.join(room.staffCode!, '场控', 'operator')).token);
    const product = staff.state!.products[2]!;
    const buyers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) =>
        connect((await client.join(room.joinCode, `买家${i}`)).token),
      ),
    );
    // The host goes live (an operator may not, #17); the 场控 runs the sale.
    const host = await connect((await client.join(room.staffCode!, '主播', 'host')).token);
    await host.must({ type: 'goLive' });
    await staff.must({ type: 'stock', productId: product.id, stock: 10 });
    await staff.must({ type: 'pin', productId: product.id });
    await staff.must({
      type: 'flashSale',
      productId: product.id,
      price: 9.9,
      stock: 10,
      perUser: 1,
      durationSec: 600,
    });
    // Let the simulated audience start buying, then the humans rush in while the bots keep going.
    await waitFor(
      () =>
        staff.events.find(
          (e) =>
            e.type === 'order.created' &&
            e.actor.startsWith('bot:') &&
            (e.payload as { productId: string }).productId === product.id,
        ),
      20_000,
      'a simulated buyer',
    );

    // 50 shoppers × 10 simultaneous attempts each; the bots are buying at the same time.
    const attempts = await Promise.all(
      buyers.flatMap((buyer, b) =>
        Array.from({ length: 10 }, async (_, k) => {
          const result = await buyer.command({
            type: 'order',
            productId: product.id,
            qty: 1,
            idempotencyKey: `b${b}-attempt-${k}`,
          });
          if (result.ok) {
            const paid = await buyer.command({
              type: 'pay',
              orderId: (result.data as { orderId: string }).orderId,
            });
            expect(paid.ok).toBe(true);
          }
          return result;
        }),
      ),
    );
    expect(attempts).toHaveLength(500);
    const refused = attempts.filter((r) => !r.ok);
    // Refused: sold out, over the flash sale's limit, or over a person's pace of orders (5 at once).
    for (const result of refused) {
      expect(
        result.ok === false && ['sold_out', 'over_limit', 'rate_limited'].includes(result.error.code),
      ).toBe(true);
    }
    // Units held by orders of the product, folded over the log: taken as an order is created, given back as
    // it is cancelled (a simulated buyer who does not pay within 120 s). Ten are sold once ten are held; at no
    // moment may more than ten be held.
    const held = (log: SessionEvent[]) => {
      const qty = new Map<string, number>();
      let now = 0;
      let most = 0;
      for (const e of log) {
        const p = e.payload as { orderId: string; productId: string; qty: number };
        if (e.type === 'order.created' && p.productId === product.id) {
          qty.set(p.orderId, p.qty);
          now += p.qty;
          most = Math.max(most, now);
        } else if (e.type === 'order.cancelled' && qty.has(p.orderId)) {
          now -= qty.get(p.orderId)!;
        }
      }
      return { now, most, orders: qty };
    };
    const events = await waitFor(
      async () => {
        const all = await client.allEvents(teacher.token, room.session!.id);
        return held(all).now >= 10 ? all : undefined;
      },
      30_000,
      'all 10 units sold',
    );
    const sold = held(events);
    expect(sold.now).toBe(10);
    expect(sold.most).toBe(10);
    const createdForProduct = new Map(
      events
        .filter(
          (e) => e.type === 'order.created' && (e.payload as { productId: string }).productId === product.id,
        )
        .map((e) => [(e.payload as { orderId: string }).orderId, e]),
    );
    const paidUnits = paidOrders(events)
      .filter((e) => createdForProduct.has((e.payload as { orderId: string }).orderId))
      .reduce(
        (n, e) =>
          n +
          (createdForProduct.get((e.payload as { orderId: string }).orderId)!.payload as { qty: number }).qty,
        0,
      );
    expect(paidUnits).toBeLessThanOrEqual(10);
    expect(paidUnits).toBeGreaterThan(0);
    // Both kinds of buyer were in the race.
    const contenders = [...createdForProduct.values()].map((e) => e.actor.split(':')[0]);
    expect(new Set(contenders)).toEqual(new Set(['bot', 'user']));

    // Repeating a request with the same key creates nothing new.
    const winner = attempts.findIndex((r) => r.ok);
    const again = await buyers[Math.floor(winner / 10)]!.command({
      type: 'order',
      productId: product.id,
      qty: 1,
      idempotencyKey: `b${Math.floor(winner / 10)}-attempt-${winner % 10}`,
    });
    expect(again).toEqual({
      ok: true,
      data: expect.objectContaining({
        orderId: (attempts[winner] as { data: { orderId: string } }).data.orderId,
      }),
    });
    const after = await client.allEvents(teacher.token, room.session!.id);
    expect(after.filter((e) => e.type === 'order.created' && e.actor.startsWith('user:')).length).toBe(
      events.filter((e) => e.type === 'order.created' && e.actor.startsWith('user:')).length,
    );
  });

  it('lets a client that dropped out catch up by seq, without gaps or duplicates', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '断线重连',
      scenarioId: 'beauty-skincare',
      seed: 5,
    });
    const host = await connect((await client.join(room.staffCode!, '主播', 'host')).token);
    const viewerJoin = await client.join(room.joinCode, '地铁里的观众');
    const first = await connect(viewerJoin.token);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'say', text: '欢迎来到直播间' });
    await waitFor(() => first.events.find((e) => e.type === 'host.say'), 5000, 'first line');
    const lastSeen = Math.max(...first.events.map((e) => e.seq));
    first.close();

    const missed = ['第一款是面霜', '第二款是精华', '点关注领券'];
    for (const text of missed) await host.must({ type: 'say', text });
    const second = await connect(viewerJoin.token);
    const caughtUp = await second.socket.emitWithAck('room:resync', { afterSeq: lastSeen });
    expect(caughtUp.ok).toBe(true);
    const resynced = caughtUp.ok ? (caughtUp.data ?? []) : [];
    expect(resynced.every((e) => e.seq > lastSeen)).toBe(true);
    expect(
      resynced.filter((e) => e.type === 'host.say').map((e) => (e.payload as { text: string }).text),
    ).toEqual(missed);
    // Viewers never receive the high-volume or staff-only events.
    expect(resynced.some((e) => e.type === 'viewer.enter' || e.type === 'compliance.violation')).toBe(false);

    // Asking again from further back overlaps; merging by seq keeps one copy of each event.
    const overlap = await second.socket.emitWithAck('room:resync', { afterSeq: Math.max(0, lastSeen - 5) });
    const merged = new Map(
      [...first.events, ...resynced, ...(overlap.ok ? (overlap.data ?? []) : [])].map((e) => [e.seq, e]),
    );
    const says = [...merged.values()].filter((e) => e.type === 'host.say');
    expect(says).toHaveLength(1 + missed.length);

    // A phone away longer than one page: pages are full (hidden events are skipped, not counted) until the
    // last, and paging from the last seq received reads the same events as one big answer.
    const everything = await second.socket.emitWithAck('room:resync', { afterSeq: 0 });
    const all = everything.ok ? (everything.data ?? []) : [];
    expect(all.length).toBeGreaterThan(4);
    const firstPage = await second.socket.emitWithAck('room:resync', { afterSeq: 0, limit: 2 });
    expect(firstPage.ok && firstPage.data?.map((e) => e.seq)).toEqual(all.slice(0, 2).map((e) => e.seq));
    const paged = await resyncAll((request) => second.socket.emitWithAck('room:resync', request), 0, 2);
    expect(paged.error).toBeUndefined();
    expect(paged.events.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    const tooBig = await second.socket.emitWithAck('room:resync', { afterSeq: 0, limit: 10_001 });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const bad = await second.socket.emitWithAck('room:resync', { afterSeq: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('gives a console opening mid-session the events, markers and trend one open from the start has', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '中途打开中控台',
      scenarioId: 'beauty-skincare',
      seed: 7,
      speed: 20,
    });
    const staffToken = (await client.join(room.staffCode!, '主播', 'host')).token;
    const early = await connect(staffToken);
    await early.must({ type: 'goLive' });
    await early.must({ type: 'pin', productId: early.state!.products[0]!.id });
    await waitFor(() => (early.metrics.length >= 8 ? true : undefined), 20_000, 'eight metrics pushes');

    const late = await connect(staffToken);
    const answer = await late.socket.emitWithAck('room:history', {});
    expect(answer.ok).toBe(true);
    const history = answer.ok ? answer.data! : { events: [], markers: [], trend: [] };
    // The trend: a point for every push the early console received, equal to it.
    const pushed = early.metrics.map(trendPointOf);
    const known = history.trend.filter((p) => p.tMs <= pushed.at(-1)!.tMs);
    // The early console was there from go-live: every push it got is in the history, the first one first.
    expect(known).toEqual(pushed);
    // The events: what the early console was pushed (no metrics-only bulk), and the pin as a marker.
    const lastSeq = history.events.at(-1)!.seq;
    const earlyUpTo = early.events.filter((e) => e.seq <= lastSeq).map((e) => e.seq);
    expect(history.events.filter((e) => e.seq >= earlyUpTo[0]!).map((e) => e.seq)).toEqual(earlyUpTo);
    expect(history.events.some((e) => e.type === 'viewer.enter' || e.type === 'viewer.like')).toBe(false);
    expect(history.markers.map((e) => e.type)).toContain('host.pin');
    // Trend only (a reconnect), and the history is the staff's.
    const trendOnly = await late.socket.emitWithAck('room:history', { events: false });
    expect(trendOnly.ok && trendOnly.data!.events).toEqual([]);
    const viewer = await connect((await client.join(room.joinCode, '路过的观众')).token);
    expect(await viewer.socket.emitWithAck('room:history', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await late.socket.emitWithAck('room:history', { events: 'yes' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
  });

  it('leaves the stream to the host unless the room lets its operators run it', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const plain = await client.createRoom(teacher.token, {
      name: '场控席',
      scenarioId: 'beauty-skincare',
      seed: 3,
    });
    const operator = await connect((await client.join(plain.staffCode!, '场控', 'operator')).token);
    expect(operator.state!.you).toMatchObject({ role: 'operator', runsStream: false });
    for (const type of ['pretest', 'goLive', 'end'] as const) {
      const command =
        type === 'pretest'
          ? { type, checks: [{ item: 'camera' as const, pass: true, value: 1, unit: '' }] }
          : { type };
      expect(await operator.command(command), type).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('run by the host') },
      });
    }
    const host = await connect((await client.join(plain.staffCode!, '主播', 'host')).token);
    expect(host.state!.you.runsStream).toBe(true);
    await host.must({ type: 'goLive' });
    // The rest of the 场控's work is theirs.
    expect(await operator.command({ type: 'pin', productId: operator.state!.products[0]!.id })).toEqual({
      ok: true,
    });

    const granted = await client.createRoom(teacher.token, {
      name: '场控可开播',
      scenarioId: 'beauty-skincare',
      seed: 3,
      operatorRunsStream: true,
    });
    expect(granted.settings.operatorRunsStream).toBe(true);
    const trusted = await connect((await client.join(granted.staffCode!, '场控', 'operator')).token);
    expect(trusted.state!.you.runsStream).toBe(true);
    await trusted.must({ type: 'goLive' });
    await trusted.must({ type: 'end' });
  });

  it('refuses forbidden and malformed commands to that client only, and the room keeps running', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '权限',
      scenarioId: 'beauty-skincare',
      seed: 3,
      speed: 5,
    });
    const other = await client.createRoom(teacher.token, {
      name: '另一间',
      scenarioId: 'beauty-skincare',
      seed: 4,
    });
    const hostJoin = await client.join(room.staffCode!, '主播', 'host');
    const host = await connect(hostJoin.token);
    const viewerJoin = await client.join(room.joinCode, '观众');
    const viewer = await connect(viewerJoin.token);
    const bystander = await connect((await client.join(room.joinCode, '路人')).token);
    await host.must({ type: 'goLive' });
    const productId = host.state!.products[0]!.id;

    const refusals: Array<[RoomConnection, unknown, string]> = [
      [viewer, { type: 'pin', productId }, 'forbidden'],
      [viewer, { type: 'flashSale', productId, price: 1, stock: 1, durationSec: 10 }, 'forbidden'],
      [viewer, { type: 'mute', target: 'user:x' }, 'forbidden'],
      [viewer, { type: 'end' }, 'forbidden'],
      [host, { type: 'order', productId, qty: 1, idempotencyKey: 'host-order-1' }, 'forbidden'],
      [host, { type: 'comment', text: 'hi' }, 'forbidden'],
      [viewer, null, 'invalid'],
      [viewer, 'pin', 'invalid'],
      [viewer, { type: 'teleport' }, 'invalid'],
      [viewer, { type: 'comment' }, 'invalid'],
      [viewer, { type: 'comment', text: '   ' }, 'invalid'],
      [viewer, { type: 'comment', text: '长'.repeat(201) }, 'invalid'],
      [viewer, { type: 'order', productId, qty: -1, idempotencyKey: 'neg-qty-1' }, 'invalid'],
      [
        viewer,
        { type: 'order', productId: 'no-such', qty: 1, idempotencyKey: 'unknown-1' },
        'unknown_product',
      ],
      [viewer, { type: 'comment', text: 'x', padding: 'y'.repeat(20_000) }, 'too_large'],
    ];
    for (const [connection, payload, code] of refusals) {
      const result = await connection.command(payload);
      expect(result, JSON.stringify(payload)?.slice(0, 60)).toMatchObject({ ok: false, error: { code } });
      expect(result.ok === false && result.error.message.length).toBeGreaterThan(3);
    }
    // A token for one room grants nothing in another.
    const elsewhere = await client.request('GET', `/api/rooms/${other.id}`, undefined, viewerJoin.token);
    expect(elsewhere.status).toBe(403);
    const staffElsewhere = await client.request(
      'POST',
      `/api/sessions/${other.session!.id}/end`,
      undefined,
      hostJoin.token,
    );
    expect(staffElsewhere.status).toBe(403);
    const noToken = await client.request('GET', `/api/rooms/${room.id}`);
    expect(noToken.status).toBe(401);

    // Still running: a comment from someone else goes through and reaches the host.
    const said = await bystander.must<{ commentId: string }>({ type: 'comment', text: '主播好' });
    await waitFor(
      () =>
        host.events.find(
          (e) => e.type === 'comment' && (e.payload as { commentId: string }).commentId === said.commentId,
        ),
      5000,
      'comment after refusals',
    );
    expect(viewer.socket.connected).toBe(true);
  });
});
