import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { linkedParent } from '../parents/testHelpers.js';
import { sendDueReminders } from './dueReminders.js';
import { giveAssignment, homeworkWorld } from './testHelpers.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** NTF-1 «Срок сдачи завтра»: the sweep reminds each student (and their parents) the day before, once. */
describe('homework due reminders', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('the day before the due time: the student who has not handed in and their parent, each once — even with two nodes sweeping', async () => {
    const f = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, f);
    const parent = await linkedParent(ctx, f, f.classA.id, [f.student]);
    const { assignment } = await giveAssignment(ctx, f, {
      title: 'Сочинение', dueAt: new Date(ctx.deps.clock.now().getTime() + 3 * DAY).toISOString(),
    });
    expect((await as(ctx, w.student2.cookie).put(`/assignments/${assignment.id}/submission`, { text: 'Уже сдал' })).status).toBe(200);
    // Opening «Задания» clears the badge: what follows is the reminder alone.
    for (const cookie of [f.cookies.student, parent.cookie, w.student2.cookie]) expect((await as(ctx, cookie).post('/homework/seen')).status).toBe(200);
    const badge = async (cookie: string) => (await as(ctx, cookie).get('/homework/badge')).body.data.count as number;
    expect(await badge(f.cookies.student)).toBe(0);
    expect(await badge(parent.cookie)).toBe(0);

    const pushes: { userIds: string[]; title: string }[] = [];
    const changed: string[] = [];
    const off = ctx.deps.events.subscribe((room, event) => {
      if (event.type === 'push.notify') {
        const push = event as unknown as { userIds: string[]; payload: { title: string } };
        pushes.push({ userIds: push.userIds, title: push.payload.title });
      }
      if (event.type === 'homework.changed' && event.assignmentId === assignment.id) changed.push(room);
    });
    try {
      // Two days before: too early.
      ctx.deps.clock.advance(HOUR);
      expect(await sendDueReminders(ctx.deps)).toBe(0);
      // Due in 23 hours: two nodes sweep at the same moment; each reminder goes once.
      ctx.deps.clock.advance(2 * DAY);
      const [a, b] = await Promise.all([sendDueReminders(ctx.deps), sendDueReminders(ctx.deps)]);
      expect(a + b).toBe(2);
      expect(await sendDueReminders(ctx.deps)).toBe(0);
      const mine = pushes.filter((p) => p.title.startsWith('Срок сдачи завтра'));
      expect(mine.flatMap((p) => p.userIds).sort()).toEqual([f.student.id, parent.user.id].sort());
      expect(changed.sort()).toEqual([`user:${f.student.id}`, `user:${parent.user.id}`].sort());
      expect(await badge(f.cookies.student)).toBe(1);
      expect(await badge(parent.cookie)).toBe(1);
      expect(await badge(w.student2.cookie)).toBe(0);
    } finally {
      off();
    }
  });

  it('a teacher’s badge counts work handed in since they last opened «Задания»', async () => {
    const f = await freshSchool(ctx);
    const { assignment } = await giveAssignment(ctx, f);
    expect((await as(ctx, f.cookies.teacher).post('/homework/seen')).status).toBe(200);
    ctx.deps.clock.advance(1000);
    expect((await as(ctx, f.cookies.teacher).get('/homework/badge')).body.data.count).toBe(0);
    expect((await as(ctx, f.cookies.student).put(`/assignments/${assignment.id}/submission`, { text: 'Готово' })).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).get('/homework/badge')).body.data.count).toBe(1);
    expect((await as(ctx, f.cookies.teacher).post('/homework/seen')).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).get('/homework/badge')).body.data.count).toBe(0);
  });
});
