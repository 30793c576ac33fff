import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRestrictions } from '../../db/safetySchema.js';
import { schools } from '../../db/schema.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { socketTestApp, type SocketTestApp } from '../../realtime/testing/socketTestApp.js';
import { as, classChat } from '../chats/testHelpers.js';

/**
 * SAFE-1 flood control: a person sends at most the school's «messagesPerMinute» to one chat a minute; past it a clear
 * 429 «Слишком часто — подождите N с» with Retry-After, over HTTP and the socket, counted across nodes through Redis.
 * The real scale (RATE_LIMIT_SCALE=1) here; the request budget of `posting` (20 per 10 s) is above the 3 a minute set.
 */
let app: SocketTestApp;
let ctx: TestContext;
beforeAll(async () => {
  app = await socketTestApp({ RATE_LIMIT_SCALE: '1' });
  ctx = app.ctx;
});
afterAll(() => app.close());

const post = (c: TestContext, cookie: string, chatId: string, i: number) =>
  c.app.inject({ method: 'POST', url: `/api/chats/${chatId}/messages`, headers: { cookie }, payload: { clientId: `f-${i}-${Math.random()}`, text: `раз ${i}` } });

describe('flood control in a chat (SAFE-1)', () => {
  it('HTTP: the 4th message in a minute is refused with its wait; other chats and other people are not', async () => {
    const f = await freshSchool(ctx);
    await ctx.deps.db.update(schools).set({ messagesPerMinute: 3 }).where(eq(schools.id, f.school.id));
    const chatId = await classChat(ctx, f);
    const otherChat = await classChat(ctx, f, '7А — Физика');
    for (let i = 0; i < 3; i++) expect((await post(ctx, f.cookies.student, chatId, i)).statusCode).toBe(201);
    const refused = await post(ctx, f.cookies.student, chatId, 4);
    expect(refused.statusCode).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', retryInSeconds: wait, message: `Слишком часто — подождите ${wait} с` });
    expect((await post(ctx, f.cookies.student, otherChat, 5)).statusCode).toBe(201);
    expect((await post(ctx, f.cookies.teacher, chatId, 6)).statusCode).toBe(201);
    // Nothing of the refused one was stored.
    const history = await as(ctx, f.cookies.teacher).get(`/chats/${chatId}/messages`);
    expect(history.body.data.map((m: { text: string }) => m.text)).not.toContain('раз 4');
  });

  it('the socket: a nack with the same code, wait and words', async () => {
    const f = await freshSchool(ctx);
    await ctx.deps.db.update(schools).set({ messagesPerMinute: 2 }).where(eq(schools.id, f.school.id));
    const chatId = await classChat(ctx, f);
    const student = await app.connect(f.cookies.student);
    expect((await student.sendMessage(chatId, 'один')).t).toBe('ack');
    expect((await student.sendMessage(chatId, 'два')).t).toBe('ack');
    const nack = await student.sendMessage(chatId, 'три');
    expect(nack).toMatchObject({ t: 'nack', error: { code: 'rate_limited' } });
    const error = (nack as { error: { retryInSeconds: number; message: string } }).error;
    expect(error.message).toBe(`Слишком часто — подождите ${error.retryInSeconds} с`);
  });

  it('the socket: a write ban is refused with its end, as over HTTP', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const until = new Date(ctx.deps.clock.now().getTime() + 3600_000);
    await ctx.deps.db.insert(chatRestrictions).values({ chatId, userId: f.student.id, kind: 'ban', until, createdBy: f.admin.id });
    const student = await app.connect(f.cookies.student);
    const nack = await student.sendMessage(chatId, 'можно?');
    expect(nack).toMatchObject({ t: 'nack', error: { code: 'write_banned', until: until.toISOString() } });
    expect((nack as { error: { message: string } }).error.message).toMatch(/^Вам запрещено писать в этом чате до /);
  });
});

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
if (!redisUp && process.env.CI === 'true') throw new Error(`no Redis at ${redisUrl}`);

describe.skipIf(!redisUp)('flood control shared by two nodes through Redis', () => {
  it('sends spread over two nodes count once', async () => {
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_SCALE: '1' };
    const [a, b] = await Promise.all([createTestContext(env), createTestContext(env)]);
    // One installation: both nodes read sessions with the same key.
    (b.deps as { secret: string }).secret = a.deps.secret;
    try {
      const f = await freshSchool(a);
      await a.deps.db.update(schools).set({ messagesPerMinute: 4 }).where(eq(schools.id, f.school.id));
      const chatId = await classChat(a, f);
      for (let i = 0; i < 4; i++) expect((await post(i % 2 ? a : b, f.cookies.student, chatId, i)).statusCode).toBe(201);
      expect((await post(a, f.cookies.student, chatId, 5)).statusCode).toBe(429);
      expect((await post(b, f.cookies.student, chatId, 6)).statusCode).toBe(429);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
