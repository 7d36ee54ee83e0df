import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RoomSummary } from '@livelab/contracts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import { apiDatabaseEnv, apiDatabaseKinds } from '../support/postgres-database';
import { ApiClient } from '../support/room-client';

const targets = apiDatabaseKinds(inject('postgresAvailable'));

describe.each(targets)('killing the api mid-session on %s', (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('loses no acknowledged event, leaves no gap in seq, and the session ends cleanly after the restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { env, drop } = await apiDatabaseEnv(kind);
    cleanups.push(drop);
    let api: ApiProcess = await startApi(env, { dataDir });
    cleanups.push(() => api.stop().then(() => undefined));
    let client = new ApiClient(api.baseUrl);

    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '断电演练',
      scenarioId: 'agri-harvest',
      seed: 11,
      speed: 5,
    });
    const host = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    const viewers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        client.connect((await client.join(room.joinCode, `观众${i}`)).token),
      ),
    );
    await host.must({ type: 'goLive' });
    await host.must({ type: 'pin', productId: host.state!.products[0]!.id });
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const ids = await Promise.all(
        viewers.map((v, i) =>
          v.must<{ commentId: string }>({ type: 'comment', text: `第${round}轮 观众${i} 在吗？` }),
        ),
      );
      acknowledged.push(...ids.map((r) => r.commentId));
    }
    await host.must({ type: 'say', text: '家人们，今天的苹果是产地直发' });

    // Power cut right after the last acknowledgement.
    await api.kill();
    for (const connection of [host, ...viewers]) connection.close();

    api = await startApi(env, { dataDir });
    client = new ApiClient(api.baseUrl);
    const events = await client.allEvents(teacher.token, room.session!.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const logged = new Set(
      events.filter((e) => e.type === 'comment').map((e) => (e.payload as { commentId: string }).commentId),
    );
    for (const id of acknowledged) expect(logged.has(id), `acknowledged comment ${id}`).toBe(true);
    expect(events.some((e) => e.type === 'host.say')).toBe(true);

    const interrupted = await client.ok<RoomSummary>(
      'GET',
      `/api/rooms/${room.id}`,
      undefined,
      teacher.token,
    );
    expect(interrupted.session?.status).toBe('interrupted');
    // A client trying to rejoin the interrupted session is told why.
    const latecomer = await client.join(room.joinCode, '迟到的观众');
    await expect(client.connect(latecomer.token)).rejects.toThrow(/interrupted/);

    const report = await client.ok<{ comments: { total: number } }>(
      'POST',
      `/api/sessions/${room.session!.id}/end`,
      undefined,
      teacher.token,
    );
    expect(report.comments.total).toBeGreaterThanOrEqual(acknowledged.length);
    const after = await client.allEvents(teacher.token, room.session!.id);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
    expect(after.at(-1)).toMatchObject({
      type: 'session.ended',
      seq: events.length + 1,
      payload: { reason: 'aborted' },
    });

    // The room goes on: a new session opens and accepts its host.
    const next = await client.ok<{ sessionId: string }>(
      'POST',
      `/api/rooms/${room.id}/sessions`,
      undefined,
      teacher.token,
    );
    expect(next.sessionId).not.toBe(room.session!.id);
    const rejoined = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    expect(rejoined.state).toMatchObject({ sessionId: next.sessionId, status: 'pre' });
    rejoined.close();
  });
});
