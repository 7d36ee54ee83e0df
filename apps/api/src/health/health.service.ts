import type { FfmpegProbe } from '@livelab/media';
import { probeFfmpeg } from '@livelab/media';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';
import { EventLogWriter } from '../event-log/event-log.writer';

/** How long the database may take to answer the probe before it counts as unreachable. */
const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface HealthReport {
  /**
   * `unavailable` (answered with 503): the database does not answer, or a live room's log is waiting for it —
   * commands are refused meanwhile. `degraded`: works, but something optional is missing (ffmpeg) or a
   * migration is pending.
   */
  status: 'ok' | 'degraded' | 'unavailable';
  /** Why it is not ok, one line each. */
  problems: string[];
  uptimeSec: number;
  database: {
    kind: 'pglite' | 'postgres';
    version: string;
    reachable: boolean;
  };
  migrations: {
    applied: string[];
    pending: string[];
  };
  /** Recording and clip cutting need it; everything else runs without. */
  ffmpeg: FfmpegProbe;
}

@Injectable()
export class HealthService {
  private readonly startedAt = process.hrtime.bigint();
  private ffmpeg: Promise<FfmpegProbe> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OPENED_DATABASE) private readonly database: OpenedDatabase,
    private readonly writer: EventLogWriter,
  ) {}

  async check(): Promise<HealthReport> {
    const { dataSource } = this.database;
    const uptimeSec = Math.round(Number(process.hrtime.bigint() - this.startedAt) / 1e9);
    const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    // The binary does not change while the api runs: probe it once.
    this.ffmpeg ??= probeFfmpeg(this.config.ffmpegPath);
    const ffmpeg = await this.ffmpeg;
    const waiting = this.writer
      .unavailable()
      .map(({ sessionId, health }) =>
        health.state === 'unavailable'
          ? `session ${sessionId}: its event log waits for the database (${health.reason})`
          : `session ${sessionId}: ${health.state === 'failed' ? health.reason : health.state}`,
      );
    try {
      const [[{ version }], rows] = await withTimeout(
        Promise.all([
          dataSource.query('SELECT version() AS version') as Promise<Array<{ version: string }>>,
          dataSource.query('SELECT name FROM migrations ORDER BY id') as Promise<Array<{ name: string }>>,
        ]),
        PROBE_TIMEOUT_MS,
      );
      const applied = rows.map((r) => r.name);
      const pending = known.filter((name) => !applied.includes(name));
      const problems = [
        ...waiting,
        ...pending.map((name) => `migration ${name} is pending`),
        ...(ffmpeg.available ? [] : ['ffmpeg is not available: no recordings']),
      ];
      return {
        status: waiting.length > 0 ? 'unavailable' : problems.length === 0 ? 'ok' : 'degraded',
        problems,
        uptimeSec,
        database: {
          kind: this.config.database.kind,
          version: version.split(' on ')[0] ?? version,
          reachable: true,
        },
        migrations: { applied, pending },
        ffmpeg,
      };
    } catch (error) {
      return {
        status: 'unavailable',
        problems: [`the database does not answer: ${(error as Error).message.split('\n')[0]}`, ...waiting],
        uptimeSec,
        database: { kind: this.config.database.kind, version: 'unknown', reachable: false },
        migrations: { applied: [], pending: known },
        ffmpeg,
      };
    }
  }
}
