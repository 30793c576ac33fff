import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20000,
    hookTimeout: 90000,
    // Two cores: more workers than that only queue up PGlite start-ups.
    maxWorkers: 2,
    globalSetup: ['src/test/pgliteGlobalSetup.ts'],
  },
});
