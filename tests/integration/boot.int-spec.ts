import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');
const MAIN = path.join(root, 'dist/apps/api/apps/api/src/main.js');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built api as `npm start` would, with only the given variables (plus PATH and HOME). */
function runApi(env: Record<string, string>, until?: (stdout: string) => boolean) {
  const child = spawn(process.execPath, [MAIN], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', TZ: 'UTC', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (until?.(stdout)) resolve(stdout);
    });
    void exited.then((exit) => reject(new Error(`api exited with ${exit.code}: ${exit.stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, exited, ready };
}

const hasStackTrace = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text);

let work: string;
beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`the api is not built (${MAIN} missing): run "npm run build" first`);
  work = mkdtempSync(path.join(tmpdir(), 'livelab-boot-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('api start-up failures are one clear line and a non-zero exit', () => {
  it('names every bad variable', async () => {
    const { exited } = runApi({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: path.join(work, 'cfg') });
    const exit = await exited;
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^config error: PORT="abc": must be a number/),
      expect.stringMatching(/^config error: LOG_LEVEL="loud": must be one of fatal, error/),
    ]);
  });

  it('says which PostgreSQL cannot be reached, without the password', async () => {
    const { exited } = runApi({ DATABASE_URL: 'postgres://livelab:secret@127.0.0.1:1/livelab' });
    const exit = await exited;
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^error: cannot reach PostgreSQL at postgres:\/\/livelab:\*\*\*@127\.0\.0\.1:1\/livelab: ECONNREFUSED/,
    );
    expect(exit.stderr).not.toContain('secret');
  });

  it('says which Redis cannot be reached, without the password', async () => {
    const { exited } = runApi({
      REDIS_URL: 'redis://:hunter2@127.0.0.1:1',
      DATA_DIR: path.join(work, 'no-redis'),
    });
    const exit = await exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(
      /^error: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(ECONNREFUSED\)/m,
    );
    expect(exit.stderr).not.toContain('hunter2');
  });

  it('refuses a corrupt embedded database directory with advice', async () => {
    const dataDir = path.join(work, 'corrupt');
    mkdirSync(path.join(dataDir, 'pglite', 'global'), { recursive: true });
    writeFileSync(path.join(dataDir, 'pglite', 'PG_VERSION'), 'not a version\n');
    writeFileSync(path.join(dataDir, 'pglite', 'global', 'pg_control'), 'garbage');
    const { exited } = runApi({ DATA_DIR: dataDir });
    const exit = await exited;
    expect(exit.code).toBe(1);
    const errorLines = exit.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      /the embedded database at .*corrupt\/pglite cannot be opened .* move the folder away/,
    );
    expect(hasStackTrace(exit.stderr)).toBe(false);
  });
});

describe('api on the embedded database', () => {
  it('starts on a fresh data directory, serves health, docs, studio and viewer, and stops cleanly', async () => {
    const dataDir = path.join(work, 'fresh');
    const api = runApi({ DATA_DIR: dataDir, PORT: '0' }, (out) => out.includes('LiveLab is up'));
    const stdout = await api.ready;
    const port = Number(/"port":(\d+)/.exec(stdout)?.[1]);
    const base = `http://127.0.0.1:${port}`;
    try {
      const health = (await (await fetch(`${base}/api/health`)).json()) as Record<string, never>;
      expect(health).toMatchObject({
        status: 'ok',
        database: { kind: 'pglite', reachable: true },
        migrations: { pending: [] },
        ffmpeg: { available: true },
      });
      expect((health['migrations'] as { applied: string[] }).applied.length).toBeGreaterThan(0);

      const scenarios = (await (await fetch(`${base}/api/scenarios`)).json()) as Array<{
        id: string;
        category: string;
      }>;
      expect(scenarios.map((s) => s.category)).toEqual(expect.arrayContaining(['apparel', 'beauty']));

      const openapi = (await (await fetch(`${base}/api/docs/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/scenarios']));
      expect((await fetch(`${base}/api/docs`)).status).toBe(200);

      const studio = await fetch(`${base}/rooms/anything`, { headers: { accept: 'text/html' } });
      expect(studio.status).toBe(200);
      expect(await studio.text()).toContain('LiveLab 直播中控台');
      const viewer = await fetch(`${base}/watch/?room=ABC`, { headers: { accept: 'text/html' } });
      expect(await viewer.text()).toContain('LiveLab 直播间');
      expect((await fetch(`${base}/api/nope`)).status).toBe(404);

      // Structured logging: every stdout line is one JSON object.
      for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      api.child.kill('SIGTERM');
    }
    const exit = await api.exited;
    expect(exit.code === 0 || exit.code === null).toBe(true);
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    // The data survives a restart, and the schema is not migrated twice.
    const again = runApi({ DATA_DIR: dataDir, PORT: '0' }, (out) => out.includes('LiveLab is up'));
    const secondOut = await again.ready;
    again.child.kill('SIGTERM');
    await again.exited;
    expect(secondOut).not.toContain('applied migrations');
  });
});
