import type { CommandResult } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, waitFor } from '../support/room-client';

const BUYERS = 10;

describe('ten phones buying the last unit at the same moment', () => {
  let api: ApiProcess;
  const connections: RoomConnection[] = [];

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    for (const connection of connections) connection.close();
    await api?.stop();
  });

  it('sells it to exactly one; every other buyer hears "sold out" and nothing is oversold', async () => {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '最后一件',
      scenarioId: 'apparel-autumn',
      seed: 3,
    });
    const host = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    connections.push(host);
    const buyers: RoomConnection[] = [];
    for (let i = 0; i < BUYERS; i++) {
      const joined = await client.join(room.joinCode, `同学${i + 1}`);
      buyers.push(await client.connect(joined.token));
    }
    connections.push(...buyers);
    const product = host.state!.products.find((p) => !p.leadOnly)!;

    await host.must({ type: 'goLive' });
    // Right after go-live: a simulated viewer orders 5–35 s after a click, so only the humans contend.
    await host.must({ type: 'stock', productId: product.id, stock: 1 });
    const results: CommandResult[] = await Promise.all(
      buyers.map((buyer, i) =>
        buyer.command({ type: 'order', productId: product.id, qty: 1, idempotencyKey: `last-unit-${i}` }),
      ),
    );

    const won = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(BUYERS - 1);
    for (const r of refused) {
      expect(r).toEqual({ ok: false, error: { code: 'sold_out', message: `${product.name} is sold out` } });
    }
    const winner = buyers[results.findIndex((r) => r.ok)]!;
    const order = won[0]!.data as { orderId: string; status: string };
    expect(order.status).toBe('created');
    await winner.must({ type: 'pay', orderId: order.orderId });

    // The winner sees their own order; the others see the shelf empty in the next metrics push.
    expect(winner.events.some((e) => e.type === 'order.created')).toBe(true);
    const loser = buyers.find((b) => b !== winner)!;
    expect(loser.events.some((e) => e.type === 'order.created')).toBe(false);
    await waitFor(
      () => (loser.metrics.at(-1)?.stock[product.id] === 0 ? true : undefined),
      5000,
      'the stock-out in the metrics',
    );

    const events = await client.allEvents(teacher.token, room.session!.id);
    const created = events.filter(
      (e) => e.type === 'order.created' && (e.payload as { productId: string }).productId === product.id,
    );
    const cancelled = events.filter((e) => e.type === 'order.cancelled').length;
    expect(created.filter((e) => e.actor.startsWith('user:'))).toHaveLength(1);
    // However bots and humans interleave, units sold never exceed the unit that was there (plus any
    // cancelled orders' units back on the shelf).
    expect(created.length).toBeLessThanOrEqual(1 + cancelled);
  }, 60_000);
});
