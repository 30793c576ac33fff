import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonParticipants, lessonPresence, lessons } from '../../db/lessonSchema.js';
import { memberships } from '../../db/schema.js';
import { addMember, createClass, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { classChat, recordEvents } from '../chats/testHelpers.js';
import { api, classLesson } from './testHelpers.js';

describe('lessons (VID-1..5, CHT-4, DASH-1, ATT-1)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ TURN_URL: 'turn:turn.parta.test:3478', TURN_SECRET: 'a-long-enough-turn-secret' });
  });
  afterAll(() => ctx.close());

  const lessonsOfSchool = async (schoolId: string) =>
    (await ctx.deps.db.select({ n: count() }).from(lessons).where(eq(lessons.schoolId, schoolId)))[0]?.n ?? 0;
  const openStays = async (lessonId: string) =>
    (await ctx.deps.db.select({ n: count() }).from(lessonPresence).where(and(eq(lessonPresence.lessonId, lessonId), isNull(lessonPresence.leftAt))))[0]?.n ?? 0;

  it('DASH-1: the class teacher starts a lesson for 7А; the class is rung live; starting again returns the same lesson', async () => {
    const f = await freshSchool(ctx);
    const events = recordEvents(ctx);
    const res = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ title: '7А', classId: f.classA.id, chatId: null, schoolId: f.school.id, endedAt: null, presentCount: 0 });
    expect(res.body.data.host.id).toBe(f.teacher.id);
    const calling = events.inRoom(`user:${f.student.id}`).find((e) => e.type === 'lesson.calling');
    expect(calling).toMatchObject({ lesson: { id: res.body.data.id, title: '7А' } });
    // The host is not rung by their own call, but hears that a lesson is going on.
    expect(events.inRoom(`user:${f.teacher.id}`).map((e) => e.type)).toEqual(['lessons.changed']);
    events.clear();
    const again = await api(ctx, f.cookies.admin).post('/lessons', { kind: 'class', classId: f.classA.id });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(res.body.data.id);
    expect(events.seen).toEqual([]);
    events.stop();
    const live = await api(ctx, f.cookies.student).get('/lessons/live');
    expect(live.body.data.map((l: { id: string }) => l.id)).toEqual([res.body.data.id]);
  });

  it('DASH-1 deny: anonymous 401, a pupil 403, a teacher not of the class 403, someone of another school 404; nothing written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const t2 = await createUser(ctx);
    await addMember(ctx, f.school, t2, 'teacher', { subjects: ['Физика'] });
    const body = { kind: 'class', classId: f.classA.id };
    expect((await api(ctx, '').post('/lessons', body)).status).toBe(401);
    expect((await api(ctx, f.cookies.student).post('/lessons', body)).status).toBe(403);
    expect((await api(ctx, await signedInCookie(ctx, t2)).post('/lessons', body)).status).toBe(403);
    expect((await api(ctx, other.cookies.teacher).post('/lessons', body)).status).toBe(404);
    expect((await api(ctx, other.cookies.admin).post('/lessons', body)).status).toBe(404);
    expect(await lessonsOfSchool(f.school.id)).toBe(0);
    // The administration may start one.
    expect((await api(ctx, f.cookies.admin).post('/lessons', body)).status).toBe(201);
  });

  it('CHT-4: the camera icon in a class chat calls the chosen members only, or everyone; pupils cannot ring the class', async () => {
    const f = await freshSchool(ctx);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    const chatId = await classChat(ctx, f);
    const events = recordEvents(ctx);
    const bad = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'chat', chatId, userIds: [f.admin.id] });
    expect(bad.status).toBe(400);
    expect((await api(ctx, f.cookies.student).post('/lessons', { kind: 'chat', chatId })).status).toBe(403);
    const outsider = await freshSchool(ctx);
    expect((await api(ctx, outsider.cookies.teacher).post('/lessons', { kind: 'chat', chatId })).status).toBe(404);
    expect(await lessonsOfSchool(f.school.id)).toBe(0);

    const res = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'chat', chatId, userIds: [s2.id] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ chatId, title: '7А — Математика' });
    expect(events.inRoom(`user:${s2.id}`).map((e) => e.type)).toContain('lesson.calling');
    expect(events.inRoom(`user:${f.student.id}`).map((e) => e.type)).toEqual(['lessons.changed']);
    // Not called but a member of the chat: sees the call going on and may join.
    const joined = await api(ctx, f.cookies.student).post(`/lessons/${res.body.data.id}/join`);
    expect(joined.status).toBe(200);
    events.stop();
  });

  it('VID-3: members of the class join; others get 404; joining twice keeps one stay; ICE servers carry TURN credentials', async () => {
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(ctx, f);
    const other = await freshSchool(ctx);
    const otherClass = await createClass(ctx, f.school, { grade: 8, letter: 'Б' });
    const s8 = await createUser(ctx);
    await addMember(ctx, f.school, s8, 'student', { classId: otherClass.id });
    expect((await api(ctx, '').post(`/lessons/${lessonId}/join`)).status).toBe(401);
    expect((await api(ctx, other.cookies.student).post(`/lessons/${lessonId}/join`)).status).toBe(404);
    expect((await api(ctx, await signedInCookie(ctx, s8)).post(`/lessons/${lessonId}/join`)).status).toBe(404);
    expect((await api(ctx, other.cookies.student).get(`/lessons/${lessonId}`)).status).toBe(404);
    expect(await openStays(lessonId)).toBe(0);

    const res = await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    expect(res.status).toBe(200);
    expect(res.body.data.can).toEqual({ manage: false, attendance: false, unmute: true });
    // The embedded SFU forwards one size of each picture.
    expect(res.body.data.simulcast).toBe(false);
    const turn = res.body.data.iceServers[0];
    expect(turn.urls).toEqual(['turn:turn.parta.test:3478']);
    expect(turn.username).toMatch(new RegExp(`^\\d+:${f.student.id}$`));
    expect(Number(turn.username.split(':')[0])).toBeGreaterThan(Math.floor(ctx.deps.clock.now().getTime() / 1000));
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`)).status).toBe(200);
    expect(await openStays(lessonId)).toBe(1);
    const host = await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    expect(host.body.data.can).toEqual({ manage: true, attendance: true, unmute: true });
    expect(host.body.data.participants.filter((p: { present: boolean }) => p.present)).toHaveLength(2);
  });

  it('VID-1: the 101st person is refused with lesson_full; when someone leaves there is room again', async () => {
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(ctx, f);
    // 99 classmates already in the call, then the teacher makes 100.
    const crowd = await Promise.all(Array.from({ length: 99 }, () => createUser(ctx)));
    await ctx.deps.db.insert(memberships).values(crowd.map((u) => ({ schoolId: f.school.id, userId: u.id, role: 'student' as const, classId: f.classA.id })));
    const now = ctx.deps.clock.now();
    await ctx.deps.db.insert(lessonPresence).values(crowd.map((u) => ({ lessonId, userId: u.id, joinedAt: now })));
    await ctx.deps.db.insert(lessonParticipants).values(crowd.map((u) => ({ lessonId, userId: u.id })));
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`)).status).toBe(200);
    const refused = await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('lesson_full');
    expect(refused.body.error.message).toContain('100');
    expect(await openStays(lessonId)).toBe(100);
    const leaver = crowd[0];
    if (!leaver) throw new Error('no crowd');
    expect((await api(ctx, await signedInCookie(ctx, leaver)).post(`/lessons/${lessonId}/leave`)).status).toBe(200);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`)).status).toBe(200);
  });

  it('VID-4 (9): a removed participant cannot come back while the lesson is locked (nor at all until invited again); lock keeps newcomers out', async () => {
    const f = await freshSchool(ctx);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    const s2Cookie = await signedInCookie(ctx, s2);
    const chatId = await classChat(ctx, f);
    const start = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'chat', chatId, userIds: [f.student.id] });
    const lessonId = start.body.data.id as string;
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`)).status).toBe(200);

    expect((await api(ctx, f.cookies.student).patch(`/lessons/${lessonId}`, { locked: true })).status).toBe(403);
    expect((await api(ctx, f.cookies.student).del(`/lessons/${lessonId}/participants/${s2.id}`)).status).toBe(403);
    const locked = await api(ctx, f.cookies.teacher).patch(`/lessons/${lessonId}`, { locked: true });
    expect(locked.status).toBe(200);
    expect(locked.body.data.locked).toBe(true);
    // s2 is in the chat but was not called: a newcomer.
    const newcomer = await api(ctx, s2Cookie).post(`/lessons/${lessonId}/join`);
    expect(newcomer.status).toBe(403);
    expect(newcomer.body.error.code).toBe('lesson_locked');

    const events = recordEvents(ctx);
    expect((await api(ctx, f.cookies.teacher).del(`/lessons/${lessonId}/participants/${f.student.id}`)).status).toBe(200);
    expect(events.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'lesson.removed', lessonId });
    expect(events.inRoom(`lesson-control:${lessonId}`)).toContainEqual({ type: 'lesson.drop', userId: f.student.id, reason: 'removed' });
    events.stop();
    expect(await openStays(lessonId)).toBe(1);
    const back = await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    expect(back.status).toBe(403);
    expect(back.body.error.code).toBe('lesson_removed');
    expect(await openStays(lessonId)).toBe(1);
    // Unlocked, still removed.
    await api(ctx, f.cookies.teacher).patch(`/lessons/${lessonId}`, { locked: false });
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`)).body.error.code).toBe('lesson_removed');
    // The host cannot remove themselves; invited again, the pupil comes back.
    expect((await api(ctx, f.cookies.teacher).del(`/lessons/${lessonId}/participants/${f.teacher.id}`)).status).toBe(403);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/invite`, { userIds: [s2.id] })).status).toBe(403);
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/invite`, { userIds: [f.student.id] })).status).toBe(200);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`)).status).toBe(200);
  });

  it('VID-4 (4): the host invites people of the school (they are rung); not people of another school', async () => {
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(ctx, f);
    const other = await freshSchool(ctx);
    const events = recordEvents(ctx);
    const bad = await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/invite`, { userIds: [other.student.id] });
    expect(bad.status).toBe(400);
    expect((await api(ctx, other.cookies.admin).post(`/lessons/${lessonId}/invite`, { userIds: [other.student.id] })).status).toBe(404);
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/invite`, { userIds: [f.admin.id] })).status).toBe(200);
    expect(events.inRoom(`user:${f.admin.id}`).map((e) => e.type)).toContain('lesson.calling');
    expect(events.inRoom(`user:${other.student.id}`)).toEqual([]);
    events.stop();
  });

  it('VID-4 (2): raised hands in the order raised; a pupil lowers only their own; the host lowers anyone', async () => {
    const f = await freshSchool(ctx);
    const s2 = await createUser(ctx);
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    const s2Cookie = await signedInCookie(ctx, s2);
    const lessonId = await classLesson(ctx, f);
    for (const c of [f.cookies.teacher, f.cookies.student, s2Cookie]) await api(ctx, c).post(`/lessons/${lessonId}/join`);
    const other = await freshSchool(ctx);
    expect((await api(ctx, other.cookies.student).post(`/lessons/${lessonId}/hands/${other.student.id}`, { raised: true })).status).toBe(404);
    expect((await api(ctx, s2Cookie).post(`/lessons/${lessonId}/hands/${s2.id}`, { raised: true })).status).toBe(200);
    ctx.deps.clock.advance(1000);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/hands/${f.student.id}`, { raised: true })).status).toBe(200);
    ctx.deps.clock.advance(1000);
    // Raising again keeps the first time.
    await api(ctx, s2Cookie).post(`/lessons/${lessonId}/hands/${s2.id}`, { raised: true });
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/hands/${s2.id}`, { raised: false })).status).toBe(403);
    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/hands/${s2.id}`, { raised: true })).status).toBe(403);
    const seen = await api(ctx, f.cookies.teacher).get(`/lessons/${lessonId}`);
    const hands = seen.body.data.participants
      .filter((p: { handRaisedAt: string | null }) => p.handRaisedAt)
      .sort((a: { handRaisedAt: string }, b: { handRaisedAt: string }) => a.handRaisedAt.localeCompare(b.handRaisedAt))
      .map((p: { person: { id: string } }) => p.person.id);
    expect(hands).toEqual([s2.id, f.student.id]);
    const events = recordEvents(ctx);
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/hands/${s2.id}`, { raised: false })).status).toBe(200);
    expect(events.inRoom(`lesson:${lessonId}`)).toContainEqual({ type: 'lesson.changed' });
    events.stop();
    const after = await api(ctx, f.cookies.student).get(`/lessons/${lessonId}`);
    expect(after.body.data.participants.filter((p: { handRaisedAt: string | null }) => p.handRaisedAt).map((p: { person: { id: string } }) => p.person.id)).toEqual([f.student.id]);
  });

  it('VID-4 (9): mute everyone forbids unmuting until allowed; the host turns a camera off; pupils may do neither', async () => {
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(ctx, f);
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    const events = recordEvents(ctx);
    expect((await api(ctx, f.cookies.student).patch(`/lessons/${lessonId}`, { mutedAll: true })).status).toBe(403);
    expect((await api(ctx, f.cookies.teacher).patch(`/lessons/${lessonId}`, { mutedAll: true })).status).toBe(200);
    expect(events.inRoom(`lesson-control:${lessonId}`)).toContainEqual({ type: 'lesson.audio', mutedAll: true, hostId: f.teacher.id });
    const pupil = await api(ctx, f.cookies.student).get(`/lessons/${lessonId}`);
    expect(pupil.body.data).toMatchObject({ mutedAll: true, can: { unmute: false } });
    expect((await api(ctx, f.cookies.teacher).get(`/lessons/${lessonId}`)).body.data.can.unmute).toBe(true);
    await api(ctx, f.cookies.teacher).patch(`/lessons/${lessonId}`, { mutedAll: false });
    expect((await api(ctx, f.cookies.student).get(`/lessons/${lessonId}`)).body.data.can.unmute).toBe(true);

    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/participants/${f.teacher.id}/media`, { camera: false })).status).toBe(403);
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/participants/${f.student.id}/media`, { camera: false })).status).toBe(200);
    expect(events.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'lesson.media', lessonId, camera: false });
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/participants/${f.admin.id}/media`, { camera: false })).status).toBe(404);
    events.stop();
  });

  it('VID-4 (7) and ATT-1: the host ends the lesson for everyone; attendance lists who came, when, how long, and the absent; CSV for Excel', async () => {
    const f = await freshSchool(ctx);
    const absentee = await createUser(ctx, { firstName: 'Пётр', lastName: 'Отсутствующий' });
    await addMember(ctx, f.school, absentee, 'student', { classId: f.classA.id });
    const lessonId = await classLesson(ctx, f);
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(60_000);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(5 * 60_000);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/leave`);
    ctx.deps.clock.advance(60_000);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(2 * 60_000);

    expect((await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/end`)).status).toBe(403);
    const outsider = await freshSchool(ctx);
    expect((await api(ctx, outsider.cookies.admin).post(`/lessons/${lessonId}/end`)).status).toBe(404);
    expect((await ctx.deps.db.select({ e: lessons.endedAt }).from(lessons).where(eq(lessons.id, lessonId)))[0]?.e).toBeNull();
    const events = recordEvents(ctx);
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/end`)).status).toBe(200);
    expect(events.inRoom(`lesson:${lessonId}`)).toContainEqual({ type: 'lesson.ended' });
    expect(events.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'lessons.changed' });
    events.stop();
    expect(await openStays(lessonId)).toBe(0);
    const late = await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('lesson_ended');
    expect((await api(ctx, f.cookies.student).get('/lessons/live')).body.data).toEqual([]);

    expect((await api(ctx, f.cookies.student).get(`/lessons/${lessonId}/attendance`)).status).toBe(403);
    expect((await api(ctx, outsider.cookies.teacher).get(`/lessons/${lessonId}/attendance`)).status).toBe(404);
    expect((await api(ctx, '').get(`/lessons/${lessonId}/attendance`)).status).toBe(401);
    const att = await api(ctx, f.cookies.admin).get(`/lessons/${lessonId}/attendance`);
    expect(att.status).toBe(200);
    const byId = Object.fromEntries(att.body.data.rows.map((r: { person: { id: string } }) => [r.person.id, r]));
    expect(byId[f.teacher.id]).toMatchObject({ host: true, status: 'present', seconds: 9 * 60 });
    expect(byId[f.student.id]).toMatchObject({ called: true, status: 'present', seconds: 7 * 60 });
    expect(byId[f.student.id].intervals).toHaveLength(2);
    expect(byId[absentee.id]).toMatchObject({ called: true, status: 'absent', seconds: 0, intervals: [] });
    // Those who came, in the order they came; then the absent.
    expect(att.body.data.rows.map((r: { person: { id: string } }) => r.person.id)).toEqual([f.teacher.id, f.student.id, absentee.id]);

    const csv = await ctx.app.inject({ method: 'GET', url: `/api/lessons/${lessonId}/attendance.csv`, headers: { cookie: f.cookies.teacher } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.slice(1).trim().split('\r\n');
    // Without ?tz= the times are Moscow's, and the header says so (attendance.test.ts: the reader's zone).
    expect(lines[0]).toBe(
      'Фамилия;Имя;Отчество;Роль;Статус;Первый вход (Europe/Moscow);Последний выход (Europe/Moscow);Минут в уроке;Входов;Учитывается',
    );
    expect(lines.find((l) => l.startsWith('Отсутствующий'))).toContain(';Отсутствовал(а);');
    expect(lines.find((l) => l.startsWith(f.student.lastName) && l.includes(f.student.firstName))).toContain(';Присутствовал(а);');
    expect(lines).toHaveLength(4);
    const csvDenied = await ctx.app.inject({ method: 'GET', url: `/api/lessons/${lessonId}/attendance.csv`, headers: { cookie: f.cookies.student } });
    expect(csvDenied.statusCode).toBe(403);

    const history = await api(ctx, f.cookies.teacher).get(`/lessons?schoolId=${f.school.id}`);
    expect(history.body.data.map((l: { id: string }) => l.id)).toEqual([lessonId]);
    expect((await api(ctx, f.cookies.student).get(`/lessons?schoolId=${f.school.id}`)).body.data).toEqual([]);
    expect((await api(ctx, outsider.cookies.admin).get(`/lessons?schoolId=${f.school.id}`)).status).toBe(404);
  });

  it('VID-4 (7): when the last person leaves, the lesson ends', async () => {
    const f = await freshSchool(ctx);
    const lessonId = await classLesson(ctx, f);
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/leave`);
    expect((await api(ctx, f.cookies.student).get(`/lessons/${lessonId}`)).body.data.lesson.endedAt).toBeNull();
    const outsider = await freshSchool(ctx);
    expect((await api(ctx, outsider.cookies.student).post(`/lessons/${lessonId}/leave`)).status).toBe(404);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/leave`);
    expect((await api(ctx, f.cookies.student).get(`/lessons/${lessonId}`)).body.data.lesson.endedAt).not.toBeNull();
  });
});
