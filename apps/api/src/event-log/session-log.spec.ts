import type { LoggedEvent, NewEvent } from '@livelab/contracts';
import { describe, expect, it } from 'vitest';
import type { EventLogRepository } from './event-log.repository';
import { FencedError } from './event-log.repository';
import { isTransient, SessionEventLog } from './session-log';

/** A repository in memory: what was inserted, and a switch to fail the next inserts. */
function fakeRepository() {
  const written: LoggedEvent[] = [];
  const state = { failWith: undefined as unknown };
  const repository = {
    insert: async (_sessionId: string, _fence: number | null, events: readonly LoggedEvent[]) => {
      await Promise.resolve();
      if (state.failWith) throw state.failWith;
      written.push(...events.slice(0, 10_000));
      for (const event of events.slice(10_000)) written.push(event);
    },
  } as unknown as EventLogRepository;
  return { repository, written, state };
}

const like = (n: number): NewEvent => ({
  tMs: n,
  type: 'viewer.like',
  actor: `bot:${n}`,
  payload: { count: 1 },
});
const options = { maxBatch: 2000, flushDelayMs: 1, retryFirstMs: 1, retryMaxMs: 4 };

describe('SessionEventLog', () => {
  it('takes a second of a million-viewer room in one append (more events than a call may take as arguments)', async () => {
    const { repository, written } = fakeRepository();
    const log = new SessionEventLog(repository, 's', 0, null, options);
    const { logged, durable } = log.append(Array.from({ length: 300_000 }, (_, i) => like(i)));
    expect(logged.at(-1)?.seq).toBe(300_000);
    await durable;
    expect(written).toHaveLength(300_000);
    expect(written[299_999]?.seq).toBe(300_000);
  });

  it('tells transient database errors (written again later) from the ones that would fail again', () => {
    expect(
      isTransient(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isTransient(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isTransient(Object.assign(new Error('No space left on device'), { code: '53100' }))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(Object.assign(new Error('violates foreign key'), { code: '23503' }))).toBe(false);
    expect(isTransient(new TypeError('x is not a function'))).toBe(false);
  });

  it('acknowledges nothing while the database is away, then everything in order; a fenced log takes nothing more', async () => {
    const { repository, written, state } = fakeRepository();
    const log = new SessionEventLog(repository, 's', 10, null, options);
    state.failWith = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    let acknowledged = false;
    const held = log.append([like(1), like(2)]).durable.then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(acknowledged).toBe(false);
    expect(log.health().state).toBe('unavailable');
    expect(log.pending()).toBe(2);
    state.failWith = undefined;
    await held;
    expect(written.map((e) => e.seq)).toEqual([11, 12]);
    expect(log.health()).toEqual({ state: 'ok' });

    state.failWith = new FencedError('session s is owned by another node now');
    await expect(log.append([like(3)]).durable).rejects.toThrow(/another node/);
    expect(log.health()).toMatchObject({ state: 'failed' });
    expect(() => log.append([like(4)])).toThrow(/another node/);
    expect(written.map((e) => e.seq)).toEqual([11, 12]);
  });
});
