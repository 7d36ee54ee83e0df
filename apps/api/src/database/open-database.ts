import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig, DataSourceExtras } from './data-source';
import { createDataSource } from './data-source';

/** A failure to open the database, already phrased as the one line an operator needs. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, so errors never print passwords. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

export function describeDatabaseError(db: DatabaseConfig, error: unknown): string {
  const err = error as { code?: string; message?: string };
  const reason = err.code
    ? `${err.code}${err.message ? ` (${err.message})` : ''}`
    : (err.message ?? String(error));
  if (db.kind === 'postgres') {
    return `cannot reach PostgreSQL at ${redactUrl(db.url)}: ${reason.split('\n')[0]}`;
  }
  return (
    `the embedded database at ${db.dataDir} cannot be opened (${reason.split('\n')[0]}); ` +
    `it may be corrupt or from another version: move the folder away to start afresh, or set DATA_DIR`
  );
}

/**
 * PGlite is one process's private database: a second process opening the same folder would corrupt it.
 * A lock file with the owner's pid turns that into a clear refusal; a stale lock (dead pid) is taken over.
 */
function lockEmbeddedDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseOpenError(
          `the embedded database at ${dataDir} is in use by process ${owner}; stop it or set another DATA_DIR`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseOpenError(`cannot lock the embedded database at ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

export interface OpenedDatabase {
  dataSource: DataSource;
  /** Names of the migrations this start applied (empty when the schema was current). */
  applied: string[];
  close(): Promise<void>;
}

/** Opens the configured database, brings its schema up to date, and phrases every failure as one line. */
export async function openDatabase(
  db: DatabaseConfig,
  extras: DataSourceExtras = {},
): Promise<OpenedDatabase> {
  const unlock =
    db.kind === 'pglite' && !db.dataDir.startsWith('memory://')
      ? lockEmbeddedDirectory(db.dataDir)
      : () => {};
  const dataSource = createDataSource(db, extras);
  try {
    await dataSource.initialize();
    // A pool connects lazily: touch the server now so an unreachable one fails here, not on the first request.
    await dataSource.query('SELECT 1');
  } catch (error) {
    unlock();
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw new DatabaseOpenError(describeDatabaseError(db, error));
  }
  let applied: string[];
  try {
    applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    unlock();
    throw new DatabaseOpenError(`migrating the database failed: ${(error as Error).message.split('\n')[0]}`);
  }
  return {
    dataSource,
    applied,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      unlock();
    },
  };
}
