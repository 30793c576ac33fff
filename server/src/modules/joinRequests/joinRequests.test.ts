import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classTeachers, joinRequests, memberships } from '../../db/schema.js';
import type { AppEvent } from '../../platform/events/bus.js';
import { createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('join requests', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const send = (cookie: string, payload: object) => ctx.app.inject({ method: 'POST', url: '/api/join-requests', headers: { cookie }, payload });

  it('takes a teacher’s request with classes and subjects; the administrator sees the badge, approves, and the teacher is in (ORG-4)', async () => {
    const f = await freshSchool(ctx);
    const c11 = await createClass(ctx, f.school, { grade: 11, letter: 'А', profile: 'социально-гуманитарный' });
    const heard: [string, AppEvent][] = [];
    const stop = ctx.deps.events.subscribe((room, e) => heard.push([room, e]));
    const applicant = await createUser(ctx, { firstName: 'Олег', lastName: 'Физиков' });
    const cookie = await signedInCookie(ctx, applicant);

    const noSubject = await send(cookie, { schoolId: f.school.id, role: 'teacher', classIds: [c11.id] });
    expect(noSubject.json().error.code).toBe('subject_required');

    const res = await send(cookie, { schoolId: f.school.id, role: 'teacher', classIds: [c11.id], subjects: ['Физика'], comment: 'Работаю 10 лет' });
    expect(res.statusCode).toBe(201);
    const request = res.json().data;
    expect(request).toMatchObject({
      schoolId: f.school.id, schoolName: f.school.name, role: 'teacher', status: 'pending', subjects: ['Физика'],
      classes: [{ id: c11.id, name: '11А' }], comment: 'Работаю 10 лет', decidedAt: null,
      applicant: { id: applicant.id, firstName: 'Олег', lastName: 'Физиков', middleName: null },
    });
    expect(heard).toContainEqual([`school-admin:${f.school.id}`, { type: 'joinRequest.created', schoolId: f.school.id, requestId: request.id }]);

    const twice = await send(cookie, { schoolId: f.school.id, role: 'student', classIds: [c11.id] });
    expect(twice.json().error.code).toBe('request_pending');

    const page = await ctx.app.inject({ url: `/api/schools/${f.school.id}`, headers: { cookie: f.cookies.admin } });
    expect(page.json().data.pendingRequestCount).toBe(1);
    const list = await ctx.app.inject({ url: `/api/schools/${f.school.id}/join-requests?status=pending`, headers: { cookie: f.cookies.admin } });
    expect(list.json().data.map((r: { id: string }) => r.id)).toEqual([request.id]);

    const approved = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${request.id}/approve`, headers: { cookie: f.cookies.admin } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().data).toMatchObject({ status: 'approved' });
    expect(approved.json().data.decidedAt).toEqual(expect.any(String));
    expect(heard).toContainEqual([`user:${applicant.id}`, { type: 'joinRequest.decided', schoolId: f.school.id, requestId: request.id, status: 'approved' }]);
    expect(heard).toContainEqual([`school:${f.school.id}`, { type: 'member.joined', schoolId: f.school.id, userId: applicant.id, role: 'teacher' }]);
    stop();

    const ms = await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, applicant.id));
    expect(ms.map((m) => m.role)).toEqual(['teacher']);
    const taught = await ctx.deps.db.select().from(classTeachers).where(eq(classTeachers.userId, applicant.id));
    expect(taught.map((t) => [t.classId, t.subject])).toEqual([[c11.id, 'Физика']]);

    const mine = await ctx.app.inject({ url: '/api/me/join-requests', headers: { cookie } });
    expect(mine.json().data).toEqual([expect.objectContaining({ id: request.id, status: 'approved' })]);
    const school = await ctx.app.inject({ url: `/api/schools/${f.school.id}`, headers: { cookie } });
    expect(school.statusCode).toBe(200);
    expect(school.json().data.myRoles).toEqual(['teacher']);

    const again = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${request.id}/reject`, headers: { cookie: f.cookies.admin } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('request_already_decided');
    const [row] = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.id, request.id));
    expect(row?.status).toBe('approved');
  });

  it('needs exactly one class for a student, none for a parent, and refuses a role already held', async () => {
    const f = await freshSchool(ctx);
    const c8 = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const other = await freshSchool(ctx);
    const cookie = await signedInCookie(ctx, await createUser(ctx));

    expect((await send(cookie, { schoolId: f.school.id, role: 'student' })).json().error.code).toBe('class_required');
    expect((await send(cookie, { schoolId: f.school.id, role: 'student', classIds: [f.classA.id, c8.id] })).statusCode).toBe(400);
    expect((await send(cookie, { schoolId: f.school.id, role: 'student', classIds: [other.classA.id] })).statusCode).toBe(404);
    expect((await send(f.cookies.student, { schoolId: f.school.id, role: 'student', classIds: [c8.id] })).json().error.code).toBe('already_member');
    expect((await send(cookie, { schoolId: '00000000-0000-4000-8000-000000000000', role: 'parent' })).statusCode).toBe(404);
    const none = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.schoolId, f.school.id));
    expect(none).toEqual([]);

    const parent = await send(cookie, { schoolId: f.school.id, role: 'parent', classIds: [c8.id], subjects: ['Физика'] });
    expect(parent.statusCode).toBe(201);
    expect(parent.json().data).toMatchObject({ role: 'parent', classes: [], subjects: [] });
  });

  it('rejects a student’s request: the applicant sees the outcome and is not a member', async () => {
    const f = await freshSchool(ctx);
    const kid = await createUser(ctx);
    const cookie = await signedInCookie(ctx, kid);
    const req = (await send(cookie, { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] })).json().data;
    const rejected = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${req.id}/reject`, headers: { cookie: f.cookies.admin } });
    expect(rejected.json().data.status).toBe('rejected');
    const mine = (await ctx.app.inject({ url: '/api/me/join-requests', headers: { cookie } })).json().data;
    expect(mine).toEqual([expect.objectContaining({ id: req.id, status: 'rejected', schoolName: f.school.name })]);
    expect(await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, kid.id))).toEqual([]);
    const rejectedList = await ctx.app.inject({ url: `/api/schools/${f.school.id}/join-requests?status=rejected`, headers: { cookie: f.cookies.admin } });
    expect(rejectedList.json().data.map((r: { id: string }) => r.id)).toEqual([req.id]);
    // Decided, so a new request may be sent.
    expect((await send(cookie, { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] })).statusCode).toBe(201);
  });

  it('approving a student puts them in the requested class', async () => {
    const f = await freshSchool(ctx);
    const kid = await createUser(ctx);
    const req = (await send(await signedInCookie(ctx, kid), { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] })).json().data;
    const res = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${req.id}/approve`, headers: { cookie: f.cookies.admin } });
    expect(res.statusCode).toBe(200);
    const cls = await ctx.app.inject({ url: `/api/classes/${f.classA.id}`, headers: { cookie: f.cookies.teacher } });
    expect(cls.json().data.students.map((s: { id: string }) => s.id)).toContain(kid.id);
  });
});
