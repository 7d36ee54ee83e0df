import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RoomSummary, SessionEvent, SessionReport } from '@livelab/contracts';
import { resyncAll } from '@livelab/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import { apiDatabaseEnv, apiDatabaseKinds } from '../support/postgres-database';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';

const targets = apiDatabaseKinds(inject('postgresAvailable'));

const ofType = (events: SessionEvent[], type: string) => events.filter((e) => e.type === type);

describe.each(targets)('resuming a session after the api was killed, on %s', (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('goes on with the same audience and the same people, nothing acknowledged lost, the log gap-free', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-resume-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { env, drop } = await apiDatabaseEnv(kind);
    cleanups.push(drop);
    let api: ApiProcess = await startApi(env, { dataDir });
    cleanups.push(() => api.stop().then(() => undefined));
    let client = new ApiClient(api.baseUrl);
    const open: RoomConnection[] = [];
    cleanups.push(() => open.forEach((c) => c.close()));
    const connect = async (token: string) => {
      const connection = await client.connect(token);
      open.push(connection);
      return connection;
    };

    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '断电恢复',
      scenarioId: 'apparel-autumn',
      seed: 17,
      viewers: 300,
      speed: 5,
    });
    const sessionId = room.session!.id;
    const hostToken = (await client.join(room.staffCode!, '主播', 'host')).token;
    const aliceToken = (await client.join(room.joinCode, 'Alice')).token;
    const bobToken = (await client.join(room.joinCode, 'Bob')).token;
    let host = await connect(hostToken);
    let alice = await connect(aliceToken);
    let bob = await connect(bobToken);
    const [tee, cardigan] = host.state!.products;

    await host.must({ type: 'goLive' });
    await host.must({ type: 'pin', productId: tee!.id });
    const acknowledgedComments: string[] = [];
    const acknowledgedOrders: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [who, viewer] of [
        ['Alice', alice],
        ['Bob', bob],
      ] as const) {
        const { commentId } = await viewer.must<{ commentId: string }>({
          type: 'comment',
          text: `第${round}轮 ${who} 这件有M码吗？`,
        });
        acknowledgedComments.push(commentId);
      }
      await sleep(2100);
    }
    const aliceOrder = await alice.must<{ orderId: string }>({
      type: 'order',
      productId: tee!.id,
      qty: 1,
      idempotencyKey: 'alice-before-crash',
    });
    acknowledgedOrders.push(aliceOrder.orderId);
    await alice.must({ type: 'pay', orderId: aliceOrder.orderId });
    await sleep(1500); // bots act on a 5× clock meanwhile
    const before = await client.allEvents(teacher.token, sessionId);
    expect(before.some((e) => e.actor.startsWith('bot:') && e.type === 'comment')).toBe(true);

    // Power cut.
    await api.kill();
    for (const connection of open.splice(0)) connection.close();

    api = await startApi(env, { dataDir });
    client = new ApiClient(api.baseUrl);
    const interrupted = await client.ok<RoomSummary>(
      'GET',
      `/api/rooms/${room.id}`,
      undefined,
      teacher.token,
    );
    expect(interrupted.session).toMatchObject({ id: sessionId, status: 'interrupted' });
    await expect(client.connect(aliceToken)).rejects.toThrow(/interrupted/);
    // A viewer cannot resume it; the staff can.
    expect(
      (await client.request('POST', `/api/sessions/${sessionId}/resume`, undefined, aliceToken)).status,
    ).toBe(403);
    const resumed = await client.ok<RoomSummary>(
      'POST',
      `/api/sessions/${sessionId}/resume`,
      undefined,
      hostToken,
    );
    expect(resumed.session).toMatchObject({ id: sessionId, status: 'live' });

    // Everyone comes back: the consoles and phones catch up from the last seq they had.
    host = await connect(hostToken);
    alice = await connect(aliceToken);
    bob = await connect(bobToken);
    expect(host.state).toMatchObject({ sessionId, status: 'live' });
    const lastSeen = before.at(-1)!.seq;
    const caughtUp = await resyncAll((request) => host.socket.emitWithAck('room:resync', request), lastSeen);
    expect(caughtUp.error).toBeUndefined();
    expect(caughtUp.events[0]?.seq).toBe(lastSeen + 1);
    expect(ofType(caughtUp.events, 'session.resumed')).toHaveLength(1);
    // Alice's phone still knows her order (the snapshot carries it), and a retry of the same purchase finds it.
    expect(alice.state?.orders).toEqual([
      expect.objectContaining({ orderId: aliceOrder.orderId, status: 'paid' }),
    ]);
    const retried = await alice.must<{ orderId: string }>({
      type: 'order',
      productId: tee!.id,
      qty: 1,
      idempotencyKey: 'alice-before-crash',
    });
    expect(retried.orderId).toBe(aliceOrder.orderId);

    // The same session goes on: people and the simulated audience act, seq continues.
    await host.must({ type: 'pin', productId: cardigan!.id });
    const { commentId } = await bob.must<{ commentId: string }>({
      type: 'comment',
      text: '恢复了吗？还能买吗',
    });
    acknowledgedComments.push(commentId);
    const bobOrder = await bob.must<{ orderId: string }>({
      type: 'order',
      productId: cardigan!.id,
      qty: 1,
      idempotencyKey: 'bob-after-resume',
    });
    acknowledgedOrders.push(bobOrder.orderId);
    await waitFor(
      () => (host.events.filter((e) => e.actor.startsWith('bot:')).length > 3 ? true : undefined),
      15_000,
      'the simulated audience after the resume',
    );
    const report = await host.must<SessionReport>({ type: 'end' });

    const log = await client.allEvents(teacher.token, sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.slice(0, before.length)).toEqual(before);
    const resumedAt = log.findIndex((e) => e.type === 'session.resumed');
    expect(resumedAt).toBeGreaterThanOrEqual(before.length);
    expect(log.slice(resumedAt + 1).some((e) => e.actor.startsWith('bot:'))).toBe(true);
    expect(ofType(log, 'session.live')).toHaveLength(1);
    expect(log.at(-1)).toMatchObject({ type: 'session.ended', payload: { reason: 'host' } });
    const loggedComments = new Set(
      ofType(log, 'comment').map((e) => (e.payload as { commentId: string }).commentId),
    );
    for (const id of acknowledgedComments)
      expect(loggedComments.has(id), `acknowledged comment ${id}`).toBe(true);
    const loggedOrders = ofType(log, 'order.created').map((e) => (e.payload as { orderId: string }).orderId);
    for (const id of acknowledgedOrders) expect(loggedOrders.filter((o) => o === id)).toHaveLength(1);
    // Session time carried on from where the log stopped: no jump, no going back.
    for (let i = 1; i < log.length; i++) expect(log[i]!.tMs).toBeGreaterThanOrEqual(log[i - 1]!.tMs);

    // The final report covers the whole session, before and after the interruption.
    expect(report.comments.total).toBe(ofType(log, 'comment').length);
    expect(report.humans.comments).toBe(7);
    expect(report.humans.ordersCreated).toBe(2);
    expect(report.durationSec).toBeGreaterThanOrEqual(Math.floor(log.at(-1)!.tMs / 1000));
    const stored = await client.report(teacher.token, sessionId);
    expect(stored.metrics).toEqual(report.metrics);
    // One audience from go-live to the end: a re-run of the whole log, across the interruption, is the log.
    const whatIf = await client.ok<{ reproduced: boolean }>(
      'POST',
      `/api/sessions/${sessionId}/review/what-if`,
      { edits: [] },
      teacher.token,
    );
    expect(whatIf.reproduced).toBe(true);
  });
});
