import type { SessionEvent } from '@livelab/contracts';
import { LOAD_GENERATOR, startApi } from '../support/api-process';
import type { RoomConnection } from '../support/room-client';
import { ApiClient, sleep, waitFor } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { percentile } from './bench-result';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1000);
const ACTIONS = 30;

/**
 * 1,000 socket.io viewers connected to the real api (a separate process, embedded database) in a live room
 * with a simulated audience. The host acts; we time until each viewer has the event, and until the metrics
 * snapshot reflects a viewer's like.
 */
export async function run(): Promise<BenchResult[]> {
  const api = await startApi({ LOG_LEVEL: 'warn', RATE_LIMIT_EXEMPT: LOAD_GENERATOR });
  const connections: RoomConnection[] = [];
  try {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: 'bench',
      scenarioId: 'beauty-skincare',
      seed: 9,
      viewers: 2000,
    });
    const host = await client.connect((await client.join(room.staffCode!, 'host', 'host')).token);
    connections.push(host);
    const connectStarted = Date.now();
    for (let i = 0; i < CLIENTS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, CLIENTS - i) }, async (_, k) =>
          client.connect((await client.join(room.joinCode, `v${i + k}`)).token),
        ),
      );
      connections.push(...batch);
      if (process.env['BENCH_DEBUG']) console.error(`connected ${connections.length}`);
    }
    const connectSec = (Date.now() - connectStarted) / 1000;
    const viewers = connections.slice(1);
    await host.must({ type: 'goLive' });
    await sleep(2000);

    // Action → event on every client.
    const eventLatencies: number[] = [];
    for (let n = 0; n < ACTIONS; n++) {
      const marker = `bench-${n}-${Date.now()}`;
      const arrivals = viewers.map(
        (viewer) =>
          new Promise<number>((resolve) => {
            const onEvents = (events: SessionEvent[]) => {
              if (
                events.some((e) => e.type === 'host.say' && (e.payload as { text: string }).text === marker)
              ) {
                viewer.socket.off('room:events', onEvents);
                resolve(performance.now());
              }
            };
            viewer.socket.on('room:events', onEvents);
          }),
      );
      const sent = performance.now();
      await host.must({ type: 'say', text: marker });
      for (const at of await Promise.all(arrivals)) eventLatencies.push(at - sent);
      await sleep(100);
    }

    // Action → the next metrics snapshot showing it (likes are counted into the 1 s snapshot).
    const snapshotLatencies: number[] = [];
    for (let n = 0; n < 10; n++) {
      const liker = viewers[n]!;
      const before = host.metrics.at(-1)?.metrics.likes ?? 0;
      const sent = performance.now();
      await liker.must({ type: 'like', count: 50 });
      await waitFor(
        () => ((host.metrics.at(-1)?.metrics.likes ?? 0) >= before + 50 ? true : undefined),
        10_000,
        'snapshot with the like',
      );
      snapshotLatencies.push(performance.now() - sent);
      await sleep(300);
    }
    const note = `${CLIENTS} socket.io clients + 2,000 simulated viewers, api and clients on this machine`;
    return [
      {
        name: `room: connect ${CLIENTS} clients`,
        value: Math.round(connectSec * 10) / 10,
        unit: 's',
        note: 'join by code + socket.io handshake, 50 at a time',
      },
      {
        name: `room: action → event at each of ${CLIENTS} clients p50`,
        value: round(percentile(eventLatencies, 50)),
        unit: 'ms',
        note,
      },
      {
        name: `room: action → event at each of ${CLIENTS} clients p99`,
        value: round(percentile(eventLatencies, 99)),
        unit: 'ms',
        note,
      },
      {
        name: 'room: action → metrics snapshot p50',
        value: round(percentile(snapshotLatencies, 50)),
        unit: 'ms',
        note: 'snapshots are pushed once a second',
      },
      {
        name: 'room: action → metrics snapshot p99',
        value: round(percentile(snapshotLatencies, 99)),
        unit: 'ms',
        note: 'snapshots are pushed once a second',
      },
    ];
  } finally {
    for (const connection of connections) connection.close();
    await api.stop();
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
