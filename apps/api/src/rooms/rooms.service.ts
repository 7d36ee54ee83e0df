import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type {
  CreateRoomRequest,
  JoinResponse,
  JoinRoomRequest,
  LiveScriptSegment,
  RoomProduct,
  RoomSummary,
  SessionEvent,
  SessionReport,
} from '@livelab/contracts';
import { humanActor, roleCan } from '@livelab/contracts';
import type { Scenario } from '@livelab/engagement';
import { shelvesOf } from '@livelab/engagement';
import type { Principal } from '@livelab/session';
import { forbiddenMessage, RoomError, roomProductOf } from '@livelab/session';
import { AuthService } from '../auth/auth.service';
import type { TokenClaims } from '../auth/tokens';
import { TokenSigner } from '../auth/tokens';
import { APP_CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/app-config';
import { ScenariosService } from '../scenarios/scenarios.service';
import { newCode } from './codes';
import { LiveRoomsService } from './live-rooms.service';
import { RoomRouter } from './room-router';
import { defaultScript, scriptProblems } from './live-script';
import type { RoomRecord } from './rooms.repository';
import { RoomsRepository } from './rooms.repository';
import type { SessionRecord } from './sessions.repository';
import { SessionsRepository } from './sessions.repository';

/**
 * Rooms and their sessions as the REST api sees them: creating a room, its codes and script, joining, who may
 * act where, and a session's report, log, resumption and end (through the live rooms this node hosts).
 */
@Injectable()
export class RoomsService {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly sessions: SessionsRepository,
    private readonly live: LiveRoomsService,
    private readonly router: RoomRouter,
    private readonly scenarios: ScenariosService,
    private readonly signer: TokenSigner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ------------------------------------------------------------------ rooms

  /**
   * A simulated audience and clock within this server's caps (MAX_ROOM_VIEWERS, MAX_ROOM_SPEED): a room of a
   * million viewers at speed 60 costs a core on its own, so a deployment decides how large rooms may be.
   */
  checkRoomSize({ viewers, speed }: { viewers: number; speed: number }): void {
    const caps = this.config.roomCaps;
    if (viewers > caps.viewers)
      throw new BadRequestException(
        `viewers: at most ${caps.viewers} simulated viewers per room on this server (MAX_ROOM_VIEWERS)`,
      );
    if (speed > caps.speed)
      throw new BadRequestException(`speed: at most ${caps.speed}× on this server (MAX_ROOM_SPEED)`);
  }

  async createRoom(
    claims: TokenClaims,
    request: Required<Omit<CreateRoomRequest, 'seed' | 'startsAt' | 'script'>> & {
      seed?: number;
      startsAt?: string;
      script?: LiveScriptSegment[];
    },
  ): Promise<RoomSummary> {
    this.requireInstructor(claims);
    this.checkRoomSize(request);
    const scenario = await this.scenarios.get(request.scenarioId);
    const room = await this.rooms.create(
      {
        name: request.name,
        scenarioId: scenario.id,
        joinCode: newCode(6),
        staffCode: newCode(8),
        seed: request.seed ?? drawSeed(),
        settings: {
          viewers: request.viewers,
          speed: request.speed,
          ...(request.startsAt ? { startsAt: request.startsAt } : {}),
          ...(request.operatorRunsStream ? { operatorRunsStream: true } : {}),
          script: this.checkedScript(request.script ?? defaultScript(scenario), scenario),
        },
        createdBy: claims.sub,
        classId: null,
        traineeId: null,
      },
      shelvesOf(scenario).map((shelf, i) => ({ ...shelf, nameEn: scenario.products[i]!.nameEn })),
    );
    return this.summary(room, true);
  }

  /**
   * A trainee's practice room for a class's assignment: the class's instructor owns it like a room of their
   * own; the trainee hosts it with their account. An exam fixes the seed and ends the room at its length.
   */
  async createPracticeRoom(practice: {
    name: string;
    scenarioId: string;
    instructorId: string;
    classId: string;
    traineeId: string;
    viewers: number;
    speed: number;
    durationMin: number;
    exam: boolean;
    seed?: number;
  }): Promise<RoomRecord> {
    const scenario = await this.scenarios.get(practice.scenarioId);
    return this.rooms.create(
      {
        name: practice.name,
        scenarioId: scenario.id,
        joinCode: newCode(6),
        staffCode: newCode(8),
        seed: practice.seed ?? drawSeed(),
        settings: {
          viewers: practice.viewers,
          speed: practice.speed,
          script: defaultScript(scenario),
          ...(practice.exam ? { exam: true, endAfterSec: practice.durationMin * 60 } : {}),
        },
        createdBy: practice.instructorId,
        classId: practice.classId,
        traineeId: practice.traineeId,
      },
      shelvesOf(scenario).map((shelf, i) => ({ ...shelf, nameEn: scenario.products[i]!.nameEn })),
    );
  }

  async listRooms(claims: TokenClaims): Promise<RoomSummary[]> {
    this.requireInstructor(claims);
    const rooms = await this.rooms.listByCreator(claims.sub);
    return Promise.all(rooms.map((room) => this.summary(room, true)));
  }

  async getRoom(
    claims: TokenClaims,
    roomId: string,
  ): Promise<RoomSummary & { products: RoomProduct[]; script: LiveScriptSegment[] }> {
    const room = await this.authorize(claims, roomId);
    const session = await this.sessions.current(room.id);
    const summary = await this.summary(
      room,
      claims.role === 'instructor' || claims.role === 'trainee',
      session,
    );
    const products =
      (session ? await this.router.ifRunning(session, 'products', {}) : undefined) ??
      (await this.bagOf(room.id, room.scenarioId));
    return { ...summary, products, script: await this.scriptOf(room) };
  }

  /** The room's shelves as its bag (小黄车), in the catalogue's order: the running room's link numbers. */
  private async bagOf(roomId: string, scenarioId: string): Promise<RoomProduct[]> {
    const catalogue = (await this.scenarios.get(scenarioId)).products.map((p) => p.id);
    const place = (id: string) => (catalogue.includes(id) ? catalogue.indexOf(id) : catalogue.length);
    const shelves = (await this.rooms.shelves(roomId)).sort((a, b) => place(a.id) - place(b.id));
    return shelves.map((shelf, i) => roomProductOf(shelf, i + 1));
  }

  /**
   * Replaces the room's live script; refused (409) once the current session is live, as it is logged at
   * go-live. A running room is the authority on that (the database learns of go-live a moment later) and
   * is handed the new script, since it copied the old one when it started.
   */
  async updateScript(
    claims: TokenClaims,
    roomId: string,
    script: LiveScriptSegment[],
  ): Promise<{ script: LiveScriptSegment[] }> {
    const room = await this.authorize(claims, roomId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot edit the script');
    const checked = this.checkedScript(script, await this.scenarios.get(room.scenarioId));
    const session = await this.sessions.current(roomId);
    // The running room (here or on its node) takes the script, unless it went live meanwhile.
    const handed = session
      ? await this.router.ifRunning(session, 'setScript', { script: checked })
      : undefined;
    if (handed === undefined && session && session.status !== 'pre') throw scriptFixed(session.status);
    await this.rooms.updateSettings(roomId, { ...room.settings, script: checked });
    // A room started while the row was being written may have read the old script.
    const late = session && !handed ? this.live.running(session.id) : undefined;
    if (late) this.handScript(late.runtime.state, () => late.runtime.setScript(checked));
    return { script: checked };
  }

  async join(
    request: Required<Omit<JoinRoomRequest, 'role'>> & { role?: JoinRoomRequest['role'] },
  ): Promise<JoinResponse> {
    const found = await this.rooms.findByCode(request.code.toUpperCase());
    if (!found) throw new NotFoundException('no room with that code');
    const { room, staff } = found;
    if (!staff && request.role && request.role !== 'viewer')
      throw new ForbiddenException('this code lets you join as a viewer only');
    const role = staff ? (request.role === 'operator' ? 'operator' : 'host') : 'viewer';
    const id = AuthService.newParticipantId();
    const token = this.signer.sign({ sub: id, name: request.name, role, roomId: room.id });
    return {
      token,
      roomId: room.id,
      role,
      actor: role === 'viewer' ? humanActor(id) : role,
      name: request.name,
    };
  }

  /**
   * The room if these claims may act in it: its own token, the instructor who created it (a class's
   * instructor for its trainees' rooms), or the trainee whose practice room it is.
   */
  async authorize(claims: TokenClaims, roomId: string): Promise<RoomRecord> {
    const room = await this.rooms.find(roomId);
    const allowed =
      room &&
      (claims.role === 'instructor'
        ? room.createdBy === claims.sub
        : claims.role === 'trainee'
          ? room.traineeId === claims.sub
          : claims.roomId === room.id);
    if (!room || !allowed) throw new ForbiddenException('this token grants nothing in that room');
    return room;
  }

  /** The room a session belongs to (no authorization: for holders of a session's share link). */
  async roomOf(session: SessionRecord): Promise<RoomRecord> {
    const room = await this.rooms.find(session.roomId);
    if (!room) throw new NotFoundException('the room of this session is gone');
    return room;
  }

  /** Who the token is in the room (`room`: whether it lets its operators run the stream). */
  principalOf(claims: TokenClaims, room?: Pick<RoomRecord, 'settings'>): Principal {
    if (claims.role === 'viewer') return { actor: humanActor(claims.sub), name: claims.name, role: 'viewer' };
    if (claims.role === 'operator')
      return {
        actor: 'operator',
        name: claims.name,
        role: 'operator',
        ...(room?.settings.operatorRunsStream ? { runsStream: true } : {}),
      };
    return { actor: 'host', name: claims.name, role: claims.role === 'instructor' ? 'instructor' : 'host' };
  }

  // ------------------------------------------------------------------ sessions

  async newSession(claims: TokenClaims, roomId: string): Promise<{ sessionId: string }> {
    const room = await this.authorize(claims, roomId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot start a session');
    const current = await this.sessions.current(roomId);
    if (current && current.status !== 'ended')
      throw new RoomError('session_open', 'end the current session first');
    // An exam is taken once: only its instructor may open another session (a retake they allow).
    if (room.settings.exam && current && claims.role !== 'instructor')
      throw new ConflictException('this exam has been taken; its review stays open');
    const session = await this.sessions.create(roomId, room.seed);
    return { sessionId: session.id };
  }

  async sessionOf(claims: TokenClaims, sessionId: string): Promise<SessionRecord> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundException('no such session');
    await this.authorize(claims, session.roomId);
    return session;
  }

  async report(claims: TokenClaims, sessionId: string): Promise<SessionReport> {
    return this.live.report(await this.sessionOf(claims, sessionId));
  }

  async events(
    claims: TokenClaims,
    sessionId: string,
    afterSeq: number,
    limit: number,
  ): Promise<SessionEvent[]> {
    const session = await this.sessionOf(claims, sessionId);
    return this.live.visibleEvents(session.id, afterSeq, this.principalOf(claims), limit);
  }

  /** Resumes an interrupted session on this node (staff). */
  async resume(claims: TokenClaims, sessionId: string): Promise<RoomSummary> {
    const session = await this.sessionOf(claims, sessionId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot resume the session');
    await this.live.resume(session);
    const room = await this.authorize(claims, session.roomId);
    return this.summary(room, claims.role === 'instructor' || claims.role === 'trainee');
  }

  /** Ends a live or interrupted session (staff); an interrupted one gets `session.ended` appended to its log. */
  async endSession(claims: TokenClaims, sessionId: string): Promise<SessionReport> {
    const session = await this.sessionOf(claims, sessionId);
    if (claims.role === 'viewer') throw new ForbiddenException('a viewer cannot end the session');
    if (claims.role === 'operator') {
      const room = await this.authorize(claims, session.roomId);
      const principal = this.principalOf(claims, room);
      if (!roleCan('operator', 'end', principal.runsStream))
        throw new ForbiddenException(forbiddenMessage(principal, 'end'));
    }
    // A session running on another node is ended there.
    const ended = await this.router.ifRunning(session, 'end', {});
    return ended ?? this.live.end(session);
  }

  // ------------------------------------------------------------------ internals

  private handScript(status: 'pre' | 'live' | 'ended', hand: () => void): void {
    if (status !== 'pre') throw scriptFixed(status);
    hand();
  }

  private async scriptOf(room: RoomRecord): Promise<LiveScriptSegment[]> {
    return room.settings.script ?? defaultScript(await this.scenarios.get(room.scenarioId));
  }

  /** The script in start order, or a 400 naming each problem (overlaps, unknown products, banned terms). */
  private checkedScript(script: LiveScriptSegment[], scenario: Scenario): LiveScriptSegment[] {
    const problems = scriptProblems(script, scenario);
    if (problems.length > 0) throw new BadRequestException({ message: 'invalid script', errors: problems });
    return [...script].sort((a, b) => a.startSec - b.startSec);
  }

  /** The room as lists show it; `current` is its latest session when the caller has read it already. */
  private async summary(
    room: RoomRecord,
    withStaffCode: boolean,
    current?: SessionRecord | null,
  ): Promise<RoomSummary> {
    const session = current === undefined ? await this.sessions.current(room.id) : current;
    const owner = session ? this.live.ownedElsewhere(session) : null;
    return {
      id: room.id,
      name: room.name,
      scenarioId: room.scenarioId,
      seed: room.seed,
      joinCode: room.joinCode,
      ...(withStaffCode ? { staffCode: room.staffCode } : {}),
      settings: {
        viewers: room.settings.viewers,
        speed: room.settings.speed,
        ...(room.settings.startsAt ? { startsAt: room.settings.startsAt } : {}),
        ...(room.settings.operatorRunsStream ? { operatorRunsStream: true } : {}),
        ...(room.settings.exam ? { exam: true } : {}),
        ...(room.settings.endAfterSec ? { endAfterSec: room.settings.endAfterSec } : {}),
      },
      ...(room.classId ? { classId: room.classId } : {}),
      session: session
        ? { id: session.id, status: this.live.stateOf(session), ...(owner ? { owner } : {}) }
        : null,
    };
  }

  private requireInstructor(claims: TokenClaims): void {
    if (claims.role !== 'instructor') throw new ForbiddenException('only an instructor can do this');
  }
}

/** A room's audience seed when none is given. */
function drawSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

function scriptFixed(status: string): ConflictException {
  return new ConflictException(
    `the script is fixed once the session is live (this session is ${status}); it was logged at go-live`,
  );
}
