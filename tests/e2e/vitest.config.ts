import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** End-to-end journeys in a real Chromium against the real server; one file at a time. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/support/build-web.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
