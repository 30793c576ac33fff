import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createUser, freshSchool, type SchoolFixture, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { classChat, recordEvents } from '../chats/testHelpers.js';
import { api } from './testHelpers.js';

type Row = { person: { id: string }; host: boolean; called: boolean; counted: boolean; status: string };

/** ATT-1 as issue 10 (4) fixed it: «пришли X из Y» counts only those the lesson was for; the CSV speaks the reader's zone. */
describe('attendance: who counts, and the CSV in the reader’s time zone', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const minute = 60_000;
  const attendance = async (cookie: string, lessonId: string) => {
    const res = await api(ctx, cookie).get(`/lessons/${lessonId}/attendance`);
    expect(res.status).toBe(200);
    return res.body.data as { rows: Row[]; came: number; expected: number };
  };
  const csv = (cookie: string, lessonId: string, query = '') =>
    ctx.app.inject({ method: 'GET', url: `/api/lessons/${lessonId}/attendance.csv${query}`, headers: { cookie } });
  const teacherOf = async (f: SchoolFixture, lastName: string) => {
    const user = await createUser(ctx, { lastName });
    await addMember(ctx, f.school, user, 'teacher', { classId: f.classA.id });
    return { user, cookie: await signedInCookie(ctx, user) };
  };

  it('the CSV writes times in the zone the browser sent (?tz=), names it in the header; an unknown zone is 400 time_zone_invalid', async () => {
    // The FakeClock moves on to 1 September 08:00 UTC of next year, so the times below are exact.
    const year = ctx.deps.clock.now().getUTCFullYear() + 1;
    ctx.deps.clock.advance(Date.UTC(year, 8, 1, 8) - ctx.deps.clock.now().getTime());
    const day = `01.09.${year}`;
    const f = await freshSchool(ctx);
    const start = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
    const lessonId = start.body.data.id as string;
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(5 * minute);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(40 * minute);
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/end`);

    const pupilLine = (body: string) => body.split('\r\n').find((l) => l.startsWith(f.student.lastName)) ?? '';
    // Moscow (UTC+3): the pupil came at 11:05 and left at 11:45, as a browser in Moscow shows it.
    const moscow = await csv(f.cookies.teacher, lessonId, '?tz=Europe/Moscow');
    expect(moscow.statusCode).toBe(200);
    expect(moscow.body.slice(1).split('\r\n')[0]).toBe(
      'Фамилия;Имя;Отчество;Роль;Статус;Первый вход (Europe/Moscow);Последний выход (Europe/Moscow);Минут в уроке;Входов;Учитывается',
    );
    expect(pupilLine(moscow.body)).toContain(`;${day} 11:05:00;${day} 11:45:00;40,0;1;да`);
    // Vladivostok (UTC+10) and New York (UTC−4 in September): the same moments, the reader's clock.
    expect(pupilLine((await csv(f.cookies.teacher, lessonId, '?tz=Asia/Vladivostok')).body)).toContain(`;${day} 18:05:00;${day} 18:45:00;`);
    const ny = await csv(f.cookies.teacher, lessonId, '?tz=America/New_York');
    expect(pupilLine(ny.body)).toContain(`;${day} 04:05:00;${day} 04:45:00;`);
    expect(ny.body).toContain('Первый вход (America/New_York)');
    // The zone is spelt as the runtime knows it, whatever the case it came in.
    expect((await csv(f.cookies.teacher, lessonId, '?tz=utc')).body).toContain(`;${day} 08:05:00;`);
    // The file is named after the lesson's day where the reader is (an evening lesson in New York is not tomorrow).
    expect(ny.headers['content-disposition']).toContain(`attendance-${year}-09-01.csv`);

    for (const bad of ['Mars/Olympus_Mons', 'Europe/Moskva', '../../etc/passwd']) {
      const res = await csv(f.cookies.teacher, lessonId, `?tz=${encodeURIComponent(bad)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('time_zone_invalid');
    }
    const tooLong = await csv(f.cookies.teacher, lessonId, `?tz=${'A'.repeat(65)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('invalid_input');
    // A bad zone does not get round the rules: those who may not see attendance still get 403/404/401 first.
    expect((await csv(f.cookies.student, lessonId, '?tz=Europe/Moscow')).statusCode).toBe(403);
    expect((await csv((await freshSchool(ctx)).cookies.admin, lessonId, '?tz=Mars/Base')).statusCode).toBe(404);
    expect((await csv('', lessonId, '?tz=Europe/Moscow')).statusCode).toBe(401);
  });

  it('a class lesson rings and counts only the class’s students: a teacher of the class who came is present but not counted, one who did not is not absent', async () => {
    const f = await freshSchool(ctx);
    const absentee = await createUser(ctx, { lastName: 'Отсутствующий' });
    await addMember(ctx, f.school, absentee, 'student', { classId: f.classA.id });
    const coTeacher = await teacherOf(f, 'Соучитель');
    const awayTeacher = await teacherOf(f, 'Неприходящий');
    const events = recordEvents(ctx);
    const start = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
    expect(start.status).toBe(201);
    const lessonId = start.body.data.id as string;
    // The class's other teachers are not rung, but see the lesson going on (and may come in).
    expect(events.inRoom(`user:${f.student.id}`).map((e) => e.type)).toContain('lesson.calling');
    expect(events.inRoom(`user:${coTeacher.user.id}`).map((e) => e.type)).toEqual(['lessons.changed']);
    events.stop();

    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(minute);
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(minute);
    expect((await api(ctx, coTeacher.cookie).post(`/lessons/${lessonId}/join`)).status).toBe(200);
    // The administration looks in too, uninvited.
    await api(ctx, f.cookies.admin).post(`/lessons/${lessonId}/join`);
    // A pupil who joined the class after the lesson started and came counts like the others.
    const late = await createUser(ctx, { lastName: 'Опоздавший' });
    await addMember(ctx, f.school, late, 'student', { classId: f.classA.id });
    ctx.deps.clock.advance(minute);
    await api(ctx, await signedInCookie(ctx, late)).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(10 * minute);

    // Seen by the host, by another teacher of the class (who may see attendance) and by the administration alike.
    for (const cookie of [f.cookies.teacher, awayTeacher.cookie, f.cookies.admin]) {
      const data = await attendance(cookie, lessonId);
      // «пришли 2 из 3»: the pupil and the late pupil came, the absentee did not; teachers and the admin are not in it.
      expect({ came: data.came, expected: data.expected }).toEqual({ came: 2, expected: 3 });
      const byId = new Map(data.rows.map((r) => [r.person.id, r]));
      expect(byId.get(f.teacher.id)).toMatchObject({ host: true, counted: false, status: 'present' });
      expect(byId.get(f.student.id)).toMatchObject({ called: true, counted: true, status: 'present' });
      expect(byId.get(late.id)).toMatchObject({ called: false, counted: true, status: 'present' });
      expect(byId.get(absentee.id)).toMatchObject({ called: true, counted: true, status: 'absent' });
      expect(byId.get(coTeacher.user.id)).toMatchObject({ called: false, counted: false, status: 'present' });
      expect(byId.get(f.admin.id)).toMatchObject({ called: false, counted: false, status: 'present' });
      // The teacher who stayed away is not listed at all, least of all as absent.
      expect(byId.has(awayTeacher.user.id)).toBe(false);
      expect(data.rows.filter((r) => r.status === 'absent').map((r) => r.person.id)).toEqual([absentee.id]);
    }
    const lines = (await csv(f.cookies.teacher, lessonId)).body.split('\r\n');
    expect(lines.find((l) => l.startsWith('Соучитель'))).toMatch(/;Присутствовал\(а\);.*;нет$/);
    expect(lines.find((l) => l.startsWith('Отсутствующий'))).toMatch(/;Отсутствовал\(а\);.*;да$/);
    expect(lines.some((l) => l.startsWith('Неприходящий'))).toBe(false);
  });

  it('a teacher of the class invited into the lesson is counted: absent when they do not come', async () => {
    const f = await freshSchool(ctx);
    const coTeacher = await teacherOf(f, 'Приглашённая');
    const start = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'class', classId: f.classA.id });
    const lessonId = start.body.data.id as string;
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    expect((await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/invite`, { userIds: [coTeacher.user.id] })).status).toBe(200);
    const data = await attendance(f.cookies.teacher, lessonId);
    expect({ came: data.came, expected: data.expected }).toEqual({ came: 0, expected: 2 });
    expect(data.rows.find((r) => r.person.id === coTeacher.user.id)).toMatchObject({ called: true, counted: true, status: 'absent' });
  });

  it('a chat lesson counts those called from the chat: a member who was not called but came is present without counting', async () => {
    const f = await freshSchool(ctx);
    const s2 = await createUser(ctx, { lastName: 'Вызванный' });
    await addMember(ctx, f.school, s2, 'student', { classId: f.classA.id });
    const chatId = await classChat(ctx, f);
    const start = await api(ctx, f.cookies.teacher).post('/lessons', { kind: 'chat', chatId, userIds: [s2.id] });
    const lessonId = start.body.data.id as string;
    await api(ctx, f.cookies.teacher).post(`/lessons/${lessonId}/join`);
    // f.student is in the chat (and the class) but was not called: a class chat's call is not the class's lesson.
    await api(ctx, f.cookies.student).post(`/lessons/${lessonId}/join`);
    ctx.deps.clock.advance(3 * minute);
    const data = await attendance(f.cookies.teacher, lessonId);
    expect({ came: data.came, expected: data.expected }).toEqual({ came: 0, expected: 1 });
    expect(data.rows.find((r) => r.person.id === s2.id)).toMatchObject({ called: true, counted: true, status: 'absent' });
    expect(data.rows.find((r) => r.person.id === f.student.id)).toMatchObject({ called: false, counted: false, status: 'present' });
  });
});
