import { describe, expect, it } from 'vitest';
import type { SessionEvent } from './events';
import type { CommandResult } from './room-protocol';
import { resyncAll } from './resync';

const event = (seq: number) =>
  ({ seq, tMs: seq * 10, type: 'host.say', actor: 'host', payload: { text: `#${seq}` } }) as SessionEvent;

/** A server holding events 1..total that answers at most `limit` of them after `afterSeq`. */
function server(total: number) {
  const asked: Array<{ afterSeq: number; limit: number }> = [];
  const askPage = (request: { afterSeq: number; limit: number }): Promise<CommandResult<SessionEvent[]>> => {
    asked.push(request);
    const page: SessionEvent[] = [];
    for (let seq = request.afterSeq + 1; seq <= total && page.length < request.limit; seq++)
      page.push(event(seq));
    return Promise.resolve({ ok: true, data: page });
  };
  return { asked, askPage };
}

describe('resyncAll', () => {
  it('reads past one full page, each page after the last seq received', async () => {
    const { asked, askPage } = server(23);
    const { events, error } = await resyncAll(askPage, 2, 10);
    expect(error).toBeUndefined();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 3));
    expect(asked).toEqual([
      { afterSeq: 2, limit: 10 },
      { afterSeq: 12, limit: 10 },
      { afterSeq: 22, limit: 10 },
    ]);
  });

  it('asks once more after an exactly full last page, and stops on an empty one', async () => {
    const { asked, askPage } = server(20);
    const { events } = await resyncAll(askPage, 0, 10);
    expect(events).toHaveLength(20);
    expect(asked.map((a) => a.afterSeq)).toEqual([0, 10, 20]);
  });

  it('keeps what it read when a later page is refused or the socket fails', async () => {
    let calls = 0;
    const refused = await resyncAll(
      () =>
        Promise.resolve<CommandResult<SessionEvent[]>>(
          calls++ === 0
            ? { ok: true, data: [event(1), event(2)] }
            : { ok: false, error: { code: 'ended', message: 'the session has ended' } },
        ),
      0,
      2,
    );
    expect(refused.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(refused.error).toEqual({ code: 'ended', message: 'the session has ended' });
    const failed = await resyncAll(() => Promise.reject(new Error('timeout')), 5, 2);
    expect(failed).toEqual({ events: [], error: { code: 'offline', message: 'timeout' } });
  });

  it('stops rather than loop when a full page does not move forward', async () => {
    let calls = 0;
    const { events } = await resyncAll(
      () => {
        calls++;
        return Promise.resolve({ ok: true, data: [event(3), event(3)] });
      },
      3,
      2,
    );
    expect(calls).toBe(1);
    expect(events).toHaveLength(2);
  });
});
