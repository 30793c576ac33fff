import { defineConfig } from 'vitest/config';

/** The Janus adapter against a running Janus (JANUS_URL): `bash server/janus/test.sh` starts one and runs this. */
export default defineConfig({
  test: {
    include: ['src/**/*.janus-test.ts'],
    testTimeout: 60_000,
    // Setting up two nodes (migrations, Redis) takes more than vitest's default 10 s on a busy two-core machine.
    hookTimeout: 90_000,
    maxWorkers: 1,
  },
});
