import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClass, createInviteToken, createJoinRequestRow, createSchool, createUser, freshSchool, type SchoolFixture,
  signedInCookie,
} from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

/**
 * The matrix: every endpoint of schools, classes, invitations, join requests, the
 * operator and contacts × {anonymous, student, teacher, administrator of this school,
 * administrator of another school, operator}. "Not there" and "not yours" answer 404; a member
 * who may see but not act gets 403; the operator is not a member of any school.
 */
const actors = ['anonymous', 'student', 'teacher', 'admin', 'otherAdmin', 'operator'] as const;
type ActorName = (typeof actors)[number];
type Expect = Record<ActorName, number>;

const signedIn = (ok: number): Expect => ({ anonymous: 401, student: ok, teacher: ok, admin: ok, otherAdmin: ok, operator: ok });
const member = (ok: number): Expect => ({ anonymous: 401, student: ok, teacher: ok, admin: ok, otherAdmin: 404, operator: 404 });
const adminOnly = (ok: number): Expect => ({ anonymous: 401, student: 403, teacher: 403, admin: ok, otherAdmin: 404, operator: 404 });
const operatorOnly = (ok: number): Expect => ({ anonymous: 401, student: 404, teacher: 404, admin: 404, otherAdmin: 404, operator: ok });

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Builds the request; may create what it acts on (a fresh invite, a pending request). */
  request: (n: number) => Promise<{ url: string; body?: unknown }>;
  expect: Expect;
}

describe('authorization matrix', () => {
  let ctx: TestContext;
  let a: SchoolFixture;
  let cookies: Record<ActorName, string | null>;
  let counter = 0;
  const uniquePhone = () => `+7988${String(Date.now() % 10000).padStart(4, '0')}${String(++counter).padStart(3, '0')}`;

  beforeAll(async () => {
    ctx = await createTestContext();
    a = await freshSchool(ctx);
    const b = await freshSchool(ctx);
    const operator = await createUser(ctx, { isOperator: true });
    cookies = {
      anonymous: null,
      student: a.cookies.student,
      teacher: a.cookies.teacher,
      admin: a.cookies.admin,
      otherAdmin: b.cookies.admin,
      operator: await signedInCookie(ctx, operator),
    };
  });
  afterAll(() => ctx.close());

  const letters = 'БВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ';
  const homeworkBody = (n: number) => ({ subject: 'Математика', title: `Задание ${n}`, dueAt: new Date(Date.now() + 86_400_000).toISOString() });
  /** A fresh assignment of 7А's teacher: each actor acts on its own. */
  const newAssignment = async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/classes/${a.classA.id}/assignments`, headers: { cookie: a.cookies.teacher }, payload: homeworkBody(++counter) });
    return res.json().data.id as string;
  };
  const rows: Row[] = [
    { name: 'registry countries', method: 'GET', request: async () => ({ url: '/api/registry/countries' }), expect: signedIn(200) },
    { name: 'registry cities', method: 'GET', request: async () => ({ url: '/api/registry/cities?country=Россия' }), expect: signedIn(200) },
    { name: 'registry search', method: 'GET', request: async () => ({ url: '/api/registry/schools?country=Россия&city=Москва' }), expect: signedIn(200) },
    { name: 'registry classes', method: 'GET', request: async () => ({ url: `/api/registry/schools/${a.school.id}/classes` }), expect: signedIn(200) },
    { name: 'school page', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}` }), expect: member(200) },
    {
      name: 'edit school',
      method: 'PATCH',
      request: async (n) => ({ url: `/api/schools/${a.school.id}`, body: { description: `Описание ${n}` } }),
      expect: adminOnly(200),
    },
    { name: 'members', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}/members?q=а` }), expect: member(200) },
    { name: 'leaders', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}/leaders` }), expect: member(200) },
    {
      name: 'appoint leader',
      method: 'POST',
      request: async (n) => ({ url: `/api/schools/${a.school.id}/leaders`, body: { userId: a.teacher.id, title: `Завуч ${n}` } }),
      expect: adminOnly(200),
    },
    { name: 'classes', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}/classes` }), expect: member(200) },
    {
      name: 'create class',
      method: 'POST',
      request: async (n) => ({ url: `/api/schools/${a.school.id}/classes`, body: { grade: 9, letter: letters[n % letters.length] } }),
      expect: adminOnly(201),
    },
    { name: 'class page', method: 'GET', request: async () => ({ url: `/api/classes/${a.classA.id}` }), expect: member(200) },
    {
      name: 'join class as teacher',
      method: 'POST',
      request: async (n) => ({ url: `/api/classes/${a.classA.id}/teachers`, body: { subjects: [`Предмет ${n}`] } }),
      expect: { anonymous: 401, student: 403, teacher: 200, admin: 403, otherAdmin: 404, operator: 404 },
    },
    { name: 'list invites', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}/invites` }), expect: adminOnly(200) },
    {
      name: 'create invite',
      method: 'POST',
      request: async () => ({ url: `/api/schools/${a.school.id}/invites`, body: { role: 'student', classId: a.classA.id } }),
      expect: adminOnly(201),
    },
    {
      name: 'revoke invite',
      method: 'DELETE',
      request: async () => {
        const { inviteId } = await createInviteToken(ctx, a.school.id, a.admin.id, 'teacher', a.classA.id);
        return { url: `/api/schools/${a.school.id}/invites/${inviteId}` };
      },
      expect: adminOnly(200),
    },
    {
      name: 'invite preview',
      method: 'GET',
      request: async () => {
        const { token } = await createInviteToken(ctx, a.school.id, a.admin.id, 'teacher', a.classA.id);
        return { url: `/api/invites/${token}` };
      },
      expect: { anonymous: 200, student: 200, teacher: 200, admin: 200, otherAdmin: 200, operator: 200 },
    },
    {
      // Into a school of its own each time, so accepting never changes the roles the other rows rely on.
      name: 'accept invite',
      method: 'POST',
      request: async () => {
        const s = await createSchool(ctx);
        const { token } = await createInviteToken(ctx, s.id, null, 'leader', null);
        return { url: `/api/invites/${token}/accept`, body: {} };
      },
      expect: signedIn(200),
    },
    {
      name: 'create join request',
      method: 'POST',
      request: async () => {
        const s = await createSchool(ctx);
        const c = await createClass(ctx, s);
        return { url: '/api/join-requests', body: { schoolId: s.id, role: 'student', classIds: [c.id] } };
      },
      expect: signedIn(201),
    },
    { name: 'school join requests', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}/join-requests` }), expect: adminOnly(200) },
    {
      name: 'approve join request',
      method: 'POST',
      request: async () => ({ url: `/api/join-requests/${await createJoinRequestRow(ctx, a.school.id, a.classA.id)}/approve` }),
      expect: adminOnly(200),
    },
    {
      name: 'reject join request',
      method: 'POST',
      request: async () => ({ url: `/api/join-requests/${await createJoinRequestRow(ctx, a.school.id, a.classA.id)}/reject` }),
      expect: adminOnly(200),
    },
    { name: 'my join requests', method: 'GET', request: async () => ({ url: '/api/me/join-requests' }), expect: signedIn(200) },
    { name: 'operator schools', method: 'GET', request: async () => ({ url: '/api/operator/schools' }), expect: operatorOnly(200) },
    {
      name: 'operator creates school',
      method: 'POST',
      request: async (n) => ({
        url: '/api/operator/schools',
        body: { name: `Лицей №${n}`, country: 'Россия', city: 'Казань', adminPhone: uniquePhone() },
      }),
      expect: operatorOnly(201),
    },
    {
      name: 'operator appoints admin',
      method: 'POST',
      request: async () => ({ url: `/api/operator/schools/${a.school.id}/admins`, body: { phone: uniquePhone() } }),
      expect: operatorOnly(200),
    },
    { name: 'contacts', method: 'GET', request: async () => ({ url: '/api/contacts' }), expect: signedIn(200) },
    // HW-1: the mathematics teacher of 7А and its student; the administration sees no work of anyone.
    {
      name: 'give assignment',
      method: 'POST',
      request: async (n) => ({ url: `/api/classes/${a.classA.id}/assignments`, body: homeworkBody(n) }),
      expect: { anonymous: 401, student: 404, teacher: 201, admin: 404, otherAdmin: 404, operator: 404 },
    },
    { name: 'homework list', method: 'GET', request: async () => ({ url: '/api/homework' }), expect: signedIn(200) },
    {
      name: 'assignment',
      method: 'GET',
      request: async () => ({ url: `/api/assignments/${await newAssignment()}` }),
      expect: { anonymous: 401, student: 200, teacher: 200, admin: 404, otherAdmin: 404, operator: 404 },
    },
    {
      name: 'assignment review table',
      method: 'GET',
      request: async () => ({ url: `/api/assignments/${await newAssignment()}/review` }),
      expect: { anonymous: 401, student: 403, teacher: 200, admin: 404, otherAdmin: 404, operator: 404 },
    },
    {
      name: 'hand in',
      method: 'PUT',
      request: async (n) => ({ url: `/api/assignments/${await newAssignment()}/submission`, body: { text: `Ответ ${n}` } }),
      expect: { anonymous: 401, student: 200, teacher: 403, admin: 404, otherAdmin: 404, operator: 404 },
    },
    {
      name: 'give mark',
      method: 'PUT',
      request: async () => ({ url: `/api/assignments/${await newAssignment()}/marks/${a.student.id}`, body: { value: '5' } }),
      expect: { anonymous: 401, student: 404, teacher: 200, admin: 403, otherAdmin: 404, operator: 404 },
    },
    {
      name: 'journal',
      method: 'GET',
      request: async () => ({ url: `/api/classes/${a.classA.id}/journal` }),
      expect: { anonymous: 401, student: 404, teacher: 200, admin: 200, otherAdmin: 404, operator: 404 },
    },
  ];

  /** A fingerprint of every table these endpoints write: equal before and after means nothing was written. */
  async function fingerprint(): Promise<string> {
    const tables = [
      'schools', 'classes', 'memberships', 'class_teachers', 'teacher_subjects', 'invites', 'join_requests',
      'homework_assignments', 'homework_submissions', 'homework_marks', 'homework_mark_changes',
    ];
    const parts: string[] = [];
    for (const t of tables) {
      const res = await ctx.deps.db.execute(sql.raw(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from ${t} t`));
      const rowsOf = (res as unknown as { rows: { h: string }[] }).rows;
      parts.push(`${t}:${rowsOf[0]?.h}`);
    }
    return parts.join('|');
  }

  it.each(rows)('$method $name', async (row) => {
    const seen: Record<string, number> = {};
    for (const actor of actors) {
      counter += 1;
      const { url, body } = await row.request(counter);
      const before = row.method === 'GET' ? null : await fingerprint();
      const cookie = cookies[actor];
      const res = await ctx.app.inject({
        method: row.method,
        url,
        headers: cookie ? { cookie } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      seen[actor] = res.statusCode;
      if (res.statusCode >= 400) {
        expect(res.json().error.code, `${actor}: ${res.body}`).toBeTypeOf('string');
        if (before !== null) expect(await fingerprint(), `${actor} was refused but something was written`).toBe(before);
      } else if (before !== null) {
        expect(await fingerprint(), `${actor} succeeded but nothing changed`).not.toBe(before);
      }
    }
    expect(seen).toEqual(row.expect);
  });

  it('keeps one school out of another: the other administrator sees none of its people, requests, invitations or classes', async () => {
    const res = await ctx.app.inject({ url: '/api/contacts', headers: { cookie: cookies.otherAdmin! } });
    const ids = (res.json().data as { id: string }[]).map((c) => c.id);
    expect(ids).not.toContain(a.student.id);
    expect(ids).not.toContain(a.teacher.id);
    for (const path of ['members', 'classes', 'invites', 'join-requests', 'leaders']) {
      const r = await ctx.app.inject({ url: `/api/schools/${a.school.id}/${path}`, headers: { cookie: cookies.otherAdmin! } });
      expect(r.statusCode, path).toBe(404);
      expect(r.body).not.toContain(a.student.lastName + a.student.id);
    }
    // The registry tells an outsider class names only, never who is in them.
    const reg = await ctx.app.inject({ url: `/api/registry/schools/${a.school.id}/classes`, headers: { cookie: cookies.otherAdmin! } });
    expect(reg.body).not.toContain(a.student.id);
    expect(reg.json().data[0]).toEqual({ id: a.classA.id, name: '7А', profile: null });
  });

  it('answers an unknown school like a foreign one, so ids cannot be probed', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of ['', '/members', '/classes', '/invites', '/join-requests']) {
      const r = await ctx.app.inject({ url: `/api/schools/${unknown}${path}`, headers: { cookie: cookies.admin! } });
      expect(r.statusCode, path).toBe(404);
    }
    const r = await ctx.app.inject({ url: `/api/classes/${unknown}`, headers: { cookie: cookies.admin! } });
    expect(r.statusCode).toBe(404);
  });
});

describe('authorization matrix: homework (HW-1), 0 leaks', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('a student of 7Б, another student of 7А, a teacher not of the class and another school see nothing of 7А’s assignment, work or marks', async () => {
    const { fileStatus, giveAssignment, homeworkWorld } = await import('../homework/testHelpers.js');
    const { uploadAs } = await import('../news/testHelpers.js');
    const a = await freshSchool(ctx);
    const w = await homeworkWorld(ctx, a);
    const other = await freshSchool(ctx);
    const { assignment, fileId } = await giveAssignment(ctx, a);
    const work = await uploadAs(ctx, a.cookies.student, 'работа.pdf', '%PDF-1.4 работа', 'application/pdf');
    const call = async (cookie: string, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) => {
      const res = await ctx.app.inject({ method, url: `/api${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
      return { status: res.statusCode, body: res.body };
    };
    expect((await call(a.cookies.student, 'PUT', `/assignments/${assignment.id}/submission`, { text: 'Секретный ответ', fileIds: [work] })).status).toBe(200);
    expect((await call(a.cookies.teacher, 'PUT', `/assignments/${assignment.id}/marks/${a.student.id}`, { value: '4', comment: 'Хорошо' })).status).toBe(200);

    const outsiders = { studentB: w.studentB.cookie, teacherB: w.teacherB.cookie, otherAdmin: other.cookies.admin, otherStudent: other.cookies.student };
    for (const [who, cookie] of Object.entries(outsiders)) {
      for (const url of [`/assignments/${assignment.id}`, `/assignments/${assignment.id}/review`, `/classes/${a.classA.id}/journal`, `/classes/${a.classA.id}/journal.csv`]) {
        const res = await call(cookie, 'GET', url);
        expect([who, url, res.status]).toEqual([who, url, 404]);
      }
      expect([who, await fileStatus(ctx, cookie, fileId), await fileStatus(ctx, cookie, work)]).toEqual([who, 404, 404]);
      const list = await call(cookie, 'GET', '/homework');
      expect(list.body).not.toContain(assignment.id);
      expect((await call(cookie, 'PUT', `/assignments/${assignment.id}/marks/${a.student.id}`, { value: '2' })).status).toBe(404);
      expect((await call(cookie, 'PUT', `/assignments/${assignment.id}/submission`, { text: 'x' })).status).toBe(404);
    }
    // Another student of 7А: the assignment yes, the classmate's work and mark no.
    const classmate = w.student2.cookie;
    const mine = await call(classmate, 'GET', `/assignments/${assignment.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).not.toContain('Секретный ответ');
    expect(mine.body).not.toContain('Хорошо');
    expect(await fileStatus(ctx, classmate, work)).toBe(404);
    expect((await call(classmate, 'GET', `/assignments/${assignment.id}/review`)).status).toBe(403);
    expect((await call(classmate, 'GET', `/classes/${a.classA.id}/journal`)).status).toBe(404);
    expect((await call(classmate, 'GET', '/homework')).body).not.toContain('"markValue":"4"');
    // The administration runs the school but does not read the pupils' work.
    expect((await call(a.cookies.admin, 'GET', `/assignments/${assignment.id}/review`)).status).toBe(404);
    expect(await fileStatus(ctx, a.cookies.admin, work)).toBe(404);
  });
});
