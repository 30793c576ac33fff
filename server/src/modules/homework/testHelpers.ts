import { expect } from 'vitest';
import { addMember, createClass, createUser, type SchoolFixture, signedInCookie, type UserRow } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { uploadAs } from '../news/testHelpers.js';

/** A school with more people around 7А: a second student of 7А, a student of 7Б, a teacher of 7Б only, a leader. */
export async function homeworkWorld(ctx: TestContext, f: SchoolFixture) {
  const classB = await createClass(ctx, f.school, { grade: 7, letter: 'Б' });
  const make = async (role: 'student' | 'teacher' | 'leader', opts: Parameters<typeof addMember>[4] = {}) => {
    const user: UserRow = await createUser(ctx);
    await addMember(ctx, f.school, user, role, opts);
    return { user, cookie: await signedInCookie(ctx, user) };
  };
  return {
    classB,
    student2: await make('student', { classId: f.classA.id }),
    studentB: await make('student', { classId: classB.id }),
    teacherB: await make('teacher', { classId: classB.id, subjects: ['Физика'] }),
    leader: await make('leader'),
  };
}

/** The mathematics teacher of 7А gives an assignment (defaults: the whole class, due in a day, a PDF attached). */
export async function giveAssignment(ctx: TestContext, f: SchoolFixture, body: Record<string, unknown> = {}) {
  const fileId = await uploadAs(ctx, f.cookies.teacher, 'задачи.pdf', '%PDF-1.4 задачи', 'application/pdf');
  const res = await as(ctx, f.cookies.teacher).post(`/classes/${f.classA.id}/assignments`, {
    subject: 'Математика',
    title: 'Задачи 1–5 на с. 42',
    bodyHtml: '<p>Решите <strong>все</strong> задачи</p><script>alert(1)</script>',
    fileIds: [fileId],
    dueAt: new Date(ctx.deps.clock.now().getTime() + 86_400_000).toISOString(),
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { assignment: res.body.data as { id: string; files: { id: string }[]; bodyHtml: string }, fileId };
}

/** GET /api/files/:id as this person: the status only. */
export async function fileStatus(ctx: TestContext, cookie: string, fileId: string): Promise<number> {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: { cookie } });
  return res.statusCode;
}
