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

  /** Where the recording starts on the session clock, so replay and event log line up. */
  @Column({ name: 'recording_offset_ms', type: 'integer', nullable: true })
  recordingOffsetMs!: number | null;

  /** The post-stream report, cached; always recomputable from the event log. */
  @Column({ type: 'jsonb', nullable: true })
  report!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
