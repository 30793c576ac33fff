import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freshSchool, signedInCookie } from '../test/factories.js';
import type { TestContext } from '../test/testApp.js';
import { insertChat } from '../realtime/testing/fixtures.js';
import { type SocketTestApp, socketTestApp } from '../realtime/testing/socketTestApp.js';
import { TOO_MANY_CLOSE_CODE } from '../realtime/socketCaps.js';
import { defaultGatewayOptions } from '../realtime/gateway.js';

/**
 * Many sockets from one session (the probe opened 300 and all stayed): at most the cap stay open, the rest are
 * refused with a close code the web client knows, and other people's sockets go on as before.
 */
let app: SocketTestApp;
let ctx: TestContext;
const opened: WebSocket[] = [];
beforeAll(async () => {
  app = await socketTestApp();
  ctx = app.ctx;
});
afterAll(async () => {
  for (const ws of opened) ws.terminate();
  await app.close();
});

const { perSession, perUser } = defaultGatewayOptions.socketCaps;

type Outcome = { ws: WebSocket; ready: true } | { ws: WebSocket; ready: false; code: number; reason: string };

/** Opens a socket as a tab would and resolves once it is ready or closed. */
function tab(cookie: string): Promise<Outcome> {
  const ws = new WebSocket(`${app.base.replace(/^http/, 'ws')}/api/socket`, { headers: { cookie } });
  opened.push(ws);
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { t: string }).t === 'ready') resolve({ ws, ready: true });
    });
    ws.on('close', (code, reason) => resolve({ ws, ready: false, code, reason: reason.toString() }));
    ws.on('error', reject);
  });
}

const stillOpen = (outcomes: Outcome[]) => outcomes.filter((o) => o.ws.readyState === WebSocket.OPEN);

describe('sockets per session and per person', () => {
  it('keeps at most the cap of 300 sockets from one session open, refuses the rest with 4029, and stays responsive', { timeout: 60_000 }, async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const outcomes = await Promise.all(Array.from({ length: 300 }, () => tab(f.cookies.student)));

    expect(outcomes.filter((o) => o.ready)).toHaveLength(perSession);
    const refused = outcomes.filter((o): o is Extract<Outcome, { ready: false }> => !o.ready);
    expect(refused).toHaveLength(300 - perSession);
    for (const r of refused) expect([r.code, r.reason]).toEqual([TOO_MANY_CLOSE_CODE, 'too many sockets']);
    expect(stillOpen(outcomes)).toHaveLength(perSession);

    // Others are served at once: an answer over HTTP, and a teacher's socket that gets its chat's messages.
    const started = Date.now();
    expect((await fetch(`${app.base}/api/health`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    const teacher = await app.connect(f.cookies.teacher);
    expect((await teacher.sendMessage(chatId, 'Контрольная в пятницу')).t).toBe('ack');

    // A tab closed frees its place for the next one.
    const first = outcomes.find((o) => o.ready);
    await new Promise<void>((resolve) => {
      first?.ws.once('close', () => resolve());
      first?.ws.close();
    });
    await new Promise((r) => setTimeout(r, 100));
    expect((await tab(f.cookies.student)).ready).toBe(true);
    expect((await tab(f.cookies.student)).ready).toBe(false);
  });

  it('lets the same person in from another device while one session is full, up to the per-person cap', { timeout: 60_000 }, async () => {
    const f = await freshSchool(ctx);
    const sessions = [f.cookies.teacher, await signedInCookie(ctx, f.teacher), await signedInCookie(ctx, f.teacher)];
    const outcomes: Outcome[] = [];
    for (const cookie of sessions) outcomes.push(...(await Promise.all(Array.from({ length: perSession }, () => tab(cookie)))));
    expect(outcomes.filter((o) => o.ready)).toHaveLength(Math.min(perUser, sessions.length * perSession));
    expect(outcomes.slice(0, 2 * perSession).every((o) => o.ready)).toBe(true);
    // Another person is not counted with them.
    expect((await tab(f.cookies.student)).ready).toBe(true);
  });
});
