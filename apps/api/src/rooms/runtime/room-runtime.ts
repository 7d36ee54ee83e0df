import type {
  MetricsMessage,
  NewSessionEvent,
  RoomCommand,
  RoomStateMessage,
  SessionEvent,
  SessionReport,
  TrendPoint,
} from '@livelab/contracts';
import { roleCan, runsStream } from '@livelab/contracts';
import type { ReportScenario, RoomMachine } from '@livelab/engagement';
import { RoomMonitor } from '@livelab/engagement';
import type { CommandOutcome, Principal } from '@livelab/session';
import {
  forbiddenMessage,
  orderKey,
  platformRulesOf,
  productList,
  RoomError,
  roomSnapshot,
} from '@livelab/session';
import { CommandAllowance } from '../../limits/command-rates';
import type { LogHealth, SessionLog } from '../../event-log/session-log';

export type { Principal } from '@livelab/session';
export { RoomError } from '@livelab/session';

/** The session clock against the wall clock: session ms = (wall ms − liveAtWallMs) × speed. */
export interface RoomTiming {
  liveAtWallMs: number;
  speed: number;
}

export interface RuntimeOutput {
  /** Committed events, in `seq` order. */
  events(events: SessionEvent[]): void;
  metrics(message: MetricsMessage): void;
  /** The room went live (or went on after an interruption), committed: record against this clock. */
  live(timing: RoomTiming, segment: number): void;
  /** The session ended (by the host, or aborted), committed; the runtime has stopped. */
  ended(report: SessionReport): void;
  /** The log's health changed: waiting for its database, writing again, or no longer this node's to write. */
  health(health: LogHealth): void;
}

export interface RoomRuntimeOptions {
  roomId: string;
  sessionId: string;
  /** The room and its audience, fresh — or where a replay of the log left it (resuming). */
  machine: RoomMachine;
  /** What the live report is about. */
  scenario: ReportScenario;
  log: SessionLog;
  output: RuntimeOutput;
  /** Wall clock in ms; injected so tests can drive time. */
  now?: () => number;
  /** Session seconds per wall second (1 = real time; >1 fast-forwards practice runs and tests). */
  speed?: number;
  /** Drive `advance()` from a timer (false in unit tests, which call it themselves). */
  autoTick?: boolean;
  tickMs?: number;
  questionAlertSec?: number;
  /** An exam room ends itself at this session second (reason `completed`). */
  endAfterSec?: number;
  /**
   * Session seconds at which viewers sent by published short videos arrive, for a go-live at this wall time
   * (computed once, logged with `session.live`); empty or absent: the scenario's short-video traffic.
   */
  referralsAtGoLive?: (liveAtWallMs: number) => readonly number[];
}

/** Per human: connections (a person with two tabs is one viewer). */
interface Presence {
  principal: Principal;
  sockets: number;
}

/**
 * Events a room may hold unwritten while its database is away before its clock stops too (a 100,000-viewer
 * room makes ~2,500 a second: ~80 s of outage held in memory, written in order when the database returns).
 */
export const HELD_EVENTS_MAX = 200_000;

/**
 * The shortest promotion window a person on a phone can act in, in real seconds: at a sped-up clock a flash
 * sale or a 福袋 is stretched to last at least this long (within the platform's limits), and the console says so.
 */
export const HUMAN_WINDOW_SEC = 30;

/**
 * The live host of one session around its room machine: the clock (wall time to session time, paused while
 * the log cannot keep up), the log (every event numbered and committed before anyone is told), the live
 * dashboard, and people's connections. Everything the room decides is the machine's (@livelab/engagement,
 * @livelab/session). Handlers run synchronously to completion (Node runs one at a time), so state changes
 * and their `seq` numbers never interleave; the caller acknowledges once `durable` settles.
 */
export class RoomRuntime {
  readonly roomId: string;
  readonly sessionId: string;
  private readonly machine: RoomMachine;
  private readonly monitor: RoomMonitor;
  private readonly log: SessionLog;
  private readonly output: RuntimeOutput;
  private readonly now: () => number;
  private readonly speed: number;
  /** The session's end has been handled (by the host's end, or after the platform cut the stream). */
  private closed = false;
  private readonly presence = new Map<string, Presence>();
  /** Per person and command: how many more they may send now (limits/command-rates.ts). */
  private readonly allowance: CommandAllowance;
  private liveAtWallMs = 0;
  private pausedAtWallMs: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastMetricsMs = -Infinity;
  private segment = 0;
  /** The session time of the input being handled: every event it causes shares one `tMs` (replayable). */
  private instantMs: number | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: RoomRuntimeOptions) {
    this.roomId = options.roomId;
    this.sessionId = options.sessionId;
    this.machine = options.machine;
    this.log = options.log;
    this.output = options.output;
    this.now = options.now ?? (() => Date.now());
    this.speed = options.speed ?? 1;
    this.allowance = new CommandAllowance(this.now);
    this.monitor = new RoomMonitor(options.scenario, { questionAlertSec: options.questionAlertSec ?? 30 });
    this.unsubscribe = this.log.onHealth((health) => this.onLogHealth(health));
  }

  get state(): 'pre' | 'live' | 'ended' {
    return this.machine.state.status;
  }

  /** Wall-clock time of go-live and the clock's pace, for lining media up with the session clock. */
  get timing(): RoomTiming {
    return { liveAtWallMs: this.liveAtWallMs, speed: this.speed };
  }

  /** Milliseconds since go-live on the session clock (0 before; frozen while paused). */
  clockMs(): number {
    if (this.instantMs !== undefined) return this.instantMs;
    if (this.state === 'pre') return 0;
    const wall = this.pausedAtWallMs ?? this.now();
    return Math.max(0, Math.round((wall - this.liveAtWallMs) * this.speed));
  }

  /** Replaces the planned script before go-live; once live the logged script is final. */
  setScript(script: Parameters<RoomMachine['setScript']>[0]): void {
    this.machine.setScript(script);
  }

  products() {
    return productList(this.machine.state);
  }

  /** What someone connecting now is shown first (then pushes keep it current). */
  stateMessage(principal: Principal): RoomStateMessage {
    const t = this.clockMs();
    return {
      roomId: this.roomId,
      sessionId: this.sessionId,
      status: this.state,
      clockMs: t,
      lastSeq: this.log.lastSeq(),
      you: {
        actor: principal.actor,
        name: principal.name,
        role: principal.role,
        runsStream: runsStream(principal.role, principal.runsStream),
      },
      ...roomSnapshot(this.machine.state, principal.actor, principal.role !== 'viewer', t),
    };
  }

  /** Whether the room can act on a command now; why not otherwise. */
  unavailability(): string | null {
    const health = this.log.health();
    if (health.state === 'ok') return null;
    return health.state === 'unavailable'
      ? `the room's database is unreachable (${health.reason}); nothing was done — try again in a moment`
      : `this room can no longer be run here: ${health.reason}`;
  }

  // ------------------------------------------------------------------ people coming and going

  /** A socket joined; a viewer's first socket is their room entry. */
  join(
    principal: Principal,
    source: 'link' | 'shortVideo' = 'link',
  ): CommandOutcome & { durable: Promise<void> } {
    return this.atOneInstant(() => {
      const existing = this.presence.get(principal.actor);
      if (existing) existing.sockets++;
      else
        this.presence.set(principal.actor, {
          principal,
          sockets: 1,
        });
      if (principal.role !== 'viewer' || (existing?.sockets ?? 1) > 1) return this.nothing();
      this.catchUp();
      return this.commit(this.machine.join(principal.actor, this.clockMs(), source));
    });
  }

  leave(principal: Principal): CommandOutcome & { durable: Promise<void> } {
    return this.atOneInstant(() => {
      const person = this.presence.get(principal.actor);
      if (!person) return this.nothing();
      person.sockets--;
      if (person.sockets > 0 || principal.role !== 'viewer') return this.nothing();
      this.catchUp();
      return this.commit(this.machine.leave(principal.actor, this.clockMs()));
    });
  }

  // ------------------------------------------------------------------ commands

  execute(principal: Principal, command: RoomCommand): CommandOutcome & { durable: Promise<void> } {
    return this.atOneInstant(() => {
      const unavailable = this.unavailability();
      if (unavailable) throw new RoomError('unavailable', unavailable);
      if (command.type === 'goLive') return this.goLive(principal);
      if (command.type === 'end') {
        if (!roleCan(principal.role, 'end', principal.runsStream))
          throw new RoomError('forbidden', forbiddenMessage(principal, 'end'));
        if (this.state === 'ended') throw new RoomError('ended', 'the session has ended');
        return this.endNow('host');
      }
      this.catchUp();
      // A retried order (a lost acknowledgement) is answered with the order it placed, whatever the pace.
      const retry =
        command.type === 'order' &&
        this.machine.state.orderKeys.has(orderKey(principal.actor, command.idempotencyKey));
      const refused = retry
        ? null
        : this.allowance.take(principal.actor, principal.role !== 'viewer', command.type);
      if (refused) throw new RoomError('rate_limited', refused);
      const paced = this.paceForHumans(command);
      const outcome = this.machine.execute(principal, paced.command, this.clockMs());
      if (paced.window) outcome.data = { ...(outcome.data as object | undefined), window: paced.window };
      return this.commit(outcome.events, outcome.data);
    });
  }

  /**
   * At a sped-up clock, a flash sale or 福袋 shorter than `HUMAN_WINDOW_SEC` real seconds is stretched to it
   * (a 福袋 no further than the platform's longest countdown); `window` says what the room did, and whether
   * phones can still keep up.
   */
  private paceForHumans(command: RoomCommand): {
    command: RoomCommand;
    window?: { requestedSec: number; durationSec: number; realSec: number; phonesKeepUp: boolean };
  } {
    if (this.speed <= 1 || (command.type !== 'flashSale' && command.type !== 'giveaway')) return { command };
    const needed = Math.ceil(HUMAN_WINDOW_SEC * this.speed);
    if (command.durationSec >= needed) return { command };
    const cap = command.type === 'giveaway' ? platformRulesOf(this.machine.state).maxGiveawaySec : Infinity;
    const durationSec = Math.max(command.durationSec, Math.min(needed, cap));
    const realSec = Math.round((durationSec / this.speed) * 10) / 10;
    return {
      command: { ...command, durationSec },
      window: {
        requestedSec: command.durationSec,
        durationSec,
        realSec,
        phonesKeepUp: realSec >= HUMAN_WINDOW_SEC,
      },
    };
  }

  // ------------------------------------------------------------------ session lifecycle

  private goLive(principal: Principal): CommandOutcome & { durable: Promise<void> } {
    const wallMs = this.now();
    // Viewers the trainee's published short videos send in: fixed now, when go-live's time is known.
    const referrals = this.options.referralsAtGoLive?.(wallMs);
    if (referrals && referrals.length > 0) this.machine.setShortVideoReferrals(referrals);
    const live = this.machine.goLive(principal, 0);
    this.liveAtWallMs = wallMs;
    const present = [...this.presence.values()]
      .filter((p) => p.principal.role === 'viewer' && p.sockets > 0)
      .map((p) => p.principal.actor);
    // Second 0 runs before anyone's input at t = 0, as every second runs before inputs at or after it.
    const outcome = this.commit([
      ...live,
      ...this.machine.tick(0),
      ...this.machine.enterAtGoLive(present, 0),
    ]);
    this.startTimer();
    void outcome.durable.then(
      () => this.output.live(this.timing, this.segment),
      () => undefined,
    );
    return outcome;
  }

  /**
   * Goes on after an interruption: the machine is where the log left it (a replay); the session clock
   * continues from `atMs`, the humans who were watching when it stopped are counted out (their phones come
   * back as new visits), and the recording continues in `segment`.
   */
  continueAfterInterruption(
    atMs: number,
    downSec: number,
    segment: number,
    unlogged: readonly NewSessionEvent[] = [],
  ): Promise<void> {
    this.segment = segment;
    this.liveAtWallMs = this.now() - atMs / this.speed;
    const events = this.atOneInstant(() => {
      const out = [...unlogged, ...this.machine.tick(atMs)];
      for (const [actor, human] of this.machine.state.humans)
        if (human.present) out.push(...this.machine.leave(actor, atMs));
      out.push({
        tMs: atMs,
        type: 'session.resumed',
        actor: 'system',
        payload: { downSec, segment },
      } satisfies NewSessionEvent);
      return out;
    });
    const { durable } = this.commit(events);
    this.startTimer();
    return durable.then(() => this.output.live(this.timing, segment));
  }

  /** Ends the session: everyone leaves, the final events are logged, the loop stops. */
  end(reason: 'host' | 'aborted' | 'completed'): CommandOutcome & { durable: Promise<void> } {
    return this.atOneInstant(() => this.endNow(reason));
  }

  private endNow(
    reason: 'host' | 'aborted' | 'completed',
    t = this.clockMs(),
  ): CommandOutcome & { durable: Promise<void> } {
    if (this.state === 'ended') return this.nothing();
    const events = [...this.machine.tick(t), ...this.machine.end(reason, t)];
    this.stop();
    this.closed = true;
    const outcome = this.commit(events);
    const report = this.monitor.report(t);
    // The dashboard's last figures are the report's.
    const finalMetrics = this.metrics(t);
    return {
      data: report,
      events: outcome.events,
      durable: outcome.durable.then(() => {
        this.output.metrics(finalMetrics);
        this.output.ended(report);
      }),
    };
  }

  /**
   * The platform cut the stream (断播) after repeated violations: the machine ended the session inside a tick
   * or a command; the loop stops and, once logged, everyone hears the session ended as for a host's end.
   */
  private closeAfterCut(durable: Promise<void>): void {
    this.closed = true;
    this.stop();
    const t = this.clockMs();
    const report = this.monitor.report(t);
    const finalMetrics = this.metrics(t);
    void durable.then(
      () => {
        this.output.metrics(finalMetrics);
        this.output.ended(report);
      },
      () => undefined,
    );
  }

  /** Stops the loop without logging anything (shutdown): the session stays live in the log, to be resumed or ended. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops for good and lets go of the log's health (the runtime is being dropped). */
  dispose(): void {
    this.stop();
    this.unsubscribe();
  }

  report(): SessionReport {
    return this.monitor.report(this.clockMs());
  }

  /** Counts a resumed session's logged events into the dashboard (they happened before this runtime). */
  observeHistory(events: readonly SessionEvent[]): void {
    this.monitor.observeHistory(events);
  }

  /** The trend points so far (a console that opens mid-session draws its charts from them). */
  trend(): readonly TrendPoint[] {
    return this.monitor.trend();
  }

  /** One step of the loop: the audience up to now, and a metrics push each session second. */
  advance(): void {
    this.atOneInstant(() => {
      if (this.state !== 'live' || this.log.health().state === 'failed') return;
      // Too much unwritten: the room waits for its database rather than holding more.
      if (this.pausedAtWallMs === undefined && this.log.pending() > HELD_EVENTS_MAX) this.pause();
      const endAtMs = (this.options.endAfterSec ?? Infinity) * 1000;
      const t = Math.min(this.clockMs(), endAtMs);
      if (t >= endAtMs) {
        // The exam's time is up: the session ends at its length exactly, as if the host had ended it then.
        this.endNow('completed', endAtMs).durable.catch(() => undefined);
        return;
      }
      this.commit(this.machine.tick(t));
      if (t - this.lastMetricsMs >= 1000) {
        this.lastMetricsMs = t;
        this.output.metrics(this.metrics(t));
      }
    });
  }

  metrics(t = this.clockMs()): MetricsMessage {
    const message = this.monitor.metrics(this.machine.state, this.machine.audienceSnapshot().online, t);
    const unavailable = this.unavailability();
    return unavailable ? { ...message, unavailable } : message;
  }

  // ------------------------------------------------------------------ the log

  /**
   * Logs the events and counts them into the dashboard; they are published once committed. A log that can
   * no longer take events (another node owns the session now) refuses with `unavailable`.
   */
  private commit(events: readonly NewSessionEvent[], data?: unknown) {
    if (events.length === 0)
      return { events: [], ...(data === undefined ? {} : { data }), durable: Promise.resolve() };
    let appended;
    try {
      appended = this.log.append(events);
    } catch (error) {
      throw new RoomError('unavailable', `this room can no longer be run here: ${(error as Error).message}`);
    }
    for (const event of appended.logged) this.monitor.observe(event);
    const logged = appended.logged as SessionEvent[];
    const durable = appended.durable.then(
      () => this.output.events(logged),
      (error: unknown) => {
        throw new RoomError('unavailable', `the event could not be saved: ${(error as Error).message}`);
      },
    );
    // Ticks commit without anyone waiting: their failure is the log's health, not an unhandled rejection.
    durable.catch(() => undefined);
    if (this.state === 'ended' && !this.closed) this.closeAfterCut(durable);
    return { events: logged, ...(data === undefined ? {} : { data }), durable };
  }

  private nothing(): CommandOutcome & { durable: Promise<void> } {
    return { events: [], durable: Promise.resolve() };
  }

  private onLogHealth(health: LogHealth): void {
    if (health.state === 'ok' && this.pausedAtWallMs !== undefined) this.unpause();
    if (health.state === 'failed') this.stop();
    this.output.health(health);
  }

  private pause(): void {
    this.pausedAtWallMs = this.now();
  }

  private unpause(): void {
    if (this.pausedAtWallMs === undefined) return;
    this.liveAtWallMs += this.now() - this.pausedAtWallMs;
    this.pausedAtWallMs = undefined;
  }

  private startTimer(): void {
    if (this.options.autoTick === false) return;
    this.stop();
    this.timer = setInterval(() => this.advance(), this.options.tickMs ?? 250);
    this.timer.unref();
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Runs `handle` at one frozen instant of the session clock, so all it logs shares one `tMs` and a replay
   * can put it at the same place among the audience's seconds.
   */
  private atOneInstant<T>(handle: () => T): T {
    if (this.instantMs !== undefined) return handle();
    this.instantMs = this.clockMs();
    try {
      return handle();
    } finally {
      this.instantMs = undefined;
    }
  }

  /**
   * Every audience second up to now runs before an input (a command, a join, a leave) is applied: where an
   * input falls among the seconds then depends on its logged `tMs` alone, never on when the timer last
   * fired — which is what lets a re-run reproduce the session (@livelab/engagement's replay).
   */
  private catchUp(): void {
    this.commit(this.machine.tick(this.clockMs()));
  }
}
