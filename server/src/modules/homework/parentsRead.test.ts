import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createUser, freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { uploadAs } from '../news/testHelpers.js';
import { linkedParent } from '../parents/testHelpers.js';
import { fileStatus, giveAssignment, homeworkWorld } from './testHelpers.js';

/** PAR-1 × HW-1: a linked parent reads their own child's homework, work, files and marks — and nothing else. */
describe('parents read their children’s homework', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('the parent of the child sees the assignment, the child’s work, its files and the mark; never hands in or marks', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    const family2 = await linkedParent(ctx, f, f.classA.id, [w.student2.user]);
    const parentB = await linkedParent(ctx, f, w.classB.id, [w.studentB.user]);
    const other = await freshSchool(ctx);
    const otherParent = await linkedParent(ctx, other, other.classA.id, [other.student]);
    const exParent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    expect((await as(ctx, f.cookies.admin).del(`/parent-links/${exParent.linkIds[0]}`)).status).toBe(200);

    const { assignment, fileId } = await giveAssignment(ctx, f);
    const workFile = await uploadAs(ctx, f.cookies.student, 'ответ.pdf', '%PDF-1.4 ответ', 'application/pdf');
    expect((await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Решил всё', fileIds: [workFile] })).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '4', comment: 'Хорошо' })).status).toBe(200);

    // The mark is news on the parent's «Задания» badge until they open it.
    const badge = async () => (await as(ctx, parent.cookie).get('/homework/badge')).body.data.count as number;
    expect(await badge()).toBe(1);
    expect((await as(ctx, parent.cookie).post('/homework/seen')).status).toBe(200);
    expect(await badge()).toBe(0);

    const seen = await as(ctx, parent.cookie).get(`/assignments/${assignment.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.mine).toBeNull();
    expect(seen.body.data.can).toEqual({ submit: false, withdraw: false, review: false });
    expect(seen.body.data.family).toHaveLength(1);
    expect(seen.body.data.family[0]).toMatchObject({
      child: { id: f.student.id }, submission: { text: 'Решил всё' }, mark: { value: '4', comment: 'Хорошо' },
    });
    expect(await fileStatus(ctx, parent.cookie, fileId)).toBe(200);
    expect(await fileStatus(ctx, parent.cookie, workFile)).toBe(200);
    const list = await as(ctx, parent.cookie).get('/homework');
    expect(list.body.data.family).toHaveLength(1);
    expect(list.body.data.family[0].child.id).toBe(f.student.id);
    expect(list.body.data.family[0].assignments[0]).toMatchObject({ id: assignment.id, status: 'marked', markValue: '4' });
    expect(list.body.data.mine).toEqual([]);

    // Read-only: no handing in, no table, no marks.
    expect((await as(ctx, parent.cookie).put(`/assignments/${assignment.id}/submission`, { text: 'за ребёнка' })).status).toBe(403);
    expect((await as(ctx, parent.cookie).del(`/assignments/${assignment.id}/submission`)).status).toBe(403);
    expect((await as(ctx, parent.cookie).get(`/assignments/${assignment.id}/review`)).status).toBe(403);
    expect((await as(ctx, parent.cookie).put(`/assignments/${assignment.id}/marks/${f.student.id}`, { value: '5' })).status).toBe(404);
    expect((await as(ctx, parent.cookie).get(`/classes/${f.classA.id}/journal`)).status).toBe(404);

    // Another family of the same class sees the class's assignment but only their own child: no work, no mark, no file.
    const theirs = await as(ctx, family2.cookie).get(`/assignments/${assignment.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.family).toEqual([{ child: expect.objectContaining({ id: w.student2.user.id }), submission: null, mark: null }]);
    expect(JSON.stringify(theirs.body)).not.toContain('Решил всё');
    expect(await fileStatus(ctx, family2.cookie, workFile)).toBe(404);
    expect(JSON.stringify((await as(ctx, family2.cookie).get('/homework')).body)).not.toContain('"markValue":"4"');

    // 7Б's parent, another school's parent, the parent whose link was removed: nothing.
    for (const outsider of [parentB, otherParent, exParent]) {
      expect((await as(ctx, outsider.cookie).get(`/assignments/${assignment.id}`)).status).toBe(404);
      expect(await fileStatus(ctx, outsider.cookie, fileId)).toBe(404);
      expect(await fileStatus(ctx, outsider.cookie, workFile)).toBe(404);
    }
    expect((await as(ctx, exParent.cookie).get('/homework')).body.data.family).toEqual([]);
  });

  it('an assignment given to one child by name is hidden from the other families of the class', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    const family2 = await linkedParent(ctx, f, f.classA.id, [w.student2.user]);
    const { assignment, fileId } = await giveAssignment(ctx, f, { studentIds: [f.student.id] });
    expect((await as(ctx, parent.cookie).get(`/assignments/${assignment.id}`)).status).toBe(200);
    expect((await as(ctx, family2.cookie).get(`/assignments/${assignment.id}`)).status).toBe(404);
    expect(await fileStatus(ctx, family2.cookie, fileId)).toBe(404);
  });

  it('a parent of twins in one class sees each child’s own work side by side', async () => {
    const f = await freshSchool(ctx);
    const twin = await createUser(ctx);
    await addMember(ctx, f.school, twin, 'student', { classId: f.classA.id });
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student, twin]);
    const { assignment } = await giveAssignment(ctx, f);
    expect((await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Первый' })).status).toBe(200);
    const seen = await as(ctx, parent.cookie).get(`/assignments/${assignment.id}`);
    const byChild = Object.fromEntries(seen.body.data.family.map((x: { child: { id: string }; submission: { text: string } | null }) => [x.child.id, x.submission?.text ?? null]));
    expect(byChild).toEqual({ [f.student.id]: 'Первый', [twin.id]: null });
  });
});
