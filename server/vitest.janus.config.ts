import { defineConfig } from 'vitest/config';

/** The Janus adapter against a running Janus (JANUS_URL): `bash server/janus/test.sh` starts one and runs this. */
export default defineConfig({
  test: {
    include: ['src/**/*.janus-test.ts'],
    testTimeout: 60_000,
    maxWorkers: 1,
  },
});
