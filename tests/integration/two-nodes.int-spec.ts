/* eslint-disable no-console -- the skip note must be visible in the test output */
import type { RoomSummary } from '@livelab/contracts';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startCluster } from '../support/cluster';
import type { RoomConnection, ApiClient } from '../support/room-client';
import { sleep } from '../support/room-client';
import { expectIntactLog } from '../support/log-checks';

describe('two api processes on one PostgreSQL database', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('lets only the owner of a live session append to it, command it or end it; the other is told who owns it', async (context) => {
    if (!inject('postgresAvailable')) {
      console.log('NOTE: no PostgreSQL at 127.0.0.1:5432: skipping the two-node test');
      context.skip();
      return;
    }
    // Nodes of one deployment share the database and the secret that signs tokens; no Redis: each runs alone.
    const cluster = await startCluster(2);
    cleanups.push(() => cluster.stop());
    const [onA, onB] = cluster.clients as [ApiClient, ApiClient];
    const nodeA = cluster.names[0]!;
    const open: RoomConnection[] = [];
    cleanups.push(() => open.forEach((c) => c.close()));

    const teacher = await onA.instructor();
    const room = await onA.createRoom(teacher.token, {
      name: '双节点',
      scenarioId: 'apparel-autumn',
      seed: 4,
      speed: 3,
    });
    const sessionId = room.session!.id;
    const hostToken = (await onA.join(room.staffCode!, '主播', 'host')).token;
    const viewerToken = (await onA.join(room.joinCode, '小赵')).token;
    const host = await onA.connect(hostToken);
    const viewer = await onA.connect(viewerToken);
    open.push(host, viewer);
    await host.must({ type: 'goLive' });
    const acknowledged: string[] = [];
    const comment = async (text: string) =>
      acknowledged.push((await viewer.must<{ commentId: string }>({ type: 'comment', text })).commentId);
    await comment('在吗');

    // Node B sees the room live, run by node A, and takes no part in it.
    const seenFromB = await onB.ok<RoomSummary>('GET', `/api/rooms/${room.id}`, undefined, teacher.token);
    expect(seenFromB.session).toMatchObject({ id: sessionId, status: 'live', owner: nodeA });
    await expect(onB.connect(hostToken)).rejects.toThrow(new RegExp(`owned_elsewhere.*${nodeA}`));
    await expect(onB.connect(viewerToken)).rejects.toThrow(/owned_elsewhere/);
    const end = await onB.request<{ code: string; message: string }>(
      'POST',
      `/api/sessions/${sessionId}/end`,
      undefined,
      hostToken,
    );
    expect(end.status).toBe(409);
    expect(end.body).toMatchObject({ code: 'owned_elsewhere' });
    expect(end.body.message).toContain(nodeA);
    const resume = await onB.request('POST', `/api/sessions/${sessionId}/resume`, undefined, hostToken);
    expect(resume.status).toBe(409);

    // A writer that is not the owner cannot append: an insert carrying a stale fencing token takes nothing.
    const pg = new Client({ connectionString: cluster.databaseUrl });
    await pg.connect();
    cleanups.push(() => pg.end());
    const [{ owner_token: token }] = (
      await pg.query('SELECT owner_token FROM live_session WHERE id = $1', [sessionId])
    ).rows as Array<{ owner_token: number }>;
    const stale = await pg.query(
      `WITH owner AS (SELECT 1 FROM live_session WHERE id = $1 AND owner_token = $2 FOR SHARE),
       inserted AS (INSERT INTO session_event (session_id, seq, t_ms, type, actor, payload)
                    SELECT $1, 1000000, 0, 'host.say', 'host', '{"text":"from node b"}'::jsonb WHERE EXISTS (SELECT 1 FROM owner)
                    RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [sessionId, token - 1],
    );
    expect(stale.rows[0]).toEqual({ n: 0 });

    // Node A went on all along, and ends it.
    await comment('继续');
    await sleep(500);
    await host.must({ type: 'end' });
    const log = await onA.allEvents(teacher.token, sessionId);
    expectIntactLog(log, acknowledged);
    expect(log.some((e) => e.type === 'host.say')).toBe(false);
    expect(log.filter((e) => e.type === 'session.ended')).toHaveLength(1);
    const ended = await onB.ok<RoomSummary>('GET', `/api/rooms/${room.id}`, undefined, teacher.token);
    expect(ended.session).toMatchObject({ status: 'ended' });
  });
});
