import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = __dirname;

export const aliases = {
  '@livelab/contracts': path.join(root, 'libs/contracts/src/index.ts'),
  '@livelab/engagement': path.join(root, 'libs/engagement/src/index.ts'),
  // Before '@livelab/media', which would otherwise take its prefix.
  '@livelab/media/testing': path.join(root, 'libs/media/src/sfu/testing/node-peers.ts'),
  '@livelab/media': path.join(root, 'libs/media/src/index.ts'),
  '@livelab/session': path.join(root, 'libs/session/src/index.ts'),
  '@livelab/web': path.join(root, 'libs/web/src/index.ts'),
};

/** Unit specs and integration suites (real PGlite, and the real PostgreSQL when it answers); browser suites: tests/vitest.e2e.config.ts. */
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: [
      '{apps,libs}/**/src/**/*.spec.ts',
      '{apps,libs}/**/src/**/*.spec.tsx',
      '{apps,libs}/**/src/**/*.int-spec.ts',
      'tests/integration/**/*.int-spec.ts',
    ],
    environment: 'node',
    globalSetup: ['apps/api/src/testing/vitest-global-setup.ts'],
    pool: 'forks',
    // Two files at a time on a 2-core machine (vitest's default is cores − 1 = 1): most integration suites
    // wait on an api process, timers or the database, so two overlap well (647 s → 442 s on the CI machine).
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
});
