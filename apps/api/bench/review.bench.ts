import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import {
  apparelScenario,
  buildReport,
  competentActions,
  replaySession,
  runSession,
} from '@livelab/engagement';
import { EventLogRepository } from '../src/event-log/event-log.repository';
import { EventLogWriter } from '../src/event-log/event-log.writer';
import { ReviewService } from '../src/review/review.service';
import type { RoomRecord } from '../src/rooms/rooms.repository';
import type { SessionRecord } from '../src/rooms/sessions.repository';
import type { ScenariosService } from '../src/scenarios/scenarios.service';
import { ReportWorkers } from '../src/workers/report-workers';
import { seedSession } from '../src/testing/seed-session';
import { testDatabaseTargets } from '../src/testing/test-databases';

/** Same shape as tests/bench's BenchResult: the runner loads this file by path. */
interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const VIEWERS = 10_000;
const CASES: ReadonlyArray<{ label: string; minutes: number }> = [
  { label: '10 min', minutes: 10 },
  { label: '1 h', minutes: 60 },
  { label: '3 h', minutes: 180 },
];

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

/**
 * Report generation for the review (直播复盘) of long sessions at 10,000 concurrent viewers (a competent
 * host's script, apparel scenario), on PGlite in memory: after the end (the stored report plus database
 * counts for the curves and the timeline), rebuilt from the whole log (what a live or interrupted session
 * needs), and a what-if re-run of the same audience. The log is written first, untimed.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const [pglite] = await testDatabaseTargets();
  const db = await pglite!.open();
  const closers: Array<() => Promise<void>> = [];
  try {
    const repository = new EventLogRepository(db.dataSource);
    const writer = new EventLogWriter(repository);
    // The service as the api runs it, minus what report generation does not touch.
    const workers = new ReportWorkers(repository);
    const service = new ReviewService(
      repository,
      undefined as never,
      { get: () => Promise.resolve(apparelScenario) } as unknown as ScenariosService,
      undefined as never,
      undefined as never,
      undefined as never,
      workers,
    );
    closers.push(() => workers.onApplicationShutdown());
    for (const c of CASES) {
      const events = runSession({
        scenario: apparelScenario,
        seed: 1,
        actions: competentActions(apparelScenario),
        minutes: c.minutes,
        viewers: VIEWERS,
      });
      const sessionId = await seedSession(db.dataSource);
      const log = await writer.openLog(sessionId, null);
      for (let i = 0; i < events.length; i += 5000)
        await log.append(events.slice(i, i + 5000).map(({ seq: _seq, ...event }) => event)).durable;
      await writer.release(log);
      // As at the end of a live session: the runtime's final report is stored with the session.
      const report = buildReport(apparelScenario, events);
      const access = {
        session: {
          id: sessionId,
          status: 'ended',
          report,
          recordingSegments: [],
        } as unknown as SessionRecord,
        room: {
          id: 'bench',
          name: 'bench',
          scenarioId: apparelScenario.id,
          settings: { viewers: VIEWERS, speed: 1 },
        } as unknown as RoomRecord,
        staff: true,
      };
      const note = `${events.length.toLocaleString('en-US')} events, ${VIEWERS.toLocaleString('en-US')} viewers`;

      let started = process.hrtime.bigint();
      const atEnd = await service.parts(access);
      results.push({
        name: `review ${c.label}: report ready after the end`,
        value: Math.round(ms(started)),
        unit: 'ms',
        note: `${note}; stored report + database counts`,
      });
      started = process.hrtime.bigint();
      const read = await service.allEvents(sessionId);
      const readMs = ms(started);
      started = process.hrtime.bigint();
      const rebuilt = await service.parts(access, { known: read });
      const buildMs = ms(started);
      if (!isDeepStrictEqual(rebuilt.parts.series, atEnd.parts.series))
        throw new Error('the two paths disagree');
      results.push({
        name: `review ${c.label}: rebuilt from the whole log`,
        value: Math.round(readMs + buildMs),
        unit: 'ms',
        note: `read ${Math.round(readMs)} ms + build ${Math.round(buildMs)} ms (live or interrupted sessions)`,
      });

      started = process.hrtime.bigint();
      const rerun = replaySession(apparelScenario, read, [{ kind: 'answerWithin', sec: 20 }], {
        idPrefix: '',
      });
      buildReport(apparelScenario, rerun.events);
      results.push({
        name: `review ${c.label}: what-if re-run + report`,
        value: Math.round(ms(started)),
        unit: 'ms',
      });
      await db.dataSource.query('DELETE FROM session_event WHERE session_id = $1', [sessionId]);
    }
  } finally {
    for (const close of closers) await close();
    await db.close();
  }
  return results;
}
