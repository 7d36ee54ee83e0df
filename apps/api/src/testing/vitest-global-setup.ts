/* eslint-disable no-console -- the skip note must be visible in the test output */
import type { TestProject } from 'vitest/node';
import { POSTGRES_SKIP_NOTE, probePostgres } from './test-databases';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The real PostgreSQL at TEST_DATABASE_URL answers: integration suites run on it too. */
    postgresAvailable: boolean;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const available = await probePostgres();
  if (!available) console.warn(POSTGRES_SKIP_NOTE);
  project.provide('postgresAvailable', available);
}
