import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { z } from 'zod';
import type { MediaJobStatus } from './media-job.entity';
import { MediaJobEntity } from './media-job.entity';
import { rowsOf } from '../database/query-rows';

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

const numbers = z.array(z.number());
/** A published video as stored (the contracts' `PublishedVideo`). */
export const publishedSchema = z.object({
  scenarioId: z.string(),
  roomId: z.string().optional(),
  postedAtMs: z.number(),
  referrals: z.number().optional(),
  postedAtHour: z.number(),
  seed: z.number(),
  at: z.string(),
  script: z.object({
    title: z.string(),
    hookLine: z.string(),
    sellingPoint: z.string(),
    callToAction: z.string(),
    productId: z.string().optional(),
    durationSec: z.number(),
    shots: z.array(z.object({ durationSec: z.number(), visual: z.string(), caption: z.string().optional() })),
  }),
  features: z.object({
    durationSec: z.number(),
    hook: z.number(),
    caption: z.number(),
    cover: z.number(),
    relevance: z.number(),
  }),
  metrics: z.object({
    plays: z.number(),
    completionRate: z.number(),
    retention5s: z.number(),
    avgWatchSec: z.number(),
    avgWatchFraction: z.number(),
    likeRate: z.number(),
    commentRate: z.number(),
    shareRate: z.number(),
    follows: z.number(),
    retentionCurve: numbers,
    tiers: z.array(
      z.object({
        tier: z.number(),
        plays: z.number(),
        completionRate: z.number(),
        retention5s: z.number(),
        interactionRate: z.number(),
        promoted: z.boolean(),
      }),
    ),
    comments: z.array(z.object({ tSec: z.number(), text: z.string() })),
  }),
});
export type PublishedRecord = z.output<typeof publishedSchema>;

export const reactionsSchema = z.array(
  z.object({
    actor: z.string(),
    name: z.string(),
    kind: z.enum(['like', 'comment']),
    text: z.string().optional(),
    at: z.string(),
  }),
);
export type Reaction = z.output<typeof reactionsSchema>[number];

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
  published: PublishedRecord | null;
  reactions: Reaction[];
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
    published: row.published === null ? null : publishedSchema.parse(row.published),
    reactions: reactionsSchema.parse(row.reactions ?? []),
    createdAt: row.createdAt,
  };
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

  /** The videos published with a link to a room, oldest first. */
  async publishedForRoom(roomId: string): Promise<MediaJobRecord[]> {
    const rows = await this.rows
      .createQueryBuilder('j')
      .where(`j.published->>'roomId' = :roomId`, { roomId })
      .orderBy('j.created_at', 'ASC')
      .getMany();
    return rows.map(toRecord);
  }

  /** The videos published with a link to any of these rooms, newest first. */
  async publishedForRooms(roomIds: readonly string[]): Promise<MediaJobRecord[]> {
    if (roomIds.length === 0) return [];
    const rows = await this.rows
      .createQueryBuilder('j')
      .where(`j.published->>'roomId' IN (:...roomIds)`, { roomIds })
      .orderBy('j.created_at', 'DESC')
      .take(100)
      .getMany();
    return rows.map(toRecord);
  }

  /** Appends a like (once per actor) or a comment, atomically. */
  async react(id: string, reaction: Reaction): Promise<void> {
    const one = JSON.stringify([reaction]);
    if (reaction.kind === 'like')
      await this.dataSource.query(
        `UPDATE media_job SET reactions = reactions || $2::jsonb
          WHERE id = $1 AND NOT (reactions @> $3::jsonb)`,
        [id, one, JSON.stringify([{ actor: reaction.actor, kind: 'like' }])],
      );
    else
      await this.dataSource.query(`UPDATE media_job SET reactions = reactions || $2::jsonb WHERE id = $1`, [
        id,
        one,
      ]);
  }

  /** Every room some published video links to. */
  async roomsWithPublished(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT published->>'roomId' AS room_id FROM media_job WHERE published->>'roomId' IS NOT NULL`,
    )) as Array<{ room_id: string }>;
    return rows.map((row) => row.room_id);
  }

  /** Adds viewers a published video sent into a live room. */
  async addReferrals(id: string, count: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE media_job SET published = jsonb_set(published, '{referrals}',
              to_jsonb(COALESCE((published->>'referrals')::int, 0) + $2::int))
        WHERE id = $1 AND published IS NOT NULL`,
      [id, count],
    );
  }

  async publish(id: string, published: PublishedRecord): Promise<void> {
    await this.dataSource.query(`UPDATE media_job SET published = $2, updated_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(published),
    ]);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE media_job SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`,
      [id, error.slice(0, 500)],
    );
  }
}
