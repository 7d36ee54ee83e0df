/* eslint-disable no-console -- the skip note and the figures must be visible in the test output */
import type { RoomStateMessage } from '@livelab/contracts';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startCluster } from '../support/cluster';
import { NGINX, startProxy } from '../support/proxy';
import type { RoomSocket } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import { expectIntactLog } from '../support/log-checks';

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

    const proxy = await startProxy(cluster.nodes);
    cleanups.push(() => proxy.stop());
    const base = proxy.baseUrl;

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
    expectIntactLog(log);
    expect(log.filter((e) => e.type === 'session.resumed')).toHaveLength(1);
  });
});
