import type { MetricsMessage } from '@livelab/contracts';
import { apparelScenario, buildReport, competentActions, runSession } from '@livelab/engagement';
import { Client } from 'pg';
import { LOAD_GENERATOR, startApi } from '../support/api-process';
import { createScratchDatabase } from '../support/postgres-database';
import { ApiClient, sleep } from '../support/room-client';
import type { BenchResult } from './bench-result';
import { percentile } from './bench-result';

const LONG_MINUTES = 180;
const LONG_VIEWERS = 10_000;
const LIVE_VIEWERS = 2_000;
const WHAT_IFS = 3;

/**
 * A live room's clock while a 3-hour what-if runs on the same api process (issue 12). The api runs as a
 * separate process on a scratch PostgreSQL database (the 3-hour log is written there directly, untimed); a
 * live room of 2,000 simulated viewers pushes its metrics once a second of session time, and a console
 * connected to it times their arrival. Lateness = the gap between two pushes minus one second: what the
 * room's ticks lost to other work on the api's thread (delivery on loopback adds well under a millisecond).
 * Needs PostgreSQL at 127.0.0.1:5432 (TEST_DATABASE_URL); without it the suite reports nothing.
 */
export async function run(): Promise<BenchResult[]> {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  try {
    scratch = await createScratchDatabase();
  } catch (error) {
    console.error(`tick-lateness: NOTE: no PostgreSQL (${(error as Error).message}); skipped`);
    return [];
  }
  const api = await startApi({
    DATABASE_URL: scratch.url,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_EXEMPT: LOAD_GENERATOR,
  });
  const closers: Array<() => void> = [];
  try {
    const client = new ApiClient(api.baseUrl);
    const teacher = await client.instructor();

    // The long session to re-run: a competent host, 10,000 viewers, 3 hours, stored as if it had ended.
    const longRoom = await client.createRoom(teacher.token, {
      name: 'three hours',
      scenarioId: apparelScenario.id,
      seed: 1,
      viewers: LONG_VIEWERS,
    });
    const longSession = longRoom.session!.id;
    const events = runSession({
      scenario: apparelScenario,
      seed: 1,
      actions: competentActions(apparelScenario),
      minutes: LONG_MINUTES,
      viewers: LONG_VIEWERS,
    });
    const pg = new Client({ connectionString: scratch.url });
    await pg.connect();
    try {
      for (let i = 0; i < events.length; i += 20_000) {
        const rows = events.slice(i, i + 20_000).map((e) => ({
          session_id: longSession,
          seq: e.seq,
          t_ms: e.tMs,
          type: e.type,
          actor: e.actor,
          payload: e.payload,
        }));
        await pg.query(
          `INSERT INTO session_event (session_id, seq, t_ms, type, actor, payload)
           SELECT r.session_id, r.seq, r.t_ms, r.type, r.actor, r.payload
             FROM jsonb_to_recordset($1::jsonb) AS r(session_id uuid, seq integer, t_ms integer, type varchar, actor varchar, payload jsonb)`,
          [JSON.stringify(rows)],
        );
      }
      await pg.query(
        `UPDATE live_session SET status = 'ended', live_at = now(), ended_at = now(), report = $2 WHERE id = $1`,
        [longSession, JSON.stringify(buildReport(apparelScenario, events))],
      );
    } finally {
      await pg.end();
    }

    // The live room beside it, watched by its console.
    const liveRoom = await client.createRoom(teacher.token, {
      name: 'live beside',
      scenarioId: 'beauty-skincare',
      seed: 3,
      viewers: LIVE_VIEWERS,
    });
    const host = await client.connect((await client.join(liveRoom.staffCode!, 'host', 'host')).token);
    closers.push(() => host.close());
    const arrivals: number[] = [];
    host.socket.on('room:metrics', (_m: MetricsMessage) => arrivals.push(performance.now()));
    await host.must({ type: 'goLive' });
    await sleep(5_000);

    const lateness = (from: number, to: number): number[] => {
      const out: number[] = [];
      for (let i = 1; i < arrivals.length; i++) {
        if (arrivals[i]! < from || arrivals[i]! > to) continue;
        out.push(Math.max(0, arrivals[i]! - arrivals[i - 1]! - 1000));
      }
      return out;
    };

    const quietFrom = performance.now();
    await sleep(10_000);
    const quiet = lateness(quietFrom, performance.now());

    const busy: number[] = [];
    const whatIfMs: number[] = [];
    for (let n = 0; n < WHAT_IFS; n++) {
      const started = performance.now();
      await client.ok(
        'POST',
        `/api/sessions/${longSession}/review/what-if`,
        { edits: [{ kind: 'answerWithin', sec: 10 + n * 5 }] },
        teacher.token,
      );
      const ended = performance.now();
      whatIfMs.push(ended - started);
      // The push that ends the busy stretch arrives up to a second after it.
      await sleep(1_500);
      busy.push(...lateness(started, ended + 1_500));
    }

    const note = `api + PostgreSQL on this machine; live room ${LIVE_VIEWERS.toLocaleString('en-US')} simulated viewers, what-if of ${events.length.toLocaleString('en-US')} events (${LONG_MINUTES} min, ${LONG_VIEWERS.toLocaleString('en-US')} viewers)`;
    const round = (x: number) => Math.round(x * 10) / 10;
    return [
      { name: 'tick lateness, quiet: p50', value: round(percentile(quiet, 50)), unit: 'ms', note },
      { name: 'tick lateness, quiet: p99', value: round(percentile(quiet, 99)), unit: 'ms' },
      { name: 'tick lateness during a 3 h what-if: p50', value: round(percentile(busy, 50)), unit: 'ms' },
      { name: 'tick lateness during a 3 h what-if: p99', value: round(percentile(busy, 99)), unit: 'ms' },
      { name: 'tick lateness during a 3 h what-if: worst', value: round(Math.max(0, ...busy)), unit: 'ms' },
      {
        name: '3 h what-if answered (HTTP, median of 3)',
        value: Math.round(percentile(whatIfMs, 50)),
        unit: 'ms',
      },
    ];
  } finally {
    for (const close of closers) close();
    await api.stop();
    await scratch.drop();
  }
}
