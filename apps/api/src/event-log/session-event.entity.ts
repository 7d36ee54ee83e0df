import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LiveSessionEntity } from '../rooms/live-session.entity';

/**
 * The append-only session event log. Never updated, never deleted except with its session.
 * Only the primary key is indexed: every reader scans one session in `seq` order, and each extra index
 * costs about a third of the write throughput on PGlite (measured by the event-log benchmark).
 */
@Entity('session_event')
export class SessionEventEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @ManyToOne(() => LiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: LiveSessionEntity;

  /** Milliseconds since go-live on the session clock (negative before it). */
  @Column({ name: 't_ms', type: 'integer' })
  tMs!: number;

  @Column({ type: 'varchar', length: 48 })
  type!: string;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;
}
