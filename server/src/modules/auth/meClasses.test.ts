import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createClass, createSchool, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

const getMe = async (cookie: string) => (await ctx.app.inject({ url: '/api/me', headers: { cookie } })).json().data;

describe('GET /me carries my classes («Мои классы» in one request)', () => {
  it('lists each class a teacher teaches in, per school, with the subjects taught there', async () => {
    const f = await freshSchool(ctx, { name: 'Школа А' });
    const classB = await createClass(ctx, f.school, { grade: 10, letter: 'Б', profile: 'Физмат' });
    const other = await createSchool(ctx, { name: 'Школа Б' });
    const otherClass = await createClass(ctx, other, { grade: 5, letter: 'В' });
    await addMember(ctx, f.school, f.teacher, 'teacher', { classIds: [classB.id], subjects: ['Физика', 'Астрономия'] });
    await addMember(ctx, other, f.teacher, 'teacher', { classIds: [otherClass.id], subjects: ['Химия'] });
    // A class of the school the teacher does not teach in is not theirs.
    await createClass(ctx, f.school, { grade: 11, letter: 'А' });

    const me = await getMe(f.cookies.teacher);
    expect(me.classes).toEqual([
      { id: f.classA.id, schoolId: f.school.id, schoolName: 'Школа А', name: '7А', profile: null, role: 'teacher', subjects: ['Математика'] },
      { id: classB.id, schoolId: f.school.id, schoolName: 'Школа А', name: '10Б', profile: 'Физмат', role: 'teacher', subjects: ['Астрономия', 'Физика'] },
      { id: otherClass.id, schoolId: other.id, schoolName: 'Школа Б', name: '5В', profile: null, role: 'teacher', subjects: ['Химия'] },
    ]);
  });

  it('gives a student their class, and an administrator or a person without a school none', async () => {
    const f = await freshSchool(ctx);
    expect((await getMe(f.cookies.student)).classes).toEqual([
      { id: f.classA.id, schoolId: f.school.id, schoolName: f.school.name, name: '7А', profile: null, role: 'student', subjects: [] },
    ]);
    expect((await getMe(f.cookies.admin)).classes).toEqual([]);
    expect((await getMe(await signedInCookie(ctx, await createUser(ctx)))).classes).toEqual([]);
  });

  it('follows a teacher joining a class', async () => {
    const f = await freshSchool(ctx);
    const classB = await createClass(ctx, f.school, { grade: 9, letter: 'Г' });
    const res = await ctx.app.inject({ method: 'POST', url: `/api/classes/${classB.id}/teachers`, headers: { cookie: f.cookies.teacher }, payload: { subjects: ['История'] } });
    expect(res.statusCode).toBe(200);
    expect((await getMe(f.cookies.teacher)).classes.map((c: { name: string; subjects: string[] }) => [c.name, c.subjects])).toEqual([
      ['7А', ['Математика']],
      ['9Г', ['История']],
    ]);
  });
});
