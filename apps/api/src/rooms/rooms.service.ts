import type { OnApplicationShutdown } from '@nestjs/common';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type {
  CreateRoomRequest,
  JoinResponse,
  JoinRoomRequest,
  LiveScriptSegment,
  Role,
  RoomSummary,
  SessionEvent,
  SessionReport,
} from '@livelab/contracts';
import { humanActor } from '@livelab/contracts';
import type { Scenario } from '@livelab/engagement';
import { buildReport, parseScenario } from '@livelab/engagement';
import type { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { TokenClaims } from '../auth/tokens';
import { TokenSigner } from '../auth/tokens';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { EventLogWriter } from '../event-log/event-log.writer';
import { MediaService } from '../media/media.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { newCode } from './codes';
import { defaultScript, scriptProblems } from './live-script';
import { LiveSessionEntity } from './live-session.entity';
import { ProductEntity } from './product.entity';
import type { RoomBroadcaster } from './room-broadcaster';
import { RoomEntity } from './room.entity';
import { shelvesOf } from './runtime/commerce';
import type { Principal } from './runtime/room-runtime';
import { RoomError, RoomRuntime } from './runtime/room-runtime';

export interface RoomSettings {
  viewers: number;
  speed: number;
  /** Planned start (ISO 8601), shown to phones before go-live. */
  startsAt?: string;
  /** The live script (直播脚本); absent in rooms made before scripts: generated from the scenario. */
  script?: LiveScriptSegment[];
}

export interface ActiveRoom {
  runtime: RoomRuntime;
  sessionId: string;
}

/**
 * Rooms, their sessions and the live runtimes. A session whose row says `live` but which has no runtime in
 * this process was cut off by a restart: it is `interrupted` and can be ended cleanly from its log.
 */
@Injectable()
export class RoomsService implements OnApplicationShutdown {
  private readonly logger = new Logger(RoomsService.name);
  private readonly dataSource: DataSource;
  private readonly runtimes = new Map<string, ActiveRoom>();
  private readonly starting = new Map<string, Promise<ActiveRoom>>();
  private broadcaster: RoomBroadcaster | undefined;

  constructor(
    @Inject(OPENED_DATABASE) database: OpenedDatabase,
    private readonly writer: EventLogWriter,
    private readonly scenarios: ScenariosService,
    private readonly signer: TokenSigner,
    private readonly media: MediaService,
  ) {
    this.dataSource = database.dataSource;
  }

  attachBroadcaster(broadcaster: RoomBroadcaster): void {
    this.broadcaster = broadcaster;
  }

  // ------------------------------------------------------------------ rooms

  async createRoom(
    claims: TokenClaims,
    request: Required<Omit<CreateRoomRequest, 'seed' | 'startsAt' | 'script'>> & {
      seed?: number;
      startsAt?: string;
      script?: LiveScriptSegment[];
    },
  ): Promise<RoomSummary> {
    this.requireInstructor(claims);
    const scenario = await this.loadScenario(request.scenarioId);
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 31);
    const room = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(RoomEntity, {
          name: request.name,
          scenarioId: scenario.id,
          joinCode: newCode(6),
          staffCode: newCode(8),
          seed,
          settings: {
            viewers: request.viewers,
            speed: request.speed,
            ...(request.startsAt ? { startsAt: request.startsAt } : {}),
            script: this.checkedScript(request.script ?? defaultScript(scenario), scenario),
          } satisfies RoomSettings,
          createdBy: claims.sub,
        }),
      );
      await manager.save(
        shelvesOf(scenario).map((shelf, i) =>
          manager.create(ProductEntity, {
            roomId: saved.id,
            sku: shelf.id,
            name: shelf.name,
            priceCents: shelf.priceCents,
            listPriceCents: shelf.listPriceCents,
            stock: shelf.stock,
            details: { nameEn: scenario.products[i]!.nameEn, leadOnly: shelf.leadOnly },
          }),
        ),
      );
      await manager.save(manager.create(LiveSessionEntity, { roomId: saved.id, seed, status: 'pre' }));
      return saved;
    });
    return this.summary(room, true);
  }

  async listRooms(claims: TokenClaims): Promise<RoomSummary[]> {
    this.requireInstructor(claims);
    const rooms = await this.dataSource
      .getRepository(RoomEntity)
      .find({ where: { createdBy: claims.sub }, order: { createdAt: 'DESC' } });
    return Promise.all(rooms.map((room) => this.summary(room, true)));
  }

  async getRoom(
    claims: TokenClaims,
    roomId: string,
  ): Promise<RoomSummary & { products: ReturnType<RoomRuntime['products']>; script: LiveScriptSegment[] }> {
    const room = await this.authorize(claims, roomId);
    const summary = await this.summary(room, claims.role === 'instructor');
    const active = summary.session ? this.runtimes.get(summary.session.id) : undefined;
    const products = active
      ? active.runtime.products()
      : (await this.productsOf(roomId)).map((p) => ({
          ...p,
          price: p.priceCents / 100,
          listPrice: p.listPriceCents / 100,
        }));
    return { ...summary, products, script: await this.scriptOf(room) };
  }

  /**
   * Replaces the room's live script; refused (409) once the current session is live, as it is logged at
   * go-live. A running runtime is the authority on that (the database learns of go-live a moment later)
   * and is handed the new script, since it copied the old one when it started.
   */
  async updateScript(
    claims: TokenClaims,
    roomId: string,
    script: LiveScriptSegment[],
  ): Promise<{ script: LiveScriptSegment[] }> {
    const room = await this.authorize(claims, roomId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot edit the script');
    const checked = this.checkedScript(script, await this.loadScenario(room.scenarioId));
    const session = await this.currentSession(roomId);
    const active = session ? await this.runningRoom(session.id) : undefined;
    if (active) this.handScript(active, checked);
    else if (session && session.status !== 'pre') throw scriptFixed(session.status);
    await this.dataSource
      .getRepository(RoomEntity)
      .update({ id: roomId }, { settings: { ...room.settings, script: checked } });
    // A runtime started while the row was being written may have read the old script.
    const late = !active && session ? await this.runningRoom(session.id) : undefined;
    if (late) this.handScript(late, checked);
    return { script: checked };
  }

  async join(
    request: Required<Omit<JoinRoomRequest, 'role'>> & { role?: JoinRoomRequest['role'] },
  ): Promise<JoinResponse> {
    const code = request.code.toUpperCase();
    const rooms = this.dataSource.getRepository(RoomEntity);
    const asViewer = await rooms.findOneBy({ joinCode: code });
    const asStaff = asViewer ? null : await rooms.findOneBy({ staffCode: code });
    const room = asViewer ?? asStaff;
    if (!room) throw new NotFoundException('no room with that code');
    const role: Role = asStaff ? (request.role === 'operator' ? 'operator' : 'host') : 'viewer';
    if (asViewer && request.role && request.role !== 'viewer') {
      throw new ForbiddenException('this code lets you join as a viewer only');
    }
    const id = AuthService.newParticipantId();
    const token = this.signer.sign({ sub: id, name: request.name, role, roomId: room.id });
    return {
      token,
      roomId: room.id,
      role: role as JoinResponse['role'],
      actor: role === 'viewer' ? humanActor(id) : role,
      name: request.name,
    };
  }

  /** The room if these claims may act in it: its own token, or the instructor who created it. */
  async authorize(claims: TokenClaims, roomId: string): Promise<RoomEntity> {
    const room = await this.dataSource.getRepository(RoomEntity).findOneBy({ id: roomId });
    const allowed =
      room && (claims.role === 'instructor' ? room.createdBy === claims.sub : claims.roomId === room.id);
    if (!room || !allowed) throw new ForbiddenException('this token grants nothing in that room');
    return room;
  }

  principalOf(claims: TokenClaims): Principal {
    if (claims.role === 'viewer') return { actor: humanActor(claims.sub), name: claims.name, role: 'viewer' };
    if (claims.role === 'operator') return { actor: 'operator', name: claims.name, role: 'operator' };
    return { actor: 'host', name: claims.name, role: claims.role === 'instructor' ? 'instructor' : 'host' };
  }

  // ------------------------------------------------------------------ sessions and runtimes

  /** The runtime of the room's current session, started on first use while the session is pre-stream. */
  async activeRoom(roomId: string): Promise<ActiveRoom> {
    const session = await this.currentSession(roomId);
    if (!session) throw new RoomError('ended', 'the last session has ended; start a new one');
    const running = this.runtimes.get(session.id);
    if (running) return running;
    if (session.status === 'live')
      throw new RoomError(
        'interrupted',
        'the session was interrupted by a restart: end it to get its report',
      );
    if (session.status === 'ended') throw new RoomError('ended', 'the session has ended');
    let starting = this.starting.get(session.id);
    if (!starting) {
      starting = this.startRuntime(roomId, session);
      this.starting.set(session.id, starting);
      void starting.finally(() => this.starting.delete(session.id)).catch(() => undefined);
    }
    return starting;
  }

  async newSession(claims: TokenClaims, roomId: string): Promise<{ sessionId: string }> {
    const room = await this.authorize(claims, roomId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot start a session');
    const current = await this.currentSession(roomId);
    if (current && current.status !== 'ended')
      throw new RoomError('session_open', 'end the current session first');
    const session = await this.dataSource
      .getRepository(LiveSessionEntity)
      .save(
        this.dataSource.getRepository(LiveSessionEntity).create({ roomId, seed: room.seed, status: 'pre' }),
      );
    return { sessionId: session.id };
  }

  async sessionOf(claims: TokenClaims, sessionId: string): Promise<LiveSessionEntity> {
    const session = await this.dataSource.getRepository(LiveSessionEntity).findOneBy({ id: sessionId });
    if (!session) throw new NotFoundException('no such session');
    await this.authorize(claims, session.roomId);
    return session;
  }

  async report(claims: TokenClaims, sessionId: string): Promise<SessionReport> {
    const session = await this.sessionOf(claims, sessionId);
    const running = this.runtimes.get(sessionId);
    if (running) return running.runtime.report();
    if (session.report) return session.report as unknown as SessionReport;
    return this.reportFromLog(session);
  }

  async events(
    claims: TokenClaims,
    sessionId: string,
    afterSeq: number,
    limit: number,
  ): Promise<SessionEvent[]> {
    const session = await this.sessionOf(claims, sessionId);
    if (claims.role !== 'viewer')
      return (await this.writer.read(session.id, afterSeq, limit)) as SessionEvent[];
    return this.visibleEvents(session.id, afterSeq, this.principalOf(claims), limit);
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
    const visible: SessionEvent[] = [];
    for (let after = afterSeq; visible.length < limit;) {
      const page = (await this.writer.read(sessionId, after, limit)) as SessionEvent[];
      for (const event of page) if (RoomRuntime.visibleTo(event, principal)) visible.push(event);
      if (page.length < limit) break;
      after = page[page.length - 1]!.seq;
    }
    return visible.slice(0, limit);
  }

  /** Ends a live or interrupted session; an interrupted one gets `session.ended` appended to its log. */
  async endSession(claims: TokenClaims, sessionId: string): Promise<SessionReport> {
    const session = await this.sessionOf(claims, sessionId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot end the session');
    const running = this.runtimes.get(sessionId);
    if (running) {
      const outcome = running.runtime.end('host');
      await outcome.durable;
      return outcome.data as SessionReport;
    }
    if (session.status === 'ended')
      return (session.report as unknown as SessionReport) ?? this.reportFromLog(session);
    const [last] = (await this.dataSource.query(
      'SELECT t_ms FROM session_event WHERE session_id = $1 ORDER BY seq DESC LIMIT 1',
      [sessionId],
    )) as Array<{ t_ms: number }>;
    await this.writer.append(sessionId, [
      {
        tMs: Number(last?.t_ms ?? 0),
        type: 'session.ended',
        actor: 'system',
        payload: { reason: 'aborted' },
      },
    ]);
    return this.finish(session);
  }

  async onApplicationShutdown(): Promise<void> {
    // Live sessions stay live in the database: after the restart they are interrupted, never half-ended.
    for (const { runtime } of this.runtimes.values()) runtime.stop();
    await this.writer.durable().catch(() => undefined);
  }

  // ------------------------------------------------------------------ internals

  private async startRuntime(roomId: string, session: LiveSessionEntity): Promise<ActiveRoom> {
    const room = await this.dataSource.getRepository(RoomEntity).findOneByOrFail({ id: roomId });
    const products = await this.productsOf(roomId);
    const scenario = await this.loadScenario(room.scenarioId);
    const settings = room.settings as Partial<RoomSettings>;
    const log = await this.writer.open(session.id);
    const sessionId = session.id;
    const runtime = new RoomRuntime({
      roomId,
      sessionId,
      scenario: {
        ...scenario,
        // The room's own prices and stock (the instructor may have changed them) drive the audience too.
        products: scenario.products.map((p) => {
          const own = products.find((q) => q.id === p.id);
          return own
            ? { ...p, price: own.priceCents / 100, listPrice: own.listPriceCents / 100, stock: own.stock }
            : p;
        }),
      },
      seed: session.seed,
      products,
      log,
      viewers: settings.viewers || undefined,
      speed: settings.speed ?? 1,
      script: settings.script ?? defaultScript(scenario),
      output: {
        events: (events) => {
          if (events.some((e) => e.type === 'session.live')) {
            this.media.sessionLive(sessionId, runtime.timing.liveAtWallMs, runtime.timing.speed);
            void this.dataSource
              .getRepository(LiveSessionEntity)
              .update({ id: sessionId }, { status: 'live', liveAt: new Date() })
              .catch((error: unknown) =>
                this.logger.error(`cannot mark session ${sessionId} live: ${String(error)}`),
              );
          }
          this.broadcaster?.events(sessionId, events);
        },
        metrics: (message) => this.broadcaster?.metrics(sessionId, message),
        ended: (report) => {
          this.runtimes.delete(sessionId);
          void this.media.sessionEnded(sessionId);
          void this.markEnded(sessionId, report)
            .then(() => this.broadcaster?.ended(sessionId))
            .catch((error: unknown) =>
              this.logger.error(`cannot store the report of ${sessionId}: ${String(error)}`),
            );
        },
      },
    });
    const active = { runtime, sessionId };
    this.runtimes.set(sessionId, active);
    return active;
  }

  /** The session's runtime if it is running or starting in this process. */
  private async runningRoom(sessionId: string): Promise<ActiveRoom | undefined> {
    const running = this.runtimes.get(sessionId);
    if (running) return running;
    const starting = this.starting.get(sessionId);
    return starting ? starting.catch(() => undefined) : undefined;
  }

  private handScript(active: ActiveRoom, script: LiveScriptSegment[]): void {
    const status = active.runtime.state;
    if (status !== 'pre') throw scriptFixed(status);
    active.runtime.setScript(script);
  }

  private async finish(session: LiveSessionEntity): Promise<SessionReport> {
    const report = await this.reportFromLog(session);
    await this.markEnded(session.id, report);
    return report;
  }

  private async markEnded(sessionId: string, report: SessionReport): Promise<void> {
    await this.dataSource.query(
      `UPDATE live_session SET status = 'ended', ended_at = now(), report = $2 WHERE id = $1`,
      [sessionId, JSON.stringify(report)],
    );
  }

  private async reportFromLog(session: LiveSessionEntity): Promise<SessionReport> {
    const room = await this.dataSource.getRepository(RoomEntity).findOneByOrFail({ id: session.roomId });
    const scenario = await this.loadScenario(room.scenarioId);
    const events: SessionEvent[] = [];
    for (let after = 0; ;) {
      const page = (await this.writer.read(session.id, after, 10_000)) as SessionEvent[];
      events.push(...page);
      if (page.length < 10_000) break;
      after = page[page.length - 1]!.seq;
    }
    return buildReport(scenario, events);
  }

  private async currentSession(roomId: string): Promise<LiveSessionEntity | null> {
    return this.dataSource
      .getRepository(LiveSessionEntity)
      .findOne({ where: { roomId }, order: { createdAt: 'DESC' } });
  }

  private async productsOf(roomId: string) {
    const rows = await this.dataSource
      .getRepository(ProductEntity)
      .find({ where: { roomId }, order: { sku: 'ASC' } });
    return rows.map((row) => ({
      id: row.sku,
      name: row.name,
      priceCents: row.priceCents,
      listPriceCents: row.listPriceCents,
      stock: row.stock,
      leadOnly: Boolean(row.details['leadOnly']),
    }));
  }

  private async scriptOf(room: RoomEntity): Promise<LiveScriptSegment[]> {
    const { script } = room.settings as Partial<RoomSettings>;
    return script ?? defaultScript(await this.loadScenario(room.scenarioId));
  }

  /** The script in start order, or a 400 naming each problem (overlaps, unknown products, banned terms). */
  private checkedScript(script: LiveScriptSegment[], scenario: Scenario): LiveScriptSegment[] {
    const problems = scriptProblems(script, scenario);
    if (problems.length > 0) throw new BadRequestException({ message: 'invalid script', errors: problems });
    return [...script].sort((a, b) => a.startSec - b.startSec);
  }

  private async loadScenario(id: string): Promise<Scenario> {
    const parsed = parseScenario(await this.scenarios.get(id));
    if (!parsed.ok) throw new RoomError('bad_scenario', parsed.error);
    return parsed.scenario;
  }

  private async summary(room: RoomEntity, withStaffCode: boolean): Promise<RoomSummary> {
    const session = await this.currentSession(room.id);
    const settings = room.settings as Partial<RoomSettings>;
    return {
      id: room.id,
      name: room.name,
      scenarioId: room.scenarioId,
      seed: room.seed,
      joinCode: room.joinCode,
      ...(withStaffCode ? { staffCode: room.staffCode } : {}),
      settings: {
        viewers: settings.viewers ?? 0,
        speed: settings.speed ?? 1,
        ...(settings.startsAt ? { startsAt: settings.startsAt } : {}),
      },
      session: session
        ? {
            id: session.id,
            status:
              session.status === 'live' && !this.runtimes.has(session.id) ? 'interrupted' : session.status,
          }
        : null,
    };
  }

  private requireInstructor(claims: TokenClaims): void {
    if (claims.role !== 'instructor') throw new ForbiddenException('only an instructor can do this');
  }
}

function scriptFixed(status: string): ConflictException {
  return new ConflictException(
    `the script is fixed once the session is live (this session is ${status}); it was logged at go-live`,
  );
}
