import type { HostAction, SessionEvent } from '@livelab/contracts';
import type { Principal, RoomInputCommand } from '@livelab/session';
import { RoomError } from '@livelab/session';
import { RoomMachine } from './room/room-machine';
import type { Scenario } from './scenario/scenario';

export interface RunSessionOptions {
  scenario: Scenario;
  seed: number;
  actions: readonly HostAction[];
  /** Session length; defaults to the scenario's. */
  minutes?: number;
  viewers?: number;
  scale?: number;
  /**
   * An action the room refused (a 福袋 longer than the platform allows…): by default the run stops with the
   * room's error; a search over scripts passes a handler and the run goes on as a live room would.
   */
  onRefused?: (action: HostAction, error: RoomError) => void;
}

const HOST: Principal = { actor: 'host', name: 'host', role: 'host' };

/** A host action of an actions file as the room takes it live (the file's `t` is the time it happens). */
export function commandOf(action: HostAction): RoomInputCommand {
  const { t: _t, ...command } = action;
  return command as RoomInputCommand;
}

/**
 * Run a whole session offline, with no one but the simulated audience: actions are applied at their time
 * (before that second's audience step), then everyone leaves at the end. Returns the full event log with
 * sequence numbers — the same room machine as a live session, driven by the actions file.
 */
export function runSession(options: RunSessionOptions): SessionEvent[] {
  const { scenario, seed } = options;
  const durationSec = Math.round((options.minutes ?? scenario.durationMin) * 60);
  const machine = new RoomMachine({
    scenario,
    seed,
    durationSec,
    ...(options.viewers !== undefined ? { viewers: options.viewers } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
  });
  const actions = [...options.actions].sort((a, b) => a.t - b.t);
  const log: SessionEvent[] = [];
  const append = (events: readonly object[]): void => {
    for (const event of events) log.push({ ...event, seq: log.length + 1 } as SessionEvent);
  };
  append(machine.goLive(HOST, 0));
  let next = 0;
  // The platform may cut the stream (断播) before the planned end.
  for (let s = 0; s < durationSec && machine.state.status === 'live'; s++) {
    while (next < actions.length && actions[next]!.t * 1000 <= s * 1000 && machine.state.status === 'live') {
      const action = actions[next++]!;
      try {
        append(machine.execute(HOST, commandOf(action), Math.round(action.t * 1000)).events);
      } catch (error) {
        if (!(error instanceof RoomError) || !options.onRefused) throw error;
        options.onRefused(action, error);
      }
    }
    append(machine.tick(s * 1000));
  }
  append(machine.end('completed', durationSec * 1000));
  return log;
}
