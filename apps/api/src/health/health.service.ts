import type { FfmpegProbe } from '@livelab/media';
import { probeFfmpeg } from '@livelab/media';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, OPENED_DATABASE } from '../common/tokens';
import type { OpenedDatabase } from '../database/open-database';

export interface HealthReport {
  status: 'ok' | 'degraded';
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
  ) {}

  async check(): Promise<HealthReport> {
    const { dataSource } = this.database;
    const uptimeSec = Math.round(Number(process.hrtime.bigint() - this.startedAt) / 1e9);
    const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    // The binary does not change while the api runs: probe it once.
    this.ffmpeg ??= probeFfmpeg(this.config.ffmpegPath);
    const ffmpeg = await this.ffmpeg;
    try {
      const [{ version }] = (await dataSource.query('SELECT version() AS version')) as Array<{
        version: string;
      }>;
      const rows = (await dataSource.query('SELECT name FROM migrations ORDER BY id')) as Array<{
        name: string;
      }>;
      const applied = rows.map((r) => r.name);
      const pending = known.filter((name) => !applied.includes(name));
      return {
        status: pending.length === 0 && ffmpeg.available ? 'ok' : 'degraded',
        uptimeSec,
        database: {
          kind: this.config.database.kind,
          version: version.split(' on ')[0] ?? version,
          reachable: true,
        },
        migrations: { applied, pending },
        ffmpeg,
      };
    } catch {
      return {
        status: 'degraded',
        uptimeSec,
        database: { kind: this.config.database.kind, version: 'unknown', reachable: false },
        migrations: { applied: [], pending: known },
        ffmpeg,
      };
    }
  }
}
