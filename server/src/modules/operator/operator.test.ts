import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, schools } from '../../db/schema.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';

describe('platform operator', () => {
  let ctx: TestContext;
  let operator: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    operator = await signedInCookie(ctx, await createUser(ctx, { isOperator: true }));
  });
  afterAll(() => ctx.close());

  const create = (payload: object) => ctx.app.inject({ method: 'POST', url: '/api/operator/schools', headers: { cookie: operator }, payload });

  it('creates a school and appoints an existing account as its administrator at once', async () => {
    const head = await createUser(ctx);
    const res = await create({ name: 'Лицей №2', country: 'Россия', city: 'Казань', address: 'ул. Баумана, 3', adminPhone: head.phone });
    expect(res.statusCode).toBe(201);
    const { schoolId, adminAppointed, inviteUrl } = res.json().data;
    expect(adminAppointed).toBe(true);
    expect(inviteUrl).toBeNull();
    const page = await ctx.app.inject({ url: `/api/schools/${schoolId}`, headers: { cookie: await signedInCookie(ctx, head) } });
    expect(page.json().data).toMatchObject({ name: 'Лицей №2', address: 'ул. Баумана, 3', myRoles: ['admin'] });
    expect(page.json().can.invite).toBe(true);
    // The operator is not a member: the school's inside is not theirs to see.
    expect((await ctx.app.inject({ url: `/api/schools/${schoolId}`, headers: { cookie: operator } })).statusCode).toBe(404);
  });

  it('returns a one-use admin link for a phone with no account; the person who opens it becomes administrator', async () => {
    const res = await create({ name: 'Школа №3', country: 'Россия', city: 'Тверь', adminPhone: '8 (912) 345-67-01' });
    const { schoolId, adminAppointed, inviteUrl } = res.json().data;
    expect(adminAppointed).toBe(false);
    expect(inviteUrl).toMatch(/^http:\/\/parta\.test\/invite\/[\w-]+$/);
    const token = (inviteUrl as string).split('/').pop() as string;
    const preview = await ctx.app.inject({ url: `/api/invites/${token}` });
    expect(preview.json().data).toMatchObject({ schoolId, role: 'admin', active: true });
    const newcomer = await createUser(ctx);
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: `/api/invites/${token}/accept`,
      headers: { cookie: await signedInCookie(ctx, newcomer) },
      payload: {},
    });
    expect(accepted.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: `/api/invites/${token}` })).json().data.active).toBe(false);

    const list = (await ctx.app.inject({ url: '/api/operator/schools', headers: { cookie: operator } })).json().data;
    expect(list).toContainEqual({ id: schoolId, name: 'Школа №3', country: 'Россия', city: 'Тверь', address: null, participantCount: 1, adminCount: 1 });
  });

  it('appoints another administrator of an existing school, and counts people once', async () => {
    const f = await freshSchool(ctx);
    await addMember(ctx, f.school, f.teacher, 'leader', { title: 'Директор' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/operator/schools/${f.school.id}/admins`,
      headers: { cookie: operator },
      payload: { phone: f.teacher.phone },
    });
    expect(res.json().data).toEqual({ schoolId: f.school.id, adminAppointed: true, inviteUrl: null });
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/operator/schools/${f.school.id}/admins`,
      headers: { cookie: operator },
      payload: { phone: f.teacher.phone },
    });
    expect(again.json().error.code).toBe('already_member');
    const list = (await ctx.app.inject({ url: '/api/operator/schools', headers: { cookie: operator } })).json().data;
    expect(list.find((s: { id: string }) => s.id === f.school.id)).toMatchObject({ participantCount: 3, adminCount: 2 });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/operator/schools/00000000-0000-4000-8000-000000000000/admins',
      headers: { cookie: operator },
      payload: { phone: f.teacher.phone },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses bad input before writing anything', async () => {
    const before = (await ctx.deps.db.select({ id: schools.id }).from(schools)).length;
    const res = await create({ name: 'Школа без телефона', country: 'Россия', city: 'Тверь', adminPhone: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_phone');
    expect((await ctx.deps.db.select({ id: schools.id }).from(schools)).length).toBe(before);
    // A teacher is not the operator: the area is not there for them.
    const f = await freshSchool(ctx);
    const denied = await ctx.app.inject({
      method: 'POST',
      url: '/api/operator/schools',
      headers: { cookie: f.cookies.admin },
      payload: { name: 'Школа', country: 'Россия', city: 'Тверь', adminPhone: f.admin.phone },
    });
    expect(denied.statusCode).toBe(404);
    expect(await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, f.admin.id))).toHaveLength(1);
  });
});
