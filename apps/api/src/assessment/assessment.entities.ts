import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { LiveSessionEntity } from '../rooms/live-session.entity';
import { UserEntity } from '../users/user.entity';

/**
 * One instructor override of one rubric item (the audit trail: rows are never updated or deleted; an item's
 * latest row is its current value).
 */
@Entity('score_override')
@Index(['sessionId', 'createdAt'])
export class ScoreOverrideEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => LiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSessionEntity;

  @Column({ type: 'varchar', length: 32 })
  item!: string;

  @Column({ type: 'real' })
  computed!: number;

  @Column({ type: 'real' })
  before!: number;

  @Column({ type: 'real' })
  after!: number;

  @Column({ type: 'real' })
  max!: number;

  @Column({ type: 'varchar', length: 500 })
  comment!: string;

  @Column({ name: 'by_user_id', type: 'uuid', nullable: true })
  byUserId!: string | null;

  @Column({ name: 'by_name', type: 'varchar', length: 64 })
  byName!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** The trainee's side of a session's assessment: data-exercise answers, the written 复盘 and its grade. */
@Entity('session_assessment')
export class SessionAssessmentEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => LiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSessionEntity;

  /** `{ answers, result, at }`, read through zod. */
  @Column({ name: 'data_exercise', type: 'jsonb', nullable: true })
  dataExercise!: unknown;

  /** The 复盘 as written (`reflectionSchema`) with when. */
  @Column({ type: 'jsonb', nullable: true })
  reflection!: unknown;

  /** The instructor's grade of the 复盘. */
  @Column({ name: 'reflection_grade', type: 'jsonb', nullable: true })
  reflectionGrade!: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One customer-service practice conversation (客服练习) of a trainee, graded when it ends. */
@Entity('cs_practice')
@Index(['userId', 'createdAt'])
export class CsPracticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'scenario_id', type: 'varchar', length: 64 })
  scenarioId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'integer' })
  seed!: number;

  /** The conversation so far (the engine's state), read through zod. */
  @Column({ type: 'jsonb' })
  state!: unknown;

  /** The grade once the conversation is over. */
  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
