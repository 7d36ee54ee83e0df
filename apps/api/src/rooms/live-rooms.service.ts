import type { BeforeApplicationShutdown, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { NewSessionEvent, SessionEvent, SessionReport } from '@livelab/contracts';
import { CONSOLE_HISTORY_LIMIT, MARKER_EVENT_TYPES, METRICS_ONLY_EVENT_TYPES } from '@livelab/contracts';
import type { PublishedSource, Scenario } from '@livelab/engagement';
import { referralsBySource, RoomMachine, SessionReplay, withShelves } from '@livelab/engagement';
import type { Principal } from '@livelab/session';
import { RoomError, VIEWER_HIDDEN_EVENT_TYPES, VIEWER_OWN_EVENT_TYPES } from '@livelab/session';
import { setImmediate as yieldToLiveRooms } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { ClusterBus } from '../cluster/cluster-bus';
import { NODE_NAME } from '../common/tokens';
import { EventLogRepository } from '../event-log/event-log.repository';
import { parseEventPage } from '../event-log/event-page';
import { EventLogWriter } from '../event-log/event-log.writer';
import type { SessionLog } from '../event-log/session-log';
import { MediaService } from '../media/media.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { ReportWorkers } from '../workers/report-workers';
import { defaultScript } from './live-script';
import type { RoomBroadcaster } from './room-broadcaster';
import type { RoomSettings } from './rooms.repository';
import { RoomsRepository } from './rooms.repository';
import { RoomRuntime } from './runtime/room-runtime';
import type { SessionRecord } from './sessions.repository';
import { SessionsRepository } from './sessions.repository';

export interface ActiveRoom {
  runtime: RoomRuntime;
  sessionId: string;
  roomId: string;
}

interface Hosted extends ActiveRoom {
  log: SessionLog;
  token: number;
}

/** A session's lease: claimed for this long, renewed a third of the way through. */
export const LEASE_TTL_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
/** A resume works through the log in slices this long, letting the live rooms run between them. */
const REPLAY_SLICE_MS = 10;
/** Events per page when a resume reads a log (each page is parsed between two slices). */
const RESUME_PAGE = 5_000;
/** A viewer's resync reads the log in stretches of this many `seq`, filtered by the database. */
const RESYNC_WINDOW = 20_000;
/** With several nodes: how often each looks for live sessions whose node died or handed them over. */
const WATCH_EVERY_MS = 1_000;
/**
 * A session whose lease lapsed longer ago than this is not taken over automatically (every node was down
 * for a while): it is interrupted, and staff decide whether to resume or end it.
 */
export const TAKEOVER_WINDOW_MS = 120_000;

export type SessionState = 'pre' | 'live' | 'ended' | 'interrupted';

/**
 * The live rooms this api node hosts. Each session's room runs on one node at a time — its owner, holding a
 * lease on the session row — and only the owner's appends reach the session's log (the lease's fencing
 * token is checked in the same statement as the insert). A session still `live` in the database that no node
 * runs is interrupted (a crash, a restart): staff can resume it — its log replayed into a fresh room machine
 * that then goes on from exactly where it stopped — or end it.
 */
@Injectable()
export class LiveRoomsService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveRoomsService.name);
  private readonly shortVideos = new Map<string, ReadonlyArray<PublishedSource & { id: string }>>();
  /** Told at each go-live how many viewers each published video is sending in (its 引流进直播间). */
  private referralListener: ((counts: Array<{ id: string; count: number }>) => void) | undefined;
  private readonly hosted = new Map<string, Hosted>();
  private readonly starting = new Map<string, Promise<ActiveRoom>>();
  private broadcaster: RoomBroadcaster | undefined;
  private readonly renewal: NodeJS.Timeout;
  private readonly watchdog: NodeJS.Timeout | undefined;
  private readonly adopting = new Map<string, Promise<ActiveRoom>>();
  private shuttingDown = false;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly rooms: RoomsRepository,
    private readonly events: EventLogRepository,
    private readonly writer: EventLogWriter,
    private readonly scenarios: ScenariosService,
    private readonly media: MediaService,
    private readonly workers: ReportWorkers,
    private readonly bus: ClusterBus,
    @Inject(NODE_NAME) private readonly node: string,
  ) {
    this.renewal = setInterval(() => void this.renewLeases(), RENEW_EVERY_MS);
    this.renewal.unref();
    if (bus.enabled) {
      this.watchdog = setInterval(() => void this.watchOrphans(), WATCH_EVERY_MS);
      this.watchdog.unref();
      bus.listen<{ sessionIds: string[] }>('room.handover', ({ sessionIds }, from) => {
        if (from !== this.node) for (const id of sessionIds) void this.tryAdopt(id);
      });
    }
  }

  attachBroadcaster(broadcaster: RoomBroadcaster): void {
    this.broadcaster = broadcaster;
  }

  /**
   * The short videos published for a room (its 直播中 link and 预热): they send viewers in from its next
   * go-live. Kept current by the clips service.
   */
  setShortVideos(roomId: string, sources: ReadonlyArray<PublishedSource & { id: string }>): void {
    if (sources.length === 0) this.shortVideos.delete(roomId);
    else this.shortVideos.set(roomId, sources);
  }

  onShortVideoReferrals(listener: (counts: Array<{ id: string; count: number }>) => void): void {
    this.referralListener = listener;
  }

  /** The session's room if it runs on this node. */
  running(sessionId: string): ActiveRoom | undefined {
    return this.hosted.get(sessionId);
  }

  /** Where a session stands as seen from here: a live one no node runs is interrupted. */
  stateOf(session: Pick<SessionRecord, 'id' | 'status' | 'owner'>): SessionState {
    if (session.status !== 'live') return session.status;
    if (this.hosted.has(session.id)) return 'live';
    return this.ownedElsewhere(session) ? 'live' : 'interrupted';
  }

  /** The node holding a live lease on the session, if it is another one. */
  ownedElsewhere(session: Pick<SessionRecord, 'owner'>): string | null {
    const owner = session.owner;
    return owner && owner.node !== this.node && owner.leaseUntil.getTime() > Date.now() ? owner.node : null;
  }

  /**
   * Which node a socket for this room should talk to: this one (starting the room here on first use, or
   * taking it over from a node that died) or, with several nodes, the live owner elsewhere.
   */
  async locate(roomId: string): Promise<{ sessionId: string; owner: string }> {
    const session = await this.sessions.current(roomId);
    if (!session) throw new RoomError('ended', 'the last session has ended; start a new one');
    if (this.hosted.has(session.id)) return { sessionId: session.id, owner: this.node };
    if (this.bus.enabled && session.status !== 'ended') {
      const elsewhere = this.ownedElsewhere(session);
      if (elsewhere && (await this.bus.alive(elsewhere))) return { sessionId: session.id, owner: elsewhere };
      if (elsewhere || this.takeable(session)) {
        // A live session is resumed from its log; a pre-stream one is started afresh (from the dead node).
        await this.adopt(session.id, elsewhere ?? undefined);
        return { sessionId: session.id, owner: this.node };
      }
    }
    const room = await this.activeRoom(roomId);
    return { sessionId: room.sessionId, owner: this.node };
  }

  /** Why a session this lone node was asked about does not run here (it ended, or was interrupted). */
  async notRunning(sessionId: string): Promise<RoomError> {
    const session = await this.sessions.find(sessionId);
    if (!session || session.status === 'ended') return new RoomError('ended', 'the session has ended');
    const elsewhere = this.ownedElsewhere(session);
    if (elsewhere) return ownedBy(elsewhere);
    return new RoomError(
      'interrupted',
      'the session was interrupted (the server stopped): resume it or end it',
    );
  }

  /** The node running the session now (this one if nobody holds a live lease on it). */
  async ownerOf(sessionId: string): Promise<string> {
    if (this.hosted.has(sessionId)) return this.node;
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundException('no such session');
    if (session.status === 'ended') throw new RoomError('ended', 'the session has ended');
    return this.ownedElsewhere(session) ?? this.node;
  }

  /**
   * Takes a live session over here: from a node that is gone (`deadNode`, whose lease may not have run out
   * yet — its fencing token is superseded, so it could not write even if it were only cut off), or one that
   * was handed over or whose lease lapsed within the takeover window. The log is replayed exactly as for a
   * resume; every node is told so their sockets re-join the room here.
   */
  async adopt(sessionId: string, deadNode?: string): Promise<ActiveRoom> {
    const running = this.hosted.get(sessionId);
    if (running) return running;
    let adopting = this.adopting.get(sessionId);
    if (!adopting) {
      adopting = (async () => {
        const session = await this.sessions.find(sessionId);
        if (!session) throw new NotFoundException('no such session');
        if (session.status === 'pre' && !(await this.wentLive(session)))
          return this.startHere(session, deadNode);
        // Interrupted long ago (every node was down): staff decide, as on a lone node.
        if (!deadNode && !this.takeable(session)) throw await this.notRunning(sessionId);
        const started = Date.now();
        const room = await this.resume(session, deadNode);
        this.logger.log(
          `took session ${sessionId} over${deadNode ? ` from ${deadNode}` : ''} in ${Date.now() - started} ms`,
        );
        void this.bus.notify('room.adopted', { sessionId, node: this.node }).catch(() => undefined);
        return room;
      })();
      this.adopting.set(sessionId, adopting);
      void adopting.finally(() => this.adopting.delete(sessionId)).catch(() => undefined);
    }
    return adopting;
  }

  /** The runtime of the room's current session, started here on first use while the session is pre-stream. */
  async activeRoom(roomId: string): Promise<ActiveRoom> {
    const session = await this.sessions.current(roomId);
    if (!session) throw new RoomError('ended', 'the last session has ended; start a new one');
    const running = this.hosted.get(session.id);
    if (running) return running;
    const elsewhere = this.ownedElsewhere(session);
    if (elsewhere) throw ownedBy(elsewhere);
    if (session.status === 'live' || (await this.wentLive(session)))
      throw new RoomError(
        'interrupted',
        'the session was interrupted (the server stopped): resume it or end it',
      );
    if (session.status === 'ended') throw new RoomError('ended', 'the session has ended');
    return this.startHere(session);
  }

  /** Starts a pre-stream session's room here (once, however many connections ask at the same time). */
  private startHere(session: SessionRecord, deadNode?: string): Promise<ActiveRoom> {
    const running = this.hosted.get(session.id);
    if (running) return Promise.resolve(running);
    let starting = this.starting.get(session.id);
    if (!starting) {
      starting = this.start(session, deadNode);
      this.starting.set(session.id, starting);
      void starting.finally(() => this.starting.delete(session.id)).catch(() => undefined);
    }
    return starting;
  }

  /**
   * Resumes an interrupted session here: its log replayed into a fresh room (the audience exactly as it
   * was), checked against the log, then the same session goes on live — `seq` continuing, the clock from
   * where the log stopped, the recording in a new segment.
   */
  async resume(session: SessionRecord, takeoverFrom?: string): Promise<ActiveRoom> {
    if (this.hosted.has(session.id)) return this.hosted.get(session.id)!;
    if (
      !(takeoverFrom && session.status === 'live') &&
      this.stateOf(session) !== 'interrupted' &&
      !(session.status === 'pre' && (await this.wentLive(session)))
    ) {
      const elsewhere = this.ownedElsewhere(session);
      if (elsewhere) throw ownedBy(elsewhere);
      throw new RoomError(
        'not_live',
        `only an interrupted session can be resumed (this one is ${session.status})`,
      );
    }
    const lastSeen = session.owner?.leaseUntil.getTime();
    const claim = await this.sessions.claim(session.id, this.node, LEASE_TTL_MS, takeoverFrom);
    if (!claim.ok) throw ownedBy(claim.owner);
    try {
      const room = await this.rooms.find(session.roomId);
      if (!room) throw new NotFoundException('the room of this session is gone');
      const logged = await this.readSliced(session.id);
      const scenario = await this.scenarios.get(room.scenarioId);
      const replay = new SessionReplay(scenario, logged, [], {
        idPrefix: 'b',
        sessionTag: session.id.slice(0, 8),
      });
      for (let slice = performance.now(); replay.step();) {
        if (performance.now() - slice > REPLAY_SLICE_MS) {
          await yieldToLiveRooms();
          slice = performance.now();
        }
      }
      const remade = replay.events;
      const plain = logged.map(({ seq: _seq, ...event }) => event as NewSessionEvent);
      if (remade.length < plain.length || !isDeepStrictEqual(remade.slice(0, plain.length), plain)) {
        throw new RoomError(
          'interrupted',
          'this session cannot be resumed exactly (it was recorded by another version of LiveLab); end it to keep its report',
        );
      }
      const log = await this.writer.openLog(session.id, claim.token);
      const runtime = this.runtimeFor(room.settings, session.id, room.id, replay.machine, scenario, log);
      runtime.observeHistory(logged);
      const hosted: Hosted = { runtime, sessionId: session.id, roomId: room.id, log, token: claim.token };
      this.hosted.set(session.id, hosted);
      const atMs = (remade.at(-1) ?? plain.at(-1))?.tMs ?? 0;
      const downSec = lastSeen ? Math.max(0, Math.round((Date.now() - (lastSeen - LEASE_TTL_MS)) / 1000)) : 0;
      const segment = Math.max(0, ...session.recordingSegments.map((s) => s.segment + 1));
      // The end of a second the crash cut off: re-made exactly, logged now.
      await runtime.continueAfterInterruption(atMs, downSec, segment, remade.slice(plain.length));
      this.logger.log(
        `session ${session.id} resumed at ${Math.round(atMs / 1000)} s after ~${downSec} s away`,
      );
      return hosted;
    } catch (error) {
      const hosted = this.hosted.get(session.id);
      if (hosted) this.drop(hosted);
      await this.sessions.release(session.id, claim.token).catch(() => undefined);
      throw error;
    }
  }

  /** Ends a session: the running room here, or an interrupted one (its log gets `session.ended`). */
  async end(session: SessionRecord): Promise<SessionReport> {
    const hosted = this.hosted.get(session.id);
    if (hosted) {
      const outcome = hosted.runtime.end('host');
      await outcome.durable;
      return outcome.data as SessionReport;
    }
    if (session.status === 'ended') return session.report ?? this.reportFromLog(session);
    const elsewhere = this.ownedElsewhere(session);
    if (elsewhere) throw ownedBy(elsewhere);
    const claim = await this.sessions.claim(session.id, this.node, LEASE_TTL_MS);
    if (!claim.ok) throw ownedBy(claim.owner);
    const last = await this.events.last(session.id);
    await this.writer.appendOnce(session.id, claim.token, [
      { tMs: last?.tMs ?? 0, type: 'session.ended', actor: 'system', payload: { reason: 'aborted' } },
    ]);
    const report = await this.reportFromLog(session);
    await this.sessions.markEnded(session.id, report);
    return report;
  }

  /** The live report while running here, the stored one once ended, else rebuilt from the log. */
  async report(session: SessionRecord): Promise<SessionReport> {
    const hosted = this.hosted.get(session.id);
    if (hosted) return hosted.runtime.report();
    return session.report ?? this.reportFromLog(session);
  }

  /**
   * Up to `limit` events after `afterSeq` that this principal may see, skipping the others without counting
   * them: a page shorter than `limit` means the log has no more, which is how clients know to stop paging.
   */
  async visibleEvents(
    sessionId: string,
    afterSeq: number,
    principal: Principal,
    limit: number,
  ): Promise<SessionEvent[]> {
    if (principal.role !== 'viewer') return this.events.page(sessionId, afterSeq, limit);
    // The database filters by visibility, one bounded stretch of `seq` at a time, until the page is full
    // or the log ends.
    const last = this.hosted.get(sessionId)?.log.lastSeq() ?? (await this.events.lastSeq(sessionId));
    const rule = { hidden: [...VIEWER_HIDDEN_EVENT_TYPES], own: [...VIEWER_OWN_EVENT_TYPES] };
    const visible: SessionEvent[] = [];
    for (let after = afterSeq; visible.length < limit && after < last; after += RESYNC_WINDOW) {
      visible.push(
        ...(await this.events.viewerPage(
          sessionId,
          after,
          after + RESYNC_WINDOW,
          limit - visible.length,
          principal.actor,
          rule,
        )),
      );
    }
    return visible;
  }

  /** The events a console opening mid-session holds, and every chart marker (console-history.ts in contracts). */
  async consoleEvents(sessionId: string): Promise<{ events: SessionEvent[]; markers: SessionEvent[] }> {
    const [events, markers] = await Promise.all([
      this.events.tail(sessionId, [...METRICS_ONLY_EVENT_TYPES], CONSOLE_HISTORY_LIMIT),
      this.events.ofTypes(sessionId, [...MARKER_EVENT_TYPES]),
    ]);
    return { events, markers };
  }

  /**
   * Graceful shutdown: every room here stops, its log is flushed and its lease released. Alone, the sessions
   * stay live in the database and are interrupted after the restart (to be resumed or ended); with other
   * nodes they are handed over at once — the others are told and resume them from the log.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    clearInterval(this.renewal);
    if (this.watchdog) clearInterval(this.watchdog);
    const leaving = [...this.hosted.values()];
    for (const hosted of leaving) hosted.runtime.stop();
    await Promise.all(
      leaving.map(async (hosted) => {
        await this.writer.release(hosted.log, 5000);
        await this.sessions.release(hosted.sessionId, hosted.token).catch(() => undefined);
        hosted.runtime.dispose();
        this.hosted.delete(hosted.sessionId);
      }),
    );
    const live = leaving.filter((hosted) => hosted.runtime.state === 'live').map((h) => h.sessionId);
    if (this.bus.enabled && live.length > 0) {
      this.logger.log(`handing ${live.length} live session(s) over to the other nodes`);
      await this.bus.notify('room.handover', { sessionIds: live }).catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.beforeApplicationShutdown();
  }

  // ------------------------------------------------------------------ internals

  private async start(session: SessionRecord, deadNode?: string): Promise<ActiveRoom> {
    const room = await this.rooms.find(session.roomId);
    if (!room) throw new NotFoundException('the room of this session is gone');
    const claim = await this.sessions.claim(session.id, this.node, LEASE_TTL_MS, deadNode);
    if (!claim.ok) throw ownedBy(claim.owner);
    const catalogue = await this.scenarios.get(room.scenarioId);
    // The room's own prices and stock (the instructor may have changed them) drive the audience too.
    const scenario = withShelves(catalogue, await this.rooms.shelves(room.id));
    const machine = new RoomMachine({
      scenario,
      seed: session.seed,
      ...(room.settings.viewers ? { viewers: room.settings.viewers } : {}),
      script: room.settings.script ?? defaultScript(catalogue),
      sessionTag: session.id.slice(0, 8),
      idPrefix: 'b',
    });
    const log = await this.writer.openLog(session.id, claim.token);
    const runtime = this.runtimeFor(room.settings, session.id, room.id, machine, scenario, log);
    const hosted: Hosted = { runtime, sessionId: session.id, roomId: room.id, log, token: claim.token };
    this.hosted.set(session.id, hosted);
    return hosted;
  }

  private runtimeFor(
    { speed, endAfterSec }: RoomSettings,
    sessionId: string,
    roomId: string,
    machine: RoomMachine,
    scenario: Scenario,
    log: SessionLog,
  ): RoomRuntime {
    const runtime: RoomRuntime = new RoomRuntime({
      roomId,
      sessionId,
      machine,
      scenario,
      log,
      speed,
      ...(endAfterSec ? { endAfterSec } : {}),
      referralsAtGoLive: (liveAtMs) => {
        const sources = this.shortVideos.get(roomId) ?? [];
        const bySource = referralsBySource(sources, scenario, {
          liveAtMs,
          speed,
          durationSec: machine.state.setup.durationSec,
        });
        if (sources.length > 0)
          this.referralListener?.(
            sources.map((source, i) => ({ id: source.id, count: bySource[i]!.length })),
          );
        return bySource.flat().sort((a, b) => a - b);
      },
      output: {
        events: (events) => this.broadcaster?.events(sessionId, events),
        metrics: (message) => this.broadcaster?.metrics(sessionId, message),
        live: (timing, segment) => {
          this.media.sessionLive(sessionId, timing.liveAtWallMs, timing.speed, segment);
          void this.persist(`mark session ${sessionId} live`, () => this.sessions.markLive(sessionId));
        },
        ended: (report) => {
          const hosted = this.hosted.get(sessionId);
          if (hosted) this.drop(hosted);
          void this.media.sessionEnded(sessionId);
          void this.persist(`store the report of ${sessionId}`, () =>
            this.sessions.markEnded(sessionId, report),
          ).then(() => this.broadcaster?.ended(sessionId));
        },
        health: (health) => {
          if (health.state === 'unavailable')
            this.logger.warn(`session ${sessionId}: its log waits for the database (${health.reason})`);
          else if (health.state === 'ok') this.logger.log(`session ${sessionId}: its log writes again`);
          else {
            this.logger.error(`session ${sessionId} stopped here: ${health.reason}`);
            const hosted = this.hosted.get(sessionId);
            if (hosted) this.drop(hosted);
            this.broadcaster?.lost(sessionId, health.reason);
          }
        },
      },
    });
    return runtime;
  }

  private drop(hosted: Hosted): void {
    hosted.runtime.dispose();
    if (this.hosted.get(hosted.sessionId) === hosted) this.hosted.delete(hosted.sessionId);
    void this.writer.release(hosted.log, 5000).catch(() => undefined);
  }

  /** Keeps this node's leases; a lease another node took over stops that room here. */
  private async renewLeases(): Promise<void> {
    for (const hosted of [...this.hosted.values()]) {
      try {
        if (!(await this.sessions.renew(hosted.sessionId, hosted.token, LEASE_TTL_MS))) {
          this.logger.error(`session ${hosted.sessionId}: another node took it over; stopping it here`);
          this.drop(hosted);
          this.broadcaster?.lost(hosted.sessionId, 'another api node runs this session now');
        }
      } catch (error) {
        // The database is away: the lease runs on; the log's own retries say when it is back.
        this.logger.warn(`cannot renew the lease of ${hosted.sessionId}: ${(error as Error).message}`);
      }
    }
  }

  /** Whether a session nobody holds may be taken over without staff (its lease lapsed only just now). */
  private takeable(session: Pick<SessionRecord, 'owner' | 'leaseReleasedAt'>): boolean {
    const lapsed = session.owner?.leaseUntil ?? session.leaseReleasedAt;
    return lapsed !== null && lapsed !== undefined && Date.now() - lapsed.getTime() < TAKEOVER_WINDOW_MS;
  }

  private async tryAdopt(sessionId: string, deadNode?: string): Promise<void> {
    if (this.shuttingDown || this.hosted.has(sessionId)) return;
    try {
      await this.adopt(sessionId, deadNode);
    } catch (error) {
      // Another node won the claim, or the session ended meanwhile: nothing to do here.
      if (!(error instanceof RoomError && (error.code === 'owned_elsewhere' || error.code === 'ended')))
        this.logger.warn(`could not take session ${sessionId} over: ${(error as Error).message}`);
    }
  }

  /** With several nodes: live sessions whose owner is gone, or handed over / lapsed just now, are taken over. */
  private async watchOrphans(): Promise<void> {
    if (this.shuttingDown) return;
    try {
      const candidates = await this.sessions.liveOwnedElsewhere(this.node, TAKEOVER_WINDOW_MS);
      const alive = new Map<string, boolean>();
      for (const session of candidates) {
        if (this.hosted.has(session.id) || this.adopting.has(session.id)) continue;
        const owner = session.owner?.node;
        const stillHeld = owner && session.owner!.leaseUntil.getTime() > Date.now();
        if (stillHeld) {
          if (!alive.has(owner)) alive.set(owner, await this.bus.alive(owner));
          if (alive.get(owner)) continue;
          await this.tryAdopt(session.id, owner);
        } else await this.tryAdopt(session.id);
      }
    } catch (error) {
      this.logger.warn(`cannot look for orphaned sessions: ${(error as Error).message}`);
    }
  }

  /** A write that must happen (a status, a report): tried again while the database is away. */
  private async persist(what: string, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1, delay = 500; ; attempt++, delay = Math.min(5000, delay * 2)) {
      try {
        await write();
        return;
      } catch (error) {
        if (attempt >= 60) {
          this.logger.error(`gave up trying to ${what}: ${(error as Error).message}`);
          return;
        }
        if (attempt === 1) this.logger.warn(`cannot ${what} yet (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  /** A session still `pre` in its row whose log went live (the row's update was lost): it is live. */
  private async wentLive(session: SessionRecord): Promise<boolean> {
    if (session.status !== 'pre') return false;
    return (await this.events.ofTypes(session.id, ['session.live'])).length > 0;
  }

  private async readSliced(sessionId: string): Promise<SessionEvent[]> {
    const events: SessionEvent[] = [];
    for await (const page of this.events.pageTexts(sessionId, RESUME_PAGE)) {
      for (const event of parseEventPage(page)) events.push(event);
      await yieldToLiveRooms();
    }
    return events;
  }

  private async reportFromLog(session: SessionRecord): Promise<SessionReport> {
    const room = await this.rooms.find(session.roomId);
    if (!room) throw new NotFoundException('the room of this session is gone');
    return this.workers.report(session.id, await this.scenarios.get(room.scenarioId));
  }
}

function ownedBy(node: string): RoomError {
  return new RoomError(
    'owned_elsewhere',
    `this session is live on another api node ("${node}"): connect there, or wait for that node to let it go`,
  );
}
