import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, chatMembers, chats } from '../../db/chatSchema.js';
import { addMember, createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from './testHelpers.js';

describe('chats (CHT-1, CHT-5, CLS-4)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const chatCount = async (schoolId: string) =>
    (await ctx.deps.db.select({ n: count() }).from(chats).where(eq(chats.schoolId, schoolId)))[0]?.n ?? 0;

  it('CLS-4: a teacher of the class creates «Чат класса» with «Выбрать всех участников»; owns it and can write at once', async () => {
    const f = await freshSchool(ctx);
    const second = await createUser(ctx);
    await addMember(ctx, f.school, second, 'student', { classId: f.classA.id });
    const events = recordEvents(ctx);
    const res = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name: '7А — Математика', allStudents: true });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    const chat = res.body.data;
    expect(chat).toMatchObject({ kind: 'class', name: '7А — Математика', classId: f.classA.id, schoolId: f.school.id, className: '7А', myRole: 'owner' });
    expect(chat.members.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual(
      [[f.teacher.id, 'owner'], [f.student.id, 'member'], [second.id, 'member']].sort(),
    );
    expect(res.body.can).toEqual({ post: true, manageMembers: true, appoint: true, followClass: true, moderate: true, leave: true, join: false, call: true, mute: true });
    // Everyone put in hears chats.changed in their own room, so open sockets join the chat's room.
    for (const id of [f.teacher.id, f.student.id, second.id]) expect(events.inRoom(`user:${id}`)).toContainEqual({ type: 'chats.changed' });
    expect(events.inRoom(`chat:${chat.id}`).map((e) => (e.event as { type: string }).type)).toEqual(['member.added', 'member.added', 'member.added']);
    events.stop();

    const sent = await as(ctx, f.cookies.teacher).post(`/chats/${chat.id}/messages`, { clientId: 'c1', text: 'Добрый день!' });
    expect(sent.status).toBe(201);
    const byStudent = await as(ctx, f.cookies.student).get(`/chats/${chat.id}`);
    expect(byStudent.status).toBe(200);
    expect(byStudent.body.can).toEqual({ post: true, manageMembers: false, appoint: false, followClass: false, moderate: false, leave: true, join: false, call: false, mute: true });
  });

  it('CLS-4: ticked students only, other teachers of the class as moderators; an administrator may create one too', async () => {
    const f = await freshSchool(ctx);
    const [s2, t2] = await Promise.all([createUser(ctx), createUser(ctx)]);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    await addMember(ctx, f.school, t2, 'teacher', { classId: f.classA.id, subjects: ['Физика'] });
    const res = await as(ctx, f.cookies.teacher).post('/chats', {
      kind: 'class', classId: f.classA.id, name: 'Физика и математика', studentIds: [s2.id], teacherIds: [t2.id],
    });
    expect(res.status).toBe(201);
    const roles = Object.fromEntries(res.body.data.members.map((m: { id: string; role: string }) => [m.id, m.role]));
    expect(roles).toEqual({ [f.teacher.id]: 'owner', [t2.id]: 'moderator', [s2.id]: 'member' });

    const byAdmin = await as(ctx, f.cookies.admin).post('/chats', { kind: 'class', classId: f.classA.id, name: 'Классный час', allStudents: true });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.data.members).toHaveLength(3);
  });

  it('CLS-4 denied: a student, a teacher not of the class, another school, anonymous, a student of another class; nothing is written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const classB = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const outsider = await createUser(ctx);
    await addMember(ctx, f.school, outsider, 'teacher', { classId: classB.id });
    const studentB = await createUser(ctx);
    await addMember(ctx, f.school, studentB, 'student', { classId: classB.id });
    const body = { kind: 'class', classId: f.classA.id, name: 'Чат', allStudents: true };
    const before = await chatCount(f.school.id);
    expect((await as(ctx, f.cookies.student).post('/chats', body)).status).toBe(403);
    expect((await as(ctx, await signedInCookie(ctx, outsider)).post('/chats', body)).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).post('/chats', body)).status).toBe(404);
    expect((await as(ctx, other.cookies.teacher).post('/chats', body)).status).toBe(404);
    expect((await as(ctx, '').post('/chats', body)).status).toBe(401);
    // A student of another class cannot be ticked into 7А's chat.
    const wrong = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name: 'Чат', studentIds: [studentB.id] });
    expect(wrong.status).toBe(400);
    expect((await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name: '   ' })).status).toBe(400);
    expect(await chatCount(f.school.id)).toBe(before);
  });

  it('CHT-5: an administrator makes a public chat; members of the school see it, join and leave; others cannot', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const res = await as(ctx, f.cookies.admin).post('/chats', { kind: 'public', schoolId: f.school.id, name: 'Школьный совет' });
    expect(res.status).toBe(201);
    const chatId = res.body.data.id;
    expect((await as(ctx, f.cookies.teacher).post('/chats', { kind: 'public', schoolId: f.school.id, name: 'Нет' })).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).post('/chats', { kind: 'public', schoolId: f.school.id, name: 'Нет' })).status).toBe(404);

    const list = await as(ctx, f.cookies.student).get(`/schools/${f.school.id}/public-chats`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [{ id: chatId, name: 'Школьный совет', memberCount: 1, joined: false }], can: { create: false } });
    expect((await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/public-chats`)).body.can).toEqual({ create: true });
    expect((await as(ctx, other.cookies.student).get(`/schools/${f.school.id}/public-chats`)).status).toBe(404);
    expect((await as(ctx, '').get(`/schools/${f.school.id}/public-chats`)).status).toBe(401);

    // Before joining, a member of the school may look but not write.
    const look = await as(ctx, f.cookies.student).get(`/chats/${chatId}`);
    expect(look.status).toBe(200);
    expect(look.body.can).toMatchObject({ post: false, join: true, leave: false });
    expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, { clientId: 'x', text: 'hi' })).status).toBe(403);

    const events = recordEvents(ctx);
    const joined = await as(ctx, f.cookies.student).post(`/chats/${chatId}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body.data.myRole).toBe('member');
    expect(events.inRoom(`user:${f.student.id}`)).toEqual([{ type: 'chats.changed' }]);
    expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/join`)).status).toBe(200);
    expect((await as(ctx, f.cookies.student).get(`/schools/${f.school.id}/public-chats`)).body.data[0]).toMatchObject({ joined: true, memberCount: 2 });
    expect((await as(ctx, other.cookies.student).post(`/chats/${chatId}/join`)).status).toBe(404);
    expect((await as(ctx, '').post(`/chats/${chatId}/join`)).status).toBe(401);

    events.clear();
    expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/leave`)).status).toBe(200);
    expect(events.inRoom(`user:${f.student.id}`)).toEqual([{ type: 'chats.changed' }]);
    expect(events.inRoom(`chat:${chatId}`).map((e) => (e.event as { type: string }).type)).toEqual(['member.removed']);
    events.stop();
    expect((await as(ctx, f.cookies.student).get(`/schools/${f.school.id}/public-chats`)).body.data[0]).toMatchObject({ joined: false, memberCount: 1 });
    expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/leave`)).status).toBe(403);
  });

  it('CHT-1 personal: one chat per pair with someone of a shared school; the same chat comes back; strangers are not found', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const res = await as(ctx, f.cookies.student).post('/chats', { kind: 'personal', userId: f.teacher.id });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ kind: 'personal', name: `${f.teacher.firstName} ${f.teacher.lastName}` });
    expect(res.body.can).toMatchObject({ post: true, leave: false, manageMembers: false, moderate: false });
    const again = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'personal', userId: f.student.id });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, data: { id: res.body.data.id, name: `${f.student.firstName} ${f.student.lastName}` } });
    const [a, b] = await Promise.all([
      as(ctx, f.cookies.admin).post('/chats', { kind: 'personal', userId: f.teacher.id }),
      as(ctx, f.cookies.teacher).post('/chats', { kind: 'personal', userId: f.admin.id }),
    ]);
    expect(a.body.data.id).toBe(b.body.data.id);

    expect((await as(ctx, f.cookies.student).post('/chats', { kind: 'personal', userId: other.student.id })).status).toBe(404);
    expect((await as(ctx, f.cookies.student).post('/chats', { kind: 'personal', userId: f.student.id })).status).toBe(400);
    expect((await as(ctx, '').post('/chats', { kind: 'personal', userId: f.student.id })).status).toBe(401);
    // The administrator does not read personal chats.
    expect((await as(ctx, f.cookies.admin).get(`/chats/${res.body.data.id}`)).status).toBe(404);
    expect((await as(ctx, f.cookies.admin).get(`/chats/${res.body.data.id}/messages`)).status).toBe(404);
  });

  it('CHT-1 group: a teacher or administrator picks members of the school; a student and outsiders cannot', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const res = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'Экскурсия', memberIds: [f.student.id, f.admin.id] });
    expect(res.status).toBe(201);
    expect(res.body.data.members).toHaveLength(3);
    const before = await chatCount(f.school.id);
    expect((await as(ctx, f.cookies.teacher).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'X', memberIds: [other.student.id] })).status).toBe(400);
    expect((await as(ctx, f.cookies.student).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'X', memberIds: [] })).status).toBe(403);
    expect((await as(ctx, other.cookies.teacher).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'X', memberIds: [] })).status).toBe(404);
    expect(await chatCount(f.school.id)).toBe(before);
  });

  it('members: the owner adds and removes; a removed member loses the chat at once; members and outsiders cannot manage', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    // Ticked students only: a chat made with «Выбрать всех участников» would take the late student by itself.
    const made = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name: '7А — Кружок', studentIds: [f.student.id] });
    const chatId = made.body.data.id as string;
    const late = await createUser(ctx);
    await addMember(ctx, f.school, late, 'student', { classId: f.classA.id });
    const classB = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const studentB = await createUser(ctx);
    await addMember(ctx, f.school, studentB, 'student', { classId: classB.id });
    const lateCookie = await signedInCookie(ctx, late);

    const events = recordEvents(ctx);
    const added = await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/members`, { userIds: [late.id] });
    expect(added.status).toBe(200);
    expect(added.body.data.members.map((m: { id: string }) => m.id)).toContain(late.id);
    expect(events.inRoom(`user:${late.id}`)).toEqual([{ type: 'chats.changed' }]);
    expect(events.inRoom(`chat:${chatId}`)).toEqual([expect.objectContaining({ type: 'chat.event', event: { type: 'member.added', userId: late.id } })]);
    expect((await as(ctx, lateCookie).get(`/chats/${chatId}/messages`)).status).toBe(200);

    const memberCount = async () => (await ctx.deps.db.select({ n: count() }).from(chatMembers).where(eq(chatMembers.chatId, chatId)))[0]?.n;
    const eventCount = async () => (await ctx.deps.db.select({ n: count() }).from(chatEvents).where(eq(chatEvents.chatId, chatId)))[0]?.n;
    const [m0, e0] = [await memberCount(), await eventCount()];
    expect((await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/members`, { userIds: [studentB.id] })).status).toBe(400);
    expect((await as(ctx, f.cookies.student).post(`/chats/${chatId}/members`, { userIds: [late.id] })).status).toBe(403);
    expect((await as(ctx, f.cookies.student).del(`/chats/${chatId}/members/${f.teacher.id}`)).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).del(`/chats/${chatId}/members/${late.id}`)).status).toBe(404);
    expect((await as(ctx, await signedInCookie(ctx, studentB)).post(`/chats/${chatId}/members`, { userIds: [studentB.id] })).status).toBe(404);
    expect((await as(ctx, '').del(`/chats/${chatId}/members/${late.id}`)).status).toBe(401);
    expect([await memberCount(), await eventCount()]).toEqual([m0, e0]);

    events.clear();
    expect((await as(ctx, f.cookies.teacher).del(`/chats/${chatId}/members/${late.id}`)).status).toBe(200);
    expect(events.inRoom(`user:${late.id}`)).toEqual([{ type: 'chats.changed' }]);
    events.stop();
    const removed = as(ctx, lateCookie);
    expect((await removed.get(`/chats/${chatId}`)).status).toBe(404);
    expect((await removed.get(`/chats/${chatId}/messages`)).status).toBe(404);
    expect((await removed.post(`/chats/${chatId}/messages`, { clientId: 'r', text: 'я тут?' })).status).toBe(404);
    expect((await removed.post(`/chats/${chatId}/read`, { seq: 1 })).status).toBe(404);
    expect((await removed.get('/chats')).body.data).toEqual([]);

    // The school's administrator runs every non-personal chat of the school, so may take a member out too.
    expect((await as(ctx, f.cookies.admin).del(`/chats/${chatId}/members/${f.student.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.admin).del(`/chats/${chatId}/members/${f.student.id}`)).status).toBe(404);
  });

  it('rename: those who run the chat rename it (chat.updated); members, outsiders and personal chats cannot', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const events = recordEvents(ctx);
    const res = await as(ctx, f.cookies.teacher).patch(`/chats/${chatId}`, { name: ' 7А — Алгебра ' });
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe('7А — Алгебра');
    expect(events.inRoom(`chat:${chatId}`).map((e) => e.event)).toEqual([{ type: 'chat.updated', name: '7А — Алгебра' }]);
    events.stop();
    expect((await as(ctx, f.cookies.admin).patch(`/chats/${chatId}`, { name: 'Администратор' })).status).toBe(200);
    expect((await as(ctx, f.cookies.student).patch(`/chats/${chatId}`, { name: 'Ученик' })).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).patch(`/chats/${chatId}`, { name: 'Чужой' })).status).toBe(404);
    expect((await as(ctx, '').patch(`/chats/${chatId}`, { name: 'Аноним' })).status).toBe(401);
    expect((await as(ctx, f.cookies.teacher).patch(`/chats/${chatId}`, { name: '' })).status).toBe(400);
    expect((await as(ctx, f.cookies.student).get(`/chats/${chatId}`)).body.data.name).toBe('Администратор');
    const personal = (await as(ctx, f.cookies.student).post('/chats', { kind: 'personal', userId: f.teacher.id })).body.data.id;
    expect((await as(ctx, f.cookies.student).patch(`/chats/${personal}`, { name: 'Имя' })).status).toBe(403);
  });
});
