/**
 * The room core at work: one `RoomState` and the one way anything happens to it. Every event — decided by a
 * command, proposed by the audience engine, due on the clock, or replayed from a log — goes through
 * `propose`: refused when the room cannot take it (./admission.ts), otherwise applied (./apply-room-event.ts),
 * handed to the listener (the room machine: the audience hears it, the caller logs it), then followed by its
 * consequences (./consequences.ts), each proposed the same way. Synchronous and pure: no clock, no I/O.
 */
import type { NewSessionEvent } from '@livelab/contracts';
import { refusalOf } from './admission';
import { applyRoomEvent } from './apply-room-event';
import type { CommandOutcome, Principal, RoomInputCommand } from './commands';
import { handleCommand } from './commands';
import { clockEventsAt, followUpsOf } from './consequences';
import { hash32 } from './hash';
import type { RoomError } from './room-error';
import type { RoomSetup, RoomState } from './room-state';
import { createRoomState } from './room-state';

/** Who brought an event: the audience engine hears only what it did not make itself. */
export type EventOrigin = 'audience' | 'room';

export type RoomListener = (event: NewSessionEvent, origin: EventOrigin) => void;

export class RoomCore {
  readonly state: RoomState;

  constructor(
    setup: RoomSetup,
    private readonly listener: RoomListener,
  ) {
    this.state = createRoomState(setup);
  }

  /** Why the room cannot take `event` now (null: it can). */
  refusal(event: NewSessionEvent): RoomError | null {
    return refusalOf(this.state, event);
  }

  /** Applies `event` and its consequences, unless the room cannot take it (returns false, nothing changes). */
  propose(event: NewSessionEvent, origin: EventOrigin = 'room'): boolean {
    if (refusalOf(this.state, event)) return false;
    applyRoomEvent(this.state, event);
    this.listener(event, origin);
    for (const next of followUpsOf(this.state, event)) this.propose(next);
    return true;
  }

  /** Decides a command and applies what it decided; a refusal throws the `RoomError` and changes nothing. */
  execute(principal: Principal, command: RoomInputCommand, tMs: number): CommandOutcome {
    const outcome = handleCommand(this.state, principal, command, tMs);
    for (const event of outcome.events) this.propose(event);
    return outcome;
  }

  /** The room's own events due at whole second `t` (flash sales timing out, unpaid orders cancelled). */
  runClock(t: number): void {
    for (const event of clockEventsAt(this.state, t)) this.propose(event);
  }

  /**
   * Draws a giveaway: the audience drew its winners among the simulated viewers present; each human who
   * entered gets the same chance per head, decided by a hash of (seed, giveaway, person) so a re-run draws
   * the same humans.
   */
  drawGiveaway(giveawayId: string, botWinners: readonly string[], botEntrants: number, tMs: number): boolean {
    const giveaway = this.state.giveaways.get(giveawayId);
    const humans = giveaway ? [...giveaway.entrants] : [];
    const chance = Math.min(1, Math.max(1, botWinners.length) / Math.max(1, botEntrants + humans.length));
    const lucky = humans.filter(
      (actor) => hash32(`${this.state.setup.seed}:${giveawayId}:${actor}`) / 2 ** 32 < chance,
    );
    return this.propose(
      {
        tMs,
        type: 'giveaway.drawn',
        actor: 'system',
        payload: { giveawayId, winners: [...botWinners, ...lucky], entrants: botEntrants + humans.length },
      },
      'audience',
    );
  }
}
