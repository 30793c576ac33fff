import { count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { articles } from '../../db/contentSchema.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { multipartFile } from '../files/testHelpers.js';

/** The first bytes of a PNG: enough for the upload's content sniffing to call it an image. */
export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(48, 7),
]);

/** Uploads a file as this person (POST /api/files) and returns its id. */
export async function upload(ctx: TestContext, cookie: string, filename = 'обложка.png', content: Buffer | string = PNG, type = 'image/png'): Promise<string> {
  const { payload, headers } = multipartFile(filename, content, type);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data.id as string;
}

/** Writes a draft through the API and expects 201. */
export async function draft(ctx: TestContext, cookie: string, schoolId: string, body: Record<string, unknown> = {}) {
  const res = await as(ctx, cookie).post(`/schools/${schoolId}/articles`, {
    title: 'Как готовиться к ОГЭ по математике',
    bodyHtml: '<p>Разбираем <strong>типовые задания</strong> и уроки прошлых лет.</p>',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; status: string; bodyHtml: string; title: string };
}

/** Writes and publishes; returns the article's id. */
export async function published(ctx: TestContext, cookie: string, schoolId: string, body: Record<string, unknown> = {}): Promise<string> {
  const a = await draft(ctx, cookie, schoolId, body);
  const res = await as(ctx, cookie).post(`/articles/${a.id}/publish`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return a.id;
}

export async function articleCount(ctx: TestContext, schoolId: string): Promise<number> {
  const [r] = await ctx.deps.db.select({ n: count() }).from(articles).where(eq(articles.schoolId, schoolId));
  return Number(r?.n ?? 0);
}

/** The stored row, straight from the table. */
export async function storedArticle(ctx: TestContext, articleId: string) {
  const [r] = await ctx.deps.db
    .select({ title: articles.title, bodyHtml: articles.bodyHtml, bodyText: articles.bodyText, status: articles.status, coverFileId: articles.coverFileId })
    .from(articles)
    .where(eq(articles.id, articleId));
  return r ?? null;
}
