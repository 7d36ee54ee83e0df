import type { HostAction, NewSessionEvent, SessionEvent } from '@livelab/contracts';
import type { Scenario } from './scenario/scenario';
import { createSimulation } from './sim/simulation';

export interface RunSessionOptions {
  scenario: Scenario;
  seed: number;
  actions: readonly HostAction[];
  /** Session length; defaults to the scenario's. */
  minutes?: number;
  viewers?: number;
  scale?: number;
}

/**
 * Run a whole session offline: actions are applied at their time (before that second's audience
 * step), then everyone leaves at the end. Returns the full event log with sequence numbers.
 */
export function runSession(options: RunSessionOptions): SessionEvent[] {
  const { scenario, seed } = options;
  const durationSec = Math.round((options.minutes ?? scenario.durationMin) * 60);
  const sim = createSimulation({
    scenario,
    seed,
    ...(options.viewers !== undefined ? { viewers: options.viewers } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
  });
  const actions = [...options.actions].sort((a, b) => a.t - b.t);
  const log: SessionEvent[] = [];
  let seq = 0;
  const append = (events: readonly NewSessionEvent[]): void => {
    for (const event of events) log.push({ ...event, seq: ++seq } as SessionEvent);
  };
  append([
    {
      tMs: 0,
      type: 'session.live',
      actor: 'system',
      payload: { scenarioId: scenario.id, seed, durationSec },
    },
  ]);
  let next = 0;
  for (let s = 0; s < durationSec; s++) {
    while (next < actions.length && actions[next]!.t * 1000 <= s * 1000) {
      const action = actions[next++]!;
      append(sim.apply(action, Math.round(action.t * 1000)));
    }
    append(sim.tick(s * 1000));
  }
  const endMs = durationSec * 1000;
  append(sim.end(endMs));
  append([{ tMs: endMs, type: 'session.ended', actor: 'system', payload: { reason: 'completed' } }]);
  return log;
}
