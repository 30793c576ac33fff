import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig, randomSecret } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { FakeClock } from '../lib/clock.js';
import type { EventBus } from '../platform/events/bus.js';
import { RedisBus } from '../platform/events/redisBus.js';
import { DevSmsProvider } from '../platform/sms/devSms.js';
import { createUser, freshSchool, signedInCookie } from '../test/factories.js';
import { createTestDatabaseUrl } from '../test/pgTestDatabase.js';
import type { TestContext } from '../test/testApp.js';
import { insertChat } from './testing/fixtures.js';
import { SocketClient } from './testing/socketClient.js';

/**
 * Two nodes — two app instances on two ports, each with its own connection pool and its own Redis
 * connections — share one PostgreSQL database and one Redis, as two server processes would.
 * Runs in `npm run test:pg` (TEST_DATABASE_URL); Redis at REDIS_URL or 127.0.0.1:6379.
 */
const dbServer = process.env.TEST_DATABASE_URL;
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

const redisUp = dbServer ? await redisAnswers() : false;
const skipReason = !dbServer
  ? 'two-node test skipped: needs TEST_DATABASE_URL (it runs in `npm run test:pg`)'
  : !redisUp
    ? `two-node test skipped: no Redis at ${redisUrl}`
    : null;
if (skipReason) {
  console.warn(skipReason);
  // CI starts PostgreSQL and Redis (.ci/run): there, a missing service is a failure, not a skip.
  if (dbServer && process.env.CI === 'true') throw new Error(skipReason);
}

interface Node {
  ctx: TestContext;
  url: string;
  bus: EventBus;
}

describe.skipIf(skipReason !== null)('two nodes over Redis and one PostgreSQL', () => {
  const nodes: Node[] = [];
  const databases: Database[] = [];
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    const url = await createTestDatabaseUrl(dbServer as string);
    const secret = randomSecret();
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ url });
      databases.push(database);
      const bus = await RedisBus.connect(redisUrl);
      const deps = {
        config: loadConfig({ PARTA_DEMO: '0', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://parta.test', REDIS_URL: redisUrl }),
        db: database.db,
        clock: new FakeClock(new Date()),
        sms: new DevSmsProvider({ info: () => undefined }),
        events: bus,
        secret,
      };
      const app: FastifyInstance = await buildApp(deps, { logger: false });
      const listening = await app.listen({ port: 0, host: '127.0.0.1' });
      nodes.push({ ctx: { app, deps, database, close: () => app.close() }, url: listening, bus });
    }
  });

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    for (const n of nodes) {
      await n.ctx.close();
      await n.bus.close();
    }
    for (const d of databases) await d.close();
  });

  it('a message sent through node A reaches a socket on node B, and back', async () => {
    const [a, b] = nodes as [Node, Node];
    const f = await freshSchool(a.ctx);
    const chatId = await insertChat(a.ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const onA = await SocketClient.connect(a.url, f.cookies.teacher);
    const onB = await SocketClient.connect(b.url, f.cookies.student);
    sockets.push(onA, onB);
    for (const s of [onA, onB]) {
      s.send({ t: 'resume', chats: { [chatId]: 0 } });
      await s.next('resumed');
    }
    const texts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [from, text] = i % 2 === 0 ? [onA, `с узла A ${i}`] : [onB, `с узла B ${i}`];
      texts.push(text);
      expect((await from.sendMessage(chatId, text)).t).toBe('ack');
    }
    for (const s of [onA, onB]) {
      await s.waitFor((x) => x.t === 'event' && x.seq === 10);
      expect(s.events(chatId).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(s.messageTexts(chatId)).toEqual(texts);
    }

    // Typing crosses nodes too; so does a concurrent burst from both sides, in one order for both.
    onB.send({ t: 'typing', chatId });
    await onA.waitFor((x) => x.t === 'typing' && x.userId === f.student.id);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).sendMessage(chatId, `залп ${i}`)));
    for (const s of [onA, onB]) {
      await s.waitFor((x) => x.t === 'event' && x.seq === 30);
      expect(s.events(chatId).map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    }
    expect(onA.messageTexts(chatId)).toEqual(onB.messageTexts(chatId));
  });

  it('approved on node A, an applicant’s sockets on both nodes join the school’s room without reconnecting', async () => {
    const [a, b] = nodes as [Node, Node];
    const f = await freshSchool(a.ctx);
    const kid = await createUser(a.ctx);
    const cookie = await signedInCookie(a.ctx, kid);
    const sent = await a.ctx.app.inject({
      method: 'POST', url: '/api/join-requests', headers: { cookie }, payload: { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] },
    });
    expect(sent.statusCode).toBe(201);
    const onA = await SocketClient.connect(a.url, cookie);
    const onB = await SocketClient.connect(b.url, cookie);
    sockets.push(onA, onB);
    for (const s of [onA, onB]) {
      s.send({ t: 'resume', chats: {} });
      await s.next('resumed');
    }
    const approved = await a.ctx.app.inject({ method: 'POST', url: `/api/join-requests/${sent.json().data.id}/approve`, headers: { cookie: f.cookies.admin } });
    expect(approved.statusCode).toBe(200);
    for (const s of [onA, onB]) await s.waitFor((x) => x.t === 'user' && x.event.type === 'member.joined');
    await b.bus.publish(`school:${f.school.id}`, { type: 'news.posted', postId: 'both' });
    for (const s of [onA, onB]) {
      expect(await s.waitFor((x) => x.t === 'school')).toEqual({ t: 'school', schoolId: f.school.id, event: { type: 'news.posted', postId: 'both' } });
    }
  });
});
