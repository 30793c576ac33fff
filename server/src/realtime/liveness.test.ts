import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installRequestContext } from '../http/context.js';
import { freshSchool } from '../test/factories.js';
import { createTestContext, type TestContext } from '../test/testApp.js';
import { insertChat } from './testing/fixtures.js';
import { SocketClient } from './testing/socketClient.js';
import type { Gateway, GatewayOptions } from './gateway.js';
import { registerRealtime } from './route.js';

/** A socket app with a fast heartbeat and a small send buffer, so dead and slow sockets show quickly. */
let ctx: TestContext;
const apps: FastifyInstance[] = [];

async function socketApp(options: Partial<GatewayOptions>): Promise<{ base: string; gateway: Gateway }> {
  const app = Fastify({ logger: false });
  apps.push(app);
  await app.register(cookie);
  installRequestContext(app, ctx.deps);
  const gateway = await registerRealtime(app, ctx.deps, options);
  return { base: await app.listen({ port: 0, host: '127.0.0.1' }), gateway };
}

beforeAll(async () => {
  // One teacher sends 1,500 messages as fast as the server takes them: far past a person's budget.
  ctx = await createTestContext({ SOCKET_MESSAGES_PER_10S: '100000', SOCKET_FRAMES_PER_10S: '100000' });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await ctx.close();
});

/** A tab that upgrades and then never reads a byte (a phone gone to sleep mid-burst). */
function stalledTab(base: string, cookieHeader: string): Socket {
  const { port } = new URL(base);
  const s = connect(Number(port), '127.0.0.1');
  s.write(
    `GET /api/socket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nCookie: ${cookieHeader}\r\n\r\n`,
  );
  s.pause();
  s.on('error', () => undefined);
  return s;
}

async function until(check: () => boolean, withinMs: number): Promise<boolean> {
  for (let waited = 0; waited < withinMs; waited += 25) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

function closed(ws: WebSocket, withinMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(true);
    const timer = setTimeout(() => resolve(false), withinMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('dead and slow sockets', () => {
  it('closes a socket that stops answering pings, and keeps one that answers', async () => {
    const { base } = await socketApp({ heartbeatMs: 150 });
    const f = await freshSchool(ctx);
    const url = `${base.replace(/^http/, 'ws')}/api/socket`;
    const dead = new WebSocket(url, { headers: { cookie: f.cookies.student }, autoPong: false });
    const opened = new Promise((r) => dead.once('open', r));
    const alive = await SocketClient.connect(base, f.cookies.teacher);
    await opened;
    expect(await closed(dead, 2000)).toBe(true);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    await alive.close();
  });

  it('cuts a socket that does not read while its chat is busy; the others get every message', { timeout: 90_000 }, async () => {
    const { base, gateway } = await socketApp({ heartbeatMs: 60_000, maxBufferedBytes: 64 * 1024 });
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id, f.admin.id]);
    const [teacher, reader] = await Promise.all([SocketClient.connect(base, f.cookies.teacher), SocketClient.connect(base, f.cookies.admin)]);
    for (const c of [teacher, reader]) {
      c.send({ t: 'resume', chats: { [chatId]: 0 } });
      await c.next('resumed');
    }
    const stalled = stalledTab(base, f.cookies.student);
    expect(await until(() => gateway.size === 3, 5000)).toBe(true);
    // ~8 KB a message (two bytes a letter): 1,500 of them overflow the kernel's buffers and the 64 KB limit.
    const text = 'щ'.repeat(3990);
    const total = 1500;
    for (let i = 0; i < total; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) => teacher.sendMessage(chatId, `${i + k} ${text}`)));
    }
    await reader.waitFor((x) => x.t === 'event' && x.seq === total, 30_000);
    expect(reader.events(chatId).map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await until(() => gateway.size === 2, 3000)).toBe(true);
    stalled.destroy();
    await Promise.all([teacher.close(), reader.close()]);
  });
});
