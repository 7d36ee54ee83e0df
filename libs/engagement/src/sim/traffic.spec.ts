/**
 * The 流量池 hears the humans in the room as the platform would: a classmate's comment counts as an
 * interaction, a like burst for less, and a room the humans liven up is recommended more.
 */
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { RoomMachine } from '../room/room-machine';
import { commandOf } from '../run-session';
import { beautyScenario } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';

const HOST: Principal = { actor: 'host', name: 'host', role: 'host' };
const MINUTES = 16;

/** The competent host with `humans` classmates each doing `act` every 5 s; the feed tier each 30 s. */
function tiers(humans: number, act: 'comment' | 'like' | 'nothing'): number[] {
  const machine = new RoomMachine({
    scenario: beautyScenario,
    seed: 4,
    scale: 0.3,
    durationSec: MINUTES * 60,
  });
  const people: Principal[] = Array.from({ length: humans }, (_, n) => ({
    actor: `user:c${n}`,
    name: `同学${n}`,
    role: 'viewer',
  }));
  const events: SessionEvent[] = [];
  const keep = (list: readonly object[]) => events.push(...(list as SessionEvent[]));
  keep(machine.goLive(HOST, 0));
  const actions = competentActions(beautyScenario, MINUTES);
  let next = 0;
  for (let s = 0; s < MINUTES * 60; s++) {
    while (next < actions.length && actions[next]!.t <= s)
      keep(machine.execute(HOST, commandOf(actions[next++]!), s * 1000).events);
    keep(machine.tick(s * 1000));
    if (s === 1) for (const p of people) keep(machine.join(p.actor, s * 1000));
    if (s > 1 && s % 5 === 0 && act !== 'nothing')
      for (const p of people)
        keep(
          machine.execute(
            p,
            act === 'comment' ? { type: 'comment', text: `第${s}秒：好看` } : { type: 'like', count: 1 },
            s * 1000,
          ).events,
        );
  }
  return events.flatMap((e) => (e.type === 'traffic.update' ? [e.payload.tier ?? -1] : []));
}

describe('the 流量池 and the humans in the room', () => {
  it('counts a classmate’s comment as an interaction and a like burst for less', () => {
    const quiet = tiers(4, 'nothing');
    const liking = tiers(4, 'like');
    const commenting = tiers(4, 'comment');
    const mean = (t: number[]) => t.reduce((a, b) => a + b, 0) / t.length;
    expect(mean(commenting)).toBeGreaterThan(mean(liking));
    expect(mean(liking)).toBeGreaterThanOrEqual(mean(quiet));
  });
});
