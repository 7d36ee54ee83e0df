import type { SessionEvent } from '@livelab/contracts';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { apiSuite } from '../support/api-suite';
import type { RoomConnection } from '../support/room-client';
import { sleep } from '../support/room-client';

/** What abuse meets: limits on REST and on every room command, size caps, headers and origins. */
describe('abuse limits, headers and origins', () => {
  const suite = apiSuite('pglite');
  const connect = async (token: string): Promise<RoomConnection> => {
    const connection = await suite.client.connect(token);
    suite.connections.push(connection);
    return connection;
  };

  it('sends security headers on the apps and the api, and no framework banner', async () => {
    for (const path of ['/', '/watch/', '/api/health', '/api/scenarios']) {
      const response = await fetch(`${suite.api.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'self'");
      expect(response.headers.get('content-security-policy'), path).not.toContain(
        'upgrade-insecure-requests',
      );
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('refuses browser calls and room sockets from other origins, and takes its own', async () => {
    const { baseUrl } = suite.api;
    const foreign = await fetch(`${baseUrl}/api/scenarios`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'origin_refused' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${baseUrl}/api/scenarios`, { headers: { origin: baseUrl } });
    expect(own.status).toBe(200);

    const teacher = await suite.client.instructor();
    const room = await suite.client.createRoom(teacher.token, { name: '来源', scenarioId: 'apparel-autumn' });
    const viewer = await suite.client.join(room.joinCode, '小周');
    const refusal = await new Promise<string>((resolve) => {
      const socket = io(`${baseUrl}/room`, {
        auth: { token: viewer.token },
        transports: ['polling'],
        extraHeaders: { origin: 'https://evil.example' },
        reconnection: false,
        forceNew: true,
      });
      socket.on('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.on('connect_error', (error) => {
        socket.close();
        resolve(error.message);
      });
    });
    expect(refusal).not.toBe('connected');
  });

  it('answers 429 to a sign-in brute force, per account, with a growing wait', async () => {
    const { client } = suite;
    const username = `brute${Date.now()}`;
    await client.ok('POST', '/api/auth/register', {
      username,
      password: 'correct-horse-battery',
      displayName: '王老师',
      role: 'instructor',
    });
    const attempt = (password: string) =>
      client.request<{ message: string; retryAfterSec?: number }>('POST', '/api/auth/login', {
        username,
        password,
      });
    for (let i = 0; i < 6; i++) expect((await attempt(`wrong-${i}-guess`)).status).toBe(401);
    // The sixth failure starts a 2-second wait: even the right password waits it out.
    const locked = await attempt('correct-horse-battery');
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/try again in \d+ s/);
    expect(locked.body.retryAfterSec).toBeGreaterThan(0);
    await sleep(2100);
    expect((await attempt('correct-horse-battery')).status).toBe(200);
    // The right password cleared the count: the next mistake is a plain 401 again.
    expect((await attempt('wrong-again')).status).toBe(401);
  });

  it('caps room size and speed, and refuses oversized text', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const big = await client.request<{ message: string }>(
      'POST',
      '/api/rooms',
      { name: '百万', scenarioId: 'apparel-autumn', viewers: 1_000_000 },
      teacher.token,
    );
    expect(big.status).toBe(400);
    expect(big.body.message).toContain('MAX_ROOM_VIEWERS');

    const room = await client.createRoom(teacher.token, { name: '长文本', scenarioId: 'apparel-autumn' });
    const host = await connect((await client.join(room.staffCode!, '主播', 'host')).token);
    await host.must({ type: 'goLive' });
    const say = await host.command({ type: 'say', text: '好'.repeat(1001) });
    expect(say).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const prize = await host.command({
      type: 'giveaway',
      durationSec: 60,
      winners: 1,
      prize: '奖'.repeat(31),
    });
    expect(prize).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await host.command({ type: 'say', text: '好'.repeat(1000) })).toMatchObject({ ok: true });
  });

  it('refuses share spam and order hoarding from one viewer; nothing over the limits is written', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '囤单',
      scenarioId: 'apparel-autumn',
      seed: 3,
    });
    const host = await connect((await client.join(room.staffCode!, '主播', 'host')).token);
    const viewer = await connect((await client.join(room.joinCode, '囤货侠')).token);
    await host.must({ type: 'goLive' });
    const actor = viewer.state!.you.actor;

    const shares = await Promise.all(Array.from({ length: 200 }, () => viewer.command({ type: 'share' })));
    expect(shares.filter((r) => r.ok)).toHaveLength(3);
    expect(shares.filter((r) => !r.ok && r.error.code === 'rate_limited')).toHaveLength(197);

    const product = viewer.state!.products[0]!;
    const orders = [];
    for (let i = 0; i < 120; i++)
      orders.push(
        await viewer.command({
          type: 'order',
          productId: product.id,
          qty: 5,
          idempotencyKey: `hoard-${i}-key`,
        }),
      );
    const codes = new Set(orders.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)));
    expect([...codes].sort()).toEqual(['rate_limited', 'unpaid_limit']);
    await host.must({ type: 'end' });

    const log: SessionEvent[] = await client.allEvents(teacher.token, room.session!.id);
    const mine = log.filter((e) => e.actor === actor);
    expect(mine.filter((e) => e.type === 'viewer.share')).toHaveLength(3);
    const created = mine.filter((e) => e.type === 'order.created');
    expect(created).toHaveLength(2);
    expect(created.reduce((units, e) => units + (e.payload as { qty: number }).qty, 0)).toBe(10);
  });
  // Last: it spends this address's joins for the minute.
  it('answers 429 to a flood of joins from one address', async () => {
    const { client } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, { name: '人海', scenarioId: 'apparel-autumn' });
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++)
      statuses.push(
        (await client.request('POST', '/api/join', { code: room.joinCode, name: `路人${i}` })).status,
      );
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const refused = await fetch(`${suite.api.baseUrl}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: room.joinCode, name: '再来' }),
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toContain('too many requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
