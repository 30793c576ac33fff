import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

/** The same suite against the machine's PostgreSQL server (TEST_DATABASE_URL, default 127.0.0.1). */
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.TEST_DATABASE_URL = url;
/** Names this run's databases, so a teardown never drops a database of a run going on beside it. */
const runId = randomBytes(4).toString('hex');
process.env.PARTA_TEST_RUN = runId;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20000,
    hookTimeout: 90000,
    maxWorkers: 2,
    globalSetup: ['src/test/pgGlobalSetup.ts'],
    env: { TEST_DATABASE_URL: url, PARTA_TEST_RUN: runId },
  },
});
