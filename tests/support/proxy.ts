import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ApiProcess } from './api-process';
import { freePort, REPO_ROOT } from './api-process';
import { waitFor } from './room-client';

/** Debian's nginx (scripts/bootstrap.sh installs it, optional), if this machine has it. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/**
 * docker/nginx.conf itself, run by nginx in front of two api nodes started as processes: the same file the
 * production compose mounts, with only the upstream addresses, the port and the worker count rewritten (and
 * no access log). Resolves once the api answers through it.
 */
export async function startProxy(nodes: readonly ApiProcess[]): Promise<{ baseUrl: string; stop(): void }> {
  if (!NGINX) throw new Error('nginx is not installed (scripts/bootstrap.sh installs it)');
  const [a, b] = nodes;
  const dir = mkdtempSync(path.join(tmpdir(), 'livelab-nginx-'));
  const port = await freePort();
  const conf = readFileSync(path.join(REPO_ROOT, 'docker', 'nginx.conf'), 'utf8')
    .replace('server api-1:3000', `server 127.0.0.1:${a!.port}`)
    .replace('server api-2:3000', `server 127.0.0.1:${b!.port}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('worker_processes auto;', 'worker_processes 1;')
    .replace('server_tokens off;', 'server_tokens off;\n  access_log off;');
  if (!conf.includes(`127.0.0.1:${b!.port}`))
    throw new Error('docker/nginx.conf no longer names api-1 and api-2');
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const nginx: ChildProcess = spawn(
    NGINX,
    [
      '-p',
      dir,
      '-c',
      path.join(dir, 'nginx.conf'),
      '-g',
      `daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;`,
    ],
    { stdio: 'ignore' },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    nginx.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => ((await fetch(`${baseUrl}/api/health`).catch(() => undefined))?.ok ? true : undefined),
      10_000,
      'nginx in front of the api nodes',
    );
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, stop };
}
