import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { z } from 'zod';
import type { MediaJobStatus } from './media-job.entity';
import { MediaJobEntity } from './media-job.entity';

/** What a clip job renders: the recording segment and where in it, in seconds of video, and the text. */
export const clipParamsSchema = z.object({
  /** A session's recording, or a video the trainee uploaded (a generated name under `DATA_DIR/uploads`). */
  source: z.enum(['recording', 'upload']).default('recording'),
  uploadFile: z
    .string()
    .regex(/^[a-f0-9]{32}$/)
    .optional(),
  segment: z.number().int().min(0),
  startSec: z.number().min(0),
  durationSec: z.number().positive(),
  startMs: z.number().int(),
  endMs: z.number().int(),
  title: z.string(),
  caption: z.string(),
});
export type ClipParams = z.output<typeof clipParamsSchema>;

export const clipResultSchema = z.object({
  bytes: z.number(),
  width: z.number(),
  height: z.number(),
  durationSec: z.number(),
});
export type ClipResult = z.output<typeof clipResultSchema>;

export interface MediaJobRecord {
  id: string;
  /** The session cut from; null for an upload. */
  sessionId: string | null;
  createdBy: string;
  status: MediaJobStatus;
  progress: number;
  params: ClipParams;
  result: ClipResult | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
}

function toRecord(row: MediaJobEntity): MediaJobRecord {
  const params = clipParamsSchema.safeParse(row.params);
  if (!params.success) throw new Error(`media job ${row.id}: params do not parse`);
  const result = row.result === null ? null : clipResultSchema.parse(row.result);
  return {
    id: row.id,
    sessionId: row.sessionId,
    createdBy: row.createdBy,
    status: row.status,
    progress: row.progress,
    params: params.data,
    result,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.createdAt,
  };
}

/** `UPDATE … RETURNING` rows: the postgres driver answers `[rows, count]`, PGlite's the rows. */
function rowsOf<T>(result: [T[], number] | T[]): T[] {
  return Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/** The only code that writes SQL against `media_job`: the persisted queue of clip renders. */
export class MediaJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(MediaJobEntity);
  }

  async create(job: {
    sessionId: string | null;
    createdBy: string;
    params: ClipParams;
  }): Promise<MediaJobRecord> {
    return toRecord(
      await this.rows.save(
        this.rows.create({
          kind: 'clip',
          sessionId: job.sessionId,
          createdBy: job.createdBy,
          params: job.params,
        }),
      ),
    );
  }

  async find(id: string): Promise<MediaJobRecord | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** The uploads an account made (jobs without a session), newest first. */
  async listUploadsBy(createdBy: string): Promise<MediaJobRecord[]> {
    const rows = await this.rows.find({
      where: { createdBy, sessionId: IsNull() },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map(toRecord);
  }

  async listBySession(sessionId: string): Promise<MediaJobRecord[]> {
    const rows = await this.rows.find({ where: { sessionId }, order: { createdAt: 'DESC' }, take: 100 });
    return rows.map(toRecord);
  }

  /**
   * Takes the oldest queued job for this process (another node or a second call cannot take the same one:
   * the row is locked and skipped), counting the attempt.
   */
  async claimNext(): Promise<MediaJobRecord | null> {
    const claimed = (await this.dataSource.query(
      `UPDATE media_job SET status = 'running', attempts = attempts + 1, progress = 0, updated_at = now()
        WHERE id = (SELECT id FROM media_job WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const [row] = rowsOf(claimed);
    return row ? this.find(row.id) : null;
  }

  /** Jobs a stopped or crashed process left running go back to the queue (they start again from the start). */
  async requeueRunning(): Promise<number> {
    const requeued = (await this.dataSource.query(
      `UPDATE media_job SET status = 'queued', progress = 0, updated_at = now() WHERE status = 'running' RETURNING id`,
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    return rowsOf(requeued).length;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE media_job SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, progress],
    );
  }

  async finish(id: string, result: ClipResult): Promise<void> {
    await this.dataSource.query(
      `UPDATE media_job SET status = 'done', progress = 1, result = $2, error = NULL, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(result)],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE media_job SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`,
      [id, error.slice(0, 500)],
    );
  }
}
