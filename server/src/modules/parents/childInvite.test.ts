import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invites, joinRequests, parentLinks } from '../../db/schema.js';
import { keyedHash } from '../../lib/secrets.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('PAR-1 «Пригласить родителя»: a student’s one-time link', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST', url: string, cookie: string | null, payload?: object) =>
    ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

  it('works once for 24 hours, keeps only its hash, comes with the child chosen and waits for the class teacher', async () => {
    const f = await freshSchool(ctx);
    const classmate = await createUser(ctx);
    await addMember(ctx, f.school, classmate, 'student', { classId: f.classA.id });
    await ctx.app.inject({ method: 'PUT', url: `/api/classes/${f.classA.id}/class-teacher`, headers: { cookie: f.cookies.admin }, payload: { userId: f.teacher.id } });

    // Only a student of the school makes one.
    expect((await call('POST', '/api/me/parent-invite', f.cookies.teacher, { schoolId: f.school.id })).statusCode).toBe(404);
    expect((await call('POST', '/api/me/parent-invite', null, { schoolId: f.school.id })).statusCode).toBe(401);
    const made = await call('POST', '/api/me/parent-invite', f.cookies.student, { schoolId: f.school.id });
    expect(made.statusCode).toBe(201);
    const { token, url, expiresAt } = made.json().data;
    expect(url).toContain(`/invite/${token}`);
    expect(new Date(expiresAt).getTime() - ctx.deps.clock.now().getTime()).toBe(24 * 3600 * 1000);
    const [stored] = await ctx.deps.db.select().from(invites).where(eq(invites.tokenHash, keyedHash(ctx.deps.secret, token)));
    expect(stored).toMatchObject({ role: 'parent', classId: f.classA.id, childId: f.student.id, maxUses: 1 });
    expect(JSON.stringify(stored)).not.toContain(token);

    // The child cannot use it on themself.
    expect((await call('POST', `/api/invites/${token}/accept`, f.cookies.student, {})).json().error.code).toBe('invalid_input');

    const parent = await createUser(ctx);
    const cookie = await signedInCookie(ctx, parent);
    const students = await call('GET', `/api/invites/${token}/students`, cookie);
    expect(students.json().data).toEqual({
      students: [{ id: f.student.id, firstName: f.student.firstName, lastName: f.student.lastName }],
      chosen: f.student.id,
    });
    // Another child than the chosen one: refused, nothing written.
    expect((await call('POST', `/api/invites/${token}/accept`, cookie, { childIds: [classmate.id] })).json().error.code).toBe('invalid_input');
    const asked = await call('POST', `/api/invites/${token}/accept`, cookie, {});
    expect(asked.json().data.status).toBe('requested');
    const [req] = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.userId, parent.id));
    expect(req).toMatchObject({ role: 'parent', childIds: [f.student.id], status: 'pending' });
    expect(await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.parentId, parent.id))).toEqual([]);

    // Works once.
    const second = await createUser(ctx);
    expect((await call('POST', `/api/invites/${token}/accept`, await signedInCookie(ctx, second), {})).json().error.code).toBe('invite_invalid');

    expect((await call('POST', `/api/join-requests/${req!.id}/approve`, f.cookies.teacher)).statusCode).toBe(200);
    expect(await ctx.deps.db.select().from(parentLinks).where(eq(parentLinks.parentId, parent.id))).toHaveLength(1);
  });

  it('stops working after 24 hours', async () => {
    const f = await freshSchool(ctx);
    const { token } = (await call('POST', '/api/me/parent-invite', f.cookies.student, { schoolId: f.school.id })).json().data;
    ctx.deps.clock.advance(24 * 3600 * 1000 + 1000);
    const parent = await createUser(ctx);
    const cookie = await signedInCookie(ctx, parent);
    expect((await call('GET', `/api/invites/${token}/students`, cookie)).json().error.code).toBe('invite_invalid');
    expect((await call('POST', `/api/invites/${token}/accept`, cookie, {})).json().error.code).toBe('invite_invalid');
    expect(await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.userId, parent.id))).toEqual([]);
  });
});
