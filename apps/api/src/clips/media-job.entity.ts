import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type MediaJobStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * A background media job (a clip render): persisted, so a job survives an api restart — one left `running` by
 * a dead process is queued again at boot and runs to completion once.
 */
@Entity('media_job')
@Index(['status', 'createdAt'])
export class MediaJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'clip';

  @Index()
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: MediaJobStatus;

  /** 0–1, as ffmpeg reports it. */
  @Column({ type: 'real', default: 0 })
  progress!: number;

  /** What to render (read through zod). */
  @Column({ type: 'jsonb' })
  params!: unknown;

  /** The rendered file's facts once done (size, duration, probe). */
  @Column({ type: 'jsonb', nullable: true })
  result!: unknown;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  /** Once published to the simulated feed: the 分镜脚本, its features and the feed's figures. */
  @Column({ type: 'jsonb', nullable: true })
  published!: unknown;

  /** Likes and comments from phones in the feed (appended atomically), read through zod. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  reactions!: unknown;

  /** Renders started (a restart after a crash starts another). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
