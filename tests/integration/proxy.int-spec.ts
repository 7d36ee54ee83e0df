/* eslint-disable no-console -- the skip note and the figures must be visible in the test output */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RoomStateMessage } from '@livelab/contracts';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../support/api-process';
import { startCluster } from '../support/cluster';
import type { RoomSocket } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * docker/nginx.conf itself, run by Debian's nginx in front of two api nodes (PostgreSQL, Redis) as processes:
 * the same file the production compose mounts, with only the upstream addresses and the port rewritten. A
 * browser-like client (socket.io polling, then the WebSocket upgrade) goes through it; when the node it was
 * hashed to dies, the proxy sends the reconnect to the other node, which takes the room over.
 */
describe('docker/nginx.conf in front of two api nodes', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('serves the apps, the api and room sockets through the proxy, and fails a dead node over to the other', async (context) => {
    const redisUrl = inject('redisUrl');
    if (!NGINX || !inject('postgresAvailable') || !redisUrl) {
      console.log('NOTE: the proxy test needs nginx (scripts/bootstrap.sh), PostgreSQL and Redis: skipped');
      context.skip();
      return;
    }
    const cluster = await startCluster(2, { redisUrl });
    cleanups.push(() => cluster.stop());
    const [a, b] = cluster.nodes;

    const dir = mkdtempSync(path.join(tmpdir(), 'livelab-nginx-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const conf = readFileSync(path.join(REPO_ROOT, 'docker', 'nginx.conf'), 'utf8')
      .replace('server api-1:3000', `server 127.0.0.1:${a!.port}`)
      .replace('server api-2:3000', `server 127.0.0.1:${b!.port}`)
      .replace('listen 80;', `listen 127.0.0.1:${port};`)
      .replace('worker_processes auto;', 'worker_processes 1;')
      .replace('server_tokens off;', 'server_tokens off;\n  access_log off;');
    expect(conf).toContain(`127.0.0.1:${a!.port}`);
    writeFileSync(path.join(dir, 'nginx.conf'), conf);
    const nginx: ChildProcess = spawn(
      NGINX,
      [
        '-p',
        dir,
        '-c',
        path.join(dir, 'nginx.conf'),
        '-g',
        `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;`,
      ],
      { stdio: 'ignore' },
    );
    cleanups.push(() => {
      nginx.kill('SIGQUIT');
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => ((await fetch(`${base}/api/health`).catch(() => undefined))?.ok ? true : undefined),
      10_000,
      'nginx',
    );

    // The apps and the api through the proxy, with the api's headers and no version banner.
    const studio = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(studio.status).toBe(200);
    expect(studio.headers.get('server')).toBe('nginx');
    expect(studio.headers.get('content-security-policy')).toContain("default-src 'self'");
    const client = new ApiClient(base);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '代理',
      scenarioId: 'apparel-autumn',
      seed: 8,
      speed: 2,
    });
    const hostToken = (await client.join(room.staffCode!, '主播', 'host')).token;

    // A browser-like socket: long-polling first, then upgraded to a WebSocket, reconnecting by itself.
    const states: RoomStateMessage[] = [];
    const socket: RoomSocket = io(`${base}/room`, {
      auth: { token: hostToken },
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      forceNew: true,
    });
    cleanups.push(() => {
      socket.close();
    });
    socket.on('room:state', (state) => states.push(state));
    await waitFor(() => (states.length > 0 ? true : undefined), 10_000, 'the room state through the proxy');
    await waitFor(
      () => (socket.io.engine.transport.name === 'websocket' ? true : undefined),
      10_000,
      'the upgrade',
    );
    expect((await socket.timeout(10_000).emitWithAck('room:command', { type: 'goLive' })).ok).toBe(true);

    // Which node the proxy hashed this client to: the one that runs the room.
    const owner = await waitFor(async () => {
      const seenFromA = await new ApiClient(a!.baseUrl).ok<{ session?: { owner?: string } }>(
        'GET',
        `/api/rooms/${room.id}`,
        undefined,
        teacher.token,
      );
      return seenFromA.session ? (seenFromA.session.owner ? b! : a!) : undefined;
    });
    await owner.kill();
    const killed = Date.now();
    // The client reconnects through the proxy, which tries the dead node, then the other one; that node
    // takes the room over from the log and the host carries on.
    await waitFor(() => (states.length > 1 ? true : undefined), 20_000, 'the room state after failover');
    const again = states.at(-1)!;
    expect(again).toMatchObject({ sessionId: room.session!.id, status: 'live' });
    let answered = false;
    for (const deadline = Date.now() + 10_000; !answered && Date.now() < deadline;) {
      const result = await socket
        .timeout(5_000)
        .emitWithAck('room:command', { type: 'say', text: '我们继续' });
      answered = result.ok;
      if (!answered) await sleep(200);
    }
    expect(answered).toBe(true);
    console.log(
      `proxy: node killed → the host's socket back through nginx on the other node after ${Date.now() - killed} ms`,
    );
    const log = await new ApiClient((owner === a ? b : a)!.baseUrl).allEvents(
      teacher.token,
      room.session!.id,
    );
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((e) => e.type === 'session.resumed')).toHaveLength(1);
  });
});
