import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import type {
  Reflection,
  ReflectionGrade,
  ScoreOverride,
  SessionAssessment,
  SessionHistoryRow,
  SessionReport,
} from '@livelab/contracts';
import { REFLECTION_POINTS_MAX } from '@livelab/contracts';
import type { DataExerciseAnswers, DataExerciseGrade, ExerciseQuestion } from '@livelab/engagement';
import { buildDataExercise, gradeDataExercise } from '@livelab/engagement';
import type { TokenClaims } from '../auth/tokens';
import type { RoomRecord } from '../rooms/rooms.repository';
import { LiveRoomsService } from '../rooms/live-rooms.service';
import { SessionsRepository } from '../rooms/sessions.repository';
import type { ReviewAccess } from '../review/review.service';
import { ReviewService } from '../review/review.service';
import { AssessmentRepository } from './assessment.repository';
import { currentOverrides, finalScore, overridableItem } from './final-score';

/**
 * What people add to a session's computed score: the instructor's overrides (an audit trail; the total
 * changes, the computed points stay visible), the trainee's written 复盘 and its grade, and the history rows
 * every list of sessions shows (room, class, trainee).
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly reviews: ReviewService,
    private readonly sessions: SessionsRepository,
    private readonly live: LiveRoomsService,
  ) {}

  /** Who may read this session's assessment: as for its review (staff, the trainee, a share link). */
  access(claims: TokenClaims, sessionId: string): Promise<ReviewAccess> {
    return this.reviews.access(claims, sessionId);
  }

  async assessment(claims: TokenClaims, access: ReviewAccess): Promise<SessionAssessment> {
    const report = await this.report(access);
    const [trail, stored] = await Promise.all([
      this.assessments.overrides([access.session.id]),
      this.assessments.find(access.session.id),
    ]);
    const overrides = trail.map(({ sessionId: _sessionId, ...entry }) => entry);
    return {
      computedScore: report.score,
      finalScore: finalScore(report.score, overrides),
      overrides,
      current: currentOverrides(overrides),
      reflection: stored?.reflection ?? null,
      reflectionGrade: stored?.reflectionGrade ?? null,
      canGrade: this.canGrade(claims, access),
      canAnswer: this.canAnswer(claims, access),
    };
  }

  /** The room's instructor overrides one rubric item of an ended session, saying why. */
  async override(
    claims: TokenClaims,
    access: ReviewAccess,
    request: { item: string; points: number; comment: string },
  ): Promise<SessionAssessment> {
    if (!this.canGrade(claims, access))
      throw new ForbiddenException("only the room's instructor can override a score");
    this.requireEnded(access);
    const report = await this.report(access);
    let item;
    try {
      item = overridableItem(report.scoreBreakdown, request.item);
    } catch (error) {
      throw new BadRequestException((error as Error).message);
    }
    if (request.points > item.max)
      throw new BadRequestException(`"${item.key}" is worth at most ${item.max} points`);
    const trail = await this.assessments.overrides([access.session.id]);
    const previous = [...trail].reverse().find((entry) => entry.item === item.key);
    await this.assessments.addOverride({
      sessionId: access.session.id,
      item: item.key,
      computed: item.points,
      before: previous ? previous.after : item.points,
      after: request.points,
      max: item.max,
      comment: request.comment,
      by: claims.name,
      byUserId: claims.role === 'instructor' ? claims.sub : null,
    });
    return this.assessment(claims, access);
  }

  /** The trainee (or the room's host/operator) writes the 复盘: targets vs actual, three problems, three measures. */
  async reflect(
    claims: TokenClaims,
    access: ReviewAccess,
    reflection: Reflection,
  ): Promise<SessionAssessment> {
    if (!this.canAnswer(claims, access))
      throw new ForbiddenException('the 复盘 is written by the room staff');
    this.requireEnded(access);
    const stored = await this.assessments.find(access.session.id);
    if (stored?.reflectionGrade)
      throw new ConflictException('the 复盘 has been graded; it can no longer change');
    await this.assessments.set(access.session.id, 'reflection', {
      ...reflection,
      at: new Date().toISOString(),
    });
    return this.assessment(claims, access);
  }

  async gradeReflection(
    claims: TokenClaims,
    access: ReviewAccess,
    grade: { points: number; comment: string },
  ): Promise<SessionAssessment> {
    if (!this.canGrade(claims, access))
      throw new ForbiddenException("only the room's instructor can grade the 复盘");
    const stored = await this.assessments.find(access.session.id);
    if (!stored?.reflection) throw new ConflictException('there is no 复盘 to grade yet');
    const value: ReflectionGrade = {
      points: grade.points,
      max: REFLECTION_POINTS_MAX,
      comment: grade.comment,
      by: claims.name,
      at: new Date().toISOString(),
    };
    await this.assessments.set(access.session.id, 'reflection_grade', value);
    return this.assessment(claims, access);
  }

  /**
   * The data exercise of a session (questions from its own report, without the answers) and, once answered,
   * the graded answers with the expected values.
   */
  async exercise(access: ReviewAccess): Promise<{
    questions: ExerciseQuestion[];
    answered: { answers: DataExerciseAnswers; result: DataExerciseGrade; at: string } | null;
  }> {
    this.requireEnded(access);
    const report = await this.report(access);
    const stored = await this.assessments.find(access.session.id);
    return {
      questions: buildDataExercise(report).questions,
      answered: stored?.dataExercise ?? null,
    };
  }

  /** Grades the trainee's answers against the session's own figures; one attempt (the expected values show after). */
  async answerExercise(
    claims: TokenClaims,
    access: ReviewAccess,
    answers: DataExerciseAnswers,
  ): Promise<{
    questions: ExerciseQuestion[];
    answered: { answers: DataExerciseAnswers; result: DataExerciseGrade; at: string };
  }> {
    if (!this.canAnswer(claims, access))
      throw new ForbiddenException('the data exercise is answered by the room staff');
    this.requireEnded(access);
    const stored = await this.assessments.find(access.session.id);
    if (stored?.dataExercise)
      throw new ConflictException('the data exercise has been answered; its grade stands');
    const report = await this.report(access);
    const answered = { answers, result: gradeDataExercise(report, answers), at: new Date().toISOString() };
    await this.assessments.set(access.session.id, 'data_exercise', answered);
    return { questions: buildDataExercise(report).questions, answered };
  }

  /**
   * Every session of these rooms as history shows it, newest first: the computed and the final score, the
   * data exercise and the 复盘 grade. `trainees` names the practice rooms' trainees.
   */
  async history(
    rooms: readonly RoomRecord[],
    trainees: ReadonlyMap<string, string>,
  ): Promise<SessionHistoryRow[]> {
    const byId = new Map(rooms.map((room) => [room.id, room]));
    const sessions = await this.sessions.summaries([...byId.keys()]);
    const ids = sessions.map((session) => session.id);
    const [trail, stored] = await Promise.all([
      this.assessments.overrides(ids),
      this.assessments.findMany(ids),
    ]);
    const assessmentOf = new Map(stored.map((entry) => [entry.sessionId, entry]));
    return sessions.map((session) => {
      const room = byId.get(session.roomId)!;
      const overrides = trail.filter((entry) => entry.sessionId === session.id);
      const assessment = assessmentOf.get(session.id);
      const traineeName = room.traineeId ? trainees.get(room.traineeId) : undefined;
      return {
        sessionId: session.id,
        roomId: room.id,
        roomName: room.name,
        ...(room.traineeId && traineeName ? { trainee: { id: room.traineeId, name: traineeName } } : {}),
        status: this.live.stateOf(session),
        liveAt: session.liveAt?.toISOString() ?? null,
        endedAt: session.endedAt?.toISOString() ?? null,
        durationSec: session.durationSec,
        score: session.score,
        finalScore: session.score === null ? null : finalScore(session.score, overrides),
        gmv: session.gmv,
        orders: session.orders,
        dataScore: assessment?.dataExercise
          ? { score: assessment.dataExercise.result.score, max: assessment.dataExercise.result.max }
          : null,
        reflectionGrade: assessment?.reflectionGrade
          ? { points: assessment.reflectionGrade.points, max: assessment.reflectionGrade.max }
          : null,
      };
    });
  }

  /** Every override of these sessions (the grade book's audit column). */
  overridesOf(sessionIds: readonly string[]): Promise<Array<ScoreOverride & { sessionId: string }>> {
    return this.assessments.overrides(sessionIds);
  }

  async report(access: ReviewAccess): Promise<SessionReport> {
    return (await this.reviews.parts(access)).parts.report;
  }

  canGrade(claims: TokenClaims, access: ReviewAccess): boolean {
    return access.staff && claims.role === 'instructor';
  }

  canAnswer(claims: TokenClaims, access: ReviewAccess): boolean {
    return access.staff && claims.role !== 'instructor';
  }

  private requireEnded(access: ReviewAccess): void {
    if (access.session.status !== 'ended')
      throw new ConflictException('the session has not ended: its score is not final yet');
  }
}
