/**
 * The embedded database failing to write (a full disk, simulated): the api runs in this process on PGlite on
 * disk, and its event-log repository fails every insert with PostgreSQL's own "disk full" error (SQLSTATE
 * 53100) for ten seconds — what a full disk under the data directory does to the embedded PostgreSQL's
 * writes, while its reads go on.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LoggedEvent, SessionEvent } from '@livelab/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/bootstrap';
import type { RunningApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { EventLogRepository } from '../../apps/api/src/event-log/event-log.repository';
import { createRootLogger } from '../../apps/api/src/logging/pino-logger';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';

const DISK_FULL_MS = 10_000;

describe('the embedded database cannot write for a while (a full disk, simulated)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-full-disk-'));
  let running: RunningApp | undefined;
  const connections: RoomConnection[] = [];
  afterAll(async () => {
    for (const connection of connections) connection.close();
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses commands with unavailable, answers 503, holds the room’s events and writes them when it can', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', HOST: '127.0.0.1' });
    running = await createApp(config, createRootLogger(config));
    await running.app.listen(0, '127.0.0.1');
    const { port } = running.app.getHttpServer().address() as { port: number };
    const baseUrl = `http://127.0.0.1:${port}`;
    const repository = running.app.get(EventLogRepository);
    const insert = repository.insert.bind(repository);
    let diskFull = false;
    let refusedWrites = 0;
    repository.insert = async (sessionId: string, fence: number | null, events: readonly LoggedEvent[]) => {
      if (diskFull) {
        refusedWrites++;
        throw Object.assign(new Error('could not extend file "base/5/16411": No space left on device'), {
          code: '53100',
        });
      }
      return insert(sessionId, fence, events);
    };
    const health = () => fetch(`${baseUrl}/api/health`).then((r) => r.status);

    const client = new ApiClient(baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '磁盘满演练',
      scenarioId: 'agri-harvest',
      seed: 9,
      viewers: 400,
      speed: 2,
    });
    const sessionId = room.session!.id;
    const host = await client.connect((await client.join(room.staffCode!, '主播', 'host')).token);
    const viewer = await client.connect((await client.join(room.joinCode, '小李')).token);
    connections.push(host, viewer);
    await host.must({ type: 'goLive' });
    const acknowledged = [
      (await viewer.must<{ commentId: string }>({ type: 'comment', text: '橙子甜吗？' })).commentId,
    ];
    await sleep(500);
    const seqBefore = (await client.allEvents(teacher.token, sessionId)).at(-1)!.seq;

    diskFull = true;
    await waitFor(async () => ((await health()) === 503 ? true : undefined), 5_000, 'health 503');
    expect(await host.command({ type: 'say', text: '磁盘满的时候' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    await sleep(DISK_FULL_MS);
    expect(refusedWrites).toBeGreaterThan(3);
    // Nothing was written meanwhile, and nothing was lost from memory either.
    expect((await client.allEvents(teacher.token, sessionId)).at(-1)!.seq).toBe(seqBefore);

    diskFull = false;
    await waitFor(async () => ((await health()) === 200 ? true : undefined), 5_000, 'health 200');
    acknowledged.push(
      (
        await waitFor(
          async () => {
            const result = await viewer.command({ type: 'comment', text: '好了吗' });
            return result.ok ? (result.data as { commentId: string }) : undefined;
          },
          5_000,
          'a comment accepted again',
        )
      ).commentId,
    );
    await host.must({ type: 'end' });

    const log = await client.allEvents(teacher.token, sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const comments = new Set(
      log
        .filter((e: SessionEvent) => e.type === 'comment')
        .map((e) => (e.payload as { commentId: string }).commentId),
    );
    for (const id of acknowledged) expect(comments.has(id)).toBe(true);
    // The audience went on through the ten seconds: their events were held and written in order afterwards.
    const heldSeconds = new Set(
      log.filter((e) => e.seq > seqBefore && e.actor.startsWith('bot:')).map((e) => Math.floor(e.tMs / 1000)),
    );
    expect(heldSeconds.size).toBeGreaterThan(10);
  });
});
