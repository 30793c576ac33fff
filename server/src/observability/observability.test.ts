import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, randomSecret } from '../config.js';
import { openDatabase } from '../db/client.js';
import { FakeClock } from '../lib/clock.js';
import { Browser, signUpThroughApi } from '../modules/auth/testHelpers.js';
import { as, classChat } from '../modules/chats/testHelpers.js';
import { InProcessBus } from '../platform/events/bus.js';
import { DevSmsProvider } from '../platform/sms/devSms.js';
import { freshSchool } from '../test/factories.js';
import { createTestDatabaseUrl } from '../test/pgTestDatabase.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { startMetricsListener } from './listener.js';
import { Readiness } from './readiness.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';
const silent = { error: () => undefined, info: () => undefined } as never;

/** A port nothing listens on: bound for a moment, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('metrics', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => ctx.close());

  it('exposes latency by route pattern, group-commit batches and the runtime series to the token holder', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    for (const [i, text] of ['Первое', 'Второе'].entries()) {
      expect((await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: `m${i}`, text })).status).toBe(201);
    }
    await as(ctx, f.cookies.teacher).get(`/chats/${chatId}/messages`);

    const res = await ctx.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toMatch(/parta_http_request_duration_seconds_count\{method="POST",route="\/api\/chats\/:chatId\/messages",status="201"\} [2-9]/);
    expect(text).toMatch(/parta_http_request_duration_seconds_bucket\{le="0.25",method="GET",route="\/api\/chats\/:chatId\/messages",status="200"\}/);
    // The raw URL (with the chat's id) never becomes a label.
    expect(text).not.toContain(chatId);
    expect(text).toMatch(/parta_group_commit_batch_size_count [1-9]/);
    expect(text).toMatch(/parta_group_commit_wait_seconds_count [1-9]/);
    for (const series of [
      'parta_websockets_open', 'parta_event_loop_delay_seconds{quantile="0.99"}', 'parta_db_pool_connections{state="total"}',
      'parta_process_cpu_seconds_total', 'parta_nodejs_heap_size_used_bytes', '# TYPE parta_push_total counter', '# TYPE parta_sms_total counter',
    ]) expect(text).toContain(series);
    if (ctx.database.kind === 'postgres') expect(text).toMatch(/parta_db_pool_connections\{state="total"\} [1-9]/);
  });

  it('counts SMS codes sent', async () => {
    // Signing up sends a code by SMS.
    await signUpThroughApi(ctx, new Browser(ctx));
    const text = (await ctx.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(text).toMatch(/parta_sms_total\{outcome="sent"\} [1-9]/);
  });

  it('refuses /metrics on the main port without the token or with a wrong one', async () => {
    const none = await ctx.app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.body).not.toContain('parta_');
    const wrong = await ctx.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` } });
    expect(wrong.statusCode).toBe(401);
  });

  it('serves no /metrics on the main port when no token is set (only the internal listener has them)', async () => {
    const plain = await createTestContext();
    try {
      const res = await plain.app.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('parta_');
    } finally {
      await plain.close();
    }
    const listener = await startMetricsListener({ host: '127.0.0.1', port: 0 }, silent);
    if (!listener) throw new Error('the metrics listener did not start');
    try {
      const { port } = listener.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('parta_http_request_duration_seconds');
    } finally {
      await listener.close();
    }
  });
});

describe('health and readiness', () => {
  it('is live and ready while the database answers', async () => {
    const ctx = await createTestContext();
    try {
      expect((await ctx.app.inject({ url: '/api/health' })).json()).toEqual({ ok: true });
      const ready = await ctx.app.inject({ url: '/api/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ ok: true, checks: { database: 'ok' } });
    } finally {
      await ctx.close();
    }
  });

  it('is not ready (503) once the database is closed, and still live', async () => {
    // A database of its own: the file's shared one must stay open for the other tests.
    const serverUrl = process.env.TEST_DATABASE_URL;
    const database = await openDatabase(serverUrl ? { url: await createTestDatabaseUrl(serverUrl) } : { dataDir: null });
    const config = loadConfig({ LOG_LEVEL: 'silent', LESSON_SWEEP_MS: '0', POLL_SWEEP_MS: '0' });
    const app = await buildApp(
      { config, db: database.db, clock: new FakeClock(new Date()), sms: new DevSmsProvider({ info: () => undefined }), events: new InProcessBus(), secret: randomSecret() },
      { logger: false },
    );
    try {
      expect((await app.inject({ url: '/api/ready' })).statusCode).toBe(200);
      await database.close();
      const ready = await app.inject({ url: '/api/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().ok).toBe(false);
      expect(ready.json().checks.database).not.toBe('ok');
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is ready with Redis reachable, and not (the check says why) when Redis is at a closed port', async () => {
    // An app cannot even start with Redis away (its rate-limit counters connect first): the check is asked directly.
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const ctx = await createTestContext({ REDIS_URL: redisUrl });
    try {
      const ready = await ctx.app.inject({ url: '/api/ready' });
      expect(ready.json()).toEqual({ ok: true, checks: { database: 'ok', redis: 'ok' } });
      const away = new Readiness(ctx.deps.db, `redis://127.0.0.1:${await closedPort()}`);
      const report = await away.check();
      await away.close();
      expect(report.ok).toBe(false);
      expect(report.checks.database).toBe('ok');
      expect(report.checks.redis).not.toBe('ok');
    } finally {
      await ctx.close();
    }
  });
});
