import type { NewEvent } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestDatabase } from '../testing/test-databases';
import { databaseTargets } from '../testing/test-databases';
import { EventLogWriter } from './event-log.writer';
import { seedSession } from '../testing/seed-session';

const event = (producer: number, n: number): NewEvent => ({
  tMs: n * 10,
  type: 'viewer.like',
  actor: `bot:${producer}`,
  payload: { producer, n, text: '点赞 <b>"quoted"</b> \\ \u2028' },
});

describe.each(databaseTargets(inject('postgresAvailable')))('event log on $kind', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('loses and reorders nothing when several producers append concurrently', async () => {
    const sessionId = await seedSession(db.dataSource);
    const writer = new EventLogWriter(db.dataSource, { maxBatch: 97, flushDelayMs: 1 });
    const producers = 6;
    const perProducer = 500;
    const acknowledged = await Promise.all(
      Array.from({ length: producers }, async (_, producer) => {
        const seqs: number[] = [];
        for (let n = 0; n < perProducer; n += 5) {
          // Uneven chunk sizes and yields interleave the producers' appends.
          const chunk = Array.from({ length: 5 }, (_, i) => event(producer, n + i));
          const logged = await writer.append(sessionId, chunk);
          seqs.push(...logged.map((e) => e.seq));
        }
        return seqs;
      }),
    );
    await writer.close();

    const all = await writer.read(sessionId, 0, 1_000_000);
    expect(all).toHaveLength(producers * perProducer);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    // Each producer's events come back in the order it produced them, under the seqs it was acknowledged with.
    for (let producer = 0; producer < producers; producer++) {
      const mine = all.filter((e) => (e.payload as { producer: number }).producer === producer);
      expect(mine.map((e) => (e.payload as { n: number }).n)).toEqual(
        Array.from({ length: perProducer }, (_, i) => i),
      );
      expect(mine.map((e) => e.seq)).toEqual(acknowledged[producer]);
    }
    expect(all[0]?.payload).toEqual(event(0, 0).payload);
  });

  it('drops a NUL character from a payload instead of failing the batch', async () => {
    const sessionId = await seedSession(db.dataSource);
    const writer = new EventLogWriter(db.dataSource);
    await writer.append(sessionId, [
      { tMs: 0, type: 'comment', actor: 'user:x', payload: { text: 'a\u0000b \\u0000' } },
    ]);
    const [stored] = await writer.read(sessionId);
    expect(stored?.payload).toEqual({ text: 'ab \\u0000' });
  });

  it('continues the sequence of an existing session after a restart', async () => {
    const sessionId = await seedSession(db.dataSource);
    const first = new EventLogWriter(db.dataSource);
    await first.append(sessionId, [event(1, 1), event(1, 2)]);
    await first.close();
    const second = new EventLogWriter(db.dataSource);
    const logged = await second.append(sessionId, [event(1, 3)]);
    expect(logged[0]?.seq).toBe(3);
    expect((await second.read(sessionId, 2)).map((e) => e.seq)).toEqual([3]);
  });

  it('refuses an event for a session that does not exist, and acknowledges nothing', async () => {
    const writer = new EventLogWriter(db.dataSource);
    await expect(writer.append('00000000-0000-4000-8000-000000000000', [event(1, 1)])).rejects.toThrow(
      /event log write failed/,
    );
  });
});
