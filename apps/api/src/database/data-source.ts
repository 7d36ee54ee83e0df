import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type DatabaseConfig = AppConfig['database'];

export interface DataSourceExtras {
  /** PostgreSQL schema to use instead of `public` (tests isolate themselves this way). */
  schema?: string;
}

/**
 * The one DataSource definition, used by the app, the migration CLI and the tests.
 * PGlite speaks the PostgreSQL protocol in-process, so both kinds share the `postgres` driver and the SQL.
 */
export function buildDataSourceOptions(db: DatabaseConfig, extras: DataSourceExtras = {}): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  };
  if (db.kind === 'pglite') {
    return {
      ...common,
      driver: new PGliteDriver({ dataDir: db.dataDir }).driver,
      // PGlite has gen_random_uuid() built in and cannot install extensions.
      uuidExtension: 'pgcrypto',
      installExtensions: false,
    };
  }
  const schema = extras.schema;
  return {
    ...common,
    url: db.url,
    schema,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    connectTimeoutMS: 5000,
    extra: schema ? { options: `-c search_path=${schema}` } : undefined,
  };
}

export function createDataSource(db: DatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  return new DataSource(buildDataSourceOptions(db, extras));
}
