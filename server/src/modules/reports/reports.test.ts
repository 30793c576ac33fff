import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from '../chats/testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

async function sent(cookie: string, chatId: string, text: string): Promise<string> {
  const res = await as(ctx, cookie).post(`/chats/${chatId}/messages`, { clientId: `c-${Math.random()}`, text });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}

/** A school with a class chat, a second student of 7А (the insulting one), and another school's administrator. */
async function world() {
  const f = await freshSchool(ctx);
  const bully = await createUser(ctx, { firstName: 'Пётр', lastName: 'Грубов' });
  await addMember(ctx, f.school, bully, 'student', { classId: f.classA.id });
  const bullyCookie = await signedInCookie(ctx, bully);
  const chatId = await classChat(ctx, f);
  const other = await freshSchool(ctx);
  await sent(f.cookies.teacher, chatId, 'Добрый день, класс');
  const messageId = await sent(bullyCookie, chatId, 'Ты дурак');
  return { f, bully, bullyCookie, chatId, other, messageId };
}

describe('reports and moderation (SAFE-1)', () => {
  it('a student reports an insulting message; the administration sees it in context, hides it and bans the author for an hour', async () => {
    const w = await world();
    const bus = recordEvents(ctx);
    const made = await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'insult', comment: 'Обзывается' });
    expect(made.status).toBe(201);
    const reportId = made.body.data.id as string;
    expect(bus.inRoom(`school-admin:${w.f.school.id}`)).toContainEqual({ type: 'report.changed', schoolId: w.f.school.id, reportId });

    const badge = await as(ctx, w.f.cookies.admin).get(`/schools/${w.f.school.id}/reports/badge`);
    expect(badge.body.data).toEqual({ count: 1, urgent: 0 });
    const list = await as(ctx, w.f.cookies.admin).get(`/schools/${w.f.school.id}/reports?status=new`);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ excerpt: 'Ты дурак', reason: 'insult', subject: { id: w.bully.id }, reporter: { id: w.f.student.id } });
    const detail = await as(ctx, w.f.cookies.admin).get(`/reports/${reportId}`);
    expect(detail.body.data.context.map((m: { text: string }) => m.text)).toEqual(['Добрый день, класс', 'Ты дурак']);

    const hidden = await as(ctx, w.f.cookies.admin).post(`/reports/${reportId}/decision`, { actions: ['hide', 'ban'], banFor: '1h' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.data).toMatchObject({ status: 'decided', outcomes: ['hidden', 'banned'] });
    expect(bus.inRoom(`chat:${w.chatId}`)).toContainEqual(
      expect.objectContaining({ type: 'chat.event', event: { type: 'message.deleted', messageId: w.messageId, hidden: true } }),
    );
    const history = await as(ctx, w.f.cookies.student).get(`/chats/${w.chatId}/messages`);
    const seen = history.body.data.find((m: { id: string }) => m.id === w.messageId);
    expect(seen).toMatchObject({ text: '', deleted: true, hidden: true });
    expect(await as(ctx, w.f.cookies.admin).post(`/reports/${reportId}/decision`, { actions: ['dismiss'] })).toMatchObject({ status: 409 });

    // The one-hour write ban of the same decision: the author's next message is refused, saying until when.
    const refused = await as(ctx, w.bullyCookie).post(`/chats/${w.chatId}/messages`, { clientId: 'after-ban', text: 'а теперь?' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('write_banned');
    expect(refused.body.error.message).toMatch(/^Вам запрещено писать в этом чате до \d\d\.\d\d\.\d{4}/);
    expect(new Date(refused.body.error.until).getTime() - ctx.deps.clock.now().getTime()).toBe(3600_000);
    // Others still write; after the hour the author does too.
    await sent(w.f.cookies.student, w.chatId, 'Спасибо');
    ctx.deps.clock.advance(3600_001);
    await sent(w.bullyCookie, w.chatId, 'Извините');

    const mine = await as(ctx, w.f.cookies.student).get('/me/reports');
    expect(mine.body.data).toMatchObject([{ id: reportId, status: 'decided', outcomes: ['hidden', 'banned'], excerpt: 'Ты дурак' }]);
  });

  it('a warning reaches the person as a notice; a removal takes them out of the chat; a dismissal changes nothing', async () => {
    const w = await world();
    const r1 = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'person', targetId: w.bully.id, reason: 'other' })).body.data.id;
    expect((await as(ctx, w.f.cookies.admin).post(`/reports/${r1}/decision`, { actions: ['warn'] })).status).toBe(200);
    const notices = await as(ctx, w.bullyCookie).get('/me/notices');
    expect(notices.body.data).toMatchObject([{ kind: 'warning', reportId: null }]);
    expect((await as(ctx, w.f.cookies.student).post(`/me/notices/${notices.body.data[0].id}/read`)).status).toBe(404);
    expect((await as(ctx, w.bullyCookie).post(`/me/notices/${notices.body.data[0].id}/read`)).status).toBe(200);
    expect((await as(ctx, w.bullyCookie).get('/me/notices')).body.data).toEqual([]);

    const r2 = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'spam' })).body.data.id;
    expect((await as(ctx, w.f.cookies.admin).post(`/reports/${r2}/decision`, { actions: ['remove'] })).status).toBe(200);
    expect((await as(ctx, w.bullyCookie).get(`/chats/${w.chatId}`)).status).toBe(404);

    const r3 = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'spam' })).body.data.id;
    expect((await as(ctx, w.f.cookies.admin).post(`/reports/${r3}/decision`, { actions: ['dismiss'] })).body.data.outcomes).toEqual(['dismissed']);
    const r4 = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'person', targetId: w.bully.id, reason: 'spam' })).body.data.id;
    expect((await as(ctx, w.f.cookies.admin).post(`/reports/${r4}/decision`, { actions: ['dismiss', 'warn'] })).status).toBe(400);
  });

  it('«Опасность» is urgent: every administrator gets a push and an in-app notice at once', async () => {
    const w = await world();
    const bus = recordEvents(ctx);
    const id = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'danger' })).body.data.id;
    const push = bus.inRoom('push').find((e) => e.type === 'push.notify') as unknown as { userIds: string[]; payload: { url: string } };
    expect(push.userIds).toEqual([w.f.admin.id]);
    expect(push.payload.url).toBe(`/reports/${id}`);
    expect((await as(ctx, w.f.cookies.admin).get('/me/notices')).body.data).toMatchObject([{ kind: 'urgent_report', reportId: id }]);
    expect((await as(ctx, w.f.cookies.admin).get(`/schools/${w.f.school.id}/reports/badge`)).body.data).toEqual({ count: 1, urgent: 1 });
  });

  it('allow and deny: who reports what, who sees and decides reports', async () => {
    const w = await world();
    const outsider = w.other.cookies.admin;
    // Nobody reports what they cannot see: the same 404 as for nothing.
    expect((await as(ctx, outsider).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'insult' })).status).toBe(404);
    expect((await as(ctx, outsider).post('/reports', { targetType: 'person', targetId: w.bully.id, reason: 'insult' })).status).toBe(404);
    expect((await as(ctx, '').post('/reports', { targetType: 'person', targetId: w.bully.id, reason: 'insult' })).status).toBe(401);
    expect((await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'nonsense' })).status).toBe(400);
    const id = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'message', targetId: w.messageId, reason: 'insult' })).body.data.id;

    for (const [cookie, status] of [[w.f.cookies.student, 403], [w.f.cookies.teacher, 403], [outsider, 404], ['', 401]] as const) {
      expect((await as(ctx, cookie).get(`/schools/${w.f.school.id}/reports`)).status).toBe(status);
      expect((await as(ctx, cookie).get(`/schools/${w.f.school.id}/reports/badge`)).status).toBe(status);
      expect((await as(ctx, cookie).get(`/reports/${id}`)).status).toBe(status);
      expect((await as(ctx, cookie).post(`/reports/${id}/decision`, { actions: ['dismiss'] })).status).toBe(status);
    }
    // Another school's administration sees none of this school's reports in its own list either.
    expect((await as(ctx, outsider).get(`/schools/${w.other.school.id}/reports`)).body.data).toEqual([]);
    // «Мои жалобы» are the reporter's own.
    expect((await as(ctx, w.f.cookies.teacher).get('/me/reports')).body.data).toEqual([]);
    expect((await as(ctx, w.f.cookies.student).get('/me/reports')).body.data).toHaveLength(1);
    // A ban needs a duration; hiding a person is not a thing.
    expect((await as(ctx, w.f.cookies.admin).post(`/reports/${id}/decision`, { actions: ['ban'] })).status).toBe(400);
    const person = (await as(ctx, w.f.cookies.student).post('/reports', { targetType: 'person', targetId: w.bully.id, reason: 'insult' })).body.data.id;
    expect((await as(ctx, w.f.cookies.admin).post(`/reports/${person}/decision`, { actions: ['hide'] })).status).toBe(400);
  });
});

describe('personal chats of students and blocks (SAFE-1)', () => {
  it('a student writes personally only to classmates and the teachers of her class; adults write to students; a student blocks and unblocks', async () => {
    const f = await freshSchool(ctx);
    const classB = await createClass(ctx, f.school, { grade: 7, letter: 'Б' });
    const [classmate, studentB, teacherB, parent] = await Promise.all([createUser(ctx), createUser(ctx), createUser(ctx), createUser(ctx)]);
    await addMember(ctx, f.school, classmate, 'student', { classId: f.classA.id });
    await addMember(ctx, f.school, studentB, 'student', { classId: classB.id });
    await addMember(ctx, f.school, teacherB, 'teacher', { classId: classB.id, subjects: ['Физика'] });
    await addMember(ctx, f.school, parent, 'parent');
    const student = as(ctx, f.cookies.student);
    expect((await student.post('/chats', { kind: 'personal', userId: classmate.id })).status).toBe(201);
    expect((await student.post('/chats', { kind: 'personal', userId: f.teacher.id })).status).toBe(201);
    for (const other of [studentB, teacherB, parent, f.admin]) {
      const res = await student.post('/chats', { kind: 'personal', userId: other.id });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'personal_chat_restricted', message: 'Ученики пишут лично только одноклассникам и учителям своего класса' });
    }
    // An adult of the school may write to her; the chat then opens for her too.
    const fromTeacherB = await as(ctx, await signedInCookie(ctx, teacherB)).post('/chats', { kind: 'personal', userId: f.student.id });
    expect(fromTeacherB.status).toBe(201);
    const chatId = fromTeacherB.body.data.id as string;
    expect((await student.post('/chats', { kind: 'personal', userId: teacherB.id })).status).toBe(200);
    // The administration turns the rule off: then she may start one with anyone of the school.
    expect((await as(ctx, f.cookies.admin).put(`/schools/${f.school.id}/safety`, { studentsWriteWithinClass: false })).status).toBe(200);
    expect((await student.post('/chats', { kind: 'personal', userId: studentB.id })).status).toBe(201);

    // She blocks teacherB in their chat: his sends are refused until she unblocks.
    const teacherBCookie = await signedInCookie(ctx, teacherB);
    expect((await student.put(`/chats/${chatId}/block`, {})).body.data).toEqual({ blocked: true });
    expect((await student.get(`/chats/${chatId}/block`)).body.data).toEqual({ blocked: true });
    const refused = await as(ctx, teacherBCookie).post(`/chats/${chatId}/messages`, { clientId: 'b1', text: 'Привет' });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'chat_blocked' } } });
    expect((await student.post(`/chats/${chatId}/messages`, { clientId: 's1', text: 'Не пишите мне' })).status).toBe(201);
    expect((await student.del(`/chats/${chatId}/block`)).body.data).toEqual({ blocked: false });
    expect((await as(ctx, teacherBCookie).post(`/chats/${chatId}/messages`, { clientId: 'b2', text: 'Хорошо' })).status).toBe(201);
    // Only the two people of a personal chat block in it; a class chat has no blocks.
    expect((await as(ctx, f.cookies.admin).put(`/chats/${chatId}/block`, {})).status).toBe(404);
    const classChatId = await classChat(ctx, f);
    expect((await student.put(`/chats/${classChatId}/block`, {})).status).toBe(403);
  });

  it('safety settings: the administration only', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    expect((await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/safety`)).body.data).toEqual({ studentsWriteWithinClass: true, messagesPerMinute: 20 });
    for (const [cookie, status] of [[f.cookies.teacher, 403], [f.cookies.student, 403], [other.cookies.admin, 404]] as const) {
      expect((await as(ctx, cookie).get(`/schools/${f.school.id}/safety`)).status).toBe(status);
      expect((await as(ctx, cookie).put(`/schools/${f.school.id}/safety`, { messagesPerMinute: 5 })).status).toBe(status);
    }
    expect((await as(ctx, f.cookies.admin).put(`/schools/${f.school.id}/safety`, { messagesPerMinute: 0 })).status).toBe(400);
  });
});
