import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classParentChats } from '../../db/chatSchema.js';
import { joinRequests, parentLinks } from '../../db/schema.js';
import { type SocketClient, sleep } from '../../realtime/testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from '../../realtime/testing/socketTestApp.js';
import { createInviteToken, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';

let app: SocketTestApp;
let ctx: TestContext;

beforeAll(async () => {
  app = await socketTestApp();
  ({ ctx } = app);
});
afterAll(() => app.close());

async function connect(cookie: string): Promise<SocketClient> {
  const c = await app.connect(cookie);
  c.send({ t: 'resume', chats: {} });
  await c.next('resumed');
  return c;
}

const post = (cookie: string, url: string, payload?: object) =>
  ctx.app.inject({ method: 'POST', url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('PAR-1 parents over the socket', () => {
  it('an approved parent’s open socket hears «Родители 7А» at once; a removed link stops it at once', async () => {
    const f = await freshSchool(ctx);
    await ctx.app.inject({ method: 'PUT', url: `/api/classes/${f.classA.id}/class-teacher`, headers: { cookie: f.cookies.admin }, payload: { userId: f.teacher.id } });
    const parent = await createUser(ctx);
    const cookie = await signedInCookie(ctx, parent);
    const { token } = await createInviteToken(ctx, f.school.id, f.admin.id, 'parent', f.classA.id);
    expect((await post(cookie, `/invites/${token}/accept`, { childIds: [f.student.id] })).statusCode).toBe(200);
    const socket = await connect(cookie);
    const [req] = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.userId, parent.id));
    expect((await post(f.cookies.teacher, `/join-requests/${req!.id}/approve`)).statusCode).toBe(200);
    await socket.waitFor((x) => x.t === 'user' && x.event.type === 'chats.changed');
    const [pc] = await ctx.deps.db.select().from(classParentChats).where(eq(classParentChats.classId, f.classA.id));
    const chatId = pc!.chatId;

    expect((await post(f.cookies.teacher, `/chats/${chatId}/messages`, { clientId: 'a1', text: 'Собрание в пятницу' })).statusCode).toBe(201);
    await socket.waitFor((x) => x.t === 'event' && x.chatId === chatId && x.event.type === 'message.created');

    const [link] = await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.parentId, parent.id));
    const del = await ctx.app.inject({ method: 'DELETE', url: `/api/parent-links/${link!.id}`, headers: { cookie: f.cookies.admin } });
    expect(del.statusCode).toBe(200);
    await socket.waitFor((x) => x.t === 'user' && x.event.type === 'memberships.changed');
    await sleep(100);
    const before = socket.frames.length;
    expect((await post(f.cookies.teacher, `/chats/${chatId}/messages`, { clientId: 'a2', text: 'Только учителям' })).statusCode).toBe(201);
    await ctx.deps.events.publish(`school:${f.school.id}`, { type: 'news.posted', postId: 'after' });
    await sleep(200);
    const later = socket.frames.slice(before);
    expect(later.filter((x) => x.t === 'event' || x.t === 'school')).toEqual([]);
  });
});
