import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { joinRequests, parentLinks } from '../../db/schema.js';
import { createInviteToken, createUser, type SchoolFixture, signedInCookie, type UserRow } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';

/**
 * A parent linked the way people are: they accept a parent's invitation to `classId` for `children` and the school's
 * administrator approves. Pass `person` to link a second child (same or another school) to the same parent.
 */
export async function linkedParent(
  ctx: TestContext,
  f: SchoolFixture,
  classId: string,
  children: UserRow[],
  person?: { user: UserRow; cookie: string },
): Promise<{ user: UserRow; cookie: string; linkIds: string[] }> {
  const user = person?.user ?? (await createUser(ctx));
  const cookie = person?.cookie ?? (await signedInCookie(ctx, user));
  const { token } = await createInviteToken(ctx, f.school.id, f.admin.id, 'parent', classId);
  const asked = await ctx.app.inject({
    method: 'POST', url: `/api/invites/${token}/accept`, headers: { cookie }, payload: { childIds: children.map((c) => c.id) },
  });
  expect(asked.statusCode, asked.body).toBe(200);
  const requests = await ctx.deps.db.select().from(joinRequests).where(eq(joinRequests.userId, user.id));
  const req = requests.find((r) => r.schoolId === f.school.id && r.status === 'pending');
  const approved = await ctx.app.inject({ method: 'POST', url: `/api/join-requests/${req!.id}/approve`, headers: { cookie: f.cookies.admin } });
  expect(approved.statusCode, approved.body).toBe(200);
  const links = await ctx.deps.db.select({ id: parentLinks.id }).from(parentLinks).where(eq(parentLinks.parentId, user.id));
  return { user, cookie, linkIds: links.map((l) => l.id) };
}
