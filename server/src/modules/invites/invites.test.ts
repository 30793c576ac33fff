import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invites, memberships } from '../../db/schema.js';
import { keyedHash } from '../../lib/secrets.js';
import { createInviteToken, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('invitation links', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const accept = (token: string, cookie: string, payload: object = {}) =>
    ctx.app.inject({ method: 'POST', url: `/api/invites/${token}/accept`, headers: { cookie }, payload });

  it('makes a link for «учитель в 7А», keeps only its hash, previews it publicly and joins a teacher with subjects', async () => {
    const f = await freshSchool(ctx);
    const created = await ctx.app.inject({
      method: 'POST',
      url: `/api/schools/${f.school.id}/invites`,
      headers: { cookie: f.cookies.admin },
      payload: { role: 'teacher', classId: f.classA.id, expiresInDays: 7, maxUses: 5 },
    });
    expect(created.statusCode).toBe(201);
    const inv = created.json().data;
    expect(inv).toMatchObject({ role: 'teacher', className: '7А', maxUses: 5, uses: 0, active: true, revoked: false });
    expect(inv.url).toBe(`http://parta.test/invite/${inv.token}`);
    const [stored] = await ctx.deps.db.select().from(invites).where(eq(invites.id, inv.id));
    expect(stored?.tokenHash).toBe(keyedHash(ctx.deps.secret, inv.token));
    expect(JSON.stringify(stored)).not.toContain(inv.token);

    const preview = await ctx.app.inject({ url: `/api/invites/${inv.token}` });
    expect(preview.json().data).toEqual({ schoolId: f.school.id, schoolName: f.school.name, role: 'teacher', className: '7А', active: true, needsApproval: false });

    const newcomer = await createUser(ctx);
    const cookie = await signedInCookie(ctx, newcomer);
    const noSubject = await accept(inv.token, cookie);
    expect(noSubject.json().error.code).toBe('subject_required');
    const res = await accept(inv.token, cookie, { subjects: ['Информатика'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ schoolId: f.school.id, status: 'joined' });
    const page = await ctx.app.inject({ url: `/api/classes/${f.classA.id}`, headers: { cookie } });
    expect(page.json().data.teachers).toContainEqual(expect.objectContaining({ id: newcomer.id, subjects: ['Информатика'] }));

    const list = await ctx.app.inject({ url: `/api/schools/${f.school.id}/invites`, headers: { cookie: f.cookies.admin } });
    expect(list.json().data).toEqual([expect.objectContaining({ id: inv.id, uses: 1, active: true })]);
    expect(list.body).not.toContain(inv.token);
  });

  it('uses the request origin for the link when PUBLIC_URL is not set', async () => {
    const f = await freshSchool(ctx);
    const saved = ctx.deps.config.publicUrl;
    ctx.deps.config.publicUrl = undefined;
    try {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/schools/${f.school.id}/invites`,
        headers: { cookie: f.cookies.admin, host: 'school.example:3000' },
        payload: { role: 'leader' },
      });
      expect(res.json().data.url).toMatch(/^http:\/\/school\.example:3000\/invite\/[\w-]{40,}$/);
    } finally {
      ctx.deps.config.publicUrl = saved;
    }
  });

  it('requires a class for a student link and refuses a class of another school', async () => {
    const f = await freshSchool(ctx);
    const g = await freshSchool(ctx);
    const post = (payload: object) =>
      ctx.app.inject({ method: 'POST', url: `/api/schools/${f.school.id}/invites`, headers: { cookie: f.cookies.admin }, payload });
    expect((await post({ role: 'student' })).json().error.code).toBe('class_required');
    expect((await post({ role: 'student', classId: g.classA.id })).statusCode).toBe(404);
    const list = await ctx.app.inject({ url: `/api/schools/${f.school.id}/invites`, headers: { cookie: f.cookies.admin } });
    expect(list.json().data).toEqual([]);
  });

  it('joins a student into the link’s class; a second accept by a member spends no use', async () => {
    const f = await freshSchool(ctx);
    const { token, inviteId } = await createInviteToken(ctx, f.school.id, f.admin.id, 'student', f.classA.id, { maxUses: 2 });
    const kid = await createUser(ctx);
    const cookie = await signedInCookie(ctx, kid);
    expect((await accept(token, cookie)).statusCode).toBe(200);
    const again = await accept(token, cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_member');
    const [row] = await ctx.deps.db.select().from(invites).where(eq(invites.id, inviteId));
    expect(row?.uses).toBe(1);
    const [m] = await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, kid.id));
    expect(m).toMatchObject({ schoolId: f.school.id, role: 'student', classId: f.classA.id });
  });

  it('refuses expired, revoked and used-up links with invite_invalid and writes nothing', async () => {
    const f = await freshSchool(ctx);
    const person = await createUser(ctx);
    const cookie = await signedInCookie(ctx, person);

    const expiring = await createInviteToken(ctx, f.school.id, f.admin.id, 'leader', null, { expiresInDays: 1 });
    ctx.deps.clock.advance(25 * 3600 * 1000);
    const expired = await accept(expiring.token, cookie);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('invite_invalid');
    expect((await ctx.app.inject({ url: `/api/invites/${expiring.token}` })).json().data.active).toBe(false);

    const revoking = await createInviteToken(ctx, f.school.id, f.admin.id, 'leader', null);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/schools/${f.school.id}/invites/${revoking.inviteId}`,
      headers: { cookie: f.cookies.admin },
    });
    expect(del.json()).toEqual({ ok: true });
    expect((await accept(revoking.token, cookie)).json().error.code).toBe('invite_invalid');

    const once = await createInviteToken(ctx, f.school.id, f.admin.id, 'leader', null, { maxUses: 1 });
    const first = await createUser(ctx);
    expect((await accept(once.token, await signedInCookie(ctx, first))).statusCode).toBe(200);
    expect((await accept(once.token, cookie)).json().error.code).toBe('invite_invalid');

    expect(await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, person.id))).toEqual([]);
    expect((await ctx.app.inject({ url: '/api/invites/no-such-token' })).statusCode).toBe(404);
  });

  it('gives the last use of a link to exactly one of two people pressing at once', async () => {
    const f = await freshSchool(ctx);
    const { token, inviteId } = await createInviteToken(ctx, f.school.id, f.admin.id, 'leader', null, { maxUses: 1 });
    const [p1, p2] = await Promise.all([createUser(ctx), createUser(ctx)]);
    const [c1, c2] = await Promise.all([signedInCookie(ctx, p1), signedInCookie(ctx, p2)]);
    const results = await Promise.all([accept(token, c1), accept(token, c2)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    const [row] = await ctx.deps.db.select().from(invites).where(eq(invites.id, inviteId));
    expect(row?.uses).toBe(1);
  });

  it('asks to sign in before joining', async () => {
    const f = await freshSchool(ctx);
    const { token } = await createInviteToken(ctx, f.school.id, f.admin.id, 'leader', null);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/invites/${token}/accept`, payload: {} });
    expect(res.statusCode).toBe(401);
  });
});
