import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homeworkAssignments, homeworkSubmissions } from '../../db/homeworkSchema.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { uploadAs } from '../news/testHelpers.js';
import { fileStatus, giveAssignment, homeworkWorld } from './testHelpers.js';

let ctx: TestContext;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-homework-'));
  ctx = await createTestContext({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('giving an assignment (HW-1)', () => {
  it('a teacher of the class gives one with sanitized text and a file; its students see it and the file, hear of it and get a push', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const bus = recordEvents(ctx);
    const { assignment, fileId } = await giveAssignment(ctx, f);
    expect(assignment.bodyHtml).toBe('<p>Решите <strong>все</strong> задачи</p>');
    expect(assignment.files.map((x) => x.id)).toEqual([fileId]);
    expect(bus.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'homework.changed', assignmentId: assignment.id });
    const push = bus.inRoom('push').find((e) => e.type === 'push.notify') as unknown as { userIds: string[]; payload: { url: string; title: string } };
    expect(push.userIds.sort()).toEqual([f.student.id, w.student2.user.id].sort());
    expect(push.payload).toMatchObject({ url: `/homework/${assignment.id}`, title: 'Новое задание: Математика' });

    const seen = await as(ctx, f.cookies.student).get(`/assignments/${assignment.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toMatchObject({ title: 'Задачи 1–5 на с. 42', className: '7А', can: { submit: true, review: false }, mine: { submission: null, mark: null } });
    const list = await as(ctx, f.cookies.student).get('/homework');
    expect(list.body.data.mine).toEqual([expect.objectContaining({ id: assignment.id, status: 'todo' })]);
    const teacherList = await as(ctx, f.cookies.teacher).get('/homework');
    expect(teacherList.body.data.teaching).toEqual([expect.objectContaining({ id: assignment.id, handedIn: 0, assignees: 2 })]);
    expect(await fileStatus(ctx, f.cookies.student, fileId)).toBe(200);

    // Nobody else: 7Б's student and teacher, the administration, the leader.
    for (const cookie of [w.studentB.cookie, w.teacherB.cookie, f.cookies.admin, w.leader.cookie]) {
      expect((await as(ctx, cookie).get(`/assignments/${assignment.id}`)).status).toBe(404);
      expect(await fileStatus(ctx, cookie, fileId)).toBe(404);
    }
    expect((await as(ctx, w.studentB.cookie).get('/homework')).body.data.mine).toEqual([]);
  });

  it('for chosen students only: the others of the class neither see it nor its file', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const { assignment, fileId } = await giveAssignment(ctx, f, { studentIds: [w.student2.user.id] });
    expect((await as(ctx, w.student2.cookie).get(`/assignments/${assignment.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.student).get(`/assignments/${assignment.id}`)).status).toBe(404);
    expect(await fileStatus(ctx, f.cookies.student, fileId)).toBe(404);
    expect((await as(ctx, f.cookies.student).get('/homework')).body.data.mine).toEqual([]);
  });

  it('refuses, writing nothing: not a teacher of the class, a subject not theirs, a stranger’s file, a student of another class, a student', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const due = new Date(ctx.deps.clock.now().getTime() + 86_400_000).toISOString();
    const body = { subject: 'Математика', title: 'Задание', dueAt: due };
    const strangersFile = await uploadAs(ctx, f.cookies.admin);
    const cases: Array<[string, string, object, number, string]> = [
      ['teacher of 7Б', w.teacherB.cookie, body, 404, 'not_found'],
      ['student', f.cookies.student, body, 404, 'not_found'],
      ['admin', f.cookies.admin, body, 404, 'not_found'],
      ['another subject', f.cookies.teacher, { ...body, subject: 'Физика' }, 400, 'homework_subject'],
      ['someone else’s file', f.cookies.teacher, { ...body, fileIds: [strangersFile] }, 400, 'invalid_input'],
      ['a picture in the text that is not mine', f.cookies.teacher, { ...body, bodyHtml: `<img src="/api/files/${strangersFile}/preview">` }, 400, 'invalid_input'],
      ['a student of 7Б', f.cookies.teacher, { ...body, studentIds: [w.studentB.user.id] }, 400, 'invalid_input'],
      ['empty title', f.cookies.teacher, { ...body, title: '\u0000 ' }, 400, 'invalid_input'],
      ['bad date', f.cookies.teacher, { ...body, dueAt: 'завтра' }, 400, 'invalid_input'],
    ];
    for (const [name, cookie, payload, status, code] of cases) {
      const res = await as(ctx, cookie).post(`/classes/${f.classA.id}/assignments`, payload);
      expect([name, res.status, res.body.error?.code]).toEqual([name, status, code]);
    }
    expect(await ctx.deps.db.select().from(homeworkAssignments).where(eq(homeworkAssignments.classId, f.classA.id))).toEqual([]);
    expect((await as(ctx, '').post(`/classes/${f.classA.id}/assignments`, body)).status).toBe(401);
  });
});

describe('handing in (HW-1)', () => {
  it('on time, then taken back and handed in again late: «Сдано с опозданием»; the teacher sees it, the file is theirs and the student’s only', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const { assignment } = await giveAssignment(ctx, f);
    const work = await uploadAs(ctx, f.cookies.student, 'решение.pdf', '%PDF-1.4 решение', 'application/pdf');
    const bus = recordEvents(ctx);
    const first = await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Ответы: 1, 2, 3', fileIds: [work] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data.mine.submission).toMatchObject({ text: 'Ответы: 1, 2, 3', late: false, files: [expect.objectContaining({ id: work })] });
    expect(first.body.data.can).toMatchObject({ submit: true, withdraw: true });
    expect(bus.inRoom(`user:${f.teacher.id}`)).toContainEqual({ type: 'homework.changed', assignmentId: assignment.id });

    expect(await fileStatus(ctx, f.cookies.teacher, work)).toBe(200);
    for (const cookie of [w.student2.cookie, w.studentB.cookie, w.teacherB.cookie, f.cookies.admin, w.leader.cookie]) {
      expect(await fileStatus(ctx, cookie, work)).toBe(404);
    }

    const back = await as(ctx, f.cookies.student).del(`/assignments/${assignment.id}/submission`);
    expect(back.body.data.mine.submission).toBeNull();
    expect((await as(ctx, f.cookies.student).del(`/assignments/${assignment.id}/submission`)).status).toBe(404);

    ctx.deps.clock.advance(2 * 86_400_000);
    const late = await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Ответы: 1, 2, 3, 4' });
    expect(late.body.data.mine.submission).toMatchObject({ late: true });
    const list = await as(ctx, f.cookies.student).get('/homework');
    expect(list.body.data.mine).toEqual([expect.objectContaining({ id: assignment.id, status: 'submitted', late: true })]);

    const review = await as(ctx, f.cookies.teacher).get(`/assignments/${assignment.id}/review`);
    expect(review.status).toBe(200);
    const rows = review.body.data.rows as Array<{ student: { id: string }; submission: { late: boolean } | null }>;
    expect(rows.find((r) => r.student.id === f.student.id)?.submission).toMatchObject({ late: true });
    expect(rows.find((r) => r.student.id === w.student2.user.id)?.submission).toBeNull();
  });

  it('refuses: an empty hand-in, someone else’s file, a student it is not given to, a teacher; the class’s table is the teachers’ only', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const { assignment, fileId } = await giveAssignment(ctx, f);
    const url = `/assignments/${assignment.id}/submission`;
    expect((await as(ctx, f.cookies.student).put(url, { text: '  ' })).body.error.code).toBe('invalid_input');
    expect((await as(ctx, f.cookies.student).put(url, { fileIds: [fileId] })).body.error.code).toBe('invalid_input');
    expect((await as(ctx, w.studentB.cookie).put(url, { text: 'Я' })).status).toBe(404);
    expect((await as(ctx, f.cookies.teacher).put(url, { text: 'Я' })).status).toBe(403);
    expect((await as(ctx, f.cookies.admin).put(url, { text: 'Я' })).status).toBe(404);
    expect(await ctx.deps.db.select().from(homeworkSubmissions).where(eq(homeworkSubmissions.assignmentId, assignment.id))).toEqual([]);
    for (const cookie of [f.cookies.student, w.studentB.cookie, w.teacherB.cookie, f.cookies.admin]) {
      expect((await as(ctx, cookie).get(`/assignments/${assignment.id}/review`)).status).not.toBe(200);
    }
  });
});
