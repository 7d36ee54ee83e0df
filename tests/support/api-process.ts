import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const API_MAIN = path.join(REPO_ROOT, 'dist/apps/api/apps/api/src/main.js');

/** Benchmarks generate load from this address: the api's REST rate limits leave it out (RATE_LIMIT_EXEMPT). */
export const LOAD_GENERATOR = '127.0.0.1';

export interface ApiProcess {
  baseUrl: string;
  port: number;
  dataDir: string;
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** SIGTERM, wait, and remove the data directory unless it was given by the caller. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies mid-flight, as in a crash or power cut. */
  kill(): Promise<void>;
}

/**
 * Starts the built api as `npm start` does, on a free port and a fresh data directory (embedded database
 * unless `env.DATABASE_URL` is given), and resolves once it is listening.
 */
export async function startApi(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<ApiProcess> {
  if (!existsSync(API_MAIN))
    throw new Error(`the api is not built (${API_MAIN} missing): run "npm run build" first`);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'livelab-api-'));
  const port = env['PORT'] ? Number(env['PORT']) : await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TZ: 'UTC',
      DATA_DIR: dataDir,
      PORT: String(port),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Ready when /api/health answers, whatever LOG_LEVEL hides.
  let died: number | null | undefined;
  void exited.then((code) => (died = code));
  for (const deadline = Date.now() + 60_000; ;) {
    if (died !== undefined) throw new Error(`api exited with ${died} before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`api did not answer /api/health within 60 s:\n${output}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A port nobody listens on right now (the kernel picks it; the api takes it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
