import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ScenarioEntity } from '../scenarios/scenario.entity';
import { UserEntity } from '../users/user.entity';

/** An instructor's class (教学班): trainees join with its code and practise its assigned scenario. */
@Entity('training_class')
export class ClassEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'instructor_id', type: 'uuid' })
  instructorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instructor_id' })
  instructor?: UserEntity;

  @Column({ name: 'scenario_id', type: 'varchar', length: 64 })
  scenarioId!: string;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: ScenarioEntity;

  @Index({ unique: true })
  @Column({ name: 'join_code', type: 'varchar', length: 16 })
  joinCode!: string;

  /** Viewers, speed, length, exam mode and its fixed seed. Read through the contracts' schema. */
  @Column({ type: 'jsonb' })
  settings!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A trainee's membership of a class. */
@Entity('class_member')
export class ClassMemberEntity {
  @PrimaryColumn({ name: 'class_id', type: 'uuid' })
  classId!: string;

  @ManyToOne(() => ClassEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  trainingClass?: ClassEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}
