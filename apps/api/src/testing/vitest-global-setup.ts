/* eslint-disable no-console -- the skip note must be visible in the test output */
import { Socket } from 'node:net';
import type { TestProject } from 'vitest/node';
import { POSTGRES_SKIP_NOTE, probePostgres } from './test-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real PostgreSQL at TEST_DATABASE_URL answers: integration suites run on it too. */
    postgresAvailable: boolean;
    /** A Redis answers at TEST_REDIS_URL (default 127.0.0.1:6379): the multi-node suites run. */
    redisUrl: string | null;
  }
}

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING there within a second. */
async function probeRedis(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const available = await probePostgres();
  if (!available) console.warn(POSTGRES_SKIP_NOTE);
  project.provide('postgresAvailable', available);
  const redis = await probeRedis(TEST_REDIS_URL);
  if (!redis) console.warn(`NOTE: no Redis at ${TEST_REDIS_URL}: the multi-node suites are skipped`);
  project.provide('redisUrl', redis ? TEST_REDIS_URL : null);
}
