import 'reflect-metadata';
import { findBuiltinScenario, RoomMachine } from '@livelab/engagement';
import { roomCommandSchema } from '@livelab/contracts';
import { EventLogRepository } from '../src/event-log/event-log.repository';
import { EventLogWriter } from '../src/event-log/event-log.writer';
import { RoomRuntime } from '../src/rooms/runtime/room-runtime';
import { testDatabaseTargets } from '../src/testing/test-databases';
import type { TestDatabase } from '../src/testing/test-databases';
import { seedSession } from '../src/testing/seed-session';

/** Same shape as tests/bench's BenchResult: the runner loads this file by path. */
interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/**
 * A 100,000-viewer room run through the real runtime into the real event log as fast as it will go: the
 * engine's events, the order book's checks and the batched writes, each step waiting for its commit.
 */
async function measure(
  label: string,
  db: TestDatabase,
  viewers: number,
  simulatedSec: number,
): Promise<BenchResult[]> {
  const scenario = findBuiltinScenario('apparel-autumn')!;
  const sessionId = await seedSession(db.dataSource, 'pre');
  const writer = new EventLogWriter(new EventLogRepository(db.dataSource));
  const log = await writer.openLog(sessionId, null);
  let wall = 0;
  const runtime = new RoomRuntime({
    roomId: 'bench',
    sessionId,
    machine: new RoomMachine({
      scenario,
      seed: 5,
      viewers,
      idPrefix: 'b',
      sessionTag: sessionId.slice(0, 8),
    }),
    scenario,
    log,
    output: {
      events: () => undefined,
      metrics: () => undefined,
      live: () => undefined,
      ended: () => undefined,
      health: () => undefined,
    },
    now: () => wall,
    autoTick: false,
  });
  const host = { actor: 'host', name: 'host', role: 'host' as const };
  await runtime.execute(host, roomCommandSchema.parse({ type: 'goLive' })).durable;
  await runtime.execute(host, roomCommandSchema.parse({ type: 'pin', productId: scenario.products[0]!.id }))
    .durable;
  await runtime.execute(host, roomCommandSchema.parse({ type: 'replyPolicy', latencySec: 10, coverage: 0.8 }))
    .durable;
  const startSeq = log.lastSeq();
  const started = process.hrtime.bigint();
  for (let sec = 1; sec <= simulatedSec; sec++) {
    wall = sec * 1000;
    runtime.advance();
    await log.flushed();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const events = log.lastSeq() - startSeq;
  runtime.stop();
  await writer.close();
  const note = `${viewers.toLocaleString('en-US')} simulated viewers, ${simulatedSec} s of session, each second committed`;
  return [
    { name: `runtime → log ${label}: events/s`, value: Math.round(events / seconds), unit: 'events/s', note },
    {
      name: `runtime → log ${label}: session speed`,
      value: Math.round((simulatedSec / seconds) * 10) / 10,
      unit: 'x real time',
      note,
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const target of await testDatabaseTargets()) {
    const db = await target.open();
    try {
      results.push(...(await measure(target.kind === 'pglite' ? 'PGlite' : 'PostgreSQL', db, 100_000, 60)));
    } finally {
      await db.close();
    }
  }
  return results;
}
