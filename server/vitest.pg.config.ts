import { defineConfig } from 'vitest/config';

/** The same suite against the machine's PostgreSQL server (TEST_DATABASE_URL, default 127.0.0.1). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20000,
    hookTimeout: 30000,
    maxWorkers: 2,
    env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
