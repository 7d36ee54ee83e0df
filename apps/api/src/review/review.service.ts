import { statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type {
  ReviewComment,
  SessionEvent,
  SessionReport,
  SessionReview,
  WhatIfDiff,
  WhatIfEdit,
  WhatIfResult,
} from '@livelab/contracts';
import type { ReviewBucket, ReviewParts, Scenario } from '@livelab/engagement';
import {
  buildReport,
  buildReview,
  parseScenario,
  REVIEW_TIMELINE_TYPES,
  reviewFromAggregates,
  reviewStepSec,
} from '@livelab/engagement';
import {
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { TokenClaims } from '../auth/tokens';
import { TokenSigner } from '../auth/tokens';
import { OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { EventLogWriter } from '../event-log/event-log.writer';
import { MediaService } from '../media/media.service';
import { LiveSessionEntity } from '../rooms/live-session.entity';
import { ProductEntity } from '../rooms/product.entity';
import { RoomEntity } from '../rooms/room.entity';
import { RoomsService } from '../rooms/rooms.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { replaySession, setupFromLog } from './session-replay';

/** A share link's token: read-only access to one session's review, for 30 days. */
const SHARE_TTL_SEC = 30 * 24 * 3600;
const shareSubject = (sessionId: string): string => `review:${sessionId}`;
/** Log events per read, one JSON document each. */
const READ_PAGE = 50_000;

export interface ReviewAccess {
  session: LiveSessionEntity;
  room: RoomEntity;
  /** Staff of the room (may create share links); false for a share-link holder. */
  staff: boolean;
}

interface CachedReview {
  lastSeq: number;
  parts: ReviewParts;
  /** Wall-clock ms when built: a live session's snapshot is reused for `LIVE_SNAPSHOT_MS`. */
  builtAt: number;
}

/**
 * A live session's review is rebuilt from its whole log (seconds for hours of a big room, on the database the
 * live room writes to): at most once per this long, however many people look.
 */
const LIVE_SNAPSHOT_MS = 60_000;

/** Sessions whose "does the unedited re-run reproduce the log" answer is remembered. */
const REPRODUCED_KEPT = 50;

/**
 * What-if re-runs replay a whole log on the thread the live rooms run on: one at a time, this many more
 * waiting; beyond that the staff is asked to try again rather than queueing minutes of work.
 */
const WHAT_IF_WAITING_MAX = 8;

type PartsResult = { parts: ReviewParts; ended: boolean };

/**
 * The post-stream review: the report and timeline from the log (the one report implementation), the
 * recording, what-if re-runs, and read-only share links. Staff of the room (its instructor, host or
 * operator) or a share-link token may read it.
 */
@Injectable()
export class ReviewService {
  private readonly dataSource: DataSource;
  private readonly cache = new Map<string, CachedReview>();
  /** Whether the unedited re-run reproduced a session, at the log length it was checked at; most recent last. */
  private readonly reproduced = new Map<string, { events: number; reproduced: boolean }>();
  /** The one rebuild under way per session: everyone opening the review meanwhile waits for it. */
  private readonly rebuilding = new Map<string, Promise<PartsResult>>();
  /** The last what-if queued: the next one starts when it settles. */
  private whatIfTail: Promise<unknown> = Promise.resolve();
  private whatIfsWaiting = 0;

  constructor(
    @Inject(OPENED_DATABASE) database: OpenedDatabase,
    private readonly writer: EventLogWriter,
    private readonly scenarios: ScenariosService,
    private readonly signer: TokenSigner,
    private readonly media: MediaService,
    private readonly rooms: RoomsService,
  ) {
    this.dataSource = database.dataSource;
  }

  /** Who may read this session's review: staff of its room, or the holder of its share link. */
  async access(claims: TokenClaims, sessionId: string): Promise<ReviewAccess> {
    const session = await this.dataSource.getRepository(LiveSessionEntity).findOneBy({ id: sessionId });
    if (!session) throw new NotFoundException('no such session');
    if (claims.sub === shareSubject(sessionId) && claims.roomId === undefined) {
      const room = await this.dataSource.getRepository(RoomEntity).findOneByOrFail({ id: session.roomId });
      return { session, room, staff: false };
    }
    if (claims.role === 'viewer')
      throw new ForbiddenException('the review is for the room staff and share links');
    return { session, room: await this.rooms.authorize(claims, session.roomId), staff: true };
  }

  /** A read-only link for the instructor (or anyone the staff trusts): an HMAC-signed token, no table. */
  share(access: ReviewAccess): { token: string; path: string; expiresInSec: number } {
    if (!access.staff) throw new ForbiddenException('only the room staff can share the review');
    const token = this.signer.sign(
      { sub: shareSubject(access.session.id), name: 'review', role: 'viewer' },
      SHARE_TTL_SEC,
    );
    return {
      token,
      path: `/?review=${access.session.id}&share=${encodeURIComponent(token)}`,
      expiresInSec: SHARE_TTL_SEC,
    };
  }

  async review(access: ReviewAccess): Promise<SessionReview> {
    const { session, room } = access;
    const { parts, ended } = await this.parts(access);
    const live = (await this.writer.read(session.id, 0, 50)).find((e) => e.type === 'session.live') as
      (SessionEvent & { type: 'session.live' }) | undefined;
    const recordingPath = this.media.recordingPath(session.id);
    let bytes = 0;
    try {
      bytes = statSync(recordingPath).size;
    } catch {
      bytes = 0;
    }
    return {
      sessionId: session.id,
      roomName: room.name,
      status: ended ? 'ended' : session.status,
      generatedAt: new Date().toISOString(),
      ...parts,
      recording:
        bytes > 0
          ? {
              offsetMs: session.recordingOffsetMs ?? 0,
              speed: (room.settings as { speed?: number }).speed ?? 1,
              bytes,
            }
          : null,
      replayable: Boolean(live?.payload.shelves),
    };
  }

  /** Comments and replies between two session times, for the comment stream beside the video. */
  async comments(access: ReviewAccess, fromMs: number, toMs: number): Promise<ReviewComment[]> {
    const rows: Array<{
      seq: number;
      t_ms: number;
      type: string;
      actor: string;
      payload: Record<string, unknown>;
    }> = await this.dataSource.query(
      `SELECT seq, t_ms, type, actor, payload FROM session_event
          WHERE session_id = $1 AND type IN ('comment', 'comment.reply') AND t_ms >= $2 AND t_ms <= $3
          ORDER BY seq LIMIT 400`,
      [access.session.id, Math.max(0, Math.floor(fromMs)), Math.floor(toMs)],
    );
    return rows.map((row) => {
      const p = row.payload;
      const text = typeof p['text'] === 'string' ? p['text'] : '';
      return {
        seq: Number(row.seq),
        tMs: Number(row.t_ms),
        actor: row.actor,
        ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}),
        text,
        kind: row.type === 'comment' ? String(p['kind'] ?? 'chat') : 'reply',
        ...(typeof p['topic'] === 'string' ? { topic: p['topic'] } : {}),
        ...(typeof p['replyTo'] === 'string' ? { replyTo: p['replyTo'] } : {}),
        ...(typeof p['commentId'] === 'string' ? { commentId: p['commentId'] } : {}),
        human: row.actor.startsWith('user:'),
      };
    });
  }

  /** The whole log, in `seq` order. */
  async events(sessionId: string): Promise<SessionEvent[]> {
    const events: SessionEvent[] = [];
    await this.eventPages(sessionId, (page) => {
      for (const event of page) events.push(event);
    });
    return events;
  }

  /**
   * The log in pages of `seq` ranges, each handed over by the database as one JSON document: on the
   * embedded PGlite, turning rows into objects one by one costs ~20× more than parsing one document.
   */
  async eventPages(sessionId: string, each: (page: SessionEvent[]) => void): Promise<void> {
    for await (const page of this.eventPageStream(sessionId)) each(page);
  }

  /** The log page by page, read only when the consumer asks for the next page (streamed exports). */
  async *eventPageStream(sessionId: string): AsyncGenerator<SessionEvent[]> {
    for (let after = 0; ; after += READ_PAGE) {
      const [row] = (await this.dataSource.query(
        `SELECT json_agg(json_build_array(seq, t_ms, type, actor, payload) ORDER BY seq)::text AS page
           FROM session_event WHERE session_id = $1 AND seq > $2 AND seq <= $3`,
        [sessionId, after, after + READ_PAGE],
      )) as Array<{ page: string | null }>;
      if (!row?.page) return;
      const rows = JSON.parse(row.page) as Array<[number, number | string, string, string, unknown]>;
      yield rows.map(
        ([seq, tMs, type, actor, payload]) =>
          ({ seq: Number(seq), tMs: Number(tMs), type, actor, payload }) as SessionEvent,
      );
      // `seq` has no gaps: a page that is not full is the last.
      if (rows.length < READ_PAGE) return;
    }
  }

  /**
   * The same audience re-run with edited host actions, beside the session as it happened. Whether the
   * unedited re-run reproduces the log is checked once per session and reported with every answer.
   * Staff only (a share link is read-only), and one re-run at a time so the live rooms keep their thread.
   */
  async whatIf(access: ReviewAccess, edits: readonly WhatIfEdit[]): Promise<WhatIfResult> {
    if (!access.staff)
      throw new ForbiddenException('a share link is read-only: what-if re-runs are for the room staff');
    if (this.whatIfsWaiting >= WHAT_IF_WAITING_MAX)
      throw new ServiceUnavailableException('other what-if re-runs are under way: try again in a minute');
    this.whatIfsWaiting++;
    const run = this.whatIfTail.then(() => {
      this.whatIfsWaiting--;
      return this.computeWhatIf(access, edits);
    });
    this.whatIfTail = run.catch(() => undefined);
    return run;
  }

  private async computeWhatIf(access: ReviewAccess, edits: readonly WhatIfEdit[]): Promise<WhatIfResult> {
    const sessionId = access.session.id;
    const events = await this.events(sessionId);
    const scenario = await this.scenarioOf(access.room.scenarioId);
    const { setup } = setupFromLog(scenario, events, await this.fallbackSetup(access.room));
    const original = buildReport(scenario, events);
    const known = this.reproduced.get(sessionId);
    let reproduced = known?.events === events.length ? known.reproduced : undefined;
    let unedited: SessionReport | undefined;
    if (reproduced === undefined) {
      await yieldToLiveRooms();
      unedited = buildReport(scenario, replaySession(setup, events));
      reproduced = sameFigures(unedited, original);
    }
    this.reproduced.delete(sessionId);
    this.reproduced.set(sessionId, { events: events.length, reproduced });
    while (this.reproduced.size > REPRODUCED_KEPT)
      this.reproduced.delete(this.reproduced.keys().next().value!);
    if (!(edits.length === 0 && unedited)) await yieldToLiveRooms();
    const whatIf =
      edits.length === 0 && unedited ? unedited : buildReport(scenario, replaySession(setup, events, edits));
    return { edits: [...edits], original, whatIf, diff: diffReports(original, whatIf), reproduced };
  }

  recordingPath(sessionId: string): string {
    return this.media.recordingPath(sessionId);
  }

  /**
   * The report and timeline. A finished session with its stored report is read through database
   * aggregates (a few scans, no log in memory: a 3-hour log is ~700k events); anything else — a live or
   * interrupted session — is rebuilt from the whole log by the same code. `fromLog` forces the latter.
   */
  async parts(
    access: ReviewAccess,
    options: { known?: SessionEvent[]; fromLog?: boolean } = {},
  ): Promise<PartsResult> {
    if (options.fromLog === true || options.known !== undefined) return this.buildParts(access, options);
    const sessionId = access.session.id;
    const running = this.rebuilding.get(sessionId);
    if (running) return running;
    const build = this.buildParts(access, options).finally(() => this.rebuilding.delete(sessionId));
    this.rebuilding.set(sessionId, build);
    return build;
  }

  private async buildParts(
    access: ReviewAccess,
    options: { known?: SessionEvent[]; fromLog?: boolean },
  ): Promise<PartsResult> {
    const sessionId = access.session.id;
    const [last] = (await this.dataSource.query(
      'SELECT seq, t_ms, type FROM session_event WHERE session_id = $1 ORDER BY seq DESC LIMIT 1',
      [sessionId],
    )) as Array<{ seq: number; t_ms: number; type: string }>;
    const lastSeq = Number(last?.seq ?? 0);
    const ended = last?.type === 'session.ended';
    const cached = this.cache.get(sessionId);
    const fromLog = options.fromLog === true || options.known !== undefined;
    if (cached && !fromLog) {
      if (cached.lastSeq === lastSeq) return { parts: cached.parts, ended };
      if (!ended && Date.now() - cached.builtAt < LIVE_SNAPSHOT_MS) return { parts: cached.parts, ended };
    }
    const scenario = await this.scenarioOf(access.room.scenarioId);
    // A report stored before the report grew its handling table is rebuilt from the log instead.
    const stored = access.session.report as SessionReport | null;
    const current = Array.isArray(stored?.comments?.handling);
    const parts =
      ended && stored && current && !fromLog
        ? reviewFromAggregates(scenario, stored, {
            lastMs: Number(last!.t_ms),
            timeline: await this.timelineEvents(sessionId),
            ...(await this.curveCounts(sessionId, reviewStepSec(Number(last!.t_ms)) * 1000)),
          })
        : buildReview(scenario, options.known ?? (await this.events(sessionId)));
    this.cache.set(sessionId, { lastSeq, parts, builtAt: Date.now() });
    while (this.cache.size > 20) this.cache.delete(this.cache.keys().next().value!);
    return { parts, ended };
  }

  private async timelineEvents(sessionId: string): Promise<SessionEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, t_ms, type, actor, payload FROM session_event
        WHERE session_id = $1 AND type = ANY($2) ORDER BY seq`,
      [sessionId, REVIEW_TIMELINE_TYPES],
    )) as Array<{ seq: number; t_ms: number; type: string; actor: string; payload: unknown }>;
    return rows.map(
      (row) =>
        ({
          seq: Number(row.seq),
          tMs: Number(row.t_ms),
          type: row.type,
          actor: row.actor,
          payload: row.payload,
        }) as SessionEvent,
    );
  }

  /**
   * Entries, exits and paid orders per curve sample and per minute, from one scan: the database counts
   * per span that divides both, and the spans are summed up here.
   */
  private async curveCounts(
    sessionId: string,
    stepMs: number,
  ): Promise<{ perSample: ReviewBucket[]; perMinute: ReviewBucket[] }> {
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    const spanMs = gcd(stepMs, 60_000);
    const fine = await this.buckets(sessionId, spanMs);
    const regroup = (toMs: number): ReviewBucket[] => {
      const out = new Map<number, ReviewBucket>();
      for (const b of fine) {
        const index = Math.floor((b.index * spanMs) / toMs);
        const into = out.get(index) ?? { index, entries: 0, exits: 0, paidOrders: 0, paidCents: 0 };
        into.entries += b.entries;
        into.exits += b.exits;
        into.paidOrders += b.paidOrders;
        into.paidCents += b.paidCents;
        out.set(index, into);
      }
      return [...out.values()];
    };
    return { perSample: regroup(stepMs), perMinute: regroup(60_000) };
  }

  /** Entries, exits and paid orders per span of session time, counted by the database. */
  private async buckets(sessionId: string, spanMs: number): Promise<ReviewBucket[]> {
    const rows = (await this.dataSource.query(
      `SELECT t_ms / $2 AS i,
              count(*) FILTER (WHERE type = 'viewer.enter') AS entries,
              count(*) FILTER (WHERE type = 'viewer.leave') AS exits,
              count(*) FILTER (WHERE type = 'order.paid') AS paid_orders,
              coalesce(sum(round((payload->>'amount')::numeric * 100)) FILTER (WHERE type = 'order.paid'), 0) AS paid_cents
         FROM session_event
        WHERE session_id = $1 AND type IN ('viewer.enter', 'viewer.leave', 'order.paid')
        GROUP BY 1`,
      [sessionId, Math.max(1, Math.round(spanMs))],
    )) as Array<{ i: number; entries: number; exits: number; paid_orders: number; paid_cents: number }>;
    return rows.map((row) => ({
      index: Number(row.i),
      entries: Number(row.entries),
      exits: Number(row.exits),
      paidOrders: Number(row.paid_orders),
      paidCents: Number(row.paid_cents),
    }));
  }

  private async scenarioOf(id: string): Promise<Scenario> {
    const parsed = parseScenario(await this.scenarios.get(id));
    if (!parsed.ok) throw new NotFoundException(`scenario ${id} cannot be read: ${parsed.error}`);
    return parsed.scenario;
  }

  /** For sessions logged before go-live carried the room size and shelves: the room as it is now. */
  private async fallbackSetup(room: RoomEntity) {
    const rows = await this.dataSource.getRepository(ProductEntity).find({ where: { roomId: room.id } });
    const settings = room.settings as { viewers?: number };
    return {
      seed: room.seed,
      viewers: settings.viewers || undefined,
      shelves: rows.map((row) => ({
        id: row.sku,
        name: row.name,
        priceCents: row.priceCents,
        listPriceCents: row.listPriceCents,
        stock: row.stock,
        leadOnly: Boolean(row.details['leadOnly']),
      })),
    };
  }
}

/** Lets the live rooms' timers and sockets run between two long synchronous replays. */
const yieldToLiveRooms = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The figures compared side by side in a what-if. */
const DIFF_KEYS: ReadonlyArray<[string, (r: SessionReport) => number | null]> = [
  ...(
    [
      'uv',
      'pv',
      'peakOnline',
      'avgWatchSec',
      'interactionRate',
      'followRate',
      'productExposure',
      'productClicks',
      'productCtr',
      'ctor',
      'conversion',
      'orders',
      'buyers',
      'gmv',
      'gpm',
      'uvValue',
      'aov',
      'leads',
      'refunds',
    ] as const
  ).map((key): [string, (r: SessionReport) => number] => [key, (r) => r.metrics[key]]),
  ['answeredRate', (r) => r.comments.answeredRate],
  ['medianResponseSec', (r) => r.comments.medianResponseSec],
  ['p90ResponseSec', (r) => r.comments.p90ResponseSec],
  ['violations', (r) => r.violations.length],
  ['score', (r) => r.score],
];

export function diffReports(original: SessionReport, whatIf: SessionReport): WhatIfDiff[] {
  return DIFF_KEYS.map(([key, read]) => {
    const a = read(original) ?? 0;
    const b = read(whatIf) ?? 0;
    return { key, original: a, whatIf: b, delta: Math.round((b - a) * 1e4) / 1e4 };
  });
}

/** Deep equality: a report read back from jsonb has its keys in another order. */
function sameFigures(a: SessionReport, b: SessionReport): boolean {
  return isDeepStrictEqual(a, b);
}
