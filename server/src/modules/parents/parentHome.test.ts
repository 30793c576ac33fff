import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryStats } from '../../db/client.js';
import { newsPosts } from '../../db/contentSchema.js';
import { lessonPresence, lessons } from '../../db/lessonSchema.js';
import { addMember, createUser, freshSchool, type SchoolFixture } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { giveAssignment, homeworkWorld } from '../homework/testHelpers.js';
import { linkedParent } from './testHelpers.js';

const DAY = 86_400_000;

/** PAR-1 item 2: GET /api/parents/home — the parent's «Главная». */
describe('the parent’s «Главная»', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const home = async (cookie: string) => {
    const res = await as(ctx, cookie).get('/parents/home');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as {
      children: {
        child: { id: string }; className: string; schoolName: string;
        due: { id: string; title: string }[]; marks: { assignmentId: string; value: string }[];
        missed: { lessonId: string; title: string }[];
        teachers: { person: { id: string }; subjects: string[]; classTeacher: boolean; can: { write: boolean } }[];
      }[];
      news: { text: string }[];
      chats: { id: string; name: string; kind: string }[];
    };
  };
  const lesson = async (f: SchoolFixture, title: string, daysAgo: number) => {
    const startedAt = new Date(ctx.deps.clock.now().getTime() - daysAgo * DAY);
    const [row] = await ctx.deps.db
      .insert(lessons)
      .values({ schoolId: f.school.id, classId: f.classA.id, title, hostId: f.teacher.id, startedAt, endedAt: new Date(startedAt.getTime() + 40 * 60_000) })
      .returning({ id: lessons.id });
    return row!.id;
  };

  it('shows each child’s homework due, last week’s marks, missed lessons, teachers, news and the parent’s chats — nobody else’s', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const g = await freshSchool(ctx);
    await as(ctx, f.cookies.admin).put(`/classes/${f.classA.id}/class-teacher`, { userId: f.teacher.id });
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    // The same parent's second child, in another school.
    await linkedParent(ctx, g, g.classA.id, [g.student], parent);
    const family2 = await linkedParent(ctx, f, f.classA.id, [w.student2.user]);

    const now = ctx.deps.clock.now().getTime();
    const tomorrow = (await giveAssignment(ctx, f, { title: 'Задачи на завтра' })).assignment;
    const overdue = (await giveAssignment(ctx, f, { title: 'Просроченное', dueAt: new Date(now - 2 * DAY).toISOString() })).assignment;
    const handedIn = (await giveAssignment(ctx, f, { title: 'Уже сдано' })).assignment;
    await giveAssignment(ctx, f, { title: 'Через месяц', dueAt: new Date(now + 30 * DAY).toISOString() });
    const onlyOther = (await giveAssignment(ctx, f, { title: 'Только Второму', studentIds: [w.student2.user.id] })).assignment;
    expect((await as(ctx, f.cookies.student).put(`/assignments/${handedIn.id}/submission`, { text: 'Готово' })).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${handedIn.id}/marks/${f.student.id}`, { value: '5' })).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).put(`/assignments/${onlyOther.id}/marks/${w.student2.user.id}`, { value: '2' })).status).toBe(200);
    const gHomework = await as(ctx, g.cookies.teacher).post(`/classes/${g.classA.id}/assignments`, {
      subject: 'Математика', title: 'Во второй школе', dueAt: new Date(now + DAY).toISOString(),
    });
    expect(gHomework.status).toBe(201);

    const missed = await lesson(f, 'Урок геометрии', 2);
    const attended = await lesson(f, 'Урок алгебры', 1);
    await lesson(f, 'Давний урок', 20);
    await ctx.deps.db.insert(lessonPresence).values({ lessonId: attended, userId: f.student.id, joinedAt: new Date(now - DAY), leftAt: new Date(now - DAY + 60_000) });
    await ctx.deps.db.insert(newsPosts).values({ schoolId: f.school.id, feed: 'channel', authorId: f.admin.id, text: 'Собрание родителей в пятницу' });
    await ctx.deps.db.insert(newsPosts).values({ schoolId: f.school.id, feed: 'community', authorId: f.student.id, text: 'Пост учеников' });
    const classChat = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'class', classId: f.classA.id, name: 'Ученики 7А', allStudents: true });
    expect(classChat.status).toBe(201);

    const data = await home(parent.cookie);
    expect(data.children.map((c) => c.child.id).sort()).toEqual([f.student.id, g.student.id].sort());
    const mine = data.children.find((c) => c.child.id === f.student.id)!;
    expect(mine.className).toBe('7А');
    expect(mine.due.map((d) => d.title)).toEqual(['Просроченное', 'Задачи на завтра']);
    expect(mine.due.map((d) => d.id)).toEqual([overdue.id, tomorrow.id]);
    expect(mine.marks).toEqual([expect.objectContaining({ assignmentId: handedIn.id, value: '5' })]);
    expect(mine.missed.map((m) => m.lessonId)).toEqual([missed]);
    expect(mine.teachers).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ id: f.teacher.id }), subjects: ['Математика'], classTeacher: true, can: { write: true } }),
    ]);
    const second = data.children.find((c) => c.child.id === g.student.id)!;
    expect(second.due.map((d) => d.title)).toEqual(['Во второй школе']);
    expect(second.missed).toEqual([]);
    expect(data.news.map((n) => n.text)).toEqual(['Собрание родителей в пятницу']);
    // The parents' chats, never the students' class chat.
    expect(data.chats.map((c) => c.name)).toContain('Родители 7А');
    expect(data.chats.map((c) => c.id)).not.toContain(classChat.body.data.id);
    expect(data.chats.every((c) => c.kind !== 'class' || c.name.startsWith('Родители'))).toBe(true);

    // No phone numbers, no other family's child, mark or assignment.
    const text = JSON.stringify(data);
    for (const phone of [f.student.phone, w.student2.user.phone, f.teacher.phone, g.student.phone]) expect(text).not.toContain(phone);
    expect(text).not.toContain(w.student2.user.id);
    expect(text).not.toContain('Только Второму');
    expect(text).not.toContain('"value":"2"');
    const theirs = await home(family2.cookie);
    expect(theirs.children.map((c) => c.child.id)).toEqual([w.student2.user.id]);
    expect(JSON.stringify(theirs)).not.toContain(f.student.id);

    // «Написать учителю»: the parent opens a personal chat with the child's teacher (and the same one again).
    const chat = await as(ctx, parent.cookie).post('/chats', { kind: 'personal', userId: mine.teachers[0]!.person.id });
    expect(chat.status).toBe(201);
    const again = await as(ctx, parent.cookie).post('/chats', { kind: 'personal', userId: f.teacher.id });
    expect(again.body.data.id).toBe(chat.body.data.id);

    // Not a parent: no children. Anonymous: 401.
    expect((await home(f.cookies.student)).children).toEqual([]);
    expect((await as(ctx, '').get('/parents/home')).status).toBe(401);

    // The link removed: the child goes from «Главная» at once.
    for (const id of parent.linkIds) expect((await as(ctx, f.cookies.admin).del(`/parent-links/${id}`)).status).toBe(200);
    expect((await home(parent.cookie)).children.map((c) => c.child.id)).toEqual([g.student.id]);
  });

  it('asks the database the same number of times for one assignment as for forty and a second child', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    await giveAssignment(ctx, f);
    const count = async () => {
      const before = queryStats.count;
      await home(parent.cookie);
      return queryStats.count - before;
    };
    const few = await count();
    for (let i = 0; i < 40; i++) await giveAssignment(ctx, f, { title: `Задание ${i}` });
    await linkedParent(ctx, f, f.classA.id, [w.student2.user], parent);
    const other = await createUser(ctx);
    await addMember(ctx, f.school, other, 'teacher', { classId: f.classA.id, subjects: ['Физика'] });
    const many = await count();
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });
});
