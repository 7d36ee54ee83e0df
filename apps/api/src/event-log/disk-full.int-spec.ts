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
import type {
  ClientToServerEvents,
  CommandResult,
  LoggedEvent,
  RoomCommandInput,
  ServerToClientEvents,
  SessionEvent,
} from '@livelab/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../bootstrap';
import type { RunningApp } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { createRootLogger } from '../logging/pino-logger';
import { EventLogRepository } from './event-log.repository';

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The REST and socket.io calls this suite needs, as the studio and the phone make them. */
function clientOf(baseUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const connect = (token: string) =>
    new Promise<RoomSocket>((resolve, reject) => {
      const socket: RoomSocket = io(`${baseUrl}/room`, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
      });
      socket.once('room:state', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const command = (socket: RoomSocket, command: RoomCommandInput): Promise<CommandResult> =>
    socket.timeout(15_000).emitWithAck('room:command', command);
  const must = async <T>(socket: RoomSocket, c: RoomCommandInput): Promise<T> => {
    const result = await command(socket, c);
    if (!result.ok) throw new Error(`${c.type} refused: ${result.error.message}`);
    return result.data as T;
  };
  const allEvents = (token: string, sessionId: string) =>
    call<SessionEvent[]>('GET', `/api/sessions/${sessionId}/events?after=0&limit=10000`, undefined, token);
  return { call, connect, command, must, allEvents };
}

const DISK_FULL_MS = 10_000;

describe('the embedded database cannot write for a while (a full disk, simulated)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'livelab-full-disk-'));
  let running: RunningApp | undefined;
  const connections: RoomSocket[] = [];
  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
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

    const client = clientOf(baseUrl);
    const teacher = await client.call<{ token: string }>('POST', '/api/auth/register', {
      username: 'teacher-disk',
      password: 'correct-horse-1',
      displayName: '王老师',
    });
    const room = await client.call<{
      id: string;
      joinCode: string;
      staffCode: string;
      session: { id: string };
    }>(
      'POST',
      '/api/rooms',
      { name: '磁盘满演练', scenarioId: 'agri-harvest', seed: 9, viewers: 400, speed: 2 },
      teacher.token,
    );
    const sessionId = room.session.id;
    const join = (code: string, name: string, role?: string) =>
      client.call<{ token: string }>('POST', '/api/join', { code, name, ...(role ? { role } : {}) });
    const host = await client.connect((await join(room.staffCode, '主播', 'host')).token);
    const viewer = await client.connect((await join(room.joinCode, '小李')).token);
    connections.push(host, viewer);
    await client.must(host, { type: 'goLive' });
    const acknowledged = [
      (await client.must<{ commentId: string }>(viewer, { type: 'comment', text: '橙子甜吗？' })).commentId,
    ];
    await sleep(500);
    const seqBefore = (await client.allEvents(teacher.token, sessionId)).at(-1)!.seq;

    diskFull = true;
    await waitFor(async () => ((await health()) === 503 ? true : undefined), 5_000, 'health 503');
    expect(await client.command(host, { type: 'say', text: '磁盘满的时候' })).toMatchObject({
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
            const result = await client.command(viewer, { type: 'comment', text: '好了吗' });
            return result.ok ? (result.data as { commentId: string }) : undefined;
          },
          5_000,
          'a comment accepted again',
        )
      ).commentId,
    );
    await client.must(host, { type: 'end' });

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
