import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('classes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('lets an administrator open «11А» with a profile, once per school (CLS-1)', async () => {
    const f = await freshSchool(ctx);
    const post = (payload: object) =>
      ctx.app.inject({ method: 'POST', url: `/api/schools/${f.school.id}/classes`, headers: { cookie: f.cookies.admin }, payload });
    const res = await post({ grade: 11, letter: 'А', profile: 'социально-гуманитарный' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({ name: '11А', grade: 11, letter: 'А', profile: 'социально-гуманитарный', studentCount: 0 });

    const again = await post({ grade: 11, letter: 'А' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('class_exists');
    expect((await post({ grade: 12, letter: 'А' })).statusCode).toBe(400);
    expect((await post({ grade: 5, letter: 'Q' })).statusCode).toBe(400);

    const list = await ctx.app.inject({ url: `/api/schools/${f.school.id}/classes`, headers: { cookie: f.cookies.student } });
    expect(list.json().data.map((c: { name: string; studentCount: number; teacherCount: number }) => [c.name, c.studentCount, c.teacherCount])).toEqual([
      ['7А', 1, 1],
      ['11А', 0, 0],
    ]);
    expect(list.json().can).toEqual({ create: false });
  });

  it('shows a class with its teachers and their subjects, and students (CLS-2, CLS-3)', async () => {
    const f = await freshSchool(ctx);
    const other = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const otherStudent = await createUser(ctx);
    await addMember(ctx, f.school, otherStudent, 'student', { classId: other.id });
    const res = await ctx.app.inject({ url: `/api/classes/${f.classA.id}`, headers: { cookie: f.cookies.student } });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.data).toMatchObject({ name: '7А', schoolName: f.school.name, studentCount: 1, teacherCount: 1 });
    expect(page.data.teachers).toEqual([
      { id: f.teacher.id, firstName: f.teacher.firstName, lastName: f.teacher.lastName, middleName: null, subjects: ['Математика'] },
    ]);
    expect(page.data.students.map((s: { id: string }) => s.id)).toEqual([f.student.id]);
    expect(page.can).toEqual({ joinAsTeacher: false, addTeacher: false, manage: false, createChat: false, setClassTeacher: false, parents: false });
  });

  it('offers «Создать чат» of a class to its teachers and the administration only, as POST /chats decides', async () => {
    const f = await freshSchool(ctx);
    const outsider = await createUser(ctx);
    await addMember(ctx, f.school, outsider, 'teacher');
    const outsiderCookie = await signedInCookie(ctx, outsider);
    const can = async (cookie: string) =>
      (await ctx.app.inject({ url: `/api/classes/${f.classA.id}`, headers: { cookie } })).json().can.createChat;
    expect(await can(f.cookies.teacher)).toBe(true);
    expect(await can(f.cookies.admin)).toBe(true);
    expect(await can(f.cookies.student)).toBe(false);
    expect(await can(outsiderCookie)).toBe(false);
    const post = (cookie: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/chats', headers: { cookie }, payload: { kind: 'class', classId: f.classA.id, name: 'Проба', allStudents: true } });
    expect((await post(outsiderCookie)).statusCode).toBe(403);
    expect((await post(f.cookies.student)).statusCode).toBe(403);
    expect((await post(f.cookies.teacher)).statusCode).toBe(201);
  });

  it('lets a teacher of the school add themself to a class with a subject («Добавить учителя»)', async () => {
    const f = await freshSchool(ctx);
    const c11 = await createClass(ctx, f.school, { grade: 11, letter: 'А' });
    const url = `/api/classes/${c11.id}/teachers`;
    const res = await ctx.app.inject({ method: 'POST', url, headers: { cookie: f.cookies.teacher }, payload: { subjects: ['Алгебра', 'Геометрия'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.teachers).toEqual([expect.objectContaining({ id: f.teacher.id, subjects: ['Алгебра', 'Геометрия'] })]);
    expect(res.json().can.joinAsTeacher).toBe(true);

    const empty = await ctx.app.inject({ method: 'POST', url, headers: { cookie: f.cookies.teacher }, payload: { subjects: [] } });
    expect(empty.statusCode).toBe(400);
    const byStudent = await ctx.app.inject({ method: 'POST', url, headers: { cookie: f.cookies.student }, payload: { subjects: ['Физика'] } });
    expect(byStudent.statusCode).toBe(403);
    const page = await ctx.app.inject({ url: `/api/classes/${c11.id}`, headers: { cookie: f.cookies.student } });
    expect(page.json().data.teachers).toHaveLength(1);
  });
});
