import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from './api-process';

/**
 * A PostgreSQL server of a test's own — initdb in a temporary folder, on a free port — that the test may stop
 * and start at will (never the shared server at 5432). Needs the PostgreSQL server binaries (Debian's
 * `postgresql` package, or PG_BIN); as root, the server runs as the `postgres` user, as PostgreSQL insists.
 */
export interface ThrowawayPostgres {
  url: string;
  /** Stops the server (fast shutdown: connections are cut, as in a crash of the database host). */
  stop(): void;
  start(): void;
  destroy(): void;
}

function binDir(): string | null {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** Null (with the reason) when this machine cannot run a server of its own. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | { skip: string }> {
  const bin = binDir();
  if (!bin) return { skip: 'no PostgreSQL server binaries (initdb, pg_ctl)' };
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'livelab-pg-'));
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  try {
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
    run('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `initdb failed: ${(error as Error).message.split('\n')[0]}` };
  }
  const port = await freePort();
  const data = path.join(dir, 'data');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  const server: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/livelab`,
    start: () =>
      run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    destroy: () => {
      try {
        server.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  server.start();
  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE livelab');
  await admin.end();
  return server;
}
