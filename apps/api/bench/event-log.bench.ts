import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NewEvent } from '@livelab/contracts';
import { EventLogRepository } from '../src/event-log/event-log.repository';
import { EventLogWriter } from '../src/event-log/event-log.writer';
import { testDatabaseTargets } from '../src/testing/test-databases';
import type { TestDatabase } from '../src/testing/test-databases';
import { openDatabase } from '../src/database/open-database';
import { seedSession } from '../src/testing/seed-session';

/** Same shape as tests/bench's BenchResult: the runner loads this file by path. */
interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const EVENTS = 50_000;
const PRODUCERS = 4;
const CHUNK = 50;

const sampleEvent = (i: number): NewEvent => ({
  tMs: i * 20,
  type: i % 7 === 0 ? 'comment' : 'viewer.like',
  actor: `bot:${i % 5000}`,
  payload:
    i % 7 === 0
      ? { commentId: `c${i}`, text: '这件衣服有M码吗？', kind: 'question', topic: 'size' }
      : { count: 1 },
});

/**
 * 50,000 events from several concurrent producers. `pipelined`: as the room runtime appends — it keeps going
 * and collects acknowledgements as batches commit. `lock-step`: each producer waits for its acknowledgement
 * before its next append (the worst case: batches stay small).
 */
async function measure(
  label: string,
  db: Pick<TestDatabase, 'dataSource'>,
  mode: 'pipelined' | 'lock-step',
): Promise<BenchResult[]> {
  const sessionId = await seedSession(db.dataSource);
  const writer = new EventLogWriter(new EventLogRepository(db.dataSource));
  const log = await writer.openLog(sessionId, null);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async (_, producer) => {
      const acks: Array<Promise<unknown>> = [];
      for (let i = producer * CHUNK; i < EVENTS; i += PRODUCERS * CHUNK) {
        const ack = log.append(Array.from({ length: CHUNK }, (_, k) => sampleEvent(i + k))).durable;
        if (mode === 'lock-step') await ack;
        else acks.push(ack);
        // Producers interleave as they would on the event loop.
        if (mode === 'pipelined') await Promise.resolve();
      }
      await Promise.all(acks);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await writer.close();
  const [{ count }] = await db.dataSource.query(
    'SELECT count(*)::int AS count FROM session_event WHERE session_id = $1',
    [sessionId],
  );
  if (count !== EVENTS) throw new Error(`${label}: wrote ${count} of ${EVENTS} events`);
  const note = `${PRODUCERS} producers × ${CHUNK}/append, ${mode}, acked when committed`;
  return [
    { name: `event log ${label}, ${mode}: 50k events`, value: Math.round(seconds * 1000), unit: 'ms', note },
    {
      name: `event log ${label}, ${mode}: throughput`,
      value: Math.round(EVENTS / seconds),
      unit: 'events/s',
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const target of await testDatabaseTargets()) {
    const db = await target.open();
    try {
      const label = target.kind === 'pglite' ? 'PGlite (memory)' : 'PostgreSQL';
      results.push(...(await measure(label, db, 'pipelined')), ...(await measure(label, db, 'lock-step')));
    } finally {
      await db.close();
    }
  }
  // On disk, as a newcomer's install runs it.
  const dir = mkdtempSync(path.join(tmpdir(), 'livelab-bench-'));
  const disk = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  try {
    results.push(...(await measure('PGlite (disk)', disk, 'pipelined')));
  } finally {
    await disk.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
