import type { LoggedEvent, NewEvent } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SessionsRepository } from '../rooms/sessions.repository';
import type { TestDatabase } from '../testing/test-databases';
import { databaseTargets } from '../testing/test-databases';
import { seedSession } from '../testing/seed-session';
import { EventLogRepository } from './event-log.repository';
import { EventLogWriter } from './event-log.writer';
import type { LogHealth } from './session-log';

const event = (producer: number, n: number): NewEvent => ({
  tMs: n * 10,
  type: 'viewer.like',
  actor: `bot:${producer}`,
  payload: { count: 1, producer, n, text: '点赞 <b>"quoted"</b> \\ \u2028' },
});

/** A repository whose inserts fail (as an unreachable server does) while `down` is true. */
class FlakyRepository extends EventLogRepository {
  down = false;
  attempts = 0;
  override async insert(
    sessionId: string,
    fence: number | null,
    events: readonly LoggedEvent[],
  ): Promise<void> {
    this.attempts++;
    if (this.down)
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    return super.insert(sessionId, fence, events);
  }
}

describe.each(databaseTargets(inject('postgresAvailable')))('event log on $kind', (target) => {
  let db: TestDatabase;
  let repository: EventLogRepository;
  beforeAll(async () => {
    db = await target.open();
    repository = new EventLogRepository(db.dataSource);
  });
  afterAll(async () => {
    await db.close();
  });

  it('loses and reorders nothing when several producers append concurrently', async () => {
    const sessionId = await seedSession(db.dataSource);
    const writer = new EventLogWriter(repository, { maxBatch: 97, flushDelayMs: 1 });
    const log = await writer.openLog(sessionId, null);
    const producers = 6;
    const perProducer = 500;
    const acknowledged = await Promise.all(
      Array.from({ length: producers }, async (_, producer) => {
        const seqs: number[] = [];
        for (let n = 0; n < perProducer; n += 5) {
          // Uneven chunk sizes and yields interleave the producers' appends.
          const { logged, durable } = log.append(Array.from({ length: 5 }, (_, i) => event(producer, n + i)));
          await durable;
          seqs.push(...logged.map((e) => e.seq));
        }
        return seqs;
      }),
    );
    await writer.close();

    const all = await repository.page(sessionId, 0, 10_000);
    expect(all).toHaveLength(producers * perProducer);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    // Each producer's events come back in the order it produced them, under the seqs it was acknowledged with.
    for (let producer = 0; producer < producers; producer++) {
      const mine = all.filter((e) => (e.payload as { producer?: number }).producer === producer);
      expect(mine.map((e) => (e.payload as { n?: number }).n)).toEqual(
        Array.from({ length: perProducer }, (_, i) => i),
      );
      expect(mine.map((e) => e.seq)).toEqual(acknowledged[producer]);
    }
    expect(all[0]?.payload).toEqual(event(0, 0).payload);
  });

  it('drops a NUL character from a payload instead of failing the batch', async () => {
    const sessionId = await seedSession(db.dataSource);
    const writer = new EventLogWriter(repository);
    await writer.appendOnce(sessionId, null, [
      { tMs: 0, type: 'host.say', actor: 'host', payload: { text: 'a\u0000b \\u0000' } },
    ]);
    const [stored] = await repository.page(sessionId, 0, 10);
    expect(stored?.payload).toEqual({ text: 'ab \\u0000' });
  });

  it('continues the sequence of an existing session after a restart', async () => {
    const sessionId = await seedSession(db.dataSource);
    await new EventLogWriter(repository).appendOnce(sessionId, null, [event(1, 1), event(1, 2)]);
    const logged = await new EventLogWriter(repository).appendOnce(sessionId, null, [event(1, 3)]);
    expect(logged[0]?.seq).toBe(3);
    expect((await repository.page(sessionId, 2, 10)).map((e) => e.seq)).toEqual([3]);
  });

  it('refuses an event for a session that does not exist, and acknowledges nothing', async () => {
    const writer = new EventLogWriter(repository);
    await expect(
      writer.appendOnce('00000000-0000-4000-8000-000000000000', null, [event(1, 1)]),
    ).rejects.toThrow(/cannot take these events/);
  });

  it('takes appends only with the session’s current fencing token: a takeover fences the old writer off', async () => {
    const sessionId = await seedSession(db.dataSource);
    const sessions = new SessionsRepository(db.dataSource);
    const first = await sessions.claim(sessionId, 'node-a', 15_000);
    if (!first.ok) throw new Error('claim failed');
    const writer = new EventLogWriter(repository);
    const log = await writer.openLog(sessionId, first.token);
    await log.append([event(1, 1)]).durable;
    // node-b may not take a session whose lease runs; once it has run out, it may.
    expect(await sessions.claim(sessionId, 'node-b', 15_000)).toMatchObject({ ok: false, owner: 'node-a' });
    await db.dataSource.query(
      `UPDATE live_session SET lease_until = now() - interval '1 second' WHERE id = $1`,
      [sessionId],
    );
    const second = await sessions.claim(sessionId, 'node-b', 15_000);
    expect(second).toMatchObject({ ok: true, token: first.token + 1 });
    const healths: LogHealth[] = [];
    log.onHealth((h) => healths.push(h));
    await expect(log.append([event(1, 2)]).durable).rejects.toThrow(/owned by another node/);
    expect(healths.at(-1)?.state).toBe('failed');
    expect(() => log.append([event(1, 3)])).toThrow(/owned by another node/);
    expect(await sessions.renew(sessionId, first.token, 15_000)).toBe(false);
    // The new owner numbers on from what is stored: nothing was lost or doubled.
    const taken = await new EventLogWriter(repository).appendOnce(sessionId, second.ok ? second.token : 0, [
      event(2, 1),
    ]);
    expect(taken.map((e) => e.seq)).toEqual([2]);
    expect((await repository.page(sessionId, 0, 10)).map((e) => [e.seq, e.actor])).toEqual([
      [1, 'bot:1'],
      [2, 'bot:2'],
    ]);
  });

  it('reports a sequence collision as an error instead of dropping the events', async () => {
    const sessionId = await seedSession(db.dataSource);
    const a = await new EventLogWriter(repository).openLog(sessionId, null);
    const b = await new EventLogWriter(repository).openLog(sessionId, null);
    await a.append([event(1, 1)]).durable;
    await expect(b.append([event(2, 1)]).durable).rejects.toThrow(/already written by another writer/);
    expect((await repository.page(sessionId, 0, 10)).map((e) => e.actor)).toEqual(['bot:1']);
  });

  it('holds appends while the database is away, then writes them in order and acknowledges them', async () => {
    const sessionId = await seedSession(db.dataSource);
    const flaky = new FlakyRepository(db.dataSource);
    const writer = new EventLogWriter(flaky, { retryFirstMs: 5, retryMaxMs: 20, flushDelayMs: 1 });
    const log = await writer.openLog(sessionId, null);
    const healths: string[] = [];
    log.onHealth((h) => healths.push(h.state));
    await log.append([event(1, 1)]).durable;
    flaky.down = true;
    let acknowledged = false;
    const held = log.append([event(1, 2), event(1, 3)]).durable.then(() => (acknowledged = true));
    const later = log.append([event(1, 4)]).durable;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(acknowledged).toBe(false);
    expect(log.health().state).toBe('unavailable');
    expect(writer.unavailable().map((u) => u.sessionId)).toEqual([sessionId]);
    expect(log.pending()).toBe(3);
    expect(flaky.attempts).toBeGreaterThan(3);
    flaky.down = false;
    await Promise.all([held, later]);
    expect(healths).toEqual(['unavailable', 'ok']);
    expect((await repository.page(sessionId, 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(writer.unavailable()).toEqual([]);
  });
});
