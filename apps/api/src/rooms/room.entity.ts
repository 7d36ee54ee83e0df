import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ClassEntity } from '../classes/class.entity';
import { ScenarioEntity } from '../scenarios/scenario.entity';
import { UserEntity } from '../users/user.entity';

/** A live room created from a scenario; trainees and viewers join it with its join code. */
@Entity('room')
export class RoomEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ name: 'scenario_id', type: 'varchar', length: 64 })
  scenarioId!: string;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: ScenarioEntity;

  @Index({ unique: true })
  @Column({ name: 'join_code', type: 'varchar', length: 16 })
  joinCode!: string;

  /** Hosts and operators (场控) join with this code; only the room's instructor sees it. */
  @Index({ unique: true })
  @Column({ name: 'staff_code', type: 'varchar', length: 16 })
  staffCode!: string;

  @Column({ type: 'integer' })
  seed!: number;

  @Column({ type: 'jsonb' })
  settings!: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by' })
  creator?: UserEntity | null;

  /** The class this room belongs to: a trainee's practice room for the class's assignment. */
  @Index()
  @Column({ name: 'class_id', type: 'uuid', nullable: true })
  classId!: string | null;

  @ManyToOne(() => ClassEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: ClassEntity | null;

  /** The trainee account that hosts this room (their own practice room); they act in it as its host. */
  @Index()
  @Column({ name: 'trainee_id', type: 'uuid', nullable: true })
  traineeId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'trainee_id' })
  trainee?: UserEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
