import { errorMessages } from '@parta/contracts';
import { count, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { messages } from '../db/chatSchema.js';
import { freshSchool } from '../test/factories.js';
import type { TestContext } from '../test/testApp.js';
import { insertChat } from '../realtime/testing/fixtures.js';
import { type SocketClient, sleep } from '../realtime/testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from '../realtime/testing/socketTestApp.js';

/**
 * What one person's sockets may send: a flood of frames is cut to the budget (the rest dropped unread, the server
 * and everyone else unaffected), chat messages past their own budget are refused and not stored, and a frame over
 * the size limit closes its socket.
 */
const FRAMES = 300;
const MESSAGES = 30;

let app: SocketTestApp;
let ctx: TestContext;
beforeAll(async () => {
  app = await socketTestApp();
  ctx = app.ctx;
});
afterAll(() => app.close());

const nacks = (c: SocketClient, code: string) => c.frames.filter((f) => f.t === 'nack' && f.error.code === code);
const storedIn = async (chatId: string) =>
  (await ctx.deps.db.select({ n: count() }).from(messages).where(eq(messages.chatId, chatId)))[0]?.n ?? 0;

async function resumed(clients: SocketClient[], chatId: string) {
  for (const c of clients) {
    c.send({ t: 'resume', chats: { [chatId]: 0 } });
    await c.next('resumed');
  }
}

describe('frames from the browser', () => {
  it('answers a flood of 1,000 frames up to the budget only, tells the flooder once, and serves everyone else', { timeout: 30_000 }, async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id, f.admin.id]);
    const [flooder, teacher, admin] = await Promise.all([app.connect(f.cookies.student), app.connect(f.cookies.teacher), app.connect(f.cookies.admin)]);
    await resumed([teacher, admin], chatId);

    for (let i = 0; i < 1000; i++) flooder.send({ t: 'ping' });
    await flooder.waitFor(() => nacks(flooder, 'rate_limited').length > 0);
    expect((await teacher.sendMessage(chatId, 'Кто не сдал тетради?')).t).toBe('ack');
    await admin.waitFor((x) => x.t === 'event' && x.event.type === 'message.created');
    await sleep(300);

    expect(flooder.frames.filter((x) => x.t === 'pong')).toHaveLength(FRAMES);
    expect(nacks(flooder, 'rate_limited')).toEqual([expect.objectContaining({ ref: '' })]);
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
    expect(admin.messageTexts(chatId)).toEqual(['Кто не сдал тетради?']);
  });

  it('refuses chat messages past the budget with rate_limited on their own ref, and stores none of them', { timeout: 30_000 }, async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const [spammer, reader] = await Promise.all([app.connect(f.cookies.student), app.connect(f.cookies.teacher)]);
    await resumed([reader], chatId);

    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => spammer.sendMessage(chatId, `спам ${i}`)));
    expect(answers.filter((a) => a.t === 'ack')).toHaveLength(MESSAGES);
    const refused = answers.filter((a) => a.t === 'nack');
    expect(refused).toHaveLength(40 - MESSAGES);
    for (const r of refused) expect(r).toMatchObject({ error: { code: 'rate_limited', message: errorMessages.rate_limited.ru } });
    expect(await storedIn(chatId)).toBe(MESSAGES);
    await reader.waitFor((x) => x.t === 'event' && x.seq === MESSAGES);
  });

  it('closes a socket that sends a frame over 256 KB (1009); one under it is read and answered', { timeout: 30_000 }, async () => {
    const f = await freshSchool(ctx);
    const [big, other] = await Promise.all([app.connect(f.cookies.student), app.connect(f.cookies.teacher)]);
    // 200 KB: read, and refused by the contract (an SDP of at most 100,000 characters).
    big.send({ t: 'lesson.answer', lessonId: '00000000-0000-4000-8000-000000000000', sdp: 'a'.repeat(200_000) });
    await big.waitFor((x) => x.t === 'nack' && x.error.code === 'invalid_input');
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.send({ t: 'lesson.answer', lessonId: '00000000-0000-4000-8000-000000000000', sdp: 'a'.repeat(300_000) });
    expect(await closed).toBe(1009);
    other.send({ t: 'ping' });
    await other.next('pong');
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

describe.skipIf(!redisUp)('with REDIS_URL, across nodes', () => {
  it('counts a person’s messages on every node together', { timeout: 30_000 }, async () => {
    const env = { REDIS_URL: redisUrl, SOCKET_MESSAGES_PER_10S: '10' };
    const [nodeA, nodeB] = await Promise.all([socketTestApp(env), socketTestApp(env)]);
    // One school's nodes share the secret that session tokens are hashed with.
    nodeB.ctx.deps.secret = nodeA.ctx.deps.secret;
    try {
      const f = await freshSchool(nodeA.ctx);
      const chatId = await insertChat(nodeA.ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
      const [onA, onB] = await Promise.all([nodeA.connect(f.cookies.student), nodeB.connect(f.cookies.student)]);
      const first = await Promise.all(Array.from({ length: 10 }, (_, i) => onA.sendMessage(chatId, `A ${i}`)));
      expect(first.every((a) => a.t === 'ack')).toBe(true);
      expect(await onB.sendMessage(chatId, 'B')).toMatchObject({ t: 'nack', error: { code: 'rate_limited' } });
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });
});
