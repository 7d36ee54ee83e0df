/**
 * The review service against a real (embedded) database: what a live session's many viewers of the review
 * and the what-if button cost the api that runs the live rooms.
 */
import 'reflect-metadata';
import { apparelScenario, competentActions, runSession } from '@livelab/engagement';
import { ForbiddenException } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventLogRepository } from '../event-log/event-log.repository';
import { EventLogWriter } from '../event-log/event-log.writer';
import type { RoomRecord } from '../rooms/rooms.repository';
import type { RoomsService } from '../rooms/rooms.service';
import type { SessionRecord } from '../rooms/sessions.repository';
import type { ScenariosService } from '../scenarios/scenarios.service';
import { ReportWorkers } from '../workers/report-workers';
import { seedSession } from '../testing/seed-session';
import type { TestDatabase } from '../testing/test-databases';
import { testDatabaseTargets } from '../testing/test-databases';
import type { ReviewAccess } from './review.service';
import { ReviewService } from './review.service';

describe('review service', () => {
  let db: TestDatabase;
  let service: ReviewService;
  let workers: ReportWorkers;
  let access: ReviewAccess;
  /** Whole-log reads (the expensive part of a rebuild and of a what-if). */
  let logReads = 0;

  beforeAll(async () => {
    const [pglite] = await testDatabaseTargets();
    db = await pglite!.open();
    const repository = new EventLogRepository(db.dataSource);
    const writer = new EventLogWriter(repository);
    const query = db.dataSource.query.bind(db.dataSource);
    vi.spyOn(db.dataSource, 'query').mockImplementation((sql, parameters) => {
      if (sql.includes('json_agg')) logReads++;
      return query(sql, parameters);
    });
    workers = new ReportWorkers(repository);
    service = new ReviewService(
      repository,
      undefined as never,
      { get: () => Promise.resolve(apparelScenario) } as unknown as ScenariosService,
      undefined as never,
      { recordingPath: () => '/nonexistent/recording.webm' } as never,
      undefined as unknown as RoomsService,
      workers,
    );
    const sessionId = await seedSession(db.dataSource);
    const events = runSession({
      scenario: apparelScenario,
      seed: 3,
      actions: competentActions(apparelScenario),
      minutes: 3,
      viewers: 300,
    }).filter((e) => e.type !== 'session.ended');
    await writer.appendOnce(
      sessionId,
      null,
      events.map(({ seq: _seq, ...event }) => event),
    );
    access = {
      session: {
        id: sessionId,
        status: 'live',
        report: null,
        recordingSegments: [],
      } as unknown as SessionRecord,
      room: {
        id: '00000000-0000-4000-8000-000000000001',
        name: 'room',
        scenarioId: apparelScenario.id,
        seed: 3,
        settings: { viewers: 300, speed: 1 },
      } as unknown as RoomRecord,
      staff: true,
    };
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await workers?.onApplicationShutdown();
    await db?.close();
  });

  it('rebuilds a live session once however many people open its review at the same moment', async () => {
    logReads = 0;
    const opened = await Promise.all(Array.from({ length: 6 }, () => service.parts(access)));
    expect(logReads).toBe(1);
    expect(new Set(opened.map((o) => o.parts)).size).toBe(1);
  });

  it('refuses what-if to a share link: it is read-only', async () => {
    logReads = 0;
    await expect(service.whatIf({ ...access, staff: false }, [])).rejects.toBeInstanceOf(ForbiddenException);
    expect(logReads).toBe(0);
  });

  it('answers what-if re-runs from a worker thread, checking once that the unedited re-run reproduces the log', async () => {
    logReads = 0;
    const results = await Promise.all([
      service.whatIf(access, []),
      service.whatIf(access, [{ kind: 'answerWithin', sec: 20 }]),
      service.whatIf(access, []),
    ]);
    expect(results.map((r) => r.edits.length)).toEqual([0, 1, 0]);
    expect(results.every((r) => r.original.metrics.uv > 0 && r.whatIf.metrics.uv > 0)).toBe(true);
    // The offline run applies an action before its second's audience step, a live room after: not reproduced.
    expect(results.map((r) => typeof r.reproduced)).toEqual(['boolean', 'boolean', 'boolean']);
    expect(results[1]!.whatIf.comments.p90ResponseSec ?? 0).toBeLessThanOrEqual(20);
    expect(logReads).toBe(3);
  });
});
