/* eslint-disable no-console -- the skip note must be visible in the test output */
import type { SessionEvent } from '@livelab/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import type { ThrowawayPostgres } from '../support/throwaway-postgres';
import { startThrowawayPostgres } from '../support/throwaway-postgres';

const OUTAGE_MS = 10_000;

const commentIds = (events: SessionEvent[]) =>
  events.filter((e) => e.type === 'comment').map((e) => (e.payload as { commentId: string }).commentId);

describe('a PostgreSQL outage mid-session (a throwaway server of the test’s own)', () => {
  let pg: ThrowawayPostgres | undefined;
  let api: ApiProcess | undefined;
  const connections: RoomConnection[] = [];
  afterAll(async () => {
    for (const connection of connections) connection.close();
    await api?.stop();
    pg?.destroy();
  });

  it('keeps the api up, refuses commands with unavailable, answers 503, and goes on by itself when it is back', async (context) => {
    const server = await startThrowawayPostgres();
    if ('skip' in server) {
      console.log(`NOTE: skipping the PostgreSQL outage test: ${server.skip}`);
      context.skip();
      return;
    }
    pg = server;
    api = await startApi({ DATABASE_URL: server.url, LOG_LEVEL: 'warn' });
    const client = new ApiClient(api.baseUrl);
    const health = () =>
      fetch(`${api!.baseUrl}/api/health`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { status: string; problems: string[] },
      }));

    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '数据库故障演练',
      scenarioId: 'beauty-skincare',
      seed: 5,
      viewers: 500,
      speed: 2,
    });
    const sessionId = room.session!.id;
    const host = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    const viewer = await client.connect((await client.join(room.joinCode, '小王')).token);
    connections.push(host, viewer);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'pin', productId: host.state!.products[0]!.id });
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      acknowledged.push(
        (await viewer.must<{ commentId: string }>({ type: 'comment', text: `故障前 ${i} 多少钱？` }))
          .commentId,
      );
      await sleep(2100);
    }

    // The database goes away.
    server.stop();
    const downAt = Date.now();
    // The room knows as soon as its log fails to write (a command that came just before waits for its
    // acknowledgement until the database is back: it was taken, so it is not refused).
    const during = await waitFor(
      async () => {
        const h = await health();
        return h.status === 503 && h.body.problems.some((p) => p.includes(sessionId)) ? h : undefined;
      },
      8_000,
      "health to say 503, naming the room's log",
    );
    expect(during.body.status).toBe('unavailable');
    expect(during.body.problems.join(' ')).toMatch(/database/);
    const refused = await host.command({ type: 'say', text: '数据库不在的时候说的话' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const refusedComment = await viewer.command({ type: 'comment', text: '还在吗' });
    expect(refusedComment).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // The room goes on meanwhile: its console still gets the figures, saying why commands wait.
    const metricsBefore = host.metrics.length;
    await waitFor(
      () => (host.metrics.length > metricsBefore + 1 ? true : undefined),
      5_000,
      'metrics during the outage',
    );
    expect(host.metrics.at(-1)?.unavailable).toMatch(/unreachable/);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
    expect(api.child.exitCode).toBeNull();

    // It is back: within 5 s the room takes commands again, by itself.
    server.start();
    const backAt = Date.now();
    await waitFor(async () => ((await health()).status === 200 ? true : undefined), 5_000, 'health 200');
    const accepted = await waitFor(
      async () => {
        const result = await viewer.command({ type: 'comment', text: '恢复了吗？' });
        return result.ok ? (result.data as { commentId: string }) : undefined;
      },
      5_000 - (Date.now() - backAt),
      'a command accepted again',
    );
    acknowledged.push(accepted.commentId);
    await host.must({ type: 'say', text: '我们回来了' });
    const report = await host.must<{ metrics: { uv: number } }>({ type: 'end' });
    expect(report.metrics.uv).toBeGreaterThan(0);

    const log = await client.allEvents(teacher.token, sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const logged = new Set(commentIds(log));
    for (const id of acknowledged) expect(logged.has(id), `acknowledged comment ${id}`).toBe(true);
    // The refused ones never happened; what the audience did meanwhile was held and written in order.
    expect(
      log.some(
        (e) => e.type === 'host.say' && (e.payload as { text: string }).text === '数据库不在的时候说的话',
      ),
    ).toBe(false);
    const times = log.map((e) => e.tMs);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    const outageTimes = log.filter((e) => e.actor.startsWith('bot:') && e.tMs > 0);
    expect(outageTimes.length).toBeGreaterThan(0);
  });
});
