import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, chatMembers, chats, messages } from '../../db/chatSchema.js';
import { addMember, createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat } from './testHelpers.js';

/**
 * Every chat and message endpoint × the people who must be refused: a student of another class of the same
 * school, a member of another school, a member removed from the chat, and anonymous. Refusals write nothing.
 */
describe('chats and messages: authorization matrix', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const totals = async () =>
    Promise.all([chats, chatMembers, chatEvents, messages].map(async (t) => (await ctx.deps.db.select({ n: count() }).from(t))[0]?.n));

  it('refuses every endpoint to another class, another school, a removed member and anonymous, writing nothing', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const msg = (await as(ctx, f.cookies.student).post(`/chats/${chatId}/messages`, { clientId: 'm', text: 'Привет' })).body.data.id;
    const classB = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const studentB = await createUser(ctx);
    await addMember(ctx, f.school, studentB, 'student', { classId: classB.id });
    const other = await freshSchool(ctx);
    const removed = await createUser(ctx);
    await addMember(ctx, f.school, removed, 'student', { classId: f.classA.id });
    await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/members`, { userIds: [removed.id] });
    await as(ctx, f.cookies.teacher).del(`/chats/${chatId}/members/${removed.id}`);

    const people = {
      anotherClass: await signedInCookie(ctx, studentB),
      anotherSchool: other.cookies.teacher,
      removed: await signedInCookie(ctx, removed),
      anonymous: '',
    };
    type Who = keyof typeof people;
    const hidden = { anotherClass: 404, anotherSchool: 404, removed: 404, anonymous: 401 } satisfies Record<Who, number>;
    const cases: { name: string; call: (c: ReturnType<typeof as>) => Promise<{ status: number }>; expect: Record<Who, number> }[] = [
      { name: 'GET /chats/:id', call: (c) => c.get(`/chats/${chatId}`), expect: hidden },
      { name: 'PATCH /chats/:id', call: (c) => c.patch(`/chats/${chatId}`, { name: 'Новое имя' }), expect: hidden },
      { name: 'POST /chats/:id/members', call: (c) => c.post(`/chats/${chatId}/members`, { userIds: [studentB.id] }), expect: hidden },
      { name: 'PUT /chats/:id/members/:userId', call: (c) => c.put(`/chats/${chatId}/members/${f.student.id}`, { role: 'moderator' }), expect: hidden },
      { name: 'PATCH /chats/:id (followsClass)', call: (c) => c.patch(`/chats/${chatId}`, { followsClass: false }), expect: hidden },
      { name: 'DELETE /chats/:id/members/:userId', call: (c) => c.del(`/chats/${chatId}/members/${f.student.id}`), expect: hidden },
      { name: 'POST /chats/:id/join', call: (c) => c.post(`/chats/${chatId}/join`), expect: hidden },
      { name: 'POST /chats/:id/leave', call: (c) => c.post(`/chats/${chatId}/leave`), expect: hidden },
      { name: 'POST /chats/:id/read', call: (c) => c.post(`/chats/${chatId}/read`, { seq: 1 }), expect: hidden },
      { name: 'GET /chats/:id/messages', call: (c) => c.get(`/chats/${chatId}/messages`), expect: hidden },
      { name: 'POST /chats/:id/messages', call: (c) => c.post(`/chats/${chatId}/messages`, { clientId: 'z', text: 'чужой' }), expect: hidden },
      { name: 'PATCH /messages/:id', call: (c) => c.patch(`/messages/${msg}`, { text: 'чужой' }), expect: hidden },
      { name: 'DELETE /messages/:id', call: (c) => c.del(`/messages/${msg}`), expect: hidden },
      {
        name: 'POST /chats (class chat of 7А)',
        call: (c) => c.post('/chats', { kind: 'class', classId: f.classA.id, name: 'Чат', allStudents: true }),
        expect: { anotherClass: 403, anotherSchool: 404, removed: 403, anonymous: 401 },
      },
      {
        name: 'POST /chats (public chat of the school)',
        call: (c) => c.post('/chats', { kind: 'public', schoolId: f.school.id, name: 'Чат' }),
        expect: { anotherClass: 403, anotherSchool: 404, removed: 403, anonymous: 401 },
      },
      {
        name: 'POST /chats (personal with a student of the other school)',
        call: (c) => c.post('/chats', { kind: 'personal', userId: other.student.id }),
        expect: { anotherClass: 404, anotherSchool: 201, removed: 404, anonymous: 401 },
      },
    ];
    const before = await totals();
    const seen: string[] = [];
    for (const c of cases) {
      for (const who of Object.keys(people) as Who[]) {
        if (c.expect[who] === 201) continue;
        const res = await c.call(as(ctx, people[who]));
        seen.push(`${c.name} as ${who}: ${res.status}`);
        expect(`${c.name} as ${who}: ${res.status}`).toBe(`${c.name} as ${who}: ${c.expect[who]}`);
      }
    }
    expect(await totals()).toEqual(before);
    expect(seen.length).toBeGreaterThan(50);

    // Lists: each sees only their own chats; the removed member's list no longer has it.
    for (const who of ['anotherClass', 'anotherSchool', 'removed'] as const) {
      const list = await as(ctx, people[who]).get('/chats');
      expect(list.status).toBe(200);
      expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(chatId);
    }
    expect((await as(ctx, '').get('/chats')).status).toBe(401);
    expect((await as(ctx, people.anotherSchool).get(`/schools/${f.school.id}/public-chats`)).status).toBe(404);
    expect((await as(ctx, people.anotherClass).get(`/schools/${f.school.id}/public-chats`)).status).toBe(200);
    // Over 60 requests: on a loaded machine this takes longer than the default 20 s.
  }, 60_000);
});

/**
 * ORG-9 appeals and SUP-1 questions × who must be refused. An anonymous appeal of a student reaches its school's
 * administrator without its author; another school's administrator and another student get 404; nothing is written.
 */
describe('appeals and support questions: authorization matrix', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('the school’s admin gets an anonymous appeal without its author; another school’s admin and another student get 404', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const student2 = await createUser(ctx);
    await addMember(ctx, f.school, student2, 'student', { classId: f.classA.id });
    const created = await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/appeals`, { topic: 'safety', text: 'Меня обижают', anonymous: true });
    expect(created.status).toBe(201);
    const appealId = created.body.data.id as string;
    const question = (await as(ctx, f.cookies.student).post('/support/questions', { section: 'chats', text: 'Не открывается' })).body.data.id as string;

    const admin = await as(ctx, f.cookies.admin).get(`/appeals/${appealId}`);
    expect(admin.status).toBe(200);
    expect(admin.body.data.author).toBeNull();
    expect(JSON.stringify(admin.body)).not.toContain(f.student.id);

    const people = { anotherSchoolAdmin: other.cookies.admin, anotherStudent: await signedInCookie(ctx, student2), anonymous: '' };
    type Who = keyof typeof people;
    const hidden = { anotherSchoolAdmin: 404, anotherStudent: 404, anonymous: 401 } satisfies Record<Who, number>;
    const cases: { name: string; call: (c: ReturnType<typeof as>) => Promise<{ status: number }>; expect: Record<Who, number> }[] = [
      { name: 'GET /appeals/:id', call: (c) => c.get(`/appeals/${appealId}`), expect: hidden },
      { name: 'POST /appeals/:id/take', call: (c) => c.post(`/appeals/${appealId}/take`), expect: hidden },
      { name: 'POST /appeals/:id/messages', call: (c) => c.post(`/appeals/${appealId}/messages`, { text: 'чужое' }), expect: hidden },
      { name: 'POST /appeals/:id/close', call: (c) => c.post(`/appeals/${appealId}/close`), expect: hidden },
      {
        name: 'GET /schools/:id/appeals',
        call: (c) => c.get(`/schools/${f.school.id}/appeals`),
        expect: { anotherSchoolAdmin: 404, anotherStudent: 200, anonymous: 401 },
      },
      {
        name: 'GET /schools/:id/appeals/badge',
        call: (c) => c.get(`/schools/${f.school.id}/appeals/badge`),
        expect: { anotherSchoolAdmin: 404, anotherStudent: 200, anonymous: 401 },
      },
      {
        name: 'POST /schools/:id/appeals',
        call: (c) => c.post(`/schools/${f.school.id}/appeals`, { topic: 'food', text: 'x' }),
        expect: { anotherSchoolAdmin: 404, anotherStudent: 201, anonymous: 401 },
      },
      { name: 'GET /support/questions/:id', call: (c) => c.get(`/support/questions/${question}`), expect: hidden },
      { name: 'POST /support/questions/:id/messages', call: (c) => c.post(`/support/questions/${question}/messages`, { text: 'x' }), expect: hidden },
      { name: 'POST /support/questions/:id/close', call: (c) => c.post(`/support/questions/${question}/close`), expect: hidden },
      { name: 'GET /operator/support/questions', call: (c) => c.get('/operator/support/questions'), expect: hidden },
      { name: 'GET /operator/support/feedback', call: (c) => c.get('/operator/support/feedback'), expect: hidden },
    ];
    for (const c of cases) {
      for (const who of Object.keys(people) as Who[]) {
        if (c.expect[who] === 201) continue;
        const res = await c.call(as(ctx, people[who]));
        expect(`${c.name} as ${who}: ${res.status}`).toBe(`${c.name} as ${who}: ${c.expect[who]}`);
      }
    }
    // The other student's list of the school holds nothing of the first student's appeal.
    const list = await as(ctx, people.anotherStudent).get(`/schools/${f.school.id}/appeals`);
    expect(list.body.data).toEqual({ mine: [], inbox: null });
  }, 60_000);
});

/**
 * SAFE-1 endpoints × who may and who must be refused: the school's administrator may; a student, a teacher who is not
 * an administrator (reports are the administration's decision, not a class teacher's), another school's
 * administrator and anonymous may not. Refusals write nothing: no report changes, no audit line.
 */
describe('reports, audit log, safety settings: authorization matrix', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('allows the administration and refuses the rest, writing nothing', async () => {
    const { auditLog } = await import('../../db/auditSchema.js');
    const { reports, chatRestrictions } = await import('../../db/safetySchema.js');
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const msg = (await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: 'm', text: 'Привет' })).body.data.id;
    const report = (await as(ctx, f.cookies.student).post('/reports', { targetType: 'message', targetId: msg, reason: 'spam' })).body.data.id;
    const personal = (await as(ctx, f.cookies.teacher).post('/chats', { kind: 'personal', userId: f.student.id })).body.data.id;
    const people = { admin: f.cookies.admin, student: f.cookies.student, teacher: f.cookies.teacher, otherAdmin: other.cookies.admin, anonymous: '' };
    type Who = keyof typeof people;
    const adminOnly = { admin: 200, student: 403, teacher: 403, otherAdmin: 404, anonymous: 401 } satisfies Record<Who, number>;
    const cases: { name: string; call: (c: ReturnType<typeof as>) => Promise<{ status: number }>; expect: Record<Who, number> }[] = [
      { name: 'GET /schools/:id/audit', call: (c) => c.get(`/schools/${f.school.id}/audit`), expect: adminOnly },
      {
        name: 'GET /operator/audit', call: (c) => c.get('/operator/audit'),
        expect: { admin: 404, student: 404, teacher: 404, otherAdmin: 404, anonymous: 401 },
      },
      { name: 'GET /schools/:id/reports', call: (c) => c.get(`/schools/${f.school.id}/reports`), expect: adminOnly },
      { name: 'GET /schools/:id/reports/badge', call: (c) => c.get(`/schools/${f.school.id}/reports/badge`), expect: adminOnly },
      { name: 'GET /reports/:id', call: (c) => c.get(`/reports/${report}`), expect: adminOnly },
      { name: 'GET /schools/:id/safety', call: (c) => c.get(`/schools/${f.school.id}/safety`), expect: adminOnly },
      {
        name: 'POST /reports (a message of 7А)', call: (c) => c.post('/reports', { targetType: 'message', targetId: msg, reason: 'insult' }),
        expect: { admin: 201, student: 201, teacher: 201, otherAdmin: 404, anonymous: 401 },
      },
      {
        name: 'GET /me/reports', call: (c) => c.get('/me/reports'),
        expect: { admin: 200, student: 200, teacher: 200, otherAdmin: 200, anonymous: 401 },
      },
      {
        name: 'GET /me/notices', call: (c) => c.get('/me/notices'),
        expect: { admin: 200, student: 200, teacher: 200, otherAdmin: 200, anonymous: 401 },
      },
      {
        name: 'GET /chats/:id/block (personal chat of the teacher and the student)', call: (c) => c.get(`/chats/${personal}/block`),
        expect: { admin: 404, student: 200, teacher: 200, otherAdmin: 404, anonymous: 401 },
      },
    ];
    const writes: typeof cases = [
      {
        name: 'POST /reports/:id/decision', call: (c) => c.post(`/reports/${report}/decision`, { actions: ['ban'], banFor: '1h' }),
        expect: { ...adminOnly, admin: 0 },
      },
      {
        name: 'PUT /schools/:id/safety', call: (c) => c.put(`/schools/${f.school.id}/safety`, { messagesPerMinute: 5 }),
        expect: { ...adminOnly, admin: 0 },
      },
      {
        name: 'PUT /chats/:id/block', call: (c) => c.put(`/chats/${personal}/block`, {}),
        expect: { admin: 404, student: 0, teacher: 0, otherAdmin: 404, anonymous: 401 },
      },
      {
        name: 'POST /me/notices/:id/read (nobody’s)', call: (c) => c.post(`/me/notices/${report}/read`),
        expect: { admin: 404, student: 404, teacher: 404, otherAdmin: 404, anonymous: 401 },
      },
    ];
    for (const who of Object.keys(people) as Who[]) {
      const cookie = people[who];
      const res = await ctx.app.inject({ url: `/api/schools/${f.school.id}/audit.csv`, headers: cookie ? { cookie } : {} });
      expect(`GET /schools/:id/audit.csv as ${who}: ${res.statusCode}`).toBe(`GET /schools/:id/audit.csv as ${who}: ${adminOnly[who]}`);
    }
    const written = async () =>
      Promise.all([auditLog, reports, chatRestrictions].map(async (t) => (await ctx.deps.db.select({ n: count() }).from(t))[0]?.n));
    for (const c of cases) {
      for (const who of Object.keys(people) as Who[]) {
        const res = await c.call(as(ctx, people[who]));
        expect(`${c.name} as ${who}: ${res.status}`).toBe(`${c.name} as ${who}: ${c.expect[who]}`);
      }
    }
    const before = await written();
    for (const c of writes) {
      for (const who of Object.keys(people) as Who[]) {
        if (c.expect[who] === 0) continue;
        const res = await c.call(as(ctx, people[who]));
        expect(`${c.name} as ${who}: ${res.status}`).toBe(`${c.name} as ${who}: ${c.expect[who]}`);
      }
    }
    expect(await written()).toEqual(before);
    // And the allowed ones do what they say.
    expect((await writes[0]!.call(as(ctx, people.admin))).status).toBe(200);
    expect((await writes[1]!.call(as(ctx, people.admin))).status).toBe(200);
    expect((await writes[2]!.call(as(ctx, people.student))).status).toBe(200);
    // Another school's administrator's own log and reports hold nothing of this school.
    expect((await as(ctx, other.cookies.admin).get(`/schools/${other.school.id}/audit`)).body.data).toEqual([]);
    expect((await as(ctx, other.cookies.admin).get(`/schools/${other.school.id}/reports`)).body.data).toEqual([]);
  }, 60_000);
});
