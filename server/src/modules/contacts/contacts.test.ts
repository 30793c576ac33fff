import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('contacts (APP-4)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('lists the people I share a school with, with the shared schools and their roles, never a phone', async () => {
    const a = await freshSchool(ctx, { name: 'Гимназия А' });
    const b = await freshSchool(ctx, { name: 'Школа Б' });
    // The teacher of A also teaches in B; the student of A is only in A.
    await addMember(ctx, b.school, a.teacher, 'teacher', { subjects: ['Физика'] });
    const loner = await createUser(ctx);

    const res = await ctx.app.inject({ url: '/api/contacts', headers: { cookie: b.cookies.student } });
    expect(res.statusCode).toBe(200);
    const contacts = res.json().data as { id: string; schools: { schoolId: string; roles: string[] }[] }[];
    expect(contacts.map((c) => c.id).sort()).toEqual([b.admin.id, b.teacher.id, a.teacher.id].sort());
    expect(contacts.find((c) => c.id === a.teacher.id)?.schools).toEqual([{ schoolId: b.school.id, schoolName: 'Школа Б', roles: ['teacher'] }]);
    expect(res.body).not.toContain(a.teacher.phone);
    expect(res.body).not.toContain(a.student.id);

    const teacherView = (await ctx.app.inject({ url: '/api/contacts', headers: { cookie: a.cookies.teacher } })).json().data;
    // Both schools, everyone but themself: A’s administrator and student, B’s three.
    expect(teacherView.map((c: { id: string }) => c.id)).toHaveLength(5);
    expect(teacherView.map((c: { id: string }) => c.id)).not.toContain(a.teacher.id);

    const nobody = await ctx.app.inject({ url: '/api/contacts', headers: { cookie: await signedInCookie(ctx, loner) } });
    expect(nobody.json().data).toEqual([]);
  });
});
