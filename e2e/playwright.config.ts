import { defineConfig } from '@playwright/test';
import { e2ePort } from './support/paths.js';

/** Side-by-side runs (PARTA_E2E_TMP set) keep their results apart too. */
const results = process.env.PARTA_E2E_TMP ? `${process.env.PARTA_E2E_TMP}/test-results` : './test-results';

/**
 * Browser tests in Debian's Chromium (never a downloaded browser) against the real server,
 * built web app and embedded database with the demo school. One worker: the machine has two
 * cores and the tests share one server whose SMS log they read.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: results,
  globalSetup: './support/globalSetup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: two cores shared with the server, and argon2 on every sign-in.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: `${results}/results.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${e2ePort}`,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Video lessons: fake camera and microphone, allowed without asking; 127.x candidates offered as they are.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
        '--disable-features=WebRtcHideLocalIpsWithMdns',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
