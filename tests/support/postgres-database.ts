import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A throwaway database on the real server for one api process; dropped by `drop()`. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `livelab_it_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The databases the api-process suites run on: PGlite always, PostgreSQL too when one answers. */
export const apiDatabaseKinds = (postgresAvailable: boolean) =>
  postgresAvailable ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

/**
 * The environment that points an api process at `kind`: nothing for the embedded default, a scratch
 * database on the real server for PostgreSQL; `drop` removes whatever was created.
 */
export async function apiDatabaseEnv(
  kind: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { env: {}, drop: async () => undefined };
  const scratch = await createScratchDatabase();
  return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
}
