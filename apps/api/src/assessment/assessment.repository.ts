import type { Reflection, ReflectionGrade, ScoreOverride } from '@livelab/contracts';
import { reflectionSchema } from '@livelab/contracts';
import { DATA_EXERCISE_KEYS } from '@livelab/engagement';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { z } from 'zod';
import { CsPracticeEntity, ScoreOverrideEntity, SessionAssessmentEntity } from './assessment.entities';

const storedReflectionSchema = reflectionSchema.extend({ at: z.string() });
const storedGradeSchema = z.object({
  points: z.number(),
  max: z.number(),
  comment: z.string(),
  by: z.string(),
  at: z.string(),
});
const storedDataExerciseSchema = z.object({
  answers: z.record(z.string(), z.union([z.number(), z.string()])),
  result: z.object({
    score: z.number(),
    max: z.number(),
    items: z.array(
      z.object({
        key: z.enum(DATA_EXERCISE_KEYS),
        correct: z.boolean(),
        expected: z.union([z.number(), z.string()]),
        given: z.union([z.number(), z.string()]).nullable(),
        tolerance: z.number(),
      }),
    ),
  }),
  at: z.string(),
});
export type StoredDataExercise = z.output<typeof storedDataExerciseSchema>;

export interface AssessmentRecord {
  sessionId: string;
  dataExercise: StoredDataExercise | null;
  reflection: (Reflection & { at: string }) | null;
  reflectionGrade: ReflectionGrade | null;
}

export interface CsPracticeRecord {
  id: string;
  userId: string;
  scenarioId: string;
  kind: string;
  seed: number;
  state: unknown;
  result: unknown;
  createdAt: Date;
}

/** A stored jsonb value read through its schema: one that does not parse is an error, not a guess. */
function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T | null {
  if (value === null || value === undefined) return null;
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${what} does not parse (${result.error.issues[0]?.message})`);
  return result.data;
}

function toAssessment(row: SessionAssessmentEntity): AssessmentRecord {
  return {
    sessionId: row.sessionId,
    dataExercise: parsed(
      storedDataExerciseSchema,
      row.dataExercise,
      `session ${row.sessionId}: data exercise`,
    ),
    reflection: parsed(storedReflectionSchema, row.reflection, `session ${row.sessionId}: 复盘`),
    reflectionGrade: parsed(storedGradeSchema, row.reflectionGrade, `session ${row.sessionId}: 复盘 grade`),
  };
}

function toOverride(row: ScoreOverrideEntity): ScoreOverride & { sessionId: string } {
  return {
    id: row.id,
    sessionId: row.sessionId,
    item: row.item,
    computed: row.computed,
    before: row.before,
    after: row.after,
    max: row.max,
    comment: row.comment,
    by: row.byName,
    at: row.createdAt.toISOString(),
  };
}

/**
 * The only code that writes SQL against `score_override` (an append-only audit trail), `session_assessment`
 * (a trainee's data-exercise answers, written 复盘 and its grade) and `cs_practice` (customer-service
 * practice conversations).
 */
export class AssessmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ------------------------------------------------------------------ overrides

  async addOverride(
    override: Omit<ScoreOverride, 'id' | 'at'> & { sessionId: string; byUserId: string | null },
  ): Promise<ScoreOverride> {
    const rows = this.dataSource.getRepository(ScoreOverrideEntity);
    const saved = await rows.save(
      rows.create({
        sessionId: override.sessionId,
        item: override.item,
        computed: override.computed,
        before: override.before,
        after: override.after,
        max: override.max,
        comment: override.comment,
        byUserId: override.byUserId,
        byName: override.by,
      }),
    );
    return toOverride(saved);
  }

  /** Every override of these sessions, oldest first. */
  async overrides(sessionIds: readonly string[]): Promise<Array<ScoreOverride & { sessionId: string }>> {
    if (sessionIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(ScoreOverrideEntity)
      .find({ where: { sessionId: In([...sessionIds]) }, order: { createdAt: 'ASC' } });
    return rows.map(toOverride);
  }

  // ------------------------------------------------------------------ the trainee's side

  async find(sessionId: string): Promise<AssessmentRecord | null> {
    const row = await this.dataSource.getRepository(SessionAssessmentEntity).findOneBy({ sessionId });
    return row ? toAssessment(row) : null;
  }

  async findMany(sessionIds: readonly string[]): Promise<AssessmentRecord[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(SessionAssessmentEntity)
      .findBy({ sessionId: In([...sessionIds]) });
    return rows.map(toAssessment);
  }

  /** Sets one column of the session's assessment row (created on first write). */
  async set(
    sessionId: string,
    column: 'data_exercise' | 'reflection' | 'reflection_grade',
    value: unknown,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO session_assessment (session_id, ${column}, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (session_id) DO UPDATE SET ${column} = EXCLUDED.${column}, updated_at = now()`,
      [sessionId, JSON.stringify(value)],
    );
  }

  // ------------------------------------------------------------------ customer-service practice

  async createPractice(
    practice: Omit<CsPracticeRecord, 'id' | 'createdAt' | 'result'>,
  ): Promise<CsPracticeRecord> {
    const rows = this.dataSource.getRepository(CsPracticeEntity);
    return rows.save(rows.create({ ...practice, result: null }));
  }

  async findPractice(id: string): Promise<CsPracticeRecord | null> {
    return this.dataSource.getRepository(CsPracticeEntity).findOneBy({ id });
  }

  async updatePractice(id: string, state: unknown, result: unknown): Promise<void> {
    await this.dataSource.query('UPDATE cs_practice SET state = $2, result = $3 WHERE id = $1', [
      id,
      JSON.stringify(state),
      result === null ? null : JSON.stringify(result),
    ]);
  }

  /** A trainee's practice conversations, newest first. */
  async practicesOf(userId: string, limit = 50): Promise<CsPracticeRecord[]> {
    return this.dataSource
      .getRepository(CsPracticeEntity)
      .find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
