import type { SessionReport } from '@livelab/contracts';
import { sessionReportSchema } from '@livelab/contracts';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { LiveSessionEntity } from './live-session.entity';
import { rowsOf } from '../database/query-rows';

export const recordingSegmentsSchema = z.array(
  z.object({
    /** 0 for the first recording; a resumed session continues in segment 1, 2… */
    segment: z.number().int().min(0),
    /** Where this segment starts on the session clock. */
    offsetMs: z.number().int(),
  }),
);
export type RecordingSegment = z.output<typeof recordingSegmentsSchema>[number];

/** A session row as the services use it: jsonb already parsed, the lease spelled out. */
export interface SessionRecord {
  id: string;
  roomId: string;
  status: 'pre' | 'live' | 'ended';
  seed: number;
  liveAt: Date | null;
  endedAt: Date | null;
  /** The stored report, or null when there is none or it does not match today's report (rebuild it). */
  report: SessionReport | null;
  recordingSegments: RecordingSegment[];
  /** The api node holding the lease, while one does. */
  owner: { node: string; leaseUntil: Date } | null;
  /** When its last owner let it go (a graceful shutdown), while nobody holds it. */
  leaseReleasedAt: Date | null;
  createdAt: Date;
}

export type LeaseClaim = { ok: true; token: number } | { ok: false; owner: string; leaseUntil: Date | null };

function toRecord(row: LiveSessionEntity): SessionRecord {
  const report = row.report === null ? null : sessionReportSchema.safeParse(row.report);
  const segments = recordingSegmentsSchema.safeParse(row.recordingSegments);
  if (!segments.success) throw new Error(`session ${row.id}: recording segments do not parse`);
  return {
    id: row.id,
    roomId: row.roomId,
    status: row.status,
    seed: row.seed,
    liveAt: row.liveAt,
    endedAt: row.endedAt,
    report: report?.success ? (report.data as SessionReport) : null,
    recordingSegments: segments.data,
    owner: row.ownerNode && row.leaseUntil ? { node: row.ownerNode, leaseUntil: row.leaseUntil } : null,
    leaseReleasedAt: row.ownerNode ? null : row.leaseUntil,
    createdAt: row.createdAt,
  };
}

/**
 * The only code that writes SQL against `live_session`: a room's broadcasts, their status and stored report,
 * recording segments, and ownership — which api node runs a session's room (its lease) and the fencing token
 * every append to the session's log must carry.
 */
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get rows() {
    return this.dataSource.getRepository(LiveSessionEntity);
  }

  async create(roomId: string, seed: number): Promise<SessionRecord> {
    return toRecord(await this.rows.save(this.rows.create({ roomId, seed, status: 'pre' })));
  }

  async find(id: string): Promise<SessionRecord | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** The room's latest session. */
  async current(roomId: string): Promise<SessionRecord | null> {
    const row = await this.rows.findOne({ where: { roomId }, order: { createdAt: 'DESC' } });
    return row ? toRecord(row) : null;
  }

  async markLive(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE live_session SET status = 'live', live_at = COALESCE(live_at, now()) WHERE id = $1`,
      [id],
    );
  }

  async markEnded(id: string, report: SessionReport): Promise<void> {
    await this.dataSource.query(
      `UPDATE live_session SET status = 'ended', ended_at = now(), report = $2, owner_node = NULL, lease_until = NULL
        WHERE id = $1`,
      [id, JSON.stringify(report)],
    );
  }

  /** Records where a recording segment starts on the session clock (replacing that segment's entry). */
  async setRecordingSegment(id: string, segment: RecordingSegment): Promise<void> {
    await this.dataSource.query(
      `UPDATE live_session SET recording_segments = (
         SELECT COALESCE(jsonb_agg(s ORDER BY (s->>'segment')::int), '[]'::jsonb)
           FROM (SELECT s FROM jsonb_array_elements(recording_segments) AS s WHERE (s->>'segment')::int <> $2
                 UNION ALL SELECT $3::jsonb) AS all_segments(s))
        WHERE id = $1`,
      [id, segment.segment, JSON.stringify(segment)],
    );
  }

  /**
   * Takes the session for `node` unless another node holds a lease on it that has not run out: the fencing
   * token goes up with every claim, so the previous owner's appends are refused from now on. The same node
   * claiming again (a restart on the same data) gets it at once; so does a node taking over from `deadNode`,
   * a node known to be gone whose lease has not run out yet.
   */
  async claim(id: string, node: string, ttlMs: number, deadNode?: string): Promise<LeaseClaim> {
    const claimed = (await this.dataSource.query(
      `UPDATE live_session
          SET owner_node = $2, owner_token = owner_token + 1, lease_until = now() + ($3 || ' milliseconds')::interval
        WHERE id = $1 AND (owner_node IS NULL OR owner_node = $2 OR owner_node = $4 OR lease_until IS NULL
                           OR lease_until < now())
        RETURNING owner_token`,
      [id, node, String(Math.round(ttlMs)), deadNode ?? null],
    )) as [Array<{ owner_token: number }>, number] | Array<{ owner_token: number }>;
    const rows = rowsOf(claimed);
    if (rows.length > 0) return { ok: true, token: Number(rows[0]!.owner_token) };
    const holder = await this.rows.findOneBy({ id });
    return { ok: false, owner: holder?.ownerNode ?? 'unknown', leaseUntil: holder?.leaseUntil ?? null };
  }

  /** Extends the lease while the token is still ours; false means another node took the session over. */
  async renew(id: string, token: number, ttlMs: number): Promise<boolean> {
    const renewed = await this.dataSource.query(
      `UPDATE live_session SET lease_until = now() + ($3 || ' milliseconds')::interval
        WHERE id = $1 AND owner_token = $2 RETURNING 1`,
      [id, token, String(Math.round(ttlMs))],
    );
    return rowsOf(renewed).length > 0;
  }

  /**
   * The sessions of these rooms, newest first, with the stored report's headline figures read in SQL (a
   * report is a few hundred kB: a class's history must not parse them all).
   */
  async summaries(roomIds: readonly string[]): Promise<SessionSummaryRecord[]> {
    if (roomIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT id, room_id, status, live_at, ended_at, created_at, owner_node, lease_until,
              report->>'score' AS score, report->'metrics'->>'gmv' AS gmv,
              report->'metrics'->>'orders' AS orders, report->>'durationSec' AS duration_sec
         FROM live_session WHERE room_id = ANY($1::uuid[]) ORDER BY created_at DESC`,
      [roomIds],
    )) as unknown[];
    return rows.map((raw) => {
      const row = summaryRowSchema.parse(raw);
      return {
        id: row.id,
        roomId: row.room_id,
        status: row.status,
        liveAt: row.live_at,
        endedAt: row.ended_at,
        createdAt: row.created_at,
        owner:
          row.owner_node && row.lease_until ? { node: row.owner_node, leaseUntil: row.lease_until } : null,
        score: row.score,
        gmv: row.gmv,
        orders: row.orders,
        durationSec: row.duration_sec,
      };
    });
  }

  /**
   * Gives the session up (it stays live in the database: interrupted, for someone to resume or end, or taken
   * over by another node at once). `lease_until` keeps when that happened.
   */
  async release(id: string, token: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE live_session SET owner_node = NULL, lease_until = now() WHERE id = $1 AND owner_token = $2`,
      [id, token],
    );
  }

  /**
   * Live sessions another node holds, or that nobody holds and whose lease lapsed within `windowMs` (the
   * candidates for a takeover once their owner is known to be gone).
   */
  async liveOwnedElsewhere(node: string, windowMs: number): Promise<SessionRecord[]> {
    const rows = (await this.rows
      .createQueryBuilder('s')
      .where(`s.status = 'live'`)
      .andWhere(`(s.owner_node IS NULL OR s.owner_node <> :node)`, { node })
      .andWhere(`s.lease_until > now() - (:window || ' milliseconds')::interval`, {
        window: String(Math.round(windowMs)),
      })
      .getMany()) as LiveSessionEntity[];
    return rows.map(toRecord);
  }
}

/** A session as history lists it: the row without its report, and the report's headline figures. */
export interface SessionSummaryRecord {
  id: string;
  roomId: string;
  status: 'pre' | 'live' | 'ended';
  liveAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  owner: SessionRecord['owner'];
  /** From the stored report (null while there is none). */
  score: number | null;
  gmv: number | null;
  orders: number | null;
  durationSec: number | null;
}

const figure = z.coerce.number().nullable().catch(null);
const summaryRowSchema = z.object({
  id: z.string(),
  room_id: z.string(),
  status: z.enum(['pre', 'live', 'ended']),
  live_at: z.coerce.date().nullable(),
  ended_at: z.coerce.date().nullable(),
  created_at: z.coerce.date(),
  owner_node: z.string().nullable(),
  lease_until: z.coerce.date().nullable(),
  score: figure,
  gmv: figure,
  orders: figure,
  duration_sec: figure,
});
