import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeworkMarks } from '../../db/homeworkSchema.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { giveAssignment, homeworkWorld } from './testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('marks (HW-1)', () => {
  it('the teacher marks a handed-in work; the student hears at once, gets a push, sees it and can no longer take the work back', async () => {
    const f = await freshSchool(ctx);
    const { assignment } = await giveAssignment(ctx, f);
    await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Готово' });
    const bus = recordEvents(ctx);
    const res = await as(ctx, f.cookies.teacher).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '5', comment: 'Молодец' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ value: '5', comment: 'Молодец', givenBy: { id: f.teacher.id }, changes: [] });
    expect(bus.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'homework.changed', assignmentId: assignment.id });
    expect(bus.inRoom('push')).toContainEqual(expect.objectContaining({ userIds: [f.student.id], payload: expect.objectContaining({ title: 'Оценка: 5' }) }));

    const mine = await as(ctx, f.cookies.student).get(`/assignments/${assignment.id}`);
    expect(mine.body.data.mine.mark).toMatchObject({ value: '5', comment: 'Молодец' });
    expect(mine.body.data.can).toMatchObject({ submit: false, withdraw: false });
    expect((await as(ctx, f.cookies.student).del(`/assignments/${assignment.id}/submission`)).body.error.code).toBe('homework_marked');
    expect((await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Ещё' })).body.error.code).toBe('homework_marked');
    const list = await as(ctx, f.cookies.student).get('/homework');
    expect(list.body.data.mine[0]).toMatchObject({ status: 'marked', markValue: '5' });
  });

  it('a change is kept (who, when, from what to what); only the teacher who gave it or the administration changes it', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    // A second teacher of 7А (physics): a teacher of the class, but not the one who gave the mark.
    const { addMember, createUser, signedInCookie } = await import('../../test/factories.js');
    const physics = await createUser(ctx);
    await addMember(ctx, f.school, physics, 'teacher', { classId: f.classA.id, subjects: ['Физика'] });
    const physicsCookie = await signedInCookie(ctx, physics);

    const { assignment } = await giveAssignment(ctx, f);
    const url = `/assignments/${assignment.id}/marks/${f.student.id}`;
    await as(ctx, f.cookies.teacher).put(url, { value: '3' });
    ctx.deps.clock.advance(60_000);
    const changed = await as(ctx, f.cookies.teacher).put(url, { value: '4', comment: 'Исправил ошибку' });
    expect(changed.body.data.changes).toEqual([
      expect.objectContaining({ by: expect.objectContaining({ id: f.teacher.id }), from: '3', to: '4', fromComment: '', toComment: 'Исправил ошибку' }),
    ]);
    expect((await as(ctx, physicsCookie).put(url, { value: '2' })).status).toBe(403);
    for (const cookie of [w.teacherB.cookie, f.cookies.student, w.studentB.cookie]) expect((await as(ctx, cookie).put(url, { value: '2' })).status).toBe(404);
    ctx.deps.clock.advance(60_000);
    const byLeader = await as(ctx, w.leader.cookie).put(url, { value: '5' });
    expect(byLeader.status).toBe(200);
    expect(byLeader.body.data.changes.map((c: { from: string; to: string; by: { id: string } }) => [c.from, c.to, c.by.id])).toEqual([
      ['3', '4', f.teacher.id],
      ['4', '5', w.leader.user.id],
    ]);
    // The administration corrects marks given; it does not give new ones.
    expect((await as(ctx, f.cookies.admin).put(`/assignments/${assignment.id}/marks/${w.student2.user.id}`, { value: '5' })).status).toBe(403);
    const seen = await as(ctx, f.cookies.student).get(`/assignments/${assignment.id}`);
    expect(seen.body.data.mine.mark.changes).toHaveLength(2);
    // Another student's mark is not in my view, nor mine in theirs.
    expect((await as(ctx, w.student2.cookie).get(`/assignments/${assignment.id}`)).body.data.mine.mark).toBeNull();
  });

  it('the scale is the assignment’s: 1–5, or «зачёт/незачёт»; a student it is not given to cannot be marked', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const { assignment: five } = await giveAssignment(ctx, f);
    const { assignment: pass } = await giveAssignment(ctx, f, { grading: 'pass', studentIds: [f.student.id] });
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${five.id}/marks/${f.student.id}`, { value: 'pass' })).body.error.code).toBe('mark_scale');
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${pass.id}/marks/${f.student.id}`, { value: '5' })).body.error.code).toBe('mark_scale');
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${pass.id}/marks/${f.student.id}`, { value: '6' })).status).toBe(400);
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${pass.id}/marks/${w.student2.user.id}`, { value: 'pass' })).status).toBe(404);
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${pass.id}/marks/${f.student.id}`, { value: 'pass' })).status).toBe(200);
    expect(await ctx.deps.db.select().from(homeworkMarks).where(eq(homeworkMarks.studentId, f.student.id))).toHaveLength(1);
  });
});

describe('the journal (HW-1)', () => {
  it('students × assignments of a subject with averages; CSV in UTF-8 with BOM, «;»; for the class’s teachers and the administration only', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const { assignment: a1 } = await giveAssignment(ctx, f, { title: 'Дроби' });
    const { assignment: a2 } = await giveAssignment(ctx, f, { title: 'Уравнения; часть 1' });
    const { assignment: a3 } = await giveAssignment(ctx, f, { title: '=Зачёт', grading: 'pass' });
    const teacher = as(ctx, f.cookies.teacher);
    await teacher.put(`/assignments/${a1.id}/marks/${f.student.id}`, { value: '5' });
    await teacher.put(`/assignments/${a2.id}/marks/${f.student.id}`, { value: '4' });
    await teacher.put(`/assignments/${a3.id}/marks/${f.student.id}`, { value: 'pass' });
    await teacher.put(`/assignments/${a1.id}/marks/${w.student2.user.id}`, { value: '3' });

    const j = await teacher.get(`/classes/${f.classA.id}/journal`);
    expect(j.status).toBe(200);
    expect(j.body.data).toMatchObject({ className: '7А', subject: 'Математика', subjects: ['Математика'] });
    expect(j.body.data.assignments.map((a: { title: string }) => a.title)).toEqual(['Дроби', 'Уравнения; часть 1', '=Зачёт']);
    const row = j.body.data.rows.find((r: { student: { id: string } }) => r.student.id === f.student.id);
    expect(row).toMatchObject({ average: 4.5, marks: { [a1.id]: '5', [a2.id]: '4', [a3.id]: 'pass' } });

    const csv = await ctx.app.inject({ method: 'GET', url: `/api/classes/${f.classA.id}/journal.csv?tz=Europe%2FMoscow`, headers: { cookie: f.cookies.teacher } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(encodeURIComponent('Журнал 7А Математика.csv'));
    expect(csv.body.startsWith('\uFEFFУченик;Дроби (')).toBe(true);
    expect(csv.body).toContain('"Уравнения; часть 1 (');
    expect(csv.body).toContain(";'=Зачёт (");
    expect(csv.body).toContain(`${f.student.lastName} ${f.student.firstName};5;4;зачёт;4,50\r\n`);

    expect((await as(ctx, w.leader.cookie).get(`/classes/${f.classA.id}/journal`)).status).toBe(200);
    for (const cookie of [f.cookies.student, w.studentB.cookie, w.teacherB.cookie]) {
      expect((await as(ctx, cookie).get(`/classes/${f.classA.id}/journal`)).status).toBe(404);
      const r = await ctx.app.inject({ method: 'GET', url: `/api/classes/${f.classA.id}/journal.csv`, headers: { cookie } });
      expect(r.statusCode).toBe(404);
    }
    const other = await freshSchool(ctx);
    expect((await as(ctx, other.cookies.admin).get(`/classes/${f.classA.id}/journal`)).status).toBe(404);
  });
});

describe('the badge on «Задания» (NTF-1)', () => {
  it('counts new assignments and marks until «Задания» is opened', async () => {
    const f = await freshSchool(ctx);
    const student = as(ctx, f.cookies.student);
    expect((await student.get('/homework/badge')).body.data.count).toBe(0);
    const { assignment } = await giveAssignment(ctx, f);
    expect((await student.get('/homework/badge')).body.data.count).toBe(1);
    ctx.deps.clock.advance(1000);
    expect((await student.post('/homework/seen')).status).toBe(200);
    expect((await student.get('/homework/badge')).body.data.count).toBe(0);
    ctx.deps.clock.advance(1000);
    await as(ctx, f.cookies.teacher).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '5' });
    expect((await student.get('/homework/badge')).body.data.count).toBe(1);
    expect((await as(ctx, f.cookies.teacher).get('/homework/badge')).body.data.count).toBe(0);
    expect((await as(ctx, '').get('/homework/badge')).status).toBe(401);
  });
});
