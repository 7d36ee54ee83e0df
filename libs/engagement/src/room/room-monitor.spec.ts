import { describe, expect, it } from 'vitest';
import type { NewSessionEvent } from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { apparelScenario } from '../scenario/builtin';
import { RoomMachine } from './room-machine';
import { RoomMonitor } from './room-monitor';

const host: Principal = { actor: 'host', name: '主播', role: 'host' };

describe('RoomMonitor trend (what a console opening mid-session draws)', () => {
  it('keeps one point per push, and a resumed room remakes the same points from the log', () => {
    const machine = new RoomMachine({ scenario: apparelScenario, seed: 4, scale: 2 });
    const live = new RoomMonitor(apparelScenario);
    const logged: NewSessionEvent[] = [];
    const take = (events: NewSessionEvent[]) => {
      for (const event of events) live.observe(event);
      logged.push(...events);
    };
    take(machine.goLive(host, 0));
    take(machine.execute(host, { type: 'pin', productId: apparelScenario.products[0]!.id }, 0).events);
    for (let t = 1000; t <= 300_000; t += 1000) {
      take(machine.tick(t));
      // The room pushes with the audience's own count; the log says the same (entries less exits).
      live.metrics(machine.state, machine.audienceSnapshot().online, t);
    }
    const pushed = live.trend();
    expect(pushed).toHaveLength(300);
    expect(pushed.at(-1)!.gmv).toBeGreaterThan(0);
    expect(pushed.at(-1)!.online).toBeGreaterThan(0);
    // What the traffic is worth, as the report defines it (罗盘's GPM and UV value trends).
    const report = live.report(300_000);
    expect(pushed.at(-1)).toMatchObject({ gpm: report.metrics.gpm, uvValue: report.metrics.uvValue });
    expect(pushed.at(-1)!.gpm).toBeGreaterThan(0);

    const resumed = new RoomMonitor(apparelScenario);
    resumed.observeHistory(logged);
    // A point per second crossed (a second with no event has none), each equal to the push at that second.
    const byTime = new Map(pushed.map((p) => [p.tMs, p]));
    const remade = resumed.trend();
    expect(remade.length).toBeGreaterThan(280);
    for (const point of remade) expect(point).toEqual(byTime.get(point.tMs));
  });
});
