import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig, randomSecret } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { systemClock } from '../../lib/clock.js';
import { InProcessBus } from '../../platform/events/bus.js';
import { DevSmsProvider } from '../../platform/sms/devSms.js';
import { createUser, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';

/** One start of the server on a data directory: its app, and a way to stop it as the process would. */
async function start(dataDir: string, env: Record<string, string> = {}) {
  const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  const deps = {
    config: loadConfig({ PARTA_DEMO: '0', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://parta.test', DATA_DIR: dataDir, LESSON_SWEEP_MS: '0', POLL_SWEEP_MS: '0', ...env }),
    db: database.db,
    clock: systemClock,
    sms: new DevSmsProvider({ info: () => undefined }),
    events: new InProcessBus(),
    secret: randomSecret(),
  };
  const app = await buildApp(deps, { logger: false });
  const ctx = { app, deps, database, close: () => app.close() } as unknown as TestContext;
  const key = async () => {
    const user = await createUser(ctx);
    const res = await as(ctx, await signedInCookie(ctx, user)).get('/push/key');
    expect(res.status).toBe(200);
    return res.body.data.publicKey as string;
  };
  return {
    key,
    stop: async () => {
      await app.close();
      await database.close();
    },
  };
}

describe('the VAPID key pair', () => {
  it('is generated once and survives a restart: browsers’ subscriptions stay valid', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'parta-vapid-'));
    try {
      const first = await start(dataDir);
      const before = await first.key();
      await first.stop();
      const second = await start(dataDir);
      expect(await second.key()).toBe(before);
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is the one set by VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY when they are set; half a pair or a wrong length refuses to start', async () => {
    const pair = webpush.generateVAPIDKeys();
    const ctx = await createTestContext({ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'mailto:it@school.ru' });
    try {
      const res = await as(ctx, await signedInCookie(ctx, await createUser(ctx))).get('/push/key');
      expect(res.body.data.publicKey).toBe(pair.publicKey);
    } finally {
      await ctx.close();
    }
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: pair.publicKey })).toThrow(/together/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: pair.privateKey, VAPID_PRIVATE_KEY: pair.publicKey })).toThrow(/65 bytes/);
    expect(() => loadConfig({ VAPID_SUBJECT: 'it@school.ru' })).toThrow(/VAPID_SUBJECT/);
    expect(loadConfig({ PUBLIC_URL: 'https://parta.school.ru' }).push.subject).toBe('https://parta.school.ru');
    expect(() => loadConfig({ PUSH_TIME_ZONE: 'Mars/Olympus' })).toThrow(/PUSH_TIME_ZONE/);
  });
});
