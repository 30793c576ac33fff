import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig, randomSecret } from '../../config.js';
import { type Database, openDatabase } from '../../db/client.js';
import { chatViewers } from '../../db/pushSchema.js';
import { FakeClock } from '../../lib/clock.js';
import { RedisBus } from '../../platform/events/redisBus.js';
import { DevSmsProvider } from '../../platform/sms/devSms.js';
import { insertChat } from '../../realtime/testing/fixtures.js';
import { SocketClient } from '../../realtime/testing/socketClient.js';
import { freshSchool } from '../../test/factories.js';
import { createTestDatabaseUrl } from '../../test/pgTestDatabase.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { pushDispatchOf } from './service.js';
import { setLocalTime, subscribeDevice } from './testing/helpers.js';
import { LocalPushService } from './testing/pushService.js';

/**
 * Two nodes — two app instances, each with its own Redis connections (and, on PostgreSQL, its own connection pool) —
 * share one database and one Redis, as two server processes would. Every node hears every event; each push must go
 * out once. Needs Redis (REDIS_URL or 127.0.0.1:6379), which CI starts: there a missing Redis fails instead of skipping.
 */
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisUp = await redisAnswers();
if (!redisUp) {
  console.warn(`two-node push test skipped: no Redis at ${redisUrl}`);
  if (process.env.CI === 'true') throw new Error(`no Redis at ${redisUrl}`);
}

interface Node {
  ctx: TestContext;
  url: string;
  bus: RedisBus;
}

describe.skipIf(!redisUp)('pushes with two nodes over Redis', () => {
  const nodes: Node[] = [];
  const databases: Database[] = [];
  const sockets: SocketClient[] = [];
  let service: LocalPushService;

  beforeAll(async () => {
    service = await LocalPushService.start();
    const serverUrl = process.env.TEST_DATABASE_URL;
    const url = serverUrl ? await createTestDatabaseUrl(serverUrl) : undefined;
    // On PGlite the two nodes share one embedded database handle (it cannot be opened twice); on PostgreSQL each has its own pool.
    const snapshot = process.env.PARTA_PGLITE_SNAPSHOT;
    const shared = url ? null : await openDatabase(snapshot ? { snapshot: new Blob([await readFile(snapshot)]) } : { dataDir: null });
    if (shared) databases.push(shared);
    const secret = randomSecret();
    const clock = new FakeClock(new Date());
    setLocalTime(clock, '12:00');
    for (let i = 0; i < 2; i++) {
      const database = shared ?? (await openDatabase({ url }));
      if (!shared) databases.push(database);
      const bus = await RedisBus.connect(redisUrl);
      const deps = {
        config: loadConfig({ PARTA_DEMO: '0', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://parta.test', REDIS_URL: redisUrl, PUSH_TEST_ORIGINS: service.origin, LESSON_SWEEP_MS: '0', POLL_SWEEP_MS: '0', RATE_LIMIT_SCALE: '100' }),
        db: database.db,
        clock,
        sms: new DevSmsProvider({ info: () => undefined }),
        events: bus,
        secret,
      };
      const app = await buildApp(deps, { logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      nodes.push({ ctx: { app, deps, database, close: () => app.close() }, url: `http://127.0.0.1:${port}`, bus });
    }
  });

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    for (const n of nodes) {
      await n.ctx.close();
      await n.bus.close();
    }
    for (const d of databases) await d.close();
    await service.close();
  });

  /** Both nodes done: what Redis carries arrives a moment later, so wait for it, then for both queues. */
  async function bothSettled(): Promise<void> {
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(nodes.map((n) => pushDispatchOf(n.ctx.deps).settled()));
  }

  it('send each push once: the node where it happened sends, the other hears it and does not', async () => {
    const [a, b] = nodes as [Node, Node];
    const keyA = (await as(a.ctx, '').get('/push/key')).status;
    expect(keyA).toBe(401);
    const f = await freshSchool(a.ctx);
    const [onA, onB] = await Promise.all([as(a.ctx, f.cookies.student).get('/push/key'), as(b.ctx, f.cookies.student).get('/push/key')]);
    // One key for the installation, whichever node made it.
    expect(onA.body.data.publicKey).toBe(onB.body.data.publicKey);

    const student = await subscribeDevice(a.ctx, f.cookies.student, service);
    const chatId = await insertChat(a.ctx.deps.db, f.school.id, [f.teacher.id, f.student.id], 'Два узла');
    const heardOnB = pushDispatchOf(b.ctx.deps).heard.elsewhere;

    expect((await as(a.ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'через узел A' })).status).toBe(201);
    expect((await as(b.ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'через узел B' })).status).toBe(201);
    const lesson = await as(b.ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
    expect(lesson.status).toBe(201);
    await as(a.ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Новость через A' });
    await bothSettled();

    const bodies = service.to(student.endpoint).map((r) => (r.payload as { body: string }).body);
    expect(bodies.sort()).toEqual(
      [`${f.teacher.firstName}: через узел A`, `${f.teacher.firstName}: через узел B`, 'Новость через A', expect.stringContaining('зовёт вас на урок')].sort(),
    );
    expect(service.to(student.endpoint)).toHaveLength(4);
    // Not by luck: node B did hear A's events through Redis (and A heard B's), and left them to the other.
    expect(pushDispatchOf(b.ctx.deps).heard.elsewhere).toBeGreaterThanOrEqual(heardOnB + 2);
  });

  it('the chat a tab shows holds its pushes back whichever node its socket is on', async () => {
    const [a, b] = nodes as [Node, Node];
    const f = await freshSchool(a.ctx);
    const student = await subscribeDevice(b.ctx, f.cookies.student, service);
    const chatId = await insertChat(a.ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const tab = await SocketClient.connect(b.url, f.cookies.student);
    sockets.push(tab);
    tab.send({ t: 'viewing', chatId });
    for (let i = 0; i < 100 && (await a.ctx.deps.db.select().from(chatViewers)).every((v) => v.chatId !== chatId); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await as(a.ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'вижу на узле B' });
    await bothSettled();
    expect(service.to(student.endpoint)).toEqual([]);

    tab.send({ t: 'viewing', chatId: null });
    for (let i = 0; i < 100 && (await a.ctx.deps.db.select().from(chatViewers)).some((v) => v.chatId === chatId); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await as(a.ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text: 'вкладка скрыта' });
    await bothSettled();
    expect(service.to(student.endpoint)).toHaveLength(1);
  });
});
