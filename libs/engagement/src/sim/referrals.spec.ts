/**
 * Short-video referrals as a real traffic source: a room given the arrival times of viewers sent by the
 * trainee's published videos lets exactly them in as short-video traffic (instead of the scenario's constant),
 * logs them with go-live, and a re-run from the log reproduces the session.
 */
import { describe, expect, it } from 'vitest';
import type { NewSessionEvent, SessionEvent } from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { buildReport } from '../report/metrics-accumulator';
import { replaySession } from '../room/replay';
import { RoomMachine } from '../room/room-machine';
import { apparelScenario } from '../scenario/builtin';

const host: Principal = { actor: 'host', name: '主播', role: 'host' };
const SECONDS = 180;

function session(shortVideoReferrals?: number[]): SessionEvent[] {
  const machine = new RoomMachine({
    scenario: apparelScenario,
    seed: 9,
    durationSec: SECONDS,
    idPrefix: 'b',
    ...(shortVideoReferrals ? { shortVideoReferrals } : {}),
  });
  const log: SessionEvent[] = [];
  const push = (events: readonly NewSessionEvent[]) => {
    for (const e of events) log.push({ ...e, seq: log.length + 1 } as SessionEvent);
  };
  push(machine.goLive(host, 0));
  for (let t = 0; t <= SECONDS; t++) push(machine.tick(t * 1000));
  push(machine.end('host', SECONDS * 1000));
  return log;
}

const shortVideoEntries = (log: readonly SessionEvent[]) =>
  log.filter((e) => e.type === 'viewer.enter' && (e.payload as { source: string }).source === 'shortVideo');

describe('short-video referrals into the live room', () => {
  const referrals = [0, 0, 0, 2, 2, 10, 45, 45, 45, 46, 120, 170];
  const log = session(referrals);

  it('lets in exactly the referred viewers, at their seconds, as short-video traffic', () => {
    expect(shortVideoEntries(log).map((e) => e.tMs / 1000)).toEqual(referrals);
    const report = buildReport(apparelScenario, log);
    expect(report.traffic.entriesBySource.shortVideo).toBe(referrals.length);
  });

  it('logs them with go-live, and a re-run from the log reproduces the session', () => {
    const live = log.find((e) => e.type === 'session.live')!;
    expect((live.payload as { referrals?: number[] }).referrals).toEqual(referrals);
    const { events } = replaySession(apparelScenario, log);
    expect(events).toEqual(log.map(({ seq: _seq, ...event }) => event));
  });

  it("keeps the scenario's constant short-video traffic for a room without published videos", () => {
    const plain = session();
    const perMin = apparelScenario.traffic.shortVideoPerMin;
    const entries = shortVideoEntries(plain).length;
    expect(entries).toBeGreaterThan(perMin * (SECONDS / 60) * 0.5);
    expect(
      (plain.find((e) => e.type === 'session.live')!.payload as { referrals?: unknown }).referrals,
    ).toBeUndefined();
  });
});
