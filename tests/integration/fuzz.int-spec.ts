/* eslint-disable no-console -- the skip note and the figures must be visible in the test output */
import type { SessionEvent } from '@livelab/contracts';
import type { Rng } from '@livelab/engagement';
import { createRng } from '@livelab/engagement';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import { startCluster } from '../support/cluster';
import type { RoomConnection } from '../support/room-client';
import { ApiClient } from '../support/room-client';
import { expectIntactLog } from '../support/log-checks';

const COMMAND_TYPES = [
  'comment',
  'like',
  'follow',
  'share',
  'openBag',
  'clickProduct',
  'claimCoupon',
  'enterGiveaway',
  'order',
  'pay',
  'cancelOrder',
  'lead',
  'pin',
  'unpin',
  'coupon',
  'flashSale',
  'say',
  'replyPolicy',
  'giveaway',
  'price',
  'reply',
  'mute',
  'hide',
  'stock',
  'pinComment',
  'reorder',
  'card',
  'block',
  'keywordFilter',
  'quickReplies',
  'pretest',
  'goLive',
  'end',
  'nonsense',
  '__proto__',
  '',
];
const FIELDS = [
  'text',
  'count',
  'productId',
  'couponId',
  'giveawayId',
  'qty',
  'idempotencyKey',
  'orderId',
  'name',
  'phone',
  'discount',
  'price',
  'stock',
  'durationSec',
  'prize',
  'commentId',
  'target',
  'minutes',
  'words',
  'replies',
  'checks',
  'productIds',
  'afterSeq',
  'limit',
  'sdp',
  'type',
  'subscriberId',
  'answer',
  'peerId',
  'candidate',
  '__proto__',
  'constructor',
  'username',
  'password',
  'displayName',
  'role',
  'code',
  'scenarioId',
  'viewers',
  'speed',
];

/** A value of any JSON shape, often the wrong one, sometimes huge or deep. */
function junk(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 9 : 12)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1e308, -1e-9, 3.5, 2 ** 53, 99, 100]);
    case 2:
      return r.pick(['', ' ', '好', 'x'.repeat(300), '<script>alert(1)</script>', "'; DROP TABLE room;--"]);
    case 3:
      return '好'.repeat(r.int(3) === 0 ? 20_000 : 50);
    case 4:
      return r.next() < 0.5;
    case 5:
      return r.pick(['b:1', 'user:abc', 'host', 'p1', 'c1', 'o1', 'g1']);
    case 6:
      return `${r.int(1e6)}`;
    case 7:
      return undefined;
    case 8:
      return r.pick([[], {}, [1, 2, 3]]);
    case 9:
      return Array.from({ length: r.int(5) }, () => junk(r, depth + 1));
    default: {
      const value: Record<string, unknown> = {};
      for (let i = r.int(6); i > 0; i--) value[r.pick(FIELDS)] = junk(r, depth + 1);
      return value;
    }
  }
}

/** A command-shaped payload with a real or made-up type and junk fields; now and then not an object at all. */
function command(r: Rng): unknown {
  if (r.int(10) === 0) return junk(r);
  const value: Record<string, unknown> = { type: r.pick(COMMAND_TYPES) };
  for (let i = r.int(5); i > 0; i--) value[r.pick(FIELDS)] = junk(r, 1);
  return value;
}

const SOCKET_EVENTS = [
  'room:command',
  'room:command',
  'room:command',
  'room:command',
  'room:resync',
  'media:config',
  'media:publish',
  'media:answer',
  'media:ice',
  'no:such:event',
];
const REST = [
  { path: '/api/auth/register', auth: false },
  { path: '/api/auth/login', auth: false },
  { path: '/api/join', auth: false },
  { path: '/api/rooms', auth: true },
  { path: '/api/classes', auth: true },
  { path: '/api/classes/join', auth: true },
  { path: '/api/practice/cs', auth: true },
  { path: '/api/rooms/not-a-room/sessions', auth: true },
  { path: '/api/sessions/00000000-0000-0000-0000-000000000000/assessment/overrides', auth: true },
  { path: '/api/clips/not-a-clip/publish', auth: true },
] as const;

const SOCKET_MESSAGES = 96_000;
const REST_BODIES = 4_000;

describe('fuzzing every socket event and REST body', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('answers 100,000 malformed messages with errors, stays up on every node and writes nothing it should not', async () => {
    const redisUrl = inject('redisUrl');
    const clustered = inject('postgresAvailable') && redisUrl !== null;
    if (!clustered) console.log('NOTE: no PostgreSQL + Redis: fuzzing one node on PGlite instead of two');
    const nodes: ApiProcess[] = [];
    let clients: ApiClient[];
    if (clustered) {
      const cluster = await startCluster(2, { redisUrl, env: { LOG_LEVEL: 'error' } });
      cleanups.push(() => cluster.stop());
      nodes.push(...cluster.nodes);
      clients = cluster.clients;
    } else {
      const node = await startApi({ LOG_LEVEL: 'error' });
      cleanups.push(() => node.stop());
      nodes.push(node);
      clients = [new ApiClient(node.baseUrl)];
    }
    const open: RoomConnection[] = [];
    cleanups.push(() => open.forEach((c) => c.close()));

    const teacher = await clients[0]!.instructor();
    const room = await clients[0]!.createRoom(teacher.token, {
      name: '模糊测试',
      scenarioId: 'apparel-autumn',
      seed: 9,
    });
    const host = await clients[0]!.connect((await clients[0]!.join(room.staffCode!, '主播', 'host')).token);
    open.push(host);
    await host.must({ type: 'goLive' });
    const roomsBefore = (await clients[0]!.ok<unknown[]>('GET', '/api/rooms', undefined, teacher.token))
      .length;

    // Viewers on every node send the junk: a viewer may not act as staff, whatever it sends.
    const viewers: RoomConnection[] = [];
    for (let i = 0; i < 4; i++) {
      const client = clients[i % clients.length]!;
      const viewer = await client.connect((await client.join(room.joinCode, `捣乱${i}`)).token);
      viewers.push(viewer);
      open.push(viewer);
    }
    // The engine's seeded generator: the same run of malformed messages every time.
    const r = createRng(20261206);
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const started = Date.now();
    const BATCH = 500;
    for (let sent = 0; sent < SOCKET_MESSAGES; sent += BATCH) {
      await Promise.all(
        Array.from({ length: BATCH }, async () => {
          const viewer = r.pick(viewers);
          const event = r.pick(SOCKET_EVENTS);
          const payload = event === 'room:command' ? command(r) : junk(r);
          if (event === 'no:such:event') {
            // An event nobody listens for is dropped; the socket stays.
            (viewer.socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
            count('dropped');
            return;
          }
          try {
            const result = (await (
              viewer.socket.timeout(15_000) as unknown as {
                emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
              }
            ).emitWithAck(event, payload)) ?? { ok: false, error: { code: 'no answer' } };
            count(result.ok ? `${event} ok` : `${event} ${result.error?.code ?? '?'}`);
          } catch {
            count(`${event} timeout`);
          }
        }),
      );
    }
    const socketSeconds = (Date.now() - started) / 1000;

    const statuses = new Map<number, number>();
    for (let i = 0; i < REST_BODIES; i++) {
      const target = r.pick(REST);
      const client = clients[i % clients.length]!;
      const body = r.int(8) === 0 ? 'not json {' : JSON.stringify(junk(r));
      const response = await fetch(`${client.baseUrl}${target.path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(target.auth ? { authorization: `Bearer ${r.int(3) === 0 ? 'junk' : teacher.token}` } : {}),
        },
        body,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    console.log(
      `fuzz on ${nodes.length} node(s): ${SOCKET_MESSAGES} socket messages in ${socketSeconds.toFixed(1)} s, ${REST_BODIES} REST bodies; ` +
        `socket outcomes ${JSON.stringify(Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1]).slice(0, 12)))}; ` +
        `REST statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );

    // Every message was answered (or, for an unknown event, dropped); no REST body broke the server.
    expect([...outcomes.keys()].filter((k) => k.endsWith('timeout') || k.endsWith('no answer'))).toEqual([]);
    expect([...outcomes.keys()].filter((k) => k.endsWith(' internal'))).toEqual([]);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    // Every node is up and the room goes on: the host still commands it, a viewer still comments.
    for (const node of nodes) expect((await fetch(`${node.baseUrl}/api/health`)).status).toBe(200);
    await host.must({ type: 'say', text: '大家好，继续直播' });
    expect(await viewers[1]!.command({ type: 'comment', text: '还在' })).toMatchObject({ ok: true });
    await host.must({ type: 'end' });

    // Nothing was written that a viewer may not cause: no staff events from viewers, no new rooms, seq intact.
    const log: SessionEvent[] = await clients[0]!.allEvents(teacher.token, room.session!.id);
    expectIntactLog(log);
    const fuzzers = new Set(viewers.map((v) => v.state!.you.actor));
    const byFuzzers = log.filter((e) => fuzzers.has(e.actor));
    expect(byFuzzers.filter((e) => e.type.startsWith('host.') || e.type.startsWith('session.'))).toEqual([]);
    expect((await clients[0]!.ok<unknown[]>('GET', '/api/rooms', undefined, teacher.token)).length).toBe(
      roomsBefore,
    );
  });
});
