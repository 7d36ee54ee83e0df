import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  ClassDetail,
  ClassSummary,
  ClassWallRoom,
  CreateClassRequest,
  LeaderboardRow,
  RoomSummary,
  SessionHistoryRow,
} from '@livelab/contracts';
import { AssessmentService } from '../assessment/assessment.service';
import type { TokenClaims } from '../auth/tokens';
import { newCode } from '../rooms/codes';
import { LiveRoomsService } from '../rooms/live-rooms.service';
import { RoomRouter } from '../rooms/room-router';
import type { RoomRecord } from '../rooms/rooms.repository';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { SessionsRepository } from '../rooms/sessions.repository';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { ClassRecord, MemberRecord } from './classes.repository';
import { ClassesRepository } from './classes.repository';
import { gradeBookCsv } from './grade-book';

type ClassAccess = { record: ClassRecord; instructor: boolean };

/**
 * An instructor's classes: trainees join with the class code and practise the assigned scenario in a room of
 * their own (an exam fixes its audience, length and settings); the class wall, the leaderboard, the trainees'
 * history and the grade book.
 */
@Injectable()
export class ClassesService {
  constructor(
    private readonly classes: ClassesRepository,
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly sessions: SessionsRepository,
    private readonly live: LiveRoomsService,
    private readonly router: RoomRouter,
    private readonly scenarios: ScenariosService,
    private readonly assessment: AssessmentService,
  ) {}

  async create(claims: TokenClaims, request: Required<Omit<CreateClassRequest, 'seed'>> & { seed?: number }) {
    if (claims.role !== 'instructor') throw new ForbiddenException('only an instructor can create a class');
    this.roomsService.checkRoomSize(request);
    const scenario = await this.scenarios.get(request.scenarioId);
    const record = await this.classes.create({
      name: request.name,
      instructorId: claims.sub,
      scenarioId: scenario.id,
      joinCode: newCode(6),
      settings: {
        viewers: request.viewers,
        speed: request.speed,
        durationMin: request.durationMin,
        exam: request.exam,
        // An exam's trainees all face the same audience.
        ...(request.exam ? { seed: request.seed ?? Math.floor(Math.random() * 2 ** 31) } : {}),
      },
    });
    return this.summary(record, claims.name, 0);
  }

  async list(claims: TokenClaims): Promise<ClassSummary[]> {
    const records =
      claims.role === 'instructor'
        ? await this.classes.listByInstructor(claims.sub)
        : claims.role === 'trainee'
          ? await this.classes.listByMember(claims.sub)
          : [];
    const counts = await this.classes.memberCounts(records.map((record) => record.id));
    return Promise.all(records.map((record) => this.summary(record, undefined, counts.get(record.id) ?? 0)));
  }

  async join(claims: TokenClaims, code: string): Promise<ClassSummary> {
    if (claims.role !== 'trainee')
      throw new ForbiddenException('sign in with a trainee account to join a class');
    const record = await this.classes.findByCode(code.trim().toUpperCase());
    if (!record) throw new NotFoundException('no class with that code');
    await this.classes.addMember(record.id, claims.sub);
    const counts = await this.classes.memberCounts([record.id]);
    return this.summary(record, undefined, counts.get(record.id) ?? 0);
  }

  /** The class with its wall: every trainee's room (a trainee sees only their own) and, for the instructor, members. */
  async detail(claims: TokenClaims, classId: string): Promise<ClassDetail> {
    const { record, instructor } = await this.access(claims, classId);
    const members = await this.classes.members(classId);
    const names = new Map(members.map((member) => [member.userId, member.displayName]));
    const rooms = (await this.rooms.listByClass(classId)).filter(
      (room) => instructor || room.traineeId === claims.sub,
    );
    return {
      ...(await this.summary(record, undefined, members.length)),
      rooms: await this.wall(rooms, names),
      membersList: instructor
        ? members.map((member) => ({
            id: member.userId,
            username: member.username,
            displayName: member.displayName,
            joinedAt: member.joinedAt.toISOString(),
          }))
        : [],
    };
  }

  /**
   * The trainee's practice room for this class: their existing one (a new session once the last has ended),
   * or a new room from the assignment. An exam is taken once.
   */
  async practice(claims: TokenClaims, classId: string): Promise<RoomSummary> {
    if (claims.role !== 'trainee')
      throw new ForbiddenException('only a trainee of the class practises in it');
    const { record } = await this.access(claims, classId);
    const own = (await this.rooms.listByClass(classId)).find((room) => room.traineeId === claims.sub);
    if (own) {
      const current = await this.sessions.current(own.id);
      if (current?.status === 'ended') {
        if (record.settings.exam)
          throw new ConflictException('this exam has been taken; its review stays open');
        await this.roomsService.newSession(claims, own.id);
      }
      return this.roomsService.getRoom(claims, own.id);
    }
    const room = await this.roomsService.createPracticeRoom({
      name: `${record.name} · ${claims.name}`,
      scenarioId: record.scenarioId,
      instructorId: record.instructorId,
      classId: record.id,
      traineeId: claims.sub,
      viewers: record.settings.viewers,
      speed: record.settings.speed,
      durationMin: record.settings.durationMin,
      exam: record.settings.exam,
      ...(record.settings.seed !== undefined ? { seed: record.settings.seed } : {}),
    });
    return this.roomsService.getRoom(claims, room.id);
  }

  /** Every session of the class (a trainee: their own), newest first. */
  async history(claims: TokenClaims, classId: string): Promise<SessionHistoryRow[]> {
    const { instructor } = await this.access(claims, classId);
    const { rooms, names } = await this.classRooms(classId);
    return this.assessment.history(
      rooms.filter((room) => instructor || room.traineeId === claims.sub),
      names,
    );
  }

  /** Trainees by their best final score in the class; those without an ended session last. */
  async leaderboard(claims: TokenClaims, classId: string): Promise<LeaderboardRow[]> {
    await this.access(claims, classId);
    const { rooms, names, members } = await this.classRooms(classId);
    return leaderboardOf(members, await this.assessment.history(rooms, names));
  }

  async gradeBook(claims: TokenClaims, classId: string): Promise<{ filename: string; csv: string }> {
    const { record, instructor } = await this.access(claims, classId);
    if (!instructor) throw new ForbiddenException("the grade book is the class instructor's");
    const { rooms, names, members } = await this.classRooms(classId);
    const history = await this.assessment.history(rooms, names);
    const overrides = await this.assessment.overridesOf(history.map((row) => row.sessionId));
    return {
      filename: `gradebook-${record.joinCode}.csv`,
      csv: gradeBookCsv(members, history, leaderboardOf(members, history), overrides),
    };
  }

  /** A trainee's own history across classes (and the rooms they host). */
  async myHistory(claims: TokenClaims): Promise<SessionHistoryRow[]> {
    if (claims.role !== 'trainee')
      throw new ForbiddenException('only a trainee account has a practice history');
    const rooms = await this.rooms.listByTrainee(claims.sub);
    return this.assessment.history(rooms, new Map([[claims.sub, claims.name]]));
  }

  /** Every session of one room, newest first (its staff, its trainee, its instructor). */
  async roomHistory(claims: TokenClaims, roomId: string): Promise<SessionHistoryRow[]> {
    const room = await this.roomsService.authorize(claims, roomId);
    const names = room.classId
      ? new Map(
          (await this.classes.members(room.classId)).map((member) => [member.userId, member.displayName]),
        )
      : new Map<string, string>();
    return this.assessment.history([room], names);
  }

  // ------------------------------------------------------------------ internals

  private async access(claims: TokenClaims, classId: string): Promise<ClassAccess> {
    const record = await this.classes.find(classId);
    if (!record) throw new NotFoundException('no such class');
    if (claims.role === 'instructor' && record.instructorId === claims.sub)
      return { record, instructor: true };
    if (claims.role === 'trainee' && (await this.classes.isMember(classId, claims.sub)))
      return { record, instructor: false };
    throw new ForbiddenException('this account is not in that class');
  }

  private async classRooms(classId: string) {
    const [rooms, members] = await Promise.all([
      this.rooms.listByClass(classId),
      this.classes.members(classId),
    ]);
    const names = new Map(members.map((member) => [member.userId, member.displayName]));
    return { rooms, members, names };
  }

  private async summary(
    record: ClassRecord,
    instructorName: string | undefined,
    members: number,
  ): Promise<ClassSummary> {
    const scenario = await this.scenarios.get(record.scenarioId);
    return {
      id: record.id,
      name: record.name,
      scenarioId: record.scenarioId,
      scenarioName: scenario.name,
      joinCode: record.joinCode,
      instructor: instructorName ?? '',
      settings: record.settings,
      members,
      createdAt: record.createdAt.toISOString(),
    };
  }

  /** One tile of the class wall: the room's current session with its live figures (or its final ones). */
  /** The wall's tiles, with the final scores of the rooms' sessions read once for them all. */
  private async wall(
    rooms: readonly RoomRecord[],
    names: ReadonlyMap<string, string>,
  ): Promise<ClassWallRoom[]> {
    const history = await this.assessment.history(rooms, names);
    const finalScores = new Map(history.map((row) => [row.sessionId, row.finalScore]));
    return Promise.all(rooms.map((room) => this.wallRoom(room, names, finalScores)));
  }

  private async wallRoom(
    room: RoomRecord,
    names: ReadonlyMap<string, string>,
    finalScores: ReadonlyMap<string, number | null>,
  ): Promise<ClassWallRoom> {
    const trainee = { id: room.traineeId ?? '', name: names.get(room.traineeId ?? '') ?? room.name };
    const session = await this.sessions.current(room.id);
    if (!session) return { roomId: room.id, roomName: room.name, trainee, session: null };
    const status = this.live.stateOf(session);
    const base = { id: session.id, status, publishing: false, alerts: [] as string[] };
    // A running room's live figures come from its runtime, here or on the node that runs it.
    const running =
      status === 'live' ? await this.router.ifRunning(session, 'wall', {}).catch(() => undefined) : undefined;
    if (running) {
      const { figures } = running;
      const alerts = [...new Set(figures.alerts.map((alert) => alert.kind))];
      return {
        roomId: room.id,
        roomName: room.name,
        trainee,
        session: {
          ...base,
          elapsedSec: Math.floor(figures.tMs / 1000),
          publishing: running.publishing,
          online: figures.online,
          uv: figures.metrics.uv,
          gmv: figures.metrics.gmv,
          orders: figures.metrics.orders,
          unanswered: figures.openQuestions,
          score: null,
          alerts,
        },
      };
    }
    const report = session.report;
    return {
      roomId: room.id,
      roomName: room.name,
      trainee,
      session: {
        ...base,
        elapsedSec: report?.durationSec ?? 0,
        online: 0,
        uv: report?.metrics.uv ?? 0,
        gmv: report?.metrics.gmv ?? 0,
        orders: report?.metrics.orders ?? 0,
        unanswered: 0,
        score: finalScores.get(session.id) ?? null,
        alerts: [
          ...(status === 'interrupted' ? ['interrupted'] : []),
          ...((report?.violations.length ?? 0) > 0 ? ['violations'] : []),
          ...((report?.penalties.length ?? 0) > 0 ? ['penalty'] : []),
        ],
      },
    };
  }
}

/** The leaderboard from the class's history: best final score first; trainees without a score last. */
export function leaderboardOf(
  members: readonly MemberRecord[],
  history: readonly SessionHistoryRow[],
): LeaderboardRow[] {
  const rows = members.map((member) => {
    const scored = history.filter(
      (row) => row.trainee?.id === member.userId && row.status === 'ended' && row.finalScore !== null,
    );
    const best = scored.reduce<SessionHistoryRow | undefined>(
      (top, row) => (!top || row.finalScore! > top.finalScore! ? row : top),
      undefined,
    );
    return {
      rank: 0,
      trainee: { id: member.userId, name: member.displayName },
      best: best?.finalScore ?? null,
      latest: scored[0]?.finalScore ?? null,
      sessions: scored.length,
      gmv: best?.gmv ?? null,
    };
  });
  rows.sort((a, b) => (b.best ?? -1) - (a.best ?? -1) || a.trainee.name.localeCompare(b.trainee.name));
  rows.forEach((row, i) => {
    row.rank = row.best === null ? 0 : i + 1;
  });
  return rows;
}
