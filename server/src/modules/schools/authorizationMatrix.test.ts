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
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
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
  ];

  /** A fingerprint of every table these endpoints write: equal before and after means nothing was written. */
  async function fingerprint(): Promise<string> {
    const tables = ['schools', 'classes', 'memberships', 'class_teachers', 'teacher_subjects', 'invites', 'join_requests'];
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
