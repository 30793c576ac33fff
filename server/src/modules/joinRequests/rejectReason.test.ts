import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRequests } from '../../db/schema.js';
import { createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';

/** ORG-4 «Отклонить»: the administration may say why; the applicant sees the outcome with the reason. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function pendingRequest() {
  const f = await freshSchool(ctx);
  const applicant = await createUser(ctx, { firstName: 'Вера', lastName: 'Заявкина' });
  const cookie = await signedInCookie(ctx, applicant);
  const sent = await as(ctx, cookie).post('/join-requests', { schoolId: f.school.id, role: 'student', classIds: [f.classA.id] });
  expect(sent.status).toBe(201);
  return { f, applicant, cookie, requestId: sent.body.data.id as string };
}

const REASON = 'В 7А нет ученицы с такой фамилией. Уточните класс у классного руководителя.';

describe('rejecting a join request with a reason', () => {
  it('the reason is stored and shown to the applicant with the outcome; other applicants do not see it', async () => {
    const { f, cookie, requestId } = await pendingRequest();
    const other = await pendingRequest();
    const res = await as(ctx, f.cookies.admin).post(`/join-requests/${requestId}/reject`, { reason: `  ${REASON}  ` });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: requestId, status: 'rejected', rejectReason: REASON });

    const mine = await as(ctx, cookie).get('/me/join-requests');
    expect(mine.body.data).toEqual([expect.objectContaining({ id: requestId, status: 'rejected', rejectReason: REASON })]);
    const theirs = await as(ctx, other.cookie).get('/me/join-requests');
    expect(theirs.body.data.map((r: { id: string }) => r.id)).toEqual([other.requestId]);
    expect(JSON.stringify(theirs.body)).not.toContain(REASON);
    // The administration, who wrote it, sees it in «Отклонённые».
    const rejected = await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/join-requests?status=rejected`);
    expect(rejected.body.data).toEqual([expect.objectContaining({ id: requestId, rejectReason: REASON })]);
    // A teacher of the school reviews no requests: neither the list nor the reason.
    const byTeacher = await as(ctx, f.cookies.teacher).get(`/schools/${f.school.id}/join-requests?status=rejected`);
    expect(byTeacher.status).toBe(403);
    expect(JSON.stringify(byTeacher.body)).not.toContain(REASON);
  });

  it('without a reason (no body, or only spaces) the outcome comes with none', async () => {
    const first = await pendingRequest();
    const plain = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${first.requestId}/reject`, headers: { cookie: first.f.cookies.admin } });
    expect(plain.statusCode).toBe(200);
    expect(plain.json().data).toMatchObject({ status: 'rejected', rejectReason: null });
    const second = await pendingRequest();
    const blank = await as(ctx, second.f.cookies.admin).post(`/join-requests/${second.requestId}/reject`, { reason: '   ' });
    expect(blank.body.data).toMatchObject({ status: 'rejected', rejectReason: null });
  });

  it('a reason over 500 characters is refused (400) and the request stays pending; only the administration rejects', async () => {
    const { f, requestId } = await pendingRequest();
    const long = await as(ctx, f.cookies.admin).post(`/join-requests/${requestId}/reject`, { reason: 'я'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('invalid_input');
    const byTeacher = await as(ctx, f.cookies.teacher).post(`/join-requests/${requestId}/reject`, { reason: 'Нет' });
    expect(byTeacher.status).toBe(403);
    const outsider = await as(ctx, (await freshSchool(ctx)).cookies.admin).post(`/join-requests/${requestId}/reject`, { reason: 'Нет' });
    expect(outsider.status).toBe(404);
    const [row] = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.id, requestId));
    expect(row).toMatchObject({ status: 'pending', rejectReason: null, decidedAt: null });
    // Exactly 500 is taken.
    const ok = await as(ctx, f.cookies.admin).post(`/join-requests/${requestId}/reject`, { reason: 'я'.repeat(500) });
    expect(ok.status).toBe(200);
    expect(ok.body.data.rejectReason).toHaveLength(500);
  });
});
