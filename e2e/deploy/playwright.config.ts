import { defineConfig } from '@playwright/test';
import base from '../playwright.config.js';
import { e2ePort } from '../support/paths.js';

const results = process.env.PARTA_E2E_TMP ? `${process.env.PARTA_E2E_TMP}/test-results` : './test-results';
const launchOptions = base.use?.launchOptions ?? {};

/**
 * docs/DEPLOY.md's deployment, tested: the browsers reach Parta only through https on nginx (a certificate made for
 * the run), in front of two nodes on PostgreSQL and Redis (globalSetup.ts). Run with
 * `npx playwright test -c e2e/deploy/playwright.config.ts` (PARTA_E2E_PORT: nginx's port; the nodes take +11, +12).
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: results,
  globalSetup: './globalSetup.ts',
  // Starting the deployment and a lesson through Janus on two shared cores: generous.
  timeout: 240_000,
  reporter: [['list'], ['json', { outputFile: `${results}/results.json` }]],
  use: {
    ...base.use,
    baseURL: `https://127.0.0.1:${e2ePort}`,
    // The run's own certificate; Chromium also ignores it for the service worker and the socket.
    ignoreHTTPSErrors: true,
    launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--ignore-certificate-errors'] },
  },
});
