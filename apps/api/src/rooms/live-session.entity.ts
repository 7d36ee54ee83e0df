import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RoomEntity } from './room.entity';

export type LiveSessionStatus = 'pre' | 'live' | 'ended';

/** One broadcast of a room: its clock starts at go-live; its events live in `session_event`. */
@Entity('live_session')
@Index(['roomId', 'createdAt'])
export class LiveSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @ManyToOne(() => RoomEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id' })
  room?: RoomEntity;

  @Column({ type: 'varchar', length: 16, default: 'pre' })
  status!: LiveSessionStatus;

  @Column({ type: 'integer' })
  seed!: number;

  @Column({ name: 'live_at', type: 'timestamptz', nullable: true })
  liveAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /**
   * The recording's segments in play order (a resumed session continues in a new one), each with where it
   * starts on the session clock so replay and event log line up. Read through `recordingSegmentsSchema`.
   */
  @Column({ name: 'recording_segments', type: 'jsonb', default: () => "'[]'" })
  recordingSegments!: unknown;

  /** The api node whose room runtime owns this session (the one writer of its log), while it runs. */
  @Column({ name: 'owner_node', type: 'varchar', length: 64, nullable: true })
  ownerNode!: string | null;

  /** Fencing token: raised by every takeover; the log accepts appends only with the current one. */
  @Column({ name: 'owner_token', type: 'integer', default: 0 })
  ownerToken!: number;

  /** The owner's lease: renewed while its runtime lives; past it, another node may take the session over. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** The post-stream report, cached; always recomputable from the event log. Read through its zod schema. */
  @Column({ type: 'jsonb', nullable: true })
  report!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
