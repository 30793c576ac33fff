import { and, eq, sql } from 'drizzle-orm';
import { joinRequests, parentLinks } from '../../db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember, type ClassRow, createClass, createInviteToken, createJoinRequestRow, createSchool, createUser, freshSchool,
  type SchoolFixture, signedInCookie, type UserRow,
} from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

/**
 * The issue's matrix: every endpoint of schools, classes, invitations, join requests, the
 * operator and contacts × {anonymous, student, teacher, administrator of this school,
 * administrator of another school, operator}. "Not there" and "not yours" answer 404; a member
 * who may see but not act gets 403; the operator is not a member of any school.
 * PAR-1 parents: `parent` is linked to the student of 7А, `parentB` to a student of 7Б (another family, another
 * class), `otherParent` is a parent in the other school, `exParent` was linked to 7А's student until the link was
 * removed (so is nobody in the school now).
 */
const actors = ['anonymous', 'student', 'teacher', 'admin', 'otherAdmin', 'operator', 'parent', 'parentB', 'otherParent', 'exParent'] as const;
type ActorName = (typeof actors)[number];
type Expect = Record<ActorName, number>;

/** Parents of this school: a member who may see (`inSchool`); the other school's parent and the ex-parent: outsiders. */
const parents = (inSchool: number, outsider = 404) => ({ parent: inSchool, parentB: inSchool, otherParent: outsider, exParent: outsider });
const signedIn = (ok: number): Expect => ({ anonymous: 401, student: ok, teacher: ok, admin: ok, otherAdmin: ok, operator: ok, ...parents(ok, ok) });
const member = (ok: number): Expect => ({ anonymous: 401, student: ok, teacher: ok, admin: ok, otherAdmin: 404, operator: 404, ...parents(ok) });
const adminOnly = (ok: number): Expect => ({ anonymous: 401, student: 403, teacher: 403, admin: ok, otherAdmin: 404, operator: 404, ...parents(403) });
const operatorOnly = (ok: number): Expect => ({ anonymous: 401, student: 404, teacher: 404, admin: 404, otherAdmin: 404, operator: ok, ...parents(404) });

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

  let classB: ClassRow;
  let studentB: UserRow;

  /** A new person asks by a parent's link for `childId` and the school's administrator approves: their cookie and user. */
  async function linkedParent(s: SchoolFixture, classId: string, childId: string) {
    const person = await createUser(ctx);
    const cookie = await signedInCookie(ctx, person);
    const { token } = await createInviteToken(ctx, s.school.id, s.admin.id, 'parent', classId);
    const asked = await ctx.app.inject({ method: 'POST', url: `/api/invites/${token}/accept`, headers: { cookie }, payload: { childIds: [childId] } });
    expect(asked.statusCode, asked.body).toBe(200);
    const [req] = await ctx.deps.db
      .select({ id: joinRequests.id })
      .from(joinRequests)
      .where(and(eq(joinRequests.userId, person.id), eq(joinRequests.status, 'pending')));
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${req!.id}/approve`, headers: { cookie: s.cookies.admin } });
    expect(ok.statusCode, ok.body).toBe(200);
    return { person, cookie };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    a = await freshSchool(ctx);
    const b = await freshSchool(ctx);
    classB = await createClass(ctx, a.school, { grade: 7, letter: 'Б' });
    studentB = await createUser(ctx);
    await addMember(ctx, a.school, studentB, 'student', { classId: classB.id });
    const operator = await createUser(ctx, { isOperator: true });
    const parent = await linkedParent(a, a.classA.id, a.student.id);
    const parentB = await linkedParent(a, classB.id, studentB.id);
    const otherParent = await linkedParent(b, b.classA.id, b.student.id);
    const exParent = await linkedParent(a, a.classA.id, a.student.id);
    const [gone] = await ctx.deps.db.select({ id: parentLinks.id }).from(parentLinks).where(eq(parentLinks.parentId, exParent.person.id));
    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/parent-links/${gone!.id}`, headers: { cookie: a.cookies.admin } });
    expect(removed.statusCode).toBe(200);
    cookies = {
      anonymous: null,
      student: a.cookies.student,
      teacher: a.cookies.teacher,
      admin: a.cookies.admin,
      otherAdmin: b.cookies.admin,
      operator: await signedInCookie(ctx, operator),
      parent: parent.cookie,
      parentB: parentB.cookie,
      otherParent: otherParent.cookie,
      exParent: exParent.cookie,
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
    // A parent sees their own child's class only.
    { name: 'class page', method: 'GET', request: async () => ({ url: `/api/classes/${a.classA.id}` }), expect: { ...member(200), parentB: 404 } },
    {
      name: 'join class as teacher',
      method: 'POST',
      request: async (n) => ({ url: `/api/classes/${a.classA.id}/teachers`, body: { subjects: [`Предмет ${n}`] } }),
      expect: { anonymous: 401, student: 403, teacher: 200, admin: 403, otherAdmin: 404, operator: 404, ...parents(403) },
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
      expect: { anonymous: 200, student: 200, teacher: 200, admin: 200, otherAdmin: 200, operator: 200, ...parents(200, 200) },
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
    // The fixture's teacher is a leader since «appoint leader»: the administration, who reviews parents' requests (PAR-1).
    { name: 'school join requests', method: 'GET', request: async () => ({ url: `/api/schools/${a.school.id}/join-requests` }), expect: { ...adminOnly(200), teacher: 200 } },
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
    // HW-1: the mathematics teacher of 7А and its student; the administration sees no work of anyone. The parent of
    // 7А's student reads it (read-only: 403 where they can see but not act); 7Б's parent, another school's and the
    // ex-parent whose link was removed: 404.
    {
      name: 'give assignment',
      method: 'POST',
      request: async (n) => ({ url: `/api/classes/${a.classA.id}/assignments`, body: homeworkBody(n) }),
      expect: { anonymous: 401, student: 404, teacher: 201, admin: 404, otherAdmin: 404, operator: 404, ...parents(404) },
    },
    { name: 'homework list', method: 'GET', request: async () => ({ url: '/api/homework' }), expect: signedIn(200) },
    {
      name: 'assignment',
      method: 'GET',
      request: async () => ({ url: `/api/assignments/${await newAssignment()}` }),
      expect: { anonymous: 401, student: 200, teacher: 200, admin: 404, otherAdmin: 404, operator: 404, ...parents(404), parent: 200 },
    },
    {
      name: 'assignment review table',
      method: 'GET',
      request: async () => ({ url: `/api/assignments/${await newAssignment()}/review` }),
      expect: { anonymous: 401, student: 403, teacher: 200, admin: 404, otherAdmin: 404, operator: 404, ...parents(404), parent: 403 },
    },
    {
      name: 'hand in',
      method: 'PUT',
      request: async (n) => ({ url: `/api/assignments/${await newAssignment()}/submission`, body: { text: `Ответ ${n}` } }),
      expect: { anonymous: 401, student: 200, teacher: 403, admin: 404, otherAdmin: 404, operator: 404, ...parents(404), parent: 403 },
    },
    {
      name: 'give mark',
      method: 'PUT',
      request: async () => ({ url: `/api/assignments/${await newAssignment()}/marks/${a.student.id}`, body: { value: '5' } }),
      expect: { anonymous: 401, student: 404, teacher: 200, admin: 403, otherAdmin: 404, operator: 404, ...parents(404) },
    },
    {
      name: 'journal',
      method: 'GET',
      request: async () => ({ url: `/api/classes/${a.classA.id}/journal` }),
      expect: { anonymous: 401, student: 404, teacher: 200, admin: 200, otherAdmin: 404, operator: 404, ...parents(404) },
    },
    // PAR-1. The fixture's teacher is a leader by now, so of the administration that looks after parents.
    {
      name: 'create parent invite',
      method: 'POST',
      request: async () => ({ url: `/api/schools/${a.school.id}/invites`, body: { role: 'parent', classId: a.classA.id } }),
      expect: { ...adminOnly(201), teacher: 201 },
    },
    {
      name: 'parent invite students',
      method: 'GET',
      request: async () => {
        const { token } = await createInviteToken(ctx, a.school.id, a.admin.id, 'parent', a.classA.id);
        return { url: `/api/invites/${token}/students` };
      },
      expect: signedIn(200),
    },
    {
      // Asking to be 7А's student's parent: the student cannot be their own parent, the linked parent already is.
      name: 'accept parent invite',
      method: 'POST',
      request: async () => {
        const { token } = await createInviteToken(ctx, a.school.id, a.admin.id, 'parent', a.classA.id);
        return { url: `/api/invites/${token}/accept`, body: { childIds: [a.student.id] } };
      },
      expect: { ...signedIn(200), student: 400, parent: 409 },
    },
    // The parent's «Главная»: anyone signed in asks about their own links (none: no children).
    { name: 'parents home', method: 'GET', request: async () => ({ url: '/api/parents/home' }), expect: signedIn(200) },
    { name: 'class parents', method: 'GET', request: async () => ({ url: `/api/classes/${a.classA.id}/parents` }), expect: { ...adminOnly(200), teacher: 200, parentB: 404 } },
    {
      // «Пригласить родителя»: only a student makes a link for their own parent.
      name: 'student parent invite',
      method: 'POST',
      request: async () => ({ url: '/api/me/parent-invite', body: { schoolId: a.school.id } }),
      expect: { anonymous: 401, student: 201, teacher: 404, admin: 404, otherAdmin: 404, operator: 404, ...parents(404) },
    },
    { name: 'my children', method: 'GET', request: async () => ({ url: '/api/me/children' }), expect: signedIn(200) },
    {
      name: 'remove parent link',
      method: 'DELETE',
      request: async () => {
        const { person } = await linkedParent(a, a.classA.id, a.student.id);
        const [link] = await ctx.deps.db.select({ id: parentLinks.id }).from(parentLinks).where(eq(parentLinks.parentId, person.id));
        return { url: `/api/parent-links/${link!.id}` };
      },
      // Not their link: other families and the student hear 404.
      expect: { anonymous: 401, student: 404, teacher: 200, admin: 200, otherAdmin: 404, operator: 404, ...parents(404) },
    },
    {
      // The leader sets themself, the administrator sets the teacher again: the second changes nothing but is allowed.
      name: 'set class teacher',
      method: 'PUT',
      request: async (n) => ({ url: `/api/classes/${a.classA.id}/class-teacher`, body: { userId: n % 2 ? a.teacher.id : null } }),
      expect: { ...adminOnly(200), teacher: 200 },
    },
  ];

  /** A fingerprint of every table these endpoints write: equal before and after means nothing was written. */
  async function fingerprint(): Promise<string> {
    const tables = [
      'schools', 'classes', 'memberships', 'class_teachers', 'teacher_subjects', 'invites', 'join_requests',
      'homework_assignments', 'homework_submissions', 'homework_marks', 'homework_mark_changes', 'parent_links',
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

  it('PAR-1: a parent sees their own child and the staff, never another class, another family or another school', async () => {
    const get = (actor: ActorName, url: string) => ctx.app.inject({ url, headers: { cookie: cookies[actor]! } });
    const ids = (body: { data: { id: string }[] }) => body.data.map((p) => p.id);
    const parentIds = (await ctx.deps.db.select({ id: parentLinks.parentId }).from(parentLinks)).map((r) => r.id);
    for (const path of ['/api/contacts', `/api/schools/${a.school.id}/members`]) {
      const seen = ids((await get('parent', path)).json());
      expect(seen, path).toContain(a.student.id);
      expect(seen, path).toContain(a.admin.id);
      expect(seen, path).not.toContain(studentB.id);
      // No other family: the only parent a parent sees is themself.
      expect(seen.filter((id) => parentIds.includes(id)).length, path).toBeLessThanOrEqual(1);
      const fromB = ids((await get('parentB', path)).json());
      expect(fromB, path).toContain(studentB.id);
      expect(fromB, path).not.toContain(a.student.id);
      // A student sees their own parents, no parents of other families.
      const own = (await ctx.deps.db.select({ id: parentLinks.parentId }).from(parentLinks).where(eq(parentLinks.childId, a.student.id))).map((r) => r.id);
      const fromStudent = ids((await get('student', path)).json());
      expect(fromStudent.filter((id) => parentIds.includes(id) && !own.includes(id)), path).toEqual([]);
    }
    const page = (await get('parent', `/api/schools/${a.school.id}`)).json().data;
    expect(page.students.map((p: { id: string }) => p.id)).toEqual([a.student.id]);
    expect((await get('parent', `/api/classes/${classB.id}`)).statusCode).toBe(404);
    expect(ids((await get('parentB', '/api/me/children')).json())).toHaveLength(1);
    expect((await get('parentB', '/api/me/children')).body).not.toContain(a.student.id);
    for (const who of ['exParent', 'otherParent'] as const) {
      for (const path of ['', '/members', '/classes', '/join-requests']) {
        expect((await get(who, `/api/schools/${a.school.id}${path}`)).statusCode, `${who} ${path}`).toBe(404);
      }
      expect((await get(who, `/api/classes/${a.classA.id}`)).statusCode).toBe(404);
      expect((await get(who, '/api/contacts')).body).not.toContain(a.student.id);
    }
    expect((await get('exParent', '/api/me/children')).json().data).toEqual([]);
    // The parent's «Главная»: their own child only; 7Б's parent, another school's and the ex-parent never this one.
    const home = async (who: ActorName) => (await get(who, '/api/parents/home')).body;
    expect(await home('parent')).toContain(a.student.id);
    for (const who of ['parentB', 'otherParent', 'exParent'] as const) expect(await home(who), who).not.toContain(a.student.id);
    expect(await home('parent')).not.toContain(studentB.id);
    expect(await home('parent')).not.toContain(a.student.phone);
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
