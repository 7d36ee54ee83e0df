import { afterAll, beforeAll } from 'vitest';
import type { ApiProcess } from './api-process';
import { startApi } from './api-process';
import { apiDatabaseEnv } from './postgres-database';
import type { RoomConnection } from './room-client';
import { ApiClient } from './room-client';

/**
 * An api process on a database of `kind` for the enclosing `describe` (PGlite, or a scratch PostgreSQL
 * database): started before its tests, stopped after them with every connection they registered, the scratch
 * database dropped. Read `client` and `api` inside the tests (they exist once `beforeAll` has run).
 */
export function apiSuite(kind: 'pglite' | 'postgres'): {
  api: ApiProcess;
  client: ApiClient;
  connections: RoomConnection[];
} {
  const suite = {
    api: undefined as unknown as ApiProcess,
    client: undefined as unknown as ApiClient,
    connections: [] as RoomConnection[],
  };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await apiDatabaseEnv(kind);
    drop = database.drop;
    suite.api = await startApi(database.env);
    suite.client = new ApiClient(suite.api.baseUrl);
  });
  afterAll(async () => {
    for (const connection of suite.connections) connection.close();
    await suite.api?.stop();
    await drop?.();
  });
  return suite;
}
