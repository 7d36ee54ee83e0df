import type { ClassSettings } from '@livelab/contracts';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { UserEntity } from '../users/user.entity';
import { ClassEntity, ClassMemberEntity } from './class.entity';

const classSettingsSchema = z.object({
  viewers: z.number().int().min(0),
  speed: z.number().min(1),
  durationMin: z.number().int().min(1),
  exam: z.boolean(),
  seed: z.number().int().optional(),
});

export interface ClassRecord {
  id: string;
  name: string;
  instructorId: string;
  scenarioId: string;
  joinCode: string;
  settings: ClassSettings;
  createdAt: Date;
}

export interface MemberRecord {
  userId: string;
  username: string;
  displayName: string;
  joinedAt: Date;
}

function toRecord(row: ClassEntity): ClassRecord {
  const settings = classSettingsSchema.safeParse(row.settings);
  if (!settings.success) throw new Error(`class ${row.id}: settings do not parse`);
  return {
    id: row.id,
    name: row.name,
    instructorId: row.instructorId,
    scenarioId: row.scenarioId,
    joinCode: row.joinCode,
    settings: settings.data,
    createdAt: row.createdAt,
  };
}

/** The only code that writes SQL against `training_class` and `class_member`. */
export class ClassesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(record: Omit<ClassRecord, 'id' | 'createdAt'>): Promise<ClassRecord> {
    const rows = this.dataSource.getRepository(ClassEntity);
    return toRecord(
      await rows.save(
        rows.create({ ...record, settings: { ...record.settings } as Record<string, unknown> }),
      ),
    );
  }

  async find(id: string): Promise<ClassRecord | null> {
    const row = await this.dataSource.getRepository(ClassEntity).findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  async findByCode(joinCode: string): Promise<ClassRecord | null> {
    const row = await this.dataSource.getRepository(ClassEntity).findOneBy({ joinCode });
    return row ? toRecord(row) : null;
  }

  async listByInstructor(instructorId: string): Promise<ClassRecord[]> {
    const rows = await this.dataSource
      .getRepository(ClassEntity)
      .find({ where: { instructorId }, order: { createdAt: 'DESC' } });
    return rows.map(toRecord);
  }

  async listByMember(userId: string): Promise<ClassRecord[]> {
    const rows = await this.dataSource
      .getRepository(ClassEntity)
      .createQueryBuilder('c')
      .innerJoin(ClassMemberEntity, 'm', 'm.class_id = c.id AND m.user_id = :userId', { userId })
      .orderBy('c.created_at', 'DESC')
      .getMany();
    return rows.map(toRecord);
  }

  /** Adds the trainee (again: nothing changes). */
  async addMember(classId: string, userId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO class_member (class_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [classId, userId],
    );
  }

  async isMember(classId: string, userId: string): Promise<boolean> {
    return this.dataSource.getRepository(ClassMemberEntity).existsBy({ classId, userId });
  }

  async members(classId: string): Promise<MemberRecord[]> {
    const rows = (await this.dataSource
      .getRepository(ClassMemberEntity)
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .select([
        'u.id AS user_id',
        'u.username AS username',
        'u.display_name AS display_name',
        'm.joined_at AS joined_at',
      ])
      .where('m.class_id = :classId', { classId })
      .orderBy('m.joined_at', 'ASC')
      .getRawMany()) as Array<{ user_id: string; username: string; display_name: string; joined_at: Date }>;
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      joinedAt: new Date(r.joined_at),
    }));
  }

  async memberCounts(classIds: readonly string[]): Promise<Map<string, number>> {
    if (classIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT class_id, count(*)::int AS n FROM class_member WHERE class_id = ANY($1::uuid[]) GROUP BY class_id',
      [classIds],
    )) as Array<{ class_id: string; n: number }>;
    return new Map(rows.map((r) => [r.class_id, Number(r.n)]));
  }
}
