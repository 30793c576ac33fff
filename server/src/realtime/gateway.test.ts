import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChatEvents } from '../modules/chats/chatEvents.js';
import { addChatMembers } from '../modules/chats/addChatMembers.js';
import { removeChatMember } from '../modules/chats/removeChatMember.js';
import { announceSessionsEnded } from '../modules/auth/sessions.js';
import { freshSchool, signedInCookie } from '../test/factories.js';
import type { TestContext } from '../test/testApp.js';
import { actorOf, insertChat } from './testing/fixtures.js';
import { SocketClient, sleep } from './testing/socketClient.js';
import { type SocketTestApp, socketTestApp } from './testing/socketTestApp.js';

let app: SocketTestApp;
let ctx: TestContext;
let base: string;

const connect = (cookie: string, opts: { origin?: string } = {}) => app.connect(cookie, opts);

beforeAll(async () => {
  // Some tests send 50 messages as fast as acks come back: faster than a person types.
  app = await socketTestApp({ SOCKET_MESSAGES_PER_10S: '1000' });
  ({ ctx, base } = app);
});
afterAll(() => app.close());

describe('GET /api/socket', () => {
  it('refuses the upgrade without a session, with an unknown session, and from another site', async () => {
    const f = await freshSchool(ctx);
    expect(await SocketClient.upgradeStatus(base, {})).toBe(401);
    expect(await SocketClient.upgradeStatus(base, { cookie: 'parta_session=not-a-real-token' })).toBe(401);
    expect(await SocketClient.upgradeStatus(base, { cookie: f.cookies.student, origin: 'https://evil.example' })).toBe(403);
    expect(await SocketClient.upgradeStatus(base, { cookie: f.cookies.student, origin: 'http://parta.test' })).toBe(101);
  });

  it('delivers a message live to both members, acks the sender with the stored message, and tells a non-member nothing', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const [teacher, student, admin] = await Promise.all([connect(f.cookies.teacher), connect(f.cookies.student), connect(f.cookies.admin)]);
    for (const c of [teacher, student, admin]) {
      c.send({ t: 'resume', chats: { [chatId]: 0 } });
      await c.next('resumed');
    }
    const ack = await teacher.sendMessage(chatId, 'Завтра контрольная');
    expect(ack.t).toBe('ack');
    if (ack.t !== 'ack') return;
    expect(ack.message).toMatchObject({ chatId, seq: 1, text: 'Завтра контрольная', author: { id: f.teacher.id } });
    for (const c of [teacher, student]) {
      const got = await c.waitFor((x) => x.t === 'event' && x.seq === 1);
      expect(got).toMatchObject({ t: 'event', chatId, seq: 1, event: { type: 'message.created', message: { id: ack.message.id } } });
    }
    const reply = await student.sendMessage(chatId, 'Поняла');
    expect(reply.t).toBe('ack');
    await teacher.waitFor((x) => x.t === 'event' && x.seq === 2);
    await sleep(100);
    expect(admin.events()).toEqual([]);
    expect(teacher.messageTexts(chatId)).toEqual(['Завтра контрольная', 'Поняла']);
  });

  it('delivers an event of a school to the sockets of its members only', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const [student, outsider] = await Promise.all([connect(f.cookies.student), connect(other.cookies.student)]);
    for (const c of [student, outsider]) {
      c.send({ t: 'resume', chats: {} });
      await c.next('resumed');
    }
    await ctx.deps.events.publish(`school:${f.school.id}`, { type: 'news.posted', postId: 'p1' });
    expect(await student.waitFor((x) => x.t === 'school')).toEqual({
      t: 'school', schoolId: f.school.id, event: { type: 'news.posted', postId: 'p1' },
    });
    await sleep(100);
    expect(outsider.frames.filter((x) => x.t === 'school')).toEqual([]);
  });

  it('closes the sockets of a session when it signs out, and only those; a password reset would close them all', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const otherDevice = await signedInCookie(ctx, f.student);
    const [here, elsewhere, teacher] = await Promise.all([connect(f.cookies.student), connect(otherDevice), connect(f.cookies.teacher)]);
    for (const c of [here, elsewhere, teacher]) {
      c.send({ t: 'resume', chats: { [chatId]: 0 } });
      await c.next('resumed');
    }
    const closed = new Promise<number>((resolve) => here.ws.once('close', (code) => resolve(code)));
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/signout', headers: { cookie: f.cookies.student, origin: 'http://parta.test' } });
    expect(res.statusCode).toBe(200);
    expect(await closed).toBe(4001);
    // The same person's other device stays connected and live; the signed-out tab hears nothing more.
    await teacher.sendMessage(chatId, 'После выхода');
    await elsewhere.waitFor((x) => x.t === 'event' && x.seq === 1);
    expect(here.frames.filter((x) => x.t === 'event')).toEqual([]);
    expect(elsewhere.frames.some((x) => x.t === 'user')).toBe(false);
    expect(await SocketClient.upgradeStatus(base, { cookie: f.cookies.student })).toBe(401);
  });

  it('closes every socket of a person when all their sessions end (a password reset)', async () => {
    const f = await freshSchool(ctx);
    const sockets = await Promise.all([connect(f.cookies.student), connect(await signedInCookie(ctx, f.student))]);
    const codes = sockets.map((c) => new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code))));
    const teacher = await connect(f.cookies.teacher);
    await announceSessionsEnded(ctx.deps.events, [{ userId: f.student.id }]);
    expect(await Promise.all(codes)).toEqual([4001, 4001]);
    expect(teacher.ws.readyState).toBe(teacher.ws.OPEN);
  });

  it('refuses to send into a chat the person is not in (nack) and writes nothing', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id]);
    const [outsider, classmate] = await Promise.all([connect(other.cookies.student), connect(f.cookies.student)]);
    expect(await outsider.sendMessage(chatId, 'чужой чат')).toMatchObject({ t: 'nack', error: { code: 'not_found' } });
    expect(await classmate.sendMessage(chatId, 'не мой чат')).toMatchObject({ t: 'nack' });
    const teacher = await connect(f.cookies.teacher);
    teacher.send({ t: 'resume', chats: { [chatId]: 0 } });
    await teacher.next('resumed');
    expect(teacher.events(chatId)).toEqual([]);
  });

  it('answers a malformed frame with nack invalid_input and a ping with pong', async () => {
    const f = await freshSchool(ctx);
    const c = await connect(f.cookies.student);
    c.send({ t: 'send', ref: 'r1', chatId: 'nope' });
    expect(await c.waitFor((x) => x.t === 'nack' && x.ref === 'r1')).toMatchObject({ error: { code: 'invalid_input' } });
    c.send({ t: 'ping' });
    await c.next('pong');
  });

  it('relays typing to the other members of the chat only', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const [teacher, student, admin] = await Promise.all([connect(f.cookies.teacher), connect(f.cookies.student), connect(f.cookies.admin)]);
    student.send({ t: 'typing', chatId });
    const typing = await teacher.next('typing');
    expect(typing).toMatchObject({ chatId, userId: f.student.id, name: `${f.student.firstName} ${f.student.lastName}` });
    admin.send({ t: 'typing', chatId });
    await sleep(150);
    expect(student.frames.some((x) => x.t === 'typing')).toBe(false);
    expect(admin.frames.some((x) => x.t === 'typing')).toBe(false);
    expect(teacher.frames.filter((x) => x.t === 'typing')).toHaveLength(1);
  });

  it('read moves the read mark forward and tells the reader’s other tabs', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const teacher = await connect(f.cookies.teacher);
    await teacher.sendMessage(chatId, 'раз');
    await teacher.sendMessage(chatId, 'два');
    const [tab1, tab2] = await Promise.all([connect(f.cookies.student), connect(f.cookies.student)]);
    tab1.send({ t: 'read', chatId, seq: 2 });
    const seen = await tab2.waitFor((x) => x.t === 'user' && x.event.type === 'chat.read');
    expect(seen).toMatchObject({ event: { chatId, lastReadSeq: 2 } });
    tab1.send({ t: 'read', chatId, seq: 1 });
    await sleep(100);
    const { listChatsOfUser } = await import('../modules/chats/queries.js');
    const [summary] = (await listChatsOfUser(ctx.deps.db, f.student.id)).filter((c) => c.id === chatId);
    expect(summary?.lastReadSeq).toBe(2);
  });
});

describe('resume', () => {
  it('a client that missed 50 messages gets all 50 exactly once, in order, then resumed', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const teacher = await connect(f.cookies.teacher);
    let student = await connect(f.cookies.student);
    student.send({ t: 'resume', chats: { [chatId]: 0 } });
    await student.next('resumed');
    await teacher.sendMessage(chatId, 'до');
    const before = await student.waitFor((x) => x.t === 'event' && x.seq === 1);
    await student.close();

    const sent: string[] = [];
    for (let i = 1; i <= 50; i++) {
      sent.push(`сообщение ${i}`);
      expect((await teacher.sendMessage(chatId, `сообщение ${i}`)).t).toBe('ack');
    }
    student = await connect(f.cookies.student);
    student.send({ t: 'resume', chats: { [chatId]: before.t === 'event' ? before.seq : 0 } });
    await student.next('resumed');
    const events = student.events(chatId);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(student.messageTexts(chatId)).toEqual(sent);
    const resumedAt = student.frames.findIndex((x) => x.t === 'resumed');
    expect(student.frames.slice(resumedAt + 1).filter((x) => x.t === 'event')).toEqual([]);
  });

  it('messages sent while the replay runs arrive once, after the replayed ones, with no gap', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const teacher = await connect(f.cookies.teacher);
    for (let i = 1; i <= 30; i++) await teacher.sendMessage(chatId, `старое ${i}`);
    const student = await connect(f.cookies.student);
    student.send({ t: 'resume', chats: { [chatId]: 0 } });
    const live = Array.from({ length: 20 }, (_, i) => teacher.sendMessage(chatId, `новое ${i + 1}`));
    await Promise.all(live);
    await student.waitFor((x) => x.t === 'event' && x.seq === 50);
    await sleep(100);
    expect(student.events(chatId).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('ignores chats the client is not a member of, and says resync when more than 1000 behind', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const secret = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id]);
    await ctx.deps.db.transaction(async (tx) => {
      await appendChatEvents(tx, chatId, Array.from({ length: 1001 }, (_, i) => ({ type: 'chat.updated' as const, name: `v${i}` })));
      await appendChatEvents(tx, secret, [{ type: 'chat.updated', name: 'тайна' }]);
    });
    const student = await connect(f.cookies.student);
    student.send({ t: 'resume', chats: { [chatId]: 0, [secret]: 0 } });
    await student.next('resumed');
    expect(student.frames.filter((x) => x.t === 'resync')).toEqual([{ t: 'resync', chatId }]);
    expect(student.events()).toEqual([]);
    // 1000 behind is still replayed.
    const again = await connect(f.cookies.student);
    again.send({ t: 'resume', chats: { [chatId]: 1 } });
    await again.next('resumed');
    expect(again.events(chatId)).toHaveLength(1000);
  });
});

describe('membership changes on open sockets', () => {
  it('a removed member stops getting events at once; added back, gets them at once', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id, f.student.id]);
    const teacherActor = await actorOf(ctx.deps.db, f.teacher.id);
    const [teacher, student] = await Promise.all([connect(f.cookies.teacher), connect(f.cookies.student)]);
    for (const c of [teacher, student]) {
      c.send({ t: 'resume', chats: { [chatId]: 0 } });
      await c.next('resumed');
    }
    await teacher.sendMessage(chatId, 'первое');
    await student.waitFor((x) => x.t === 'event' && x.event.type === 'message.created');

    await removeChatMember(ctx.deps, teacherActor, chatId, f.student.id);
    // No pause: the very next message must not reach the removed student.
    await teacher.sendMessage(chatId, 'после удаления');
    await student.waitFor((x) => x.t === 'event' && x.event.type === 'member.removed');
    await student.waitFor((x) => x.t === 'user' && x.event.type === 'chats.changed');
    await teacher.waitFor((x) => x.t === 'event' && x.seq === 3);
    await sleep(150);
    expect(student.messageTexts(chatId)).toEqual(['первое']);
    student.send({ t: 'typing', chatId });
    expect((await student.sendMessage(chatId, 'я ещё тут?')).t).toBe('nack');

    await addChatMembers(ctx.deps, teacherActor, chatId, [f.student.id]);
    await teacher.sendMessage(chatId, 'с возвращением');
    await student.waitFor((x) => x.t === 'event' && x.event.type === 'message.created' && x.event.message.text === 'с возвращением');
    expect(student.messageTexts(chatId)).toEqual(['первое', 'с возвращением']);
    expect(teacher.frames.some((x) => x.t === 'typing')).toBe(false);
  });

  it('a person added to a new chat joins its room on every open tab', async () => {
    const f = await freshSchool(ctx);
    const chatId = await insertChat(ctx.deps.db, f.school.id, [f.teacher.id]);
    const teacherActor = await actorOf(ctx.deps.db, f.teacher.id);
    const [tab1, tab2, teacher] = await Promise.all([connect(f.cookies.student), connect(f.cookies.student), connect(f.cookies.teacher)]);
    for (const tab of [tab1, tab2]) {
      tab.send({ t: 'resume', chats: {} });
      await tab.next('resumed');
    }
    await addChatMembers(ctx.deps, teacherActor, chatId, [f.student.id]);
    await teacher.sendMessage(chatId, 'добро пожаловать');
    for (const tab of [tab1, tab2]) {
      await tab.waitFor((x) => x.t === 'event' && x.event.type === 'message.created');
      expect(tab.messageTexts(chatId)).toEqual(['добро пожаловать']);
    }
  });
});
