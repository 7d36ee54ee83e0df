/* eslint-disable no-console -- the skip note must be visible in the test output */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSourceExtras, DatabaseConfig } from '../database/data-source';
import type { OpenedDatabase } from '../database/open-database';
import { openDatabase } from '../database/open-database';

/** The real server the suites use when it answers; override with TEST_DATABASE_URL. */
export const TEST_POSTGRES_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabaseTarget {
  kind: 'pglite' | 'postgres';
  /** Opens a fresh, migrated, private database: in-memory PGlite, or a new schema on the real server. */
  open(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

export interface TestDatabase extends OpenedDatabase {
  config: DatabaseConfig;
  extras: DataSourceExtras;
}

/** Whether the real server answers; vitest's global setup asks once and hands the answer to every file. */
export async function probePostgres(): Promise<boolean> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pglite: TestDatabaseTarget = {
  kind: 'pglite',
  async open() {
    const config: DatabaseConfig = { kind: 'pglite', dataDir: 'memory://' };
    return { ...(await openDatabase(config)), config, extras: {} };
  },
};

const postgres: TestDatabaseTarget = {
  kind: 'postgres',
  async open() {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const config: DatabaseConfig = { kind: 'postgres', url: TEST_POSTGRES_URL };
    const opened = await openDatabase(config, { schema });
    return {
      ...opened,
      config,
      extras: { schema },
      close: async () => {
        await opened.close();
        const cleanup = new Client({ connectionString: TEST_POSTGRES_URL });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.end();
      },
    };
  },
};

export const POSTGRES_SKIP_NOTE = `NOTE: no PostgreSQL at ${TEST_POSTGRES_URL}: running the PGlite variants only`;

/** PGlite always; the real PostgreSQL too when it answers. */
export function databaseTargets(postgresAvailable: boolean): TestDatabaseTarget[] {
  return postgresAvailable ? [pglite, postgres] : [pglite];
}

/** For scripts outside vitest (benchmarks): probes, and says so when the real server is absent. */
export async function testDatabaseTargets(): Promise<TestDatabaseTarget[]> {
  const available = await probePostgres();
  if (!available) console.warn(POSTGRES_SKIP_NOTE);
  return databaseTargets(available);
}
