import type { SessionEvent } from '@livelab/contracts';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { LOAD_GENERATOR } from '../support/api-process';
import { startCluster } from '../support/cluster';
import type { RoomConnection } from '../support/room-client';
import { sleep } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { cpuSeconds, percentile } from './bench-result';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 2000);
const HOLD_SEC = Number(process.env['BENCH_HOLD_SEC'] ?? 60);
/** Comments sent by random phones during the hold, one every this many ms (4 a second). */
const ACTION_EVERY_MS = 250;
/** Phones per node whose arrivals are timed (every phone receives; timing all of them would load the generator). */
const TIMED_PER_NODE = Math.min(100, Math.floor(CLIENTS / 4));
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers PING (ioredis, one attempt, no retries). */
async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Two api nodes on one PostgreSQL and one Redis (the topology of docker/compose.prod.yml, as processes on
 * this machine), a live room owned by node A with 2,000 simulated viewers, and 2,000 socket.io phones split
 * across the nodes for a minute. Random phones comment four times a second; we time each comment from the
 * send to its arrival at 100 timed phones on each node, count every error and disconnect, read how fast the
 * log grows and each node's CPU, then kill node A and time until a phone on node B is answered again.
 */
export async function run(): Promise<BenchResult[]> {
  let postgres = false;
  try {
    const probe = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await probe.connect();
    await probe.end();
    postgres = true;
  } catch {
    postgres = false;
  }
  if (!postgres || !(await redisAnswers(REDIS_URL))) {
    console.error('cluster: skipped (needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379)');
    return [];
  }
  const cluster = await startCluster(2, {
    redisUrl: REDIS_URL,
    env: { RATE_LIMIT_EXEMPT: LOAD_GENERATOR },
  });
  const { nodes, clients } = cluster;
  const connections: RoomConnection[] = [];
  const pg = new Client({ connectionString: cluster.databaseUrl });
  try {
    await pg.connect();

    const teacher = await clients[0]!.instructor();
    const room = await clients[0]!.createRoom(teacher.token, {
      name: 'cluster bench',
      scenarioId: 'beauty-skincare',
      seed: 21,
      viewers: 2000,
    });
    const sessionId = room.session!.id;
    const host = await clients[0]!.connect((await clients[0]!.join(room.staffCode!, 'host', 'host')).token);
    connections.push(host);
    await host.must({ type: 'goLive' });

    const connectStarted = Date.now();
    const byNode: RoomConnection[][] = [[], []];
    for (let i = 0; i < CLIENTS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, CLIENTS - i) }, async (_, k) => {
          const n = (i + k) % 2;
          const connection = await clients[n]!.connect(
            (await clients[n]!.join(room.joinCode, `p${i + k}`)).token,
          );
          byNode[n]!.push(connection);
          return connection;
        }),
      );
      connections.push(...batch);
    }
    const connectSec = (Date.now() - connectStarted) / 1000;
    let disconnects = 0;
    for (const connection of connections) connection.socket.on('disconnect', () => disconnects++);

    // Timed phones: the arrival of each marked comment.
    const sentAt = new Map<string, number>();
    const crossNode: number[] = [];
    const sameNode: number[] = [];
    const senderNode = new Map<string, number>();
    for (const [n, phones] of byNode.entries())
      for (const phone of phones.slice(0, TIMED_PER_NODE))
        phone.socket.on('room:events', (events: SessionEvent[]) => {
          const now = performance.now();
          for (const event of events) {
            if (event.type !== 'comment') continue;
            const text = (event.payload as { text: string }).text;
            const at = sentAt.get(text);
            if (at === undefined) continue;
            (senderNode.get(text) === n ? sameNode : crossNode).push(now - at);
          }
        });

    const seqAt = async () =>
      Number(
        (
          await pg.query('SELECT COALESCE(MAX(seq), 0) AS s FROM session_event WHERE session_id = $1', [
            sessionId,
          ])
        ).rows[0].s,
      );
    const seqBefore = await seqAt();
    const cpuBefore = nodes.map((node) => cpuSeconds(node.child.pid!));
    const holdStarted = Date.now();
    let errors = 0;
    let sent = 0;
    const pending: Array<Promise<void>> = [];
    for (let k = 0; Date.now() - holdStarted < HOLD_SEC * 1000; k++) {
      const n = k % 2;
      const phones = byNode[n]!;
      const phone = phones[TIMED_PER_NODE + (k % (phones.length - TIMED_PER_NODE))]!;
      const text = `m${k}`;
      senderNode.set(text, n);
      sentAt.set(text, performance.now());
      sent++;
      pending.push(
        phone.command({ type: 'comment', text }).then(
          (result) => {
            if (!result.ok) errors++;
          },
          () => {
            errors++;
          },
        ),
      );
      await sleep(ACTION_EVERY_MS);
    }
    await Promise.all(pending);
    await sleep(1000);
    const holdDisconnects = disconnects;
    const holdSec = (Date.now() - holdStarted) / 1000;
    const cpu = nodes.map((node, i) => ((cpuSeconds(node.child.pid!) - cpuBefore[i]!) / holdSec) * 100);
    const logRate = ((await seqAt()) - seqBefore) / holdSec;

    // Kill node A (the owner): how long until a phone on node B is answered by the room again.
    await nodes[0]!.kill();
    const killed = performance.now();
    const survivor = byNode[1]![TIMED_PER_NODE]!;
    let takeoverMs = Number.NaN;
    for (let k = 0; performance.now() - killed < 30_000; k++) {
      const result = await survivor.command({ type: 'like', count: 1 }).catch(() => undefined);
      if (result?.ok) {
        takeoverMs = performance.now() - killed;
        break;
      }
      await sleep(20);
    }

    const timedArrivals = crossNode.length + sameNode.length;
    const note = `${CLIENTS} phones (${CLIENTS / 2} per node) + 2,000 simulated viewers; 2 api nodes, PostgreSQL, Redis and the clients on this machine`;
    const round = (x: number) => Math.round(x * 10) / 10;
    return [
      {
        name: 'cluster: phones per node',
        value: CLIENTS / 2,
        unit: 'clients',
        note: `connected in ${round(connectSec)} s`,
      },
      {
        name: 'cluster: comment → phones on the other node p50',
        value: round(percentile(crossNode, 50)),
        unit: 'ms',
        note,
      },
      {
        name: 'cluster: comment → phones on the other node p99',
        value: round(percentile(crossNode, 99)),
        unit: 'ms',
        note,
      },
      {
        name: 'cluster: comment → phones on the same node p50',
        value: round(percentile(sameNode, 50)),
        unit: 'ms',
        note,
      },
      {
        name: 'cluster: comment → phones on the same node p99',
        value: round(percentile(sameNode, 99)),
        unit: 'ms',
        note,
      },
      {
        name: 'cluster: errors and disconnects in the hold',
        value: errors + holdDisconnects,
        unit: 'count',
        note: `${sent} comments over ${round(holdSec)} s, ${timedArrivals} timed arrivals (${errors} refused, ${holdDisconnects} disconnects)`,
      },
      {
        name: 'cluster: events into the log',
        value: round(logRate),
        unit: 'events/s',
        note: 'the room owner’s log, both nodes’ phones and the simulated audience',
      },
      { name: 'cluster: CPU of the owner node', value: round(cpu[0]!), unit: '% of a core', note },
      { name: 'cluster: CPU of the other node', value: round(cpu[1]!), unit: '% of a core', note },
      {
        name: 'cluster: takeover after killing the owner',
        value: round(takeoverMs),
        unit: 'ms',
        note: 'SIGKILL → a phone on the other node answered (its node resumes the room from the log)',
      },
    ];
  } finally {
    for (const connection of connections) connection.close();
    await pg.end().catch(() => undefined);
    await cluster.stop();
  }
}
