import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polls, pollVotes } from '../../db/chatSchema.js';
import { articles, newsPosts } from '../../db/contentSchema.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from '../chats/testHelpers.js';
import { insertPoll } from './insertPoll.js';
import { pollOutsideChats, postPoll } from './testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const optionIds = async (cookie: string, pollId: string): Promise<string[]> =>
  (await as(ctx, cookie).get(`/polls/${pollId}`)).body.data.options.map((o: { id: string }) => o.id);
const voteCount = async (pollId: string) => (await ctx.deps.db.select().from(pollVotes).where(eq(pollVotes.pollId, pollId))).length;

describe('polls of published articles', () => {
  it('every member of the school votes; the update goes to the school room with counts only', async () => {
    const f = await freshSchool(ctx);
    const { pollId, articleId } = await pollOutsideChats(ctx, f, { article: 'published' });
    const ids = await optionIds(f.cookies.student, pollId);
    const bus = recordEvents(ctx);

    const voted = await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] });
    expect(voted.status).toBe(200);
    expect(voted.body.data.container).toEqual({ kind: 'article', articleId, schoolId: f.school.id });
    expect(voted.body.data.chatId).toBeNull();
    expect(voted.body.data.messageId).toBeNull();
    expect(voted.body.data.myVotes).toEqual([ids[1]]);
    expect(voted.body.can).toEqual({ vote: true, retract: true, seeVoters: true });
    expect((await as(ctx, f.cookies.admin).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] })).status).toBe(200);

    expect(bus.seen.map((s) => s.room)).toEqual([`school:${f.school.id}`, `school:${f.school.id}`]);
    const last = bus.seen[1]?.event as { type: string; pollId: string; poll: { options: { votes: number }[]; totalVoters: number } };
    expect(last.type).toBe('poll.updated');
    expect(last.pollId).toBe(pollId);
    expect(last.poll.options.map((o) => o.votes)).toEqual([0, 2, 0]);
    expect(last.poll.totalVoters).toBe(2);
    expect(Object.keys(last).sort()).toEqual(['poll', 'pollId', 'type']);

    // Retracting works as in chats, and is published too.
    const back = await as(ctx, f.cookies.student).del(`/polls/${pollId}/votes`);
    expect(back.status).toBe(200);
    expect(back.body.data.options.map((o: { votes: number }) => o.votes)).toEqual([0, 1, 0]);
    expect(bus.seen).toHaveLength(3);
    bus.stop();
  });

  it('another school, an outsider and anonymous get 404/404/401; nothing is written or published', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const { pollId } = await pollOutsideChats(ctx, f, { article: 'published' });
    const ids = await optionIds(f.cookies.teacher, pollId);
    const bus = recordEvents(ctx);
    for (const [who, cookie, status] of [
      ['another school', other.cookies.admin, 404],
      ['another school', other.cookies.student, 404],
      ['anonymous', '', 401],
    ] as const) {
      const c = as(ctx, cookie);
      expect((await c.get(`/polls/${pollId}`)).status, who).toBe(status);
      expect((await c.get(`/polls/${pollId}/voters`)).status, who).toBe(status);
      expect((await c.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status, who).toBe(status);
      expect((await c.del(`/polls/${pollId}/votes`)).status, who).toBe(status);
    }
    expect(await voteCount(pollId)).toBe(0);
    expect(bus.seen).toEqual([]);
    bus.stop();
  });
});

describe('polls of draft articles', () => {
  it('the author and the administration see it, nobody votes; students get 404', async () => {
    const f = await freshSchool(ctx);
    const { pollId, articleId } = await pollOutsideChats(ctx, f, { article: 'draft' });
    const ids = await optionIds(f.cookies.teacher, pollId);
    for (const cookie of [f.cookies.teacher, f.cookies.admin]) {
      const res = await as(ctx, cookie).get(`/polls/${pollId}`);
      expect(res.status).toBe(200);
      expect(res.body.can.vote).toBe(false);
      expect((await as(ctx, cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status).toBe(403);
    }
    const student = as(ctx, f.cookies.student);
    expect((await student.get(`/polls/${pollId}`)).status).toBe(404);
    expect((await student.get(`/polls/${pollId}/voters`)).status).toBe(404);
    expect((await student.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status).toBe(404);
    expect(await voteCount(pollId)).toBe(0);

    // Published: the student may vote.
    await ctx.deps.db.update(articles).set({ status: 'published', publishedAt: new Date() }).where(eq(articles.id, articleId!));
    expect((await student.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status).toBe(200);
  });

  it('another teacher of the school does not see someone else\'s draft poll', async () => {
    const f = await freshSchool(ctx);
    const { pollId } = await pollOutsideChats(ctx, f, { article: 'draft' });
    const teacher = await createUser(ctx);
    await addMember(ctx, f.school, teacher, 'teacher');
    expect((await as(ctx, await signedInCookie(ctx, teacher)).get(`/polls/${pollId}`)).status).toBe(404);
  });
});

describe('polls of news posts', () => {
  it('members vote; noRetract, multiple and the deadline hold as in chats', async () => {
    const f = await freshSchool(ctx);
    const { pollId, postId } = await pollOutsideChats(ctx, f, { news: 'channel' }, { noRetract: true, multiple: true });
    const ids = await optionIds(f.cookies.student, pollId);
    const s = as(ctx, f.cookies.student);
    const voted = await s.post(`/polls/${pollId}/votes`, { optionIds: [ids[0], ids[2]] });
    expect(voted.status).toBe(200);
    expect(voted.body.data.container).toEqual({ kind: 'news', postId, schoolId: f.school.id });
    expect(voted.body.can).toEqual({ vote: false, retract: false, seeVoters: true });
    expect((await s.del(`/polls/${pollId}/votes`)).status).toBe(409);
    expect((await s.post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] })).body.error.code).toBe('poll_vote_final');

    await ctx.deps.db.update(polls).set({ deadline: new Date(ctx.deps.clock.now().getTime() - 1000) }).where(eq(polls.id, pollId));
    const late = await as(ctx, f.cookies.teacher).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('poll_closed');
    expect(await voteCount(pollId)).toBe(2);
  });

  it('a deleted post takes its poll with it: 404 to all', async () => {
    const f = await freshSchool(ctx);
    const { pollId, postId } = await pollOutsideChats(ctx, f, { news: 'community' });
    const ids = await optionIds(f.cookies.student, pollId);
    await ctx.deps.db.update(newsPosts).set({ deletedAt: new Date() }).where(eq(newsPosts.id, postId!));
    for (const cookie of [f.cookies.admin, f.cookies.teacher, f.cookies.student]) {
      expect((await as(ctx, cookie).get(`/polls/${pollId}`)).status).toBe(404);
      expect((await as(ctx, cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status).toBe(404);
    }
    expect(await voteCount(pollId)).toBe(0);
  });
});

describe('containers', () => {
  it('a poll attached nowhere is 404 to everyone, and a chat poll says it lives in its chat', async () => {
    const f = await freshSchool(ctx);
    const input = { question: 'Ничей?', options: ['Да', 'Нет'], color: 'blue', anonymous: false, multiple: false, noRetract: false, deadline: null };
    const loose = await ctx.deps.db.transaction((tx) => insertPoll(tx, f.admin.id, input, { now: new Date() }));
    expect((await as(ctx, f.cookies.admin).get(`/polls/${loose}`)).status).toBe(404);

    const chatId = await classChat(ctx, f);
    const { pollId, message } = await postPoll(ctx, f.cookies.teacher, chatId);
    const res = await as(ctx, f.cookies.student).get(`/polls/${pollId}`);
    expect(res.body.data.container).toEqual({ kind: 'chat', chatId, messageId: message.id });
    expect(res.body.data.chatId).toBe(chatId);
  });

  it('insertPoll refuses a deadline in the past and the transaction writes nothing', async () => {
    const f = await freshSchool(ctx);
    const before = (await ctx.deps.db.select({ id: polls.id }).from(polls).where(eq(polls.authorId, f.teacher.id))).length;
    const input = {
      question: 'Поздно?', options: ['Да', 'Нет'], color: 'blue', anonymous: false, multiple: false, noRetract: false,
      deadline: new Date(Date.now() - 60_000).toISOString(),
    };
    await expect(ctx.deps.db.transaction((tx) => insertPoll(tx, f.teacher.id, input, { now: new Date() }))).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await ctx.deps.db.select({ id: polls.id }).from(polls).where(eq(polls.authorId, f.teacher.id))).length).toBe(before);
  });
});
