import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRequests } from '../../db/schema.js';
import { addMember, createClass, createInviteToken, createUser, freshSchool, type SchoolFixture, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from './testHelpers.js';

type Member = { id: string; role: string };

describe('class chats follow their class', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const memberIds = async (cookie: string, chatId: string) => {
    const res = await as(ctx, cookie).get(`/chats/${chatId}`);
    expect(res.status).toBe(200);
    return (res.body.data.members as Member[]).map((m) => m.id);
  };
  const eventTypes = (events: ReturnType<typeof recordEvents>, chatId: string) =>
    events.inRoom(`chat:${chatId}`).map((e) => (e as unknown as { event: { type: string; userId?: string } }).event);

  /** A chat of 7А with only the ticked student: it does not follow the class. */
  const tickedChat = async (f: SchoolFixture) => {
    const res = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name: 'Кружок', studentIds: [f.student.id] });
    expect(res.status).toBe(201);
    expect(res.body.data.followsClass).toBe(false);
    return res.body.data.id as string;
  };

  it('a student who accepts an invitation to 7А after its chat was made («Выбрать всех участников») is in it at once, reads its history, and her sockets hear chats.changed', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const ticked = await tickedChat(f);
    await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: 'h1', text: 'Домашнее задание: №5' });
    const late = await createUser(ctx);
    const cookie = await signedInCookie(ctx, late);
    const { token } = await createInviteToken(ctx, f.school.id, f.admin.id, 'student', f.classA.id);
    const events = recordEvents(ctx);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/invites/${token}/accept`, headers: { cookie }, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(await memberIds(cookie, chatId)).toContain(late.id);
    const history = await as(ctx, cookie).get(`/chats/${chatId}/messages`);
    expect(history.status).toBe(200);
    expect(history.body.data.map((m: { text: string }) => m.text)).toContain('Домашнее задание: №5');
    expect(eventTypes(events, chatId)).toContainEqual({ type: 'member.added', userId: late.id });
    expect(events.inRoom(`user:${late.id}`)).toContainEqual({ type: 'chats.changed' });
    events.stop();
    const list = await as(ctx, cookie).get('/chats');
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([chatId]);
    // The chat made with ticked students only does not grow.
    expect(await memberIds(f.cookies.teacher, ticked)).not.toContain(late.id);
    expect((await as(ctx, cookie).get(`/chats/${ticked}`)).status).toBe(404);
  });

  it('a student whose request to 7А is approved joins its following chats in the same transaction', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const applicant = await createUser(ctx);
    const [req] = await ctx.deps.db
      .insert(joinRequests)
      .values({ schoolId: f.school.id, userId: applicant.id, role: 'student', classIds: [f.classA.id] })
      .returning({ id: joinRequests.id });
    const events = recordEvents(ctx);
    expect((await as(ctx, f.cookies.admin).post(`/join-requests/${req?.id}/approve`)).status).toBe(200);
    expect(await memberIds(f.cookies.teacher, chatId)).toContain(applicant.id);
    expect(events.inRoom(`user:${applicant.id}`)).toContainEqual({ type: 'chats.changed' });
    events.stop();
  });

  it('a student of another class does not join 7А’s chat', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const classB = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const other = await createUser(ctx);
    await addMember(ctx, f.school, other, 'student', { classId: classB.id });
    expect(await memberIds(f.cookies.teacher, chatId)).not.toContain(other.id);
  });

  it('an administrator takes a student out of 7А: she leaves its chats at once (member.removed, chats.changed) and cannot open them', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const ticked = await tickedChat(f);
    const events = recordEvents(ctx);
    const res = await as(ctx, f.cookies.admin).del(`/classes/${f.classA.id}/students/${f.student.id}`);
    expect(res.status).toBe(200);
    expect(await memberIds(f.cookies.teacher, chatId)).not.toContain(f.student.id);
    expect(await memberIds(f.cookies.teacher, ticked)).not.toContain(f.student.id);
    expect(eventTypes(events, chatId)).toContainEqual({ type: 'member.removed', userId: f.student.id });
    expect(events.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'chats.changed' });
    // Her sockets re-read her rooms (the class's and school's), and open class pages drop her.
    expect(events.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'memberships.changed', schoolId: f.school.id });
    expect(events.inRoom(`school:${f.school.id}`)).toContainEqual({ type: 'memberships.changed', schoolId: f.school.id });
    events.stop();
    expect((await as(ctx, f.cookies.student).get(`/chats/${chatId}`)).status).toBe(404);
    // Taking out someone who is not a student of the class: 404; a teacher may not do it.
    expect((await as(ctx, f.cookies.admin).del(`/classes/${f.classA.id}/students/${f.student.id}`)).status).toBe(404);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    expect((await as(ctx, f.cookies.teacher).del(`/classes/${f.classA.id}/students/${s2.id}`)).status).toBe(403);
    const other = await freshSchool(ctx);
    expect((await as(ctx, other.cookies.admin).del(`/classes/${f.classA.id}/students/${s2.id}`)).status).toBe(404);
    expect(await memberIds(f.cookies.teacher, chatId)).toContain(s2.id);
  });

  it('«Чаты класса» (GET /classes/:id/chats): mine for teachers and students; every one for the administration, to review; 404 outside the school', async () => {
    const f = await freshSchool(ctx);
    const all = await classChat(ctx, f);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    const s2Cookie = await signedInCookie(ctx, s2);
    const ticked = await tickedChat(f);
    const idsFor = async (cookie: string) => {
      const res = await as(ctx, cookie).get(`/classes/${f.classA.id}/chats`);
      expect(res.status).toBe(200);
      return (res.body.data as { id: string }[]).map((c) => c.id).sort();
    };
    expect(await idsFor(f.cookies.teacher)).toEqual([all, ticked].sort());
    expect(await idsFor(f.cookies.student)).toEqual([all, ticked].sort());
    // The second student joined 7А after «Кружок» was made with only the first one ticked: not hers.
    expect(await idsFor(s2Cookie)).toEqual([all]);
    // The administrator is in neither: both listed, without unread counts or previews.
    const forAdmin = await as(ctx, f.cookies.admin).get(`/classes/${f.classA.id}/chats`);
    expect((forAdmin.body.data as { id: string }[]).map((c) => c.id).sort()).toEqual([all, ticked].sort());
    expect(forAdmin.body.data[0]).toMatchObject({ kind: 'class', unread: 0, lastMessage: null });
    const other = await freshSchool(ctx);
    expect((await as(ctx, other.cookies.admin).get(`/classes/${f.classA.id}/chats`)).status).toBe(404);
    expect((await as(ctx, '').get(`/classes/${f.classA.id}/chats`)).status).toBe(401);
  });

  it('«Добавлять новых учеников класса» ticked later brings in the class’s current students, and the next one who joins', async () => {
    const f = await freshSchool(ctx);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    const chatId = await tickedChat(f);
    expect(await memberIds(f.cookies.teacher, chatId)).not.toContain(s2.id);
    // Those who do not run the chat may not tick it; a chat not of a class has nothing to follow.
    expect((await as(ctx, f.cookies.student).patch(`/chats/${chatId}`, { followsClass: true })).status).toBe(403);
    const group = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'Поездка', memberIds: [] });
    expect((await as(ctx, f.cookies.teacher).patch(`/chats/${group.body.data.id}`, { followsClass: true })).status).toBe(400);
    expect((await as(ctx, f.cookies.teacher).patch(`/chats/${chatId}`, {})).status).toBe(400);

    const events = recordEvents(ctx);
    const res = await as(ctx, f.cookies.teacher).patch(`/chats/${chatId}`, { followsClass: true });
    expect(res.status).toBe(200);
    expect(res.body.data.followsClass).toBe(true);
    expect((res.body.data.members as Member[]).map((m) => m.id)).toContain(s2.id);
    expect(eventTypes(events, chatId)).toEqual([{ type: 'member.added', userId: s2.id }]);
    expect(events.inRoom(`user:${s2.id}`)).toContainEqual({ type: 'chats.changed' });
    events.stop();

    const s3 = await createUser(ctx);
    await addMember(ctx, f.school, s3, 'student', { classId: f.classA.id });
    expect(await memberIds(f.cookies.teacher, chatId)).toContain(s3.id);
    // Unticked: nobody leaves, the next student is not added.
    await as(ctx, f.cookies.teacher).patch(`/chats/${chatId}`, { followsClass: false });
    const s4 = await createUser(ctx);
    await addMember(ctx, f.school, s4, 'student', { classId: f.classA.id });
    const ids = await memberIds(f.cookies.teacher, chatId);
    expect(ids).toContain(s3.id);
    expect(ids).not.toContain(s4.id);
  });

  it('renaming by PATCH: the chat hears chat.updated with the new name', async () => {
    const f = await freshSchool(ctx);
    const chatId = await tickedChat(f);
    const events = recordEvents(ctx);
    const res = await as(ctx, f.cookies.teacher).patch(`/chats/${chatId}`, { name: '7А — Литература' });
    expect(res.status).toBe(200);
    expect(res.body.data.name).toBe('7А — Литература');
    expect(eventTypes(events, chatId)).toEqual([{ type: 'chat.updated', name: '7А — Литература' }]);
    events.stop();
  });
});

describe('moderators (PUT /chats/:id/members/:userId)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const roleOf = async (cookie: string, chatId: string, userId: string) =>
    ((await as(ctx, cookie).get(`/chats/${chatId}`)).body.data.members as Member[]).find((m) => m.id === userId)?.role;

  it('the owner makes a member a moderator and back; the chat hears member.role; `can.appoint` says who may', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const events = recordEvents(ctx);
    const res = await as(ctx, f.cookies.teacher).put(`/chats/${chatId}/members/${f.student.id}`, { role: 'moderator' });
    expect(res.status).toBe(200);
    expect(res.body.can.appoint).toBe(true);
    expect(await roleOf(f.cookies.teacher, chatId, f.student.id)).toBe('moderator');
    expect(events.inRoom(`chat:${chatId}`).map((e) => (e as unknown as { event: unknown }).event)).toEqual([
      { type: 'member.role', userId: f.student.id, role: 'moderator' },
    ]);
    events.stop();
    // The new moderator runs the chat but may not appoint.
    const byModerator = await as(ctx, f.cookies.student).get(`/chats/${chatId}`);
    expect(byModerator.body.can).toMatchObject({ manageMembers: true, moderate: true, appoint: false });
    expect((await as(ctx, f.cookies.teacher).put(`/chats/${chatId}/members/${f.student.id}`, { role: 'member' })).status).toBe(200);
    expect(await roleOf(f.cookies.teacher, chatId, f.student.id)).toBe('member');
  });

  it('an administrator of the school may appoint in a chat she is not in', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const res = await as(ctx, f.cookies.admin).put(`/chats/${chatId}/members/${f.student.id}`, { role: 'moderator' });
    expect(res.status).toBe(200);
    expect(await roleOf(f.cookies.teacher, chatId, f.student.id)).toBe('moderator');
  });

  it('denied: a moderator or a member (403), another school or a stranger (404), the owner’s role (409 chat_owner_role), someone not in the chat (404), a bad role (400); nothing changes', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const [s2, mod] = await Promise.all([createUser(ctx), createUser(ctx)]);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    await addMember(ctx, f.school, mod, 'student', { classId: f.classA.id });
    expect((await as(ctx, f.cookies.teacher).put(`/chats/${chatId}/members/${mod.id}`, { role: 'moderator' })).status).toBe(200);
    const modCookie = await signedInCookie(ctx, mod);
    const other = await freshSchool(ctx);
    const stranger = await signedInCookie(ctx, await createUser(ctx));
    const url = `/chats/${chatId}/members/${s2.id}`;
    expect((await as(ctx, modCookie).put(url, { role: 'moderator' })).status).toBe(403);
    expect((await as(ctx, f.cookies.student).put(url, { role: 'moderator' })).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).put(url, { role: 'moderator' })).status).toBe(404);
    expect((await as(ctx, stranger).put(url, { role: 'moderator' })).status).toBe(404);
    expect((await as(ctx, '').put(url, { role: 'moderator' })).status).toBe(401);
    const owner = await as(ctx, f.cookies.admin).put(`/chats/${chatId}/members/${f.teacher.id}`, { role: 'member' });
    expect(owner.status).toBe(409);
    expect(owner.body.error.code).toBe('chat_owner_role');
    expect((await as(ctx, f.cookies.teacher).put(`/chats/${chatId}/members/${other.student.id}`, { role: 'moderator' })).status).toBe(404);
    expect((await as(ctx, f.cookies.teacher).put(url, { role: 'owner' })).status).toBe(400);
    expect(await roleOf(f.cookies.teacher, chatId, s2.id)).toBe('member');
    expect(await roleOf(f.cookies.teacher, chatId, f.teacher.id)).toBe('owner');
  });

  it('a personal chat has no moderators: its members may not appoint, the school’s administrator does not see it', async () => {
    const f = await freshSchool(ctx);
    const res = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'personal', userId: f.student.id });
    const chatId = res.body.data.id as string;
    expect(res.body.can.appoint).toBe(false);
    expect((await as(ctx, f.cookies.teacher).put(`/chats/${chatId}/members/${f.student.id}`, { role: 'moderator' })).status).toBe(403);
    expect((await as(ctx, f.cookies.admin).put(`/chats/${chatId}/members/${f.student.id}`, { role: 'moderator' })).status).toBe(404);
  });
});
