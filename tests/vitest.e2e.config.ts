import { defineConfig } from 'vitest/config';
import base from '../vitest.config';

/**
 * Browser suites, one file at a time after the rest: several Chromium pages decoding video plus the api
 * already fill this 2-core machine, and media timings should not compete with unrelated suites.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/e2e/**/*.e2e-spec.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
  },
});
