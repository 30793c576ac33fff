import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, files, messages } from '../../db/chatSchema.js';
import { addMember, createClass, createUser, freshSchool, signedInCookie, type UserRow } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from '../chats/testHelpers.js';

describe('messages (CHT-2)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const stored = async (chatId: string) => (await ctx.deps.db.select({ n: count() }).from(messages).where(eq(messages.chatId, chatId)))[0]?.n;
  const eventsIn = async (chatId: string) => (await ctx.deps.db.select({ n: count() }).from(chatEvents).where(eq(chatEvents.chatId, chatId)))[0]?.n;
  const uploadFor = async (owner: UserRow, name = 'домашка.pdf') => {
    const [row] = await ctx.deps.db
      .insert(files)
      .values({ ownerId: owner.id, storageKey: randomUUID(), name, size: 1234, mime: 'application/pdf' })
      .returning();
    return row!.id;
  };

  it('sends plain text (trimmed, up to 4000), replies within the chat, files of one\'s own; the chat hears message.created', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const teacher = as(ctx, f.cookies.teacher);
    const events = recordEvents(ctx);
    const first = await teacher.post(`/chats/${chatId}/messages`, { clientId: 'a1', text: '  <b>Контрольная</b> https://example.org/?a=1&b=2  ' });
    expect(first.status).toBe(201);
    const m = first.body.data;
    expect(m).toMatchObject({
      chatId, clientId: 'a1', text: '<b>Контрольная</b> https://example.org/?a=1&b=2', deleted: false, editedAt: null, replyTo: null, attachments: [], poll: null,
      author: { id: f.teacher.id, firstName: f.teacher.firstName, lastName: f.teacher.lastName },
    });
    const created = events.inRoom(`chat:${chatId}`).at(-1);
    expect(created).toEqual({ type: 'chat.event', chatId, seq: m.seq, event: { type: 'message.created', message: m } });
    events.stop();

    const fileId = await uploadFor(f.student);
    const reply = await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, { clientId: 's1', text: '', replyToId: m.id, fileIds: [fileId] });
    expect(reply.status).toBe(201);
    expect(reply.body.data.replyTo).toEqual({ id: m.id, authorName: `${f.teacher.firstName} ${f.teacher.lastName}`, text: m.text });
    expect(reply.body.data.attachments).toEqual([
      { id: fileId, name: 'домашка.pdf', size: 1234, mime: 'application/pdf', kind: 'file', width: null, height: null, thumbnailUrl: null, largeThumbnailUrl: null },
    ]);
    expect(reply.body.data.seq).toBe(m.seq + 1);

    const before = [await stored(chatId), await eventsIn(chatId)];
    const other = await classChat(ctx, f, 'Другой');
    const foreign = (await teacher.post(`/chats/${other}/messages`, { clientId: 'o1', text: 'там' })).body.data.id;
    const bad = [
      { clientId: 'b1', text: '   ' },
      { clientId: 'b2', text: 'я'.repeat(4001) },
      { clientId: 'b3', text: 'ответ', replyToId: foreign },
      { clientId: 'b4', text: 'чужой файл', fileIds: [await uploadFor(f.teacher)] },
      { clientId: '', text: 'без ключа' },
    ];
    for (const body of bad) expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, body)).status).toBe(400);
    expect([await stored(chatId), await eventsIn(chatId)]).toEqual(before);
    const longest = await teacher.post(`/chats/${chatId}/messages`, { clientId: 'max', text: 'я'.repeat(4000) });
    expect(longest.status).toBe(201);
  });

  it('history scrolls back page by page, newest page first, each page oldest first', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const teacher = as(ctx, f.cookies.teacher);
    for (let i = 1; i <= 60; i += 1) await teacher.post(`/chats/${chatId}/messages`, { clientId: `h${i}`, text: `Сообщение ${i}` });
    const student = as(ctx, f.cookies.student);
    const p1 = await student.get(`/chats/${chatId}/messages`);
    expect(p1.status).toBe(200);
    expect(p1.body.data).toHaveLength(50);
    expect(p1.body.hasMore).toBe(true);
    expect(p1.body.data[0].text).toBe('Сообщение 11');
    expect(p1.body.data[49].text).toBe('Сообщение 60');
    // The chat's position when the page was read: a reconnecting socket resumes from it.
    expect(p1.body.lastSeq).toBe(p1.body.data[49].seq);
    const p2 = await student.get(`/chats/${chatId}/messages?beforeSeq=${p1.body.data[0].seq}&limit=50`);
    expect(p2.body.data.map((x: { text: string }) => x.text)).toEqual(Array.from({ length: 10 }, (_, i) => `Сообщение ${i + 1}`));
    expect(p2.body.hasMore).toBe(false);
    const small = await student.get(`/chats/${chatId}/messages?limit=5`);
    expect(small.body.data.map((x: { text: string }) => x.text)).toEqual(['Сообщение 56', 'Сообщение 57', 'Сообщение 58', 'Сообщение 59', 'Сообщение 60']);
    expect((await student.get(`/chats/${chatId}/messages?limit=101`)).status).toBe(400);
  });

  it('edits one\'s own message (message.edited); others, outsiders and the removed cannot', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const m = (await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, { clientId: 'e1', text: 'Ошибка' })).body.data;
    const events = recordEvents(ctx);
    ctx.deps.clock.advance(60_000);
    const edited = await as(ctx, f.cookies.student).patch(`/messages/${m.id}`, { text: ' Исправлено ' });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ id: m.id, seq: m.seq, text: 'Исправлено', editedAt: expect.any(String) });
    expect(events.inRoom(`chat:${chatId}`)).toEqual([
      expect.objectContaining({ event: { type: 'message.edited', messageId: m.id, text: 'Исправлено', editedAt: edited.body.data.editedAt } }),
    ]);
    events.stop();
    const other = await freshSchool(ctx);
    const e0 = await eventsIn(chatId);
    expect((await as(ctx, f.cookies.teacher).patch(`/messages/${m.id}`, { text: 'учитель' })).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).patch(`/messages/${m.id}`, { text: 'чужой' })).status).toBe(404);
    expect((await as(ctx, '').patch(`/messages/${m.id}`, { text: 'аноним' })).status).toBe(401);
    expect((await as(ctx, f.cookies.student).patch(`/messages/${m.id}`, { text: '  ' })).status).toBe(400);
    await as(ctx, f.cookies.teacher).del(`/chats/${chatId}/members/${f.student.id}`);
    expect((await as(ctx, f.cookies.student).patch(`/messages/${m.id}`, { text: 'после удаления' })).status).toBe(404);
    expect(await eventsIn(chatId)).toBe((e0 ?? 0) + 1);
    const history = await as(ctx, f.cookies.teacher).get(`/chats/${chatId}/messages`);
    expect(history.body.data[0].text).toBe('Исправлено');
  });

  it('deletes for everyone: the author, the owner teacher, the school\'s administrator; a member cannot delete another\'s', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/members`, { userIds: [s2.id] });
    const s2Cookie = await signedInCookie(ctx, s2);
    const fileId = await uploadFor(f.student);
    const post = async (cookie: string, clientId: string, body: object = {}) =>
      (await as(ctx, cookie).post(`/chats/${chatId}/messages`, { clientId, text: `текст ${clientId}`, ...body })).body.data;
    const own = await post(f.cookies.student, 'own', { fileIds: [fileId] });
    const byTeacher = await post(f.cookies.student, 'teach');
    const byAdmin = await post(f.cookies.student, 'adm');
    const untouchable = await post(f.cookies.student, 'keep');

    const e0 = await eventsIn(chatId);
    expect((await as(ctx, s2Cookie).del(`/messages/${untouchable.id}`)).status).toBe(403);
    expect((await as(ctx, (await freshSchool(ctx)).cookies.admin).del(`/messages/${untouchable.id}`)).status).toBe(404);
    expect((await as(ctx, '').del(`/messages/${untouchable.id}`)).status).toBe(401);
    expect(await eventsIn(chatId)).toBe(e0);

    const events = recordEvents(ctx);
    expect((await as(ctx, f.cookies.student).del(`/messages/${own.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).del(`/messages/${byTeacher.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.admin).del(`/messages/${byAdmin.id}`)).status).toBe(200);
    expect(events.inRoom(`chat:${chatId}`).map((e) => e.event)).toEqual([
      { type: 'message.deleted', messageId: own.id },
      { type: 'message.deleted', messageId: byTeacher.id },
      { type: 'message.deleted', messageId: byAdmin.id },
    ]);
    events.stop();
    expect((await as(ctx, f.cookies.student).del(`/messages/${own.id}`)).status).toBe(404);
    expect((await as(ctx, f.cookies.student).patch(`/messages/${own.id}`, { text: 'вернуть' })).status).toBe(404);

    const history = (await as(ctx, s2Cookie).get(`/chats/${chatId}/messages`)).body.data;
    const view = Object.fromEntries(history.map((m: { id: string }) => [m.id, m]));
    expect(view[own.id]).toMatchObject({ deleted: true, text: '', attachments: [] });
    expect(view[byAdmin.id]).toMatchObject({ deleted: true, text: '' });
    expect(view[untouchable.id]).toMatchObject({ deleted: false, text: 'текст keep' });
    // The replay log no longer holds the removed text either.
    const [logged] = await ctx.deps.db
      .select({ payload: chatEvents.payload })
      .from(chatEvents)
      .where(and(eq(chatEvents.chatId, chatId), eq(chatEvents.seq, own.seq)));
    expect(JSON.stringify(logged?.payload)).not.toContain('текст own');
  });

  it('authorization matrix for history and sending: another class, another school, removed member, anonymous; refusals write nothing', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const classB = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const studentB = await createUser(ctx);
    await addMember(ctx, f.school, studentB, 'student', { classId: classB.id });
    const other = await freshSchool(ctx);
    const removed = await createUser(ctx);
    await addMember(ctx, f.school, removed, 'student', { classId: f.classA.id });
    await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/members`, { userIds: [removed.id] });
    await as(ctx, f.cookies.teacher).del(`/chats/${chatId}/members/${removed.id}`);
    const denied: [string, string, number][] = [
      ['student of another class', await signedInCookie(ctx, studentB), 404],
      ['another school', other.cookies.admin, 404],
      ['removed member', await signedInCookie(ctx, removed), 404],
      ['anonymous', '', 401],
    ];
    const [m0, e0] = [await stored(chatId), await eventsIn(chatId)];
    for (const [who, cookie, status] of denied) {
      const client = as(ctx, cookie);
      expect([who, (await client.get(`/chats/${chatId}`)).status]).toEqual([who, status]);
      expect([who, (await client.get(`/chats/${chatId}/messages`)).status]).toEqual([who, status]);
      expect([who, (await client.post(`/chats/${chatId}/messages`, { clientId: 'x', text: 'hi' })).status]).toEqual([who, status]);
    }
    expect([await stored(chatId), await eventsIn(chatId)]).toEqual([m0, e0]);
    // The school's administrator may read a class chat (to keep it safe) but not write in it.
    expect((await as(ctx, f.cookies.admin).get(`/chats/${chatId}/messages`)).status).toBe(200);
    expect((await as(ctx, f.cookies.admin).post(`/chats/${chatId}/messages`, { clientId: 'x', text: 'hi' })).status).toBe(403);
    const missing = randomUUID();
    expect((await as(ctx, f.cookies.admin).get(`/chats/${missing}/messages`)).status).toBe(404);
    expect((await as(ctx, f.cookies.admin).post(`/chats/${missing}/messages`, { clientId: 'x', text: 'hi' })).status).toBe(404);
  });
});
