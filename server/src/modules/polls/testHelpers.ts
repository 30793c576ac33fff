import { createPollRequest } from '@parta/contracts';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { messages } from '../../db/chatSchema.js';
import { articlePolls, articles, newsPosts } from '../../db/contentSchema.js';
import { addMember, createUser, type SchoolFixture, signedInCookie, type UserRow } from '../../test/factories.js';
import type { TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { insertPoll } from './insertPoll.js';

export interface PollBody {
  question?: string;
  options?: string[];
  color?: string;
  anonymous?: boolean;
  multiple?: boolean;
  noRetract?: boolean;
  deadline?: string | null;
}

/** Posts a poll through the API and returns its message and the poll's id. */
export async function postPoll(ctx: TestContext, cookie: string, chatId: string, body: PollBody = {}) {
  const res = await as(ctx, cookie).post(`/chats/${chatId}/polls`, {
    question: 'Куда поедем на экскурсию?',
    options: ['Музей', 'Театр', 'Зоопарк'],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const [row] = await ctx.deps.db.select({ pollId: messages.pollId }).from(messages).where(eq(messages.id, res.body.data.id));
  if (!row?.pollId) throw new Error('the poll message carries no poll');
  return { message: res.body.data, pollId: row.pollId };
}

/** More students of 7А, signed in. */
export async function moreStudents(ctx: TestContext, f: SchoolFixture, n: number): Promise<{ user: UserRow; cookie: string }[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const user = await createUser(ctx);
      await addMember(ctx, f.school, user, 'student', { classId: f.classA.id });
      return { user, cookie: await signedInCookie(ctx, user) };
    }),
  );
}

/** A group chat made by the teacher with these members. */
export async function groupChat(ctx: TestContext, f: SchoolFixture, memberIds: string[]): Promise<string> {
  const res = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'Кружок робототехники', memberIds });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}

/**
 * A poll outside chats written straight through `insertPoll`, the way the articles and news modules
 * attach one: to an article (draft or published) of the fixture's school, or to a news post.
 */
export async function pollOutsideChats(
  ctx: TestContext,
  f: SchoolFixture,
  where: { article: 'draft' | 'published' } | { news: 'channel' | 'community' },
  body: PollBody = {},
): Promise<{ pollId: string; articleId?: string; postId?: string }> {
  const input = createPollRequest.parse({ question: 'Какой кружок открыть?', options: ['Шахматы', 'Робототехника', 'Театр'], ...body });
  return ctx.deps.db.transaction(async (tx) => {
    const pollId = await insertPoll(tx, f.teacher.id, input, { now: new Date() });
    if ('article' in where) {
      const [article] = await tx
        .insert(articles)
        .values({
          schoolId: f.school.id,
          authorId: f.teacher.id,
          title: 'Кружки',
          status: where.article,
          publishedAt: where.article === 'published' ? new Date() : null,
        })
        .returning({ id: articles.id });
      if (!article) throw new Error('no article');
      await tx.insert(articlePolls).values({ articleId: article.id, pollId });
      return { pollId, articleId: article.id };
    }
    const [post] = await tx
      .insert(newsPosts)
      .values({ schoolId: f.school.id, feed: where.news, authorId: f.admin.id, text: 'Голосуем!', pollId })
      .returning({ id: newsPosts.id });
    if (!post) throw new Error('no post');
    return { pollId, postId: post.id };
  });
}
