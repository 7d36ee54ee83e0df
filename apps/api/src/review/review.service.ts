import { statSync } from 'node:fs';
import type {
  ReviewComment,
  ReviewRecordingSegment,
  SessionEvent,
  SessionReport,
  SessionReview,
  WhatIfDiff,
  WhatIfEdit,
  WhatIfResult,
} from '@livelab/contracts';
import type { ReviewBucket, ReviewParts } from '@livelab/engagement';
import {
  buildReview,
  replayableLive,
  REVIEW_TIMELINE_TYPES,
  reviewFromAggregates,
  reviewStepSec,
} from '@livelab/engagement';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { TokenClaims } from '../auth/tokens';
import { TokenSigner } from '../auth/tokens';
import { EventLogRepository } from '../event-log/event-log.repository';
import { parseEventPage } from '../event-log/event-page';
import { MediaService } from '../media/media.service';
import type { RoomRecord } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import type { SessionRecord } from '../rooms/sessions.repository';
import { SessionsRepository } from '../rooms/sessions.repository';
import { ScenariosService } from '../scenarios/scenarios.service';
import { ReportWorkers } from '../workers/report-workers';

/** A share link's token: read-only access to one session's review, for 30 days. */
const SHARE_TTL_SEC = 30 * 24 * 3600;
const shareSubject = (sessionId: string): string => `review:${sessionId}`;

export interface ReviewAccess {
  session: SessionRecord;
  room: RoomRecord;
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
/** Reviews kept built (a finished one is a few hundred kB). */
const REVIEWS_KEPT = 20;

type PartsResult = { parts: ReviewParts; ended: boolean };

/**
 * The post-stream review: the report and timeline from the log (the one report implementation), the
 * recording, what-if re-runs, and read-only share links. Staff of the room (its instructor, host or
 * operator) or a share-link token may read it.
 */
@Injectable()
export class ReviewService {
  private readonly cache = new LRUCache<string, CachedReview>({ max: REVIEWS_KEPT });
  /** Whether the unedited re-run reproduced a session, at the log length it was checked at. */
  private readonly reproduced = new LRUCache<string, { events: number; reproduced: boolean }>({
    max: REPRODUCED_KEPT,
  });
  /** The one rebuild under way per session: everyone opening the review meanwhile waits for it. */
  private readonly rebuilding = new Map<string, Promise<PartsResult>>();

  constructor(
    private readonly events: EventLogRepository,
    private readonly sessions: SessionsRepository,
    private readonly scenarios: ScenariosService,
    private readonly signer: TokenSigner,
    private readonly media: MediaService,
    private readonly rooms: RoomsService,
    private readonly workers: ReportWorkers,
  ) {}

  /** Who may read this session's review: staff of its room, or the holder of its share link. */
  async access(claims: TokenClaims, sessionId: string): Promise<ReviewAccess> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundException('no such session');
    if (claims.sub === shareSubject(sessionId) && claims.roomId === undefined) {
      const room = await this.rooms.roomOf(session);
      return { session, room, staff: false };
    }
    if (claims.role === 'viewer')
      throw new ForbiddenException('the review is for the room staff and share links');
    return { session, room: await this.rooms.authorize(claims, session.roomId), staff: true };
  }

  /** The session behind a signed file link (access was checked when the link was made). */
  async accessByLink(sessionId: string): Promise<ReviewAccess> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new NotFoundException('no such session');
    return { session, room: await this.rooms.roomOf(session), staff: false };
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
    const segments: ReviewRecordingSegment[] = [];
    for (const { segment, offsetMs } of session.recordingSegments) {
      const bytes = fileSize(this.media.recordingPath(session.id, segment));
      if (bytes > 0) segments.push({ segment, offsetMs, bytes });
    }
    return {
      sessionId: session.id,
      roomName: room.name,
      status: ended ? 'ended' : session.status,
      generatedAt: new Date().toISOString(),
      ...parts,
      recording:
        segments.length > 0
          ? {
              offsetMs: segments[0]!.offsetMs,
              speed: room.settings.speed,
              bytes: segments[0]!.bytes,
              segments,
            }
          : null,
      replayable: await this.replayable(session.id),
    };
  }

  /** Comments and replies between two session times, for the comment stream beside the video. */
  async comments(access: ReviewAccess, fromMs: number, toMs: number): Promise<ReviewComment[]> {
    return (await this.events.comments(access.session.id, fromMs, toMs)).map((event) => {
      if (event.type === 'comment') {
        const p = event.payload;
        return {
          seq: event.seq,
          tMs: event.tMs,
          actor: event.actor,
          ...(p.name !== undefined ? { name: p.name } : {}),
          text: p.text,
          kind: p.kind,
          ...(p.topic !== undefined ? { topic: p.topic } : {}),
          commentId: p.commentId,
          human: event.actor.startsWith('user:'),
        };
      }
      const p = (event as SessionEvent & { type: 'comment.reply' }).payload;
      return {
        seq: event.seq,
        tMs: event.tMs,
        actor: event.actor,
        text: p.text,
        kind: 'reply',
        ...(p.topic !== undefined ? { topic: p.topic } : {}),
        replyTo: p.replyTo,
        human: event.actor.startsWith('user:'),
      };
    });
  }

  /** The whole log, in `seq` order. */
  async allEvents(sessionId: string): Promise<SessionEvent[]> {
    return this.events.all(sessionId);
  }

  /** The log page by page, read only when the consumer asks for the next page (streamed exports). */
  async *eventPageStream(sessionId: string): AsyncGenerator<SessionEvent[]> {
    for await (const page of this.events.pageTexts(sessionId)) yield parseEventPage(page);
  }

  /**
   * The same audience re-run with edited host actions, beside the session as it happened (in a worker
   * thread: the live rooms keep their clocks). Whether the unedited re-run reproduces the log is checked once
   * per session and reported with every answer. Staff only (a share link is read-only).
   */
  async whatIf(access: ReviewAccess, edits: readonly WhatIfEdit[]): Promise<WhatIfResult> {
    if (!access.staff)
      throw new ForbiddenException('a share link is read-only: what-if re-runs are for the room staff');
    const sessionId = access.session.id;
    if (!(await this.replayable(sessionId)))
      throw new ConflictException('this session cannot be re-run: its go-live did not log the room it ran');
    const scenario = await this.scenarios.get(access.room.scenarioId);
    const lastSeq = (await this.events.last(sessionId))?.seq ?? 0;
    const known = this.reproduced.get(sessionId);
    const check = known?.events !== lastSeq;
    const outcome = await this.workers.whatIf(sessionId, scenario, edits, check);
    const reproduced = outcome.reproduced ?? known?.reproduced ?? false;
    this.reproduced.set(sessionId, { events: outcome.events, reproduced });
    return {
      edits: [...edits],
      original: outcome.original,
      whatIf: outcome.whatIf,
      diff: diffReports(outcome.original, outcome.whatIf),
      reproduced,
    };
  }

  /** Whether the session's go-live logged what a re-run needs (the room it ran: size and shelves). */
  private async replayable(sessionId: string): Promise<boolean> {
    const [live] = await this.events.ofTypes(sessionId, ['session.live']);
    return live !== undefined && replayableLive([live]) !== null;
  }

  recordingPath(sessionId: string, segment = 0): string {
    return this.media.recordingPath(sessionId, segment);
  }

  /**
   * The report and timeline. A finished session with its stored report is read through database
   * aggregates (a few scans, no log in memory: a 3-hour log is ~700k events); anything else — a live or
   * interrupted session, or a report stored in an older shape — is rebuilt from the whole log by the same code.
   * `fromLog` forces the latter.
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
    const last = await this.events.last(sessionId);
    const lastSeq = last?.seq ?? 0;
    const ended = last?.type === 'session.ended';
    const cached = this.cache.get(sessionId);
    const fromLog = options.fromLog === true || options.known !== undefined;
    if (cached && !fromLog) {
      if (cached.lastSeq === lastSeq) return { parts: cached.parts, ended };
      if (!ended && Date.now() - cached.builtAt < LIVE_SNAPSHOT_MS) return { parts: cached.parts, ended };
    }
    const scenario = await this.scenarios.get(access.room.scenarioId);
    // A report that does not parse as today's report (an older shape) is null: rebuilt from the log.
    const stored = access.session.report;
    const parts =
      ended && stored && last && !fromLog
        ? reviewFromAggregates(scenario, stored, {
            lastMs: last.tMs,
            timeline: await this.events.ofTypes(sessionId, REVIEW_TIMELINE_TYPES),
            ...(await this.curveCounts(sessionId, reviewStepSec(last.tMs) * 1000)),
          })
        : options.known
          ? buildReview(scenario, options.known)
          : await this.workers.review(sessionId, scenario);
    this.cache.set(sessionId, { lastSeq, parts, builtAt: Date.now() });
    return { parts, ended };
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
    const fine = await this.events.buckets(sessionId, spanMs);
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
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The figures compared side by side in a what-if. */
const DIFF_KEYS: ReadonlyArray<[string, (r: SessionReport) => number | null]> = [
  ...(
    [
      'uv',
      'pv',
      'peakOnline',
      'avgWatchSec',
      'bounceRate',
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
