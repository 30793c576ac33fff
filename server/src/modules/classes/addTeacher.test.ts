import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classTeachers, memberships } from '../../db/schema.js';
import { addMember, createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';

/**
 * CLS-2 / ORG-5 «Добавить учителя»: a teacher adds themself; an administrator puts any teacher of the school into a
 * class. Nobody else adds anyone, and only a teacher of the school can be added.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function schoolWithTwoTeachers() {
  const f = await freshSchool(ctx);
  const c11 = await createClass(ctx, f.school, { grade: 11, letter: 'Б' });
  const physics = await createUser(ctx, { firstName: 'Олег', lastName: 'Физиков' });
  await addMember(ctx, f.school, physics, 'teacher', { subjects: ['Физика'] });
  return { f, c11, physics, physicsCookie: await signedInCookie(ctx, physics) };
}

const teachersOf = async (classId: string) =>
  ctx.deps.db.select({ userId: classTeachers.userId, subject: classTeachers.subject }).from(classTeachers).where(eq(classTeachers.classId, classId));

describe('«Добавить учителя» from the list of the school’s teachers', () => {
  it('an administrator adds another teacher of the school with subjects; the class page shows them and they hear of it', async () => {
    const { f, c11, physics } = await schoolWithTwoTeachers();
    const admin = as(ctx, f.cookies.admin);
    expect((await admin.get(`/classes/${c11.id}`)).body.can).toMatchObject({ addTeacher: true });
    const bus = recordEvents(ctx);
    const res = await admin.post(`/classes/${c11.id}/teachers`, { userId: physics.id, subjects: ['Физика', 'Астрономия'] });
    expect(res.status).toBe(200);
    expect(res.body.data.teachers).toEqual([
      { id: physics.id, firstName: 'Олег', lastName: 'Физиков', middleName: null, subjects: ['Астрономия', 'Физика'] },
    ]);
    const page = await as(ctx, f.cookies.student).get(`/classes/${c11.id}`);
    expect(page.body.data.teachers.map((t: { id: string }) => t.id)).toEqual([physics.id]);
    expect(page.body.data.teacherCount).toBe(1);
    const joined = { type: 'class.teacherJoined', schoolId: f.school.id, classId: c11.id, userId: physics.id };
    expect(bus.inRoom(`school:${f.school.id}`)).toContainEqual(joined);
    expect(bus.inRoom(`user:${physics.id}`)).toContainEqual(joined);
    // The administrator did not become a teacher by doing so.
    const adminRoles = await ctx.deps.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, f.admin.id));
    expect(adminRoles.map((r) => r.role)).toEqual(['admin']);
    bus.stop();
  });

  it('a teacher may add only themself: another teacher is refused (403) and nothing is written', async () => {
    const { f, c11, physics, physicsCookie } = await schoolWithTwoTeachers();
    const teacher = as(ctx, f.cookies.teacher);
    expect((await teacher.get(`/classes/${c11.id}`)).body.can).toMatchObject({ joinAsTeacher: true, addTeacher: false });
    const other = await teacher.post(`/classes/${c11.id}/teachers`, { userId: physics.id, subjects: ['Физика'] });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    expect(await teachersOf(c11.id)).toEqual([]);
    // Naming oneself is the same as not naming anyone.
    const self = await as(ctx, physicsCookie).post(`/classes/${c11.id}/teachers`, { userId: physics.id, subjects: ['Физика'] });
    expect(self.status).toBe(200);
    expect(await teachersOf(c11.id)).toEqual([{ userId: physics.id, subject: 'Физика' }]);
  });

  it('a student adds nobody, not even themself (403); someone outside the school gets 404', async () => {
    const { f, c11, physics } = await schoolWithTwoTeachers();
    const student = as(ctx, f.cookies.student);
    expect((await student.post(`/classes/${c11.id}/teachers`, { userId: physics.id, subjects: ['Физика'] })).status).toBe(403);
    expect((await student.post(`/classes/${c11.id}/teachers`, { subjects: ['Физика'] })).status).toBe(403);
    const g = await freshSchool(ctx);
    const outsider = await as(ctx, g.cookies.admin).post(`/classes/${c11.id}/teachers`, { userId: physics.id, subjects: ['Физика'] });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('not_found');
    expect(await teachersOf(c11.id)).toEqual([]);
  });

  it('only a teacher of the school can be added: a student, a stranger or an unknown id is 404 and nobody becomes a teacher', async () => {
    const { f, c11 } = await schoolWithTwoTeachers();
    const admin = as(ctx, f.cookies.admin);
    const stranger = await createUser(ctx);
    const g = await freshSchool(ctx);
    for (const userId of [f.student.id, stranger.id, g.teacher.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await admin.post(`/classes/${c11.id}/teachers`, { userId, subjects: ['Физика'] });
      expect(res.status, userId).toBe(404);
    }
    expect(await teachersOf(c11.id)).toEqual([]);
    const studentRoles = await ctx.deps.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, f.student.id), eq(memberships.schoolId, f.school.id)));
    expect(studentRoles.map((r) => r.role)).toEqual(['student']);
    expect((await admin.post(`/classes/${c11.id}/teachers`, { userId: 'not-an-id', subjects: ['Физика'] })).status).toBe(400);
  });
});
