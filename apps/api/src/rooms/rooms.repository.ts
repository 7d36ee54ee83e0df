import { liveScriptSchema } from '@livelab/contracts';
import type { Shelf } from '@livelab/session';
import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { z } from 'zod';
import { LiveSessionEntity } from './live-session.entity';
import { ProductEntity } from './product.entity';
import { RoomEntity } from './room.entity';

export const roomSettingsSchema = z.object({
  /** Simulated viewers at go-live (0: the scenario's own traffic). */
  viewers: z.number().int().min(0).default(0),
  /** Session seconds per wall second. */
  speed: z.number().min(1).default(1),
  /** Planned start (ISO 8601), shown to phones before go-live. */
  startsAt: z.string().optional(),
  /** The live script (直播脚本). */
  script: liveScriptSchema.optional(),
  /** Operators (场控) may run the stream too: test, go live, end, publish. */
  operatorRunsStream: z.boolean().optional(),
  /** An exam room ends itself at this session second; its settings cannot be changed. */
  endAfterSec: z.number().int().positive().optional(),
  exam: z.boolean().optional(),
});
export type RoomSettings = z.output<typeof roomSettingsSchema>;

const productDetailsSchema = z.object({ nameEn: z.string(), leadOnly: z.boolean().default(false) });

export interface RoomRecord {
  id: string;
  name: string;
  scenarioId: string;
  joinCode: string;
  staffCode: string;
  seed: number;
  settings: RoomSettings;
  createdBy: string | null;
  /** A trainee's practice room in a class: the class and the trainee (who hosts it with their account). */
  classId: string | null;
  traineeId: string | null;
  createdAt: Date;
}

function toRecord(row: RoomEntity): RoomRecord {
  const settings = roomSettingsSchema.safeParse(row.settings);
  if (!settings.success)
    throw new Error(`room ${row.id}: settings do not parse (${settings.error.issues[0]?.message})`);
  return {
    id: row.id,
    name: row.name,
    scenarioId: row.scenarioId,
    joinCode: row.joinCode,
    staffCode: row.staffCode,
    seed: row.seed,
    settings: settings.data,
    createdBy: row.createdBy,
    classId: row.classId,
    traineeId: row.traineeId,
    createdAt: row.createdAt,
  };
}

/** The only code that writes SQL against `room` and `product`: rooms, their codes and settings, their shelves. */
export class RoomsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A room with its shelves and its first (pre-stream) session, in one transaction. */
  async create(
    room: Omit<RoomRecord, 'id' | 'createdAt'>,
    shelves: ReadonlyArray<Shelf & { nameEn: string }>,
  ): Promise<RoomRecord> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(RoomEntity, { ...room, settings: { ...room.settings } as Record<string, unknown> }),
      );
      await manager.save(
        shelves.map((shelf) =>
          manager.create(ProductEntity, {
            roomId: saved.id,
            sku: shelf.id,
            name: shelf.name,
            priceCents: shelf.priceCents,
            listPriceCents: shelf.listPriceCents,
            stock: shelf.stock,
            details: { nameEn: shelf.nameEn, leadOnly: shelf.leadOnly },
          }),
        ),
      );
      await manager.save(
        manager.create(LiveSessionEntity, { roomId: saved.id, seed: room.seed, status: 'pre' }),
      );
      return toRecord(saved);
    });
  }

  async find(id: string): Promise<RoomRecord | null> {
    const row = await this.dataSource.getRepository(RoomEntity).findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** The room a join code or a staff code opens, and which of the two it was. */
  async findByCode(code: string): Promise<{ room: RoomRecord; staff: boolean } | null> {
    const rooms = this.dataSource.getRepository(RoomEntity);
    const asViewer = await rooms.findOneBy({ joinCode: code });
    if (asViewer) return { room: toRecord(asViewer), staff: false };
    const asStaff = await rooms.findOneBy({ staffCode: code });
    return asStaff ? { room: toRecord(asStaff), staff: true } : null;
  }

  /** The instructor's own rooms (not the practice rooms of their classes' trainees). */
  async listByCreator(userId: string): Promise<RoomRecord[]> {
    const rows = await this.dataSource
      .getRepository(RoomEntity)
      .find({ where: { createdBy: userId, classId: IsNull() }, order: { createdAt: 'DESC' } });
    return rows.map(toRecord);
  }

  /** The practice rooms of a class, oldest first (the order trainees started in). */
  async listByClass(classId: string): Promise<RoomRecord[]> {
    const rows = await this.dataSource
      .getRepository(RoomEntity)
      .find({ where: { classId }, order: { createdAt: 'ASC' } });
    return rows.map(toRecord);
  }

  /** A trainee's practice rooms, newest first. */
  async listByTrainee(traineeId: string): Promise<RoomRecord[]> {
    const rows = await this.dataSource
      .getRepository(RoomEntity)
      .find({ where: { traineeId }, order: { createdAt: 'DESC' } });
    return rows.map(toRecord);
  }

  async updateSettings(id: string, settings: RoomSettings): Promise<void> {
    await this.dataSource.query('UPDATE room SET settings = $2 WHERE id = $1', [
      id,
      JSON.stringify(settings),
    ]);
  }

  /** The room's shelves, by catalogue id (not the bag's order: that is the catalogue's, see RoomsService). */
  async shelves(roomId: string): Promise<Shelf[]> {
    const rows = await this.dataSource
      .getRepository(ProductEntity)
      .find({ where: { roomId }, order: { sku: 'ASC' } });
    return rows.map((row) => ({
      id: row.sku,
      name: row.name,
      priceCents: row.priceCents,
      listPriceCents: row.listPriceCents,
      stock: row.stock,
      leadOnly: productDetailsSchema.parse(row.details).leadOnly,
    }));
  }
}
