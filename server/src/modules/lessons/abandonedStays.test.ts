import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { closeAbandonedStays, touchStays } from './abandonedStays.js';
import { api, classLesson } from './testHelpers.js';

/**
 * A node that crashed vouches for nobody: the stays of the people whose sockets it held are closed at their last
 * heartbeat, and a lesson left with nobody ends then — instead of looking "going on" forever. (The same with a real
 * server killed by SIGKILL: `lessonCrash.test.ts`.) One context in this file: the sweep sees the whole database.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const STALE_MS = 60_000;
const sweep = () => closeAbandonedStays(ctx.deps, new Date(ctx.deps.clock.now().getTime() - STALE_MS));
const at = (t0: number, s: number) => new Date(t0 + s * 1000);

describe('stays a stopped node left open (VID-1, ATT-1)', () => {
  it('closes a stay at its last heartbeat; the lesson goes on while anyone is vouched for and ends when nobody is', async () => {
    const f = await freshSchool(ctx);
    const teacher = api(ctx, f.cookies.teacher);
    const t0 = ctx.deps.clock.now().getTime();
    const lessonId = await classLesson(ctx, f);
    expect((await teacher.post(`/lessons/${lessonId}/join`)).status).toBe(200);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`)).status).toBe(200);
    const teacherStay = { lessonId, userId: f.teacher.id };
    const studentStay = { lessonId, userId: f.student.id };

    // Both are vouched for at 10 s; the student's node then stops; the teacher's keeps beating.
    await touchStays(ctx.deps, [teacherStay, studentStay], at(t0, 10));
    for (const s of [30, 50, 70, 90]) await touchStays(ctx.deps, [teacherStay], at(t0, s));
    ctx.deps.clock.advance(90_000);
    expect(await sweep()).toEqual({ closed: 1, ended: [] });

    const going = (await teacher.get(`/lessons/${lessonId}`)).body.data;
    expect(going.lesson.endedAt).toBeNull();
    expect(going.lesson.presentCount).toBe(1);
    let rows = (await teacher.get(`/lessons/${lessonId}/attendance`)).body.data.rows as { person: { id: string }; seconds: number; intervals: { leftAt: string | null }[] }[];
    const student = rows.find((r) => r.person.id === f.student.id);
    expect(student?.intervals).toEqual([expect.objectContaining({ leftAt: at(t0, 10).toISOString() })]);
    expect(student?.seconds).toBe(10);

    // Then the teacher's node stops too (last heartbeat at 90 s): the lesson ends when the teacher was last seen.
    ctx.deps.clock.advance(61_000);
    expect(await sweep()).toEqual({ closed: 1, ended: [lessonId] });
    const ended = (await teacher.get(`/lessons/${lessonId}`)).body.data;
    expect(ended.lesson.endedAt).toBe(at(t0, 90).toISOString());
    expect(ended.lesson.presentCount).toBe(0);
    rows = (await teacher.get(`/lessons/${lessonId}/attendance`)).body.data.rows;
    expect(rows.find((r) => r.person.id === f.teacher.id)?.seconds).toBe(90);
    expect((await teacher.get('/lessons/live')).body.data.map((l: { id: string }) => l.id)).not.toContain(lessonId);

    // Sweeping again changes nothing.
    expect(await sweep()).toEqual({ closed: 0, ended: [] });
  });

  it('a lesson started but never entered ends once it is stale; a fresh one and a vouched-for one are left alone', async () => {
    const f = await freshSchool(ctx);
    const g = await freshSchool(ctx);
    const teacher = api(ctx, f.cookies.teacher);
    const started = ctx.deps.clock.now();
    const lonely = await classLesson(ctx, f);
    const live = await classLesson(ctx, g);
    expect((await api(ctx, g.cookies.teacher).post(`/lessons/${live}/join`)).status).toBe(200);

    // Just started: the host is still on the pre-join screen.
    expect(await sweep()).toEqual({ closed: 0, ended: [] });
    ctx.deps.clock.advance(STALE_MS + 1000);
    await touchStays(ctx.deps, [{ lessonId: live, userId: g.teacher.id }], ctx.deps.clock.now());
    expect(await sweep()).toEqual({ closed: 0, ended: [lonely] });
    expect((await teacher.get(`/lessons/${lonely}`)).body.data.lesson.endedAt).toBe(started.toISOString());
    expect((await api(ctx, g.cookies.teacher).get(`/lessons/${live}`)).body.data.lesson.endedAt).toBeNull();
  });
});
