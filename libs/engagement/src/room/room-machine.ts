/**
 * A live room with its simulated audience: the room core (`@livelab/session`) and the audience engine, driven
 * by inputs — go-live, whole seconds of the clock, commands, people arriving and leaving, the end. Everything
 * the room does comes out as events in order; nothing here knows a wall clock, a database or a socket. The
 * live host (apps/api) feeds it from its timer and sockets, the offline run (`runSession`, the CLI) from an
 * actions file, a what-if re-run and a resumed session from a log (./replay.ts) — the same inputs in the same
 * order give the same events.
 *
 * Order within an instant: the driver runs the audience's seconds up to an input's time (`tick`) and then the
 * input; within a second, what was due (orders, payments, answers, draws), then the room's clock (flash sales
 * timing out, unpaid orders), then every viewer's choice and the arrivals.
 */
import type { EventPayloads, LiveScriptSegment, NewSessionEvent } from '@livelab/contracts';
import type { CommandOutcome, Principal, RoomInputCommand, RoomState } from '@livelab/session';
import {
  closingEvents,
  enteringAtGoLive,
  flashSaleEnd,
  goLiveEvent,
  humanEntering,
  humanLeaving,
  RoomCore,
  RoomError,
} from '@livelab/session';
import type { Scenario } from '../scenario/scenario';
import { platformRulesOfScenario, shelvesOf } from '../scenario/scenario';
import type { Audience, AudienceSnapshot } from '../sim/audience';
import { createAudience } from '../sim/audience';

export interface RoomMachineOptions {
  /** The scenario as the room runs it (its own shelves merged in: `withShelves`). */
  scenario: Scenario;
  seed: number;
  /** Fill the room with this many simulated viewers at go-live. */
  viewers?: number;
  /** Multiply every traffic source (ignored when `viewers` is given). */
  scale?: number;
  /** Planned length; defaults to the scenario's. */
  durationSec?: number;
  /** Tags ids minted for humans (`h<tag>-<n>`); a session's first 8 characters live. */
  sessionTag?: string;
  /** Prefix of ids minted for the audience and promotions (`b` live, none offline). */
  idPrefix?: string;
  script?: readonly LiveScriptSegment[];
  /** Arrival seconds of viewers referred by published short videos (replaces the scenario's constant). */
  shortVideoReferrals?: readonly number[];
  unpaidOrderTimeoutSec?: number;
}

/** The seconds an unpaid human order is held before it is cancelled and its units go back. */
export const UNPAID_ORDER_TIMEOUT_SEC = 900;

export class RoomMachine {
  private readonly core: RoomCore;
  private readonly audience: Audience;
  private out: NewSessionEvent[] = [];

  constructor(options: RoomMachineOptions) {
    const { scenario } = options;
    this.core = new RoomCore(
      {
        scenarioId: scenario.id,
        seed: options.seed,
        durationSec: options.durationSec ?? scenario.durationMin * 60,
        ...(options.viewers ? { viewers: options.viewers } : {}),
        shelves: shelvesOf(scenario),
        ...(options.script ? { script: options.script } : {}),
        ...(options.shortVideoReferrals
          ? { shortVideoReferrals: sortedSeconds(options.shortVideoReferrals) }
          : {}),
        ...(scenario.bannedWords ? { bannedWords: scenario.bannedWords } : {}),
        ...(scenario.allowedWords ? { allowedWords: scenario.allowedWords } : {}),
        sessionTag: options.sessionTag ?? '',
        idPrefix: options.idPrefix ?? '',
        unpaidOrderTimeoutSec: options.unpaidOrderTimeoutSec ?? UNPAID_ORDER_TIMEOUT_SEC,
        platform: platformRulesOfScenario(scenario),
      },
      (event, origin) => {
        this.out.push(event);
        if (origin !== 'audience') this.audience.react(event);
      },
    );
    this.audience = createAudience({
      scenario,
      seed: options.seed,
      room: this.core,
      ...(options.viewers !== undefined ? { viewers: options.viewers } : {}),
      ...(options.scale !== undefined ? { scale: options.scale } : {}),
    });
  }

  /** The room as it stands (read it; change it only through the inputs below). */
  get state(): Readonly<RoomState> {
    return this.core.state;
  }

  audienceSnapshot(): AudienceSnapshot {
    return this.audience.snapshot();
  }

  audienceStateBytes(): number {
    return this.audience.stateBytes();
  }

  /** Replaces the planned script before go-live (it is logged with `session.live`, fixed from then on). */
  setScript(script: readonly LiveScriptSegment[]): void {
    const state = this.core.state;
    if (state.status !== 'pre')
      throw new RoomError('already_live', `the script is fixed once the session is ${state.status}`);
    state.setup.script = [...script];
  }

  /**
   * Sets who the trainee's published short videos send in, and when (session seconds), before go-live; logged
   * with `session.live`, fixed from then on.
   */
  setShortVideoReferrals(seconds: readonly number[]): void {
    const state = this.core.state;
    if (state.status !== 'pre')
      throw new RoomError(
        'already_live',
        `short-video referrals are fixed once the session is ${state.status}`,
      );
    state.setup.shortVideoReferrals = sortedSeconds(seconds);
  }

  /** Goes live: `session.live` only — the driver then runs second 0 and lets in whoever is waiting. */
  goLive(principal: Principal, tMs: number, logged?: { pretest?: RoomState['pretest'] }): NewSessionEvent[] {
    this.core.propose(goLiveEvent(this.core.state, principal, tMs, logged));
    return this.drain();
  }

  /** Humans already in the room at go-live enter at its first instant. */
  enterAtGoLive(actors: readonly string[], tMs: number): NewSessionEvent[] {
    for (const event of enteringAtGoLive(actors, tMs)) this.core.propose(event);
    return this.drain();
  }

  /** Runs every whole second of the audience up to `tMs` not yet run (nothing before go-live or after the end). */
  tick(tMs: number): NewSessionEvent[] {
    if (this.core.state.status === 'live') {
      while (this.audience.nextSecond * 1000 <= tMs) {
        const t = this.audience.nextSecond;
        this.audience.openSecond(t);
        this.core.runClock(t);
        this.audience.closeSecond(t);
        // The platform cut the stream (断播): the session ends at this second.
        if (this.core.state.enforcement.cut) return [...this.drain(), ...this.end('platform', t * 1000)];
      }
    }
    return this.drain();
  }

  /** A command at `tMs`; a refusal throws its `RoomError` and changes nothing. */
  execute(principal: Principal, command: RoomInputCommand, tMs: number): CommandOutcome {
    try {
      const outcome = this.core.execute(principal, command, tMs);
      const events = this.drain();
      // The platform cut the stream (断播) after this command's violation: the session ends here.
      if (this.core.state.enforcement.cut) events.push(...this.end('platform', tMs));
      return { ...outcome, events };
    } catch (error) {
      this.out = [];
      throw error;
    }
  }

  /** A human viewer arrives (their first connection) while live, through a link or from a short video. */
  join(actor: string, tMs: number, source: 'link' | 'shortVideo' = 'link'): NewSessionEvent[] {
    for (const event of humanEntering(this.core.state, actor, tMs, source)) this.core.propose(event);
    return this.drain();
  }

  /** A human viewer leaves (their last connection closed) while live. */
  leave(actor: string, tMs: number): NewSessionEvent[] {
    for (const event of humanLeaving(this.core.state, actor, tMs)) this.core.propose(event);
    return this.drain();
  }

  /**
   * Ends the session at `tMs` (the driver ticks up to it first): the flash sale stops, everyone still watching
   * leaves, `session.ended`. Ending an ended session does nothing.
   */
  end(reason: EventPayloads['session.ended']['reason'], tMs: number): NewSessionEvent[] {
    const state = this.core.state;
    if (state.status === 'ended') return [];
    if (state.status === 'live') {
      for (const event of flashSaleEnd(state, tMs)) this.core.propose(event);
      this.audience.end(tMs);
    }
    for (const event of closingEvents(state, reason, tMs)) this.core.propose(event);
    return this.drain();
  }

  /**
   * A logged event the room did not decide this time (a human's action replayed as it happened, a record of
   * an earlier run): taken when the room can take it, with its consequences; false when it cannot.
   */
  admit(event: NewSessionEvent): { taken: boolean; events: NewSessionEvent[] } {
    const taken = this.core.propose(event);
    return { taken, events: this.drain() };
  }

  private drain(): NewSessionEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }
}

/** Whole, non-negative seconds in order (the log's form). */
function sortedSeconds(seconds: readonly number[]): number[] {
  return seconds.map((s) => Math.max(0, Math.floor(s))).sort((a, b) => a - b);
}
