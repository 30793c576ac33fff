import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember, createClass, createJoinRequestRow, createSchool, createUser, freshSchool, signedInCookie,
} from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('registry and school pages', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const get = (url: string, cookie: string) => ctx.app.inject({ url, headers: { cookie } });

  it('finds schools by country, city and a part of the name in any case (ORG-1)', async () => {
    const city = `Город ${randomUUID().slice(0, 8)}`;
    const gym = await createSchool(ctx, { name: 'Гимназия №1', country: 'Россия', city, address: 'ул. Ленина, 1' });
    await createSchool(ctx, { name: 'Школа №57', country: 'Россия', city });
    await createSchool(ctx, { name: 'Гимназия №2', country: 'Россия', city: `${city}-другой` });
    const me = await signedInCookie(ctx, await createUser(ctx));

    const cities = await get(`/api/registry/cities?country=${encodeURIComponent('Россия')}`, me);
    expect(cities.json().data).toContain(city);
    expect((await get('/api/registry/countries', me)).json().data).toContain('Россия');

    const found = await get(`/api/registry/schools?country=Россия&city=${encodeURIComponent(city)}&q=${encodeURIComponent('ГИМН')}`, me);
    expect(found.statusCode).toBe(200);
    expect(found.json().data).toEqual([{ id: gym.id, name: 'Гимназия №1', country: 'Россия', city, address: 'ул. Ленина, 1' }]);

    const all = await get(`/api/registry/schools?country=Россия&city=${encodeURIComponent(city)}`, me);
    expect(all.json().data.map((s: { name: string }) => s.name)).toEqual(['Гимназия №1', 'Школа №57']);

    // A percent sign is a character to look for, not a wildcard.
    const none = await get(`/api/registry/schools?city=${encodeURIComponent(city)}&q=%25`, me);
    expect(none.json().data).toEqual([]);
  });

  it('shows the school page to its members with distinct participants, lists and the badge only for reviewers (ORG-2)', async () => {
    const f = await freshSchool(ctx, { description: 'Лучшая школа', address: 'ул. Мира, 5' });
    // An administrator who also teaches is one participant.
    await addMember(ctx, f.school, f.admin, 'teacher', { subjects: ['Физика'] });
    await createJoinRequestRow(ctx, f.school.id, f.classA.id);

    const asAdmin = await get(`/api/schools/${f.school.id}`, f.cookies.admin);
    expect(asAdmin.statusCode).toBe(200);
    const page = asAdmin.json();
    expect(page.data.participantCount).toBe(3);
    expect(page.data.myRoles.sort()).toEqual(['admin', 'teacher']);
    expect(page.data.pendingRequestCount).toBe(1);
    expect(page.data.description).toBe('Лучшая школа');
    expect(page.data.teachers.map((t: { id: string }) => t.id).sort()).toEqual([f.admin.id, f.teacher.id].sort());
    expect(page.data.students).toEqual([
      { id: f.student.id, firstName: f.student.firstName, lastName: f.student.lastName, middleName: null },
    ]);
    expect(page.can).toEqual({ manage: true, invite: true, reviewRequests: true, createClass: true });
    expect(asAdmin.body).not.toContain(f.student.phone);

    const asStudent = (await get(`/api/schools/${f.school.id}`, f.cookies.student)).json();
    expect(asStudent.data.pendingRequestCount).toBeNull();
    expect(asStudent.data.myRoles).toEqual(['student']);
    expect(asStudent.can).toEqual({ manage: false, invite: false, reviewRequests: false, createClass: false });
  });

  it('lets an administrator edit «Информация» without wiping what was not sent (ORG-10)', async () => {
    const f = await freshSchool(ctx, { address: 'ул. Мира, 5', phone: '+7 495 000-00-00' });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/schools/${f.school.id}`,
      headers: { cookie: f.cookies.admin },
      payload: { description: 'Новая', site: '' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ description: 'Новая', address: 'ул. Мира, 5', phone: '+7 495 000-00-00', site: null });
    const bad = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/schools/${f.school.id}`,
      headers: { cookie: f.cookies.admin },
      payload: { name: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await get(`/api/schools/${f.school.id}`, f.cookies.admin)).json().data.name).toBe(f.school.name);
  });

  it('lists members by role with class, subjects and title, and searches names in Russian in any case (ORG-7)', async () => {
    const f = await freshSchool(ctx);
    const c11 = await createClass(ctx, f.school, { grade: 11, letter: 'А' });
    const ivanova = await createUser(ctx, { firstName: 'Мария', lastName: 'Иванова', middleName: 'Петровна' });
    await addMember(ctx, f.school, ivanova, 'teacher', { classIds: [c11.id], subjects: ['Физика', 'Астрономия'] });
    await addMember(ctx, f.school, ivanova, 'leader', { title: 'Директор' });

    const found = await get(`/api/schools/${f.school.id}/members?q=${encodeURIComponent('мария  ИВАНОВА')}`, f.cookies.student);
    expect(found.statusCode).toBe(200);
    expect(found.json().data).toEqual([
      {
        id: ivanova.id, firstName: 'Мария', lastName: 'Иванова', middleName: 'Петровна',
        roles: ['leader', 'teacher'], className: null, subjects: ['Астрономия', 'Физика'], title: 'Директор',
      },
    ]);
    expect(found.json().can).toEqual({ manage: false });

    const students = (await get(`/api/schools/${f.school.id}/members?role=student`, f.cookies.teacher)).json().data;
    expect(students).toHaveLength(1);
    expect(students[0]).toMatchObject({ id: f.student.id, roles: ['student'], className: '7А', subjects: [] });

    const teachers = (await get(`/api/schools/${f.school.id}/members?role=teacher`, f.cookies.teacher)).json().data;
    expect(teachers.map((t: { id: string }) => t.id).sort()).toEqual([f.teacher.id, ivanova.id].sort());
    expect(teachers.find((t: { id: string }) => t.id === f.teacher.id).subjects).toEqual(['Математика']);
  });

  it('appoints a member as a leader with a title; someone from outside is not found and nothing is written (ORG-8)', async () => {
    const f = await freshSchool(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/schools/${f.school.id}/leaders`,
      headers: { cookie: f.cookies.admin },
      payload: { userId: f.teacher.id, title: 'Заместитель директора по УВР' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([expect.objectContaining({ id: f.teacher.id, title: 'Заместитель директора по УВР', roles: ['leader', 'teacher'] })]);

    const outsider = await createUser(ctx);
    const refused = await ctx.app.inject({
      method: 'POST',
      url: `/api/schools/${f.school.id}/leaders`,
      headers: { cookie: f.cookies.admin },
      payload: { userId: outsider.id, title: 'Директор' },
    });
    expect(refused.statusCode).toBe(404);
    const leaders = (await get(`/api/schools/${f.school.id}/leaders`, f.cookies.student)).json().data;
    expect(leaders.map((l: { id: string }) => l.id)).toEqual([f.teacher.id]);
  });

  it('gives the sign-up step the classes of a school, names only, and 404 for an unknown school', async () => {
    const s = await createSchool(ctx);
    await createClass(ctx, s, { grade: 11, letter: 'А', profile: 'социально-гуманитарный' });
    await createClass(ctx, s, { grade: 7, letter: 'А' });
    const me = await signedInCookie(ctx, await createUser(ctx));
    const res = await get(`/api/registry/schools/${s.id}/classes`, me);
    expect(res.json().data.map((c: { name: string; profile: string | null }) => [c.name, c.profile])).toEqual([
      ['7А', null],
      ['11А', 'социально-гуманитарный'],
    ]);
    expect((await get(`/api/registry/schools/${randomUUID()}/classes`, me)).statusCode).toBe(404);
  });
});
