import { count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { newsComments, newsPosts } from '../../db/contentSchema.js';
import { addMember, createUser, type SchoolFixture, signedInCookie } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { multipartFile } from '../files/testHelpers.js';

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(48, 7),
]);

/** Uploads a file as this person (POST /api/files) and returns its id. */
export async function uploadAs(ctx: TestContext, cookie: string, filename = 'линейка.png', content: Buffer | string = PNG, type = 'image/png'): Promise<string> {
  const { payload, headers } = multipartFile(filename, content, type);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie }, payload });
  expect(res.statusCode).toBe(201);
  return res.json().data.id as string;
}

/** Posts in a feed and expects 201; returns the post. */
export async function post(ctx: TestContext, cookie: string, schoolId: string, body: Record<string, unknown>) {
  const res = await as(ctx, cookie).post(`/schools/${schoolId}/news`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; feed: string; text: string; attachments: { id: string; kind: string }[] };
}

/** Posts and comments of one school, straight from the tables: what a refused request must not have written. */
export async function postsIn(ctx: TestContext, schoolId: string): Promise<number> {
  const [row] = await ctx.deps.db.select({ n: count() }).from(newsPosts).where(eq(newsPosts.schoolId, schoolId));
  return row?.n ?? 0;
}

export async function commentsOn(ctx: TestContext, postId: string): Promise<number> {
  const [row] = await ctx.deps.db.select({ n: count() }).from(newsComments).where(eq(newsComments.postId, postId));
  return row?.n ?? 0;
}

/** A parent and a leader added to the fixture's school, signed in. */
export async function parentAndLeader(ctx: TestContext, f: SchoolFixture) {
  const [parent, leader] = await Promise.all([createUser(ctx), createUser(ctx)]);
  await addMember(ctx, f.school, parent, 'parent', { classId: f.classA.id });
  await addMember(ctx, f.school, leader, 'leader', { title: 'Директор' });
  return {
    parent,
    leader,
    cookies: { parent: await signedInCookie(ctx, parent), leader: await signedInCookie(ctx, leader) },
  };
}
