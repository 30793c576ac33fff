import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polls } from '../../db/chatSchema.js';
import { newsPostFiles, newsPosts } from '../../db/contentSchema.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { commentsOn, parentAndLeader, post, postsIn, uploadAs } from './testHelpers.js';

let ctx: TestContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-news-'));
  ctx = await createTestContext({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

const feedOf = (cookie: string, schoolId: string, feed: 'channel' | 'community', extra = '') =>
  as(ctx, cookie).get(`/schools/${schoolId}/news?feed=${feed}${extra}`);

describe('the school channel (NEWS-1)', () => {
  it('the administration posts text with a photo; every member reads it, marked new, with its photo viewable; members hear news.posted', async () => {
    const f = await freshSchool(ctx);
    const bus = recordEvents(ctx);
    const photo = await uploadAs(ctx, f.cookies.admin);
    const created = await post(ctx, f.cookies.admin, f.school.id, {
      feed: 'channel', text: '  Завтра линейка в 8:30, подробности: https://school.example/lineyka  ', fileIds: [photo],
    });
    expect(created).toMatchObject({ feed: 'channel', text: 'Завтра линейка в 8:30, подробности: https://school.example/lineyka' });
    expect(created.attachments).toEqual([expect.objectContaining({ id: photo, kind: 'image', name: 'линейка.png' })]);
    expect(bus.inRoom(`school:${f.school.id}`)).toEqual([
      { type: 'news.posted', feed: 'channel', postId: created.id, authorId: f.admin.id },
    ]);
    bus.stop();

    for (const cookie of [f.cookies.student, f.cookies.teacher]) {
      const res = await feedOf(cookie, f.school.id, 'channel');
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0]).toMatchObject({
        id: created.id, author: { id: f.admin.id }, isNew: true, commentCount: 0, deleted: false, can: { delete: false, comment: false },
      });
      expect(res.body.can).toEqual({ post: false, poll: false });
      const file = await ctx.app.inject({ method: 'GET', url: `/api/files/${photo}/preview`, headers: { cookie } });
      expect(file.statusCode).toBe(200);
    }
    // The author's own post is never «new» to them; they may delete it.
    const mine = await feedOf(f.cookies.admin, f.school.id, 'channel');
    expect(mine.body.data[0]).toMatchObject({ isNew: false, can: { delete: true } });
    expect(mine.body.can).toEqual({ post: true, poll: true });
  });

  it('a leader posts in the channel; a student and a teacher are refused with 403 and nothing is written', async () => {
    const f = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    await post(ctx, cookies.leader, f.school.id, { feed: 'channel', text: 'Собрание в пятницу' });
    for (const cookie of [f.cookies.student, f.cookies.teacher, cookies.parent]) {
      const res = await as(ctx, cookie).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Можно я тоже?' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await postsIn(ctx, f.school.id)).toBe(1);
  });

  it('outsiders get 404 and anonymous visitors 401, for reading and for posting, and nothing is written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Только для своих' });
    const outsider = await createUser(ctx);
    const outsiderCookie = await signedInCookie(ctx, outsider);
    for (const cookie of [other.cookies.admin, other.cookies.student, outsiderCookie]) {
      expect((await feedOf(cookie, f.school.id, 'channel')).status).toBe(404);
      expect((await feedOf(cookie, f.school.id, 'community')).status).toBe(404);
      expect((await as(ctx, cookie).get(`/news/${p.id}`)).status).toBe(404);
      expect((await as(ctx, cookie).get(`/schools/${f.school.id}/news/unread`)).status).toBe(404);
      expect((await as(ctx, cookie).post(`/schools/${f.school.id}/news/read`, { feed: 'channel' })).status).toBe(404);
      const res = await as(ctx, cookie).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Чужая новость' });
      expect(res.status).toBe(404);
    }
    expect((await feedOf('', f.school.id, 'channel')).status).toBe(401);
    expect((await as(ctx, '').get(`/news/${p.id}`)).status).toBe(401);
    expect((await as(ctx, '').post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'x' })).status).toBe(401);
    expect((await as(ctx, '').get(`/schools/${f.school.id}/news/unread`)).status).toBe(401);
    expect(await postsIn(ctx, f.school.id)).toBe(1);
    // A post id that does not exist is the same 404.
    expect((await as(ctx, f.cookies.student).get('/news/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('attaches only the poster’s own uploads: another person’s file or an unknown id is refused and nothing is written', async () => {
    const f = await freshSchool(ctx);
    const teachersFile = await uploadAs(ctx, f.cookies.teacher, 'план.txt', 'план урока', 'text/plain');
    for (const fileIds of [[teachersFile], ['00000000-0000-4000-8000-000000000000']]) {
      const res = await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Смотрите', fileIds });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'fileIds', message: 'not_your_file' }] });
    }
    expect(await postsIn(ctx, f.school.id)).toBe(0);
    // The teacher's file is still not readable by the student: nothing shared it.
    const file = await ctx.app.inject({ method: 'GET', url: `/api/files/${teachersFile}`, headers: { cookie: f.cookies.student } });
    expect(file.statusCode).toBe(404);
  });

  it('refuses text over 4000 characters and empty posts with stable codes; a photo alone is a post', async () => {
    const f = await freshSchool(ctx);
    const url = `/schools/${f.school.id}/news`;
    const long = await as(ctx, f.cookies.admin).post(url, { feed: 'channel', text: 'я'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'too_long' }] });
    const empty = await as(ctx, f.cookies.admin).post(url, { feed: 'channel', text: '   \n ' });
    expect(empty.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'empty' }] });
    const badFeed = await as(ctx, f.cookies.admin).post(url, { feed: 'everyone', text: 'x' });
    expect(badFeed.status).toBe(400);
    expect(await postsIn(ctx, f.school.id)).toBe(0);
    await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'я'.repeat(4000) });
    const photo = await uploadAs(ctx, f.cookies.admin);
    const onlyPhoto = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', fileIds: [photo] });
    expect(onlyPhoto.text).toBe('');
  });

  it('has no comments: commenting a channel post is refused and its comment list is empty', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Каникулы с 28 октября' });
    for (const cookie of [f.cookies.admin, f.cookies.student]) {
      const res = await as(ctx, cookie).post(`/news/${p.id}/comments`, { text: 'Ура!' });
      expect(res.status).toBe(403);
    }
    expect(await commentsOn(ctx, p.id)).toBe(0);
    const list = await as(ctx, f.cookies.student).get(`/news/${p.id}/comments`);
    expect(list.body).toEqual({ data: [], hasMore: false, can: { comment: false } });
  });
});

describe('the closed community (NEWS-2)', () => {
  it('a student posts, the teacher comments; everyone in the school reads; members hear news.commented', async () => {
    const f = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const p = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Кто идёт на олимпиаду по математике?' });
    const bus = recordEvents(ctx);
    const c = await as(ctx, f.cookies.teacher).post(`/news/${p.id}/comments`, { text: '  Я подготовлю задания  ' });
    expect(c.status).toBe(201);
    expect(c.body.data).toMatchObject({ postId: p.id, text: 'Я подготовлю задания', author: { id: f.teacher.id }, can: { delete: true } });
    expect(bus.inRoom(`school:${f.school.id}`)).toEqual([{ type: 'news.commented', feed: 'community', postId: p.id, commentId: c.body.data.id }]);
    bus.stop();

    for (const cookie of [f.cookies.admin, f.cookies.teacher, cookies.parent, cookies.leader]) {
      const feed = await feedOf(cookie, f.school.id, 'community');
      expect(feed.status).toBe(200);
      expect(feed.body.data[0]).toMatchObject({ id: p.id, commentCount: 1, author: { id: f.student.id } });
      const comments = await as(ctx, cookie).get(`/news/${p.id}/comments`);
      expect(comments.body.data.map((x: { text: string }) => x.text)).toEqual(['Я подготовлю задания']);
    }
    const permalink = await as(ctx, cookies.parent).get(`/news/${p.id}`);
    expect(permalink.body.data).toMatchObject({ id: p.id, feed: 'community', text: 'Кто идёт на олимпиаду по математике?' });
  });

  it('parents read the community but may not post or comment: 403 and nothing written', async () => {
    const f = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Фото с экскурсии' });
    const feed = await feedOf(cookies.parent, f.school.id, 'community');
    expect(feed.body.can).toEqual({ post: false, poll: false });
    expect(feed.body.data[0].can).toEqual({ delete: false, edit: false, comment: false });
    const res = await as(ctx, cookies.parent).post(`/schools/${f.school.id}/news`, { feed: 'community', text: 'Родительское мнение' });
    expect(res.status).toBe(403);
    const comment = await as(ctx, cookies.parent).post(`/news/${p.id}/comments`, { text: 'Спасибо!' });
    expect(comment.status).toBe(403);
    expect(await postsIn(ctx, f.school.id)).toBe(1);
    expect(await commentsOn(ctx, p.id)).toBe(0);
    expect((await as(ctx, cookies.parent).get(`/news/${p.id}/comments`)).body.can).toEqual({ comment: false });
  });

  it('another school’s members cannot read, comment or delete: 404 and nothing written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Наш класс лучший' });
    const c = await as(ctx, f.cookies.teacher).post(`/news/${p.id}/comments`, { text: 'Согласна' });
    for (const cookie of [other.cookies.admin, other.cookies.student]) {
      expect((await as(ctx, cookie).get(`/news/${p.id}/comments`)).status).toBe(404);
      expect((await as(ctx, cookie).post(`/news/${p.id}/comments`, { text: 'А мы?' })).status).toBe(404);
      expect((await as(ctx, cookie).del(`/news/${p.id}`)).status).toBe(404);
      expect((await as(ctx, cookie).del(`/news/comments/${c.body.data.id}`)).status).toBe(404);
    }
    expect((await as(ctx, '').del(`/news/${p.id}`)).status).toBe(401);
    expect((await as(ctx, '').get(`/news/${p.id}/comments`)).status).toBe(401);
    expect(await commentsOn(ctx, p.id)).toBe(1);
    const [row] = await ctx.deps.db.select({ deletedAt: newsPosts.deletedAt }).from(newsPosts).where(eq(newsPosts.id, p.id));
    expect(row?.deletedAt).toBeNull();
  });

  it('comments: empty or over 2000 characters refused; none under a deleted post', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Вопрос' });
    const empty = await as(ctx, f.cookies.teacher).post(`/news/${p.id}/comments`, { text: '  ' });
    expect(empty.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'empty' }] });
    const long = await as(ctx, f.cookies.teacher).post(`/news/${p.id}/comments`, { text: 'ж'.repeat(2001) });
    expect(long.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'too_long' }] });
    expect((await as(ctx, f.cookies.student).del(`/news/${p.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).post(`/news/${p.id}/comments`, { text: 'Поздно' })).status).toBe(404);
    expect(await commentsOn(ctx, p.id)).toBe(0);
  });
});

describe('deleting posts and comments', () => {
  it('the author deletes their post: it leaves the feed, its page says deleted, its photo is no longer shared; members hear news.deleted', async () => {
    const f = await freshSchool(ctx);
    const photo = await uploadAs(ctx, f.cookies.student);
    const p = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Мой рисунок', fileIds: [photo] });
    const fileAsTeacher = () => ctx.app.inject({ method: 'GET', url: `/api/files/${photo}`, headers: { cookie: f.cookies.teacher } });
    expect((await fileAsTeacher()).statusCode).toBe(200);
    const bus = recordEvents(ctx);
    expect((await as(ctx, f.cookies.student).del(`/news/${p.id}`)).status).toBe(200);
    expect(bus.inRoom(`school:${f.school.id}`)).toEqual([{ type: 'news.deleted', feed: 'community', postId: p.id }]);
    bus.stop();
    expect((await feedOf(f.cookies.teacher, f.school.id, 'community')).body.data).toEqual([]);
    const page = await as(ctx, f.cookies.teacher).get(`/news/${p.id}`);
    expect(page.body.data).toMatchObject({ id: p.id, deleted: true, text: '', attachments: [], can: { delete: false, comment: false } });
    expect((await fileAsTeacher()).statusCode).toBe(404);
    expect(await ctx.deps.db.select().from(newsPostFiles).where(eq(newsPostFiles.postId, p.id))).toEqual([]);
  });

  it('others may not delete a post (403, nothing changed); the administration may', async () => {
    const f = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const byTeacher = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Кружок робототехники' });
    const byAdmin = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Приказ о каникулах' });
    for (const cookie of [f.cookies.student, cookies.parent]) {
      expect((await as(ctx, cookie).del(`/news/${byTeacher.id}`)).status).toBe(403);
      expect((await as(ctx, cookie).del(`/news/${byAdmin.id}`)).status).toBe(403);
    }
    expect((await as(ctx, f.cookies.teacher).del(`/news/${byAdmin.id}`)).status).toBe(403);
    expect((await feedOf(f.cookies.student, f.school.id, 'community')).body.data).toHaveLength(1);
    expect((await feedOf(f.cookies.student, f.school.id, 'channel')).body.data).toHaveLength(1);
    expect((await as(ctx, f.cookies.admin).del(`/news/${byTeacher.id}`)).status).toBe(200);
    expect((await as(ctx, cookies.leader).del(`/news/${byAdmin.id}`)).status).toBe(200);
    expect((await feedOf(f.cookies.student, f.school.id, 'community')).body.data).toEqual([]);
    expect((await feedOf(f.cookies.student, f.school.id, 'channel')).body.data).toEqual([]);
  });

  it('a comment is deleted by its author or the administration, not by others; it stays as deleted', async () => {
    const f = await freshSchool(ctx);
    const student2 = await createUser(ctx);
    await addMember(ctx, f.school, student2, 'student', { classId: f.classA.id });
    const cookie2 = await signedInCookie(ctx, student2);
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Идеи для праздника?' });
    const a = (await as(ctx, f.cookies.student).post(`/news/${p.id}/comments`, { text: 'Квест' })).body.data;
    const b = (await as(ctx, cookie2).post(`/news/${p.id}/comments`, { text: 'Концерт' })).body.data;
    expect((await as(ctx, cookie2).del(`/news/comments/${a.id}`)).status).toBe(403);
    expect((await as(ctx, f.cookies.teacher).del(`/news/comments/${a.id}`)).status).toBe(403);
    const bus = recordEvents(ctx);
    expect((await as(ctx, f.cookies.student).del(`/news/comments/${a.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.admin).del(`/news/comments/${b.id}`)).status).toBe(200);
    expect(bus.inRoom(`school:${f.school.id}`).map((e) => e.type)).toEqual(['news.commentDeleted', 'news.commentDeleted']);
    bus.stop();
    const list = (await as(ctx, cookie2).get(`/news/${p.id}/comments`)).body.data;
    expect(list.map((c: { deleted: boolean; text: string }) => [c.deleted, c.text])).toEqual([[true, ''], [true, '']]);
    expect((await feedOf(cookie2, f.school.id, 'community')).body.data[0].commentCount).toBe(0);
  });
});

describe('unread marks', () => {
  it('counts posts newer than my mark per feed, never my own; reading moves the mark to the newest post shown, never back', async () => {
    const f = await freshSchool(ctx);
    const unread = async (cookie: string) => (await as(ctx, cookie).get(`/schools/${f.school.id}/news/unread`)).body.data;
    expect(await unread(f.cookies.student)).toEqual({ channel: 0, community: 0 });
    const first = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Первая' });
    const second = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Вторая' });
    await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Сообщество' });
    expect(await unread(f.cookies.student)).toEqual({ channel: 2, community: 1 });
    expect(await unread(f.cookies.admin)).toEqual({ channel: 0, community: 1 });
    expect(await unread(f.cookies.teacher)).toEqual({ channel: 2, community: 0 });

    const read = await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news/read`, { feed: 'channel', postId: first.id });
    expect(read.body.data).toEqual({ channel: 1, community: 1 });
    const feed = await feedOf(f.cookies.student, f.school.id, 'channel');
    expect(feed.body.data.map((p: { id: string; isNew: boolean }) => [p.id, p.isNew])).toEqual([[second.id, true], [first.id, false]]);
    await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news/read`, { feed: 'channel', postId: second.id });
    expect(await unread(f.cookies.student)).toEqual({ channel: 0, community: 1 });
    // An older tab reporting an older post does not bring old posts back.
    await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news/read`, { feed: 'channel', postId: first.id });
    expect(await unread(f.cookies.student)).toEqual({ channel: 0, community: 1 });
    // A post from another feed or school moves nothing.
    const other = await freshSchool(ctx);
    const foreign = await post(ctx, other.cookies.admin, other.school.id, { feed: 'community', text: 'Чужое' });
    await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news/read`, { feed: 'community', postId: foreign.id });
    expect(await unread(f.cookies.student)).toEqual({ channel: 0, community: 1 });
    await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news/read`, { feed: 'community' });
    expect(await unread(f.cookies.student)).toEqual({ channel: 0, community: 0 });

    const third = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Третья' });
    expect(await unread(f.cookies.student)).toEqual({ channel: 1, community: 0 });
    // A deleted post is no longer unread.
    await as(ctx, f.cookies.admin).del(`/news/${third.id}`);
    expect(await unread(f.cookies.student)).toEqual({ channel: 0, community: 0 });
  });

  it('a newcomer is not greeted by old posts as new: before the first visit the mark is when they joined', async () => {
    const f = await freshSchool(ctx);
    await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Старая новость' });
    const newcomer = await createUser(ctx);
    await addMember(ctx, f.school, newcomer, 'student', { classId: f.classA.id });
    const cookie = await signedInCookie(ctx, newcomer);
    expect((await as(ctx, cookie).get(`/schools/${f.school.id}/news/unread`)).body.data).toEqual({ channel: 0, community: 0 });
    await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Новая новость' });
    expect((await as(ctx, cookie).get(`/schools/${f.school.id}/news/unread`)).body.data).toEqual({ channel: 1, community: 0 });
  });
});

describe('keyset paging', () => {
  it('pages newest first on (created_at, id) without gaps or repeats, even among posts of the same moment', async () => {
    const f = await freshSchool(ctx);
    const base = Date.parse('2026-09-01T08:00:00Z');
    // 25 posts, five at each of five moments: the id breaks the ties.
    const rows = await ctx.deps.db
      .insert(newsPosts)
      .values(Array.from({ length: 25 }, (_, i) => ({
        schoolId: f.school.id, feed: 'channel' as const, authorId: f.admin.id, text: `Новость ${i}`, createdAt: new Date(base + Math.floor(i / 5) * 60_000),
      })))
      .returning({ id: newsPosts.id, createdAt: newsPosts.createdAt });
    // A community post in between must not appear in the channel.
    await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Не в канале' });
    const expected = [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    const seen: string[] = [];
    let before = '';
    const pages: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await feedOf(f.cookies.student, f.school.id, 'channel', `&limit=10${before ? `&before=${before}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((p: { id: string }) => p.id));
      pages.push(res.body.hasMore);
      if (!res.body.hasMore) break;
      before = res.body.data.at(-1).id;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(expected);
    // A cursor from another school's feed selects nothing.
    const other = await freshSchool(ctx);
    const foreign = await post(ctx, other.cookies.admin, other.school.id, { feed: 'channel', text: 'Чужая' });
    const res = await feedOf(f.cookies.student, f.school.id, 'channel', `&before=${foreign.id}`);
    expect(res.body).toMatchObject({ data: [], hasMore: false });
    expect((await feedOf(f.cookies.student, f.school.id, 'channel', '&limit=500')).status).toBe(400);
  });
});

describe('polls in posts', () => {
  const poll = { question: 'Во сколько начать собрание?', options: ['17:00', '18:00', '19:00'] };
  const pollsBy = (authorId: string) => ctx.deps.db.select({ id: polls.id }).from(polls).where(eq(polls.authorId, authorId));

  it('the administration posts a poll in the channel; a student votes; everyone sees the count and the school hears poll.updated', async () => {
    const f = await freshSchool(ctx);
    const created = (await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Родительское собрание', poll })).body.data;
    expect(created.poll).toMatchObject({ question: poll.question, totalVoters: 0, anonymous: false });
    expect(created.poll.options.map((o: { text: string }) => o.text)).toEqual(poll.options);
    const pollId = created.poll.id as string;
    const bus = recordEvents(ctx);
    const vote = await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [created.poll.options[1].id] });
    expect(vote.status).toBe(200);
    expect(bus.inRoom(`school:${f.school.id}`)).toEqual([
      expect.objectContaining({ type: 'poll.updated', pollId, poll: expect.objectContaining({ totalVoters: 1 }) }),
    ]);
    bus.stop();
    const asAdmin = await as(ctx, f.cookies.admin).get(`/polls/${pollId}`);
    expect(asAdmin.body.data).toMatchObject({ totalVoters: 1, container: { kind: 'news', postId: created.id, schoolId: f.school.id } });
    const feed = await feedOf(f.cookies.teacher, f.school.id, 'channel');
    expect(feed.body.data[0].poll.options.map((o: { votes: number }) => o.votes)).toEqual([0, 1, 0]);
    // Another school's members cannot see or vote.
    const other = await freshSchool(ctx);
    expect((await as(ctx, other.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [created.poll.options[0].id] })).status).toBe(404);
  });

  it('a post with only a poll is a post; in the community teachers may attach polls, students may not (403, nothing written)', async () => {
    const f = await freshSchool(ctx);
    const onlyPoll = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', poll });
    expect(onlyPoll.text).toBe('');
    const res = await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/news`, { feed: 'community', text: 'Кто самый…', poll });
    expect(res.status).toBe(403);
    expect(await pollsBy(f.student.id)).toEqual([]);
    expect(await postsIn(ctx, f.school.id)).toBe(1);
  });

  it('a poll refused by the polls module (deadline past, one option) writes neither the poll nor the post', async () => {
    const f = await freshSchool(ctx);
    const url = `/schools/${f.school.id}/news`;
    const past = new Date(ctx.deps.clock.now().getTime() - 60_000).toISOString();
    const late = await as(ctx, f.cookies.admin).post(url, { feed: 'channel', text: 'Опрос', poll: { ...poll, deadline: past } });
    expect(late.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'deadline', message: 'deadline_in_past' }] });
    const single = await as(ctx, f.cookies.admin).post(url, { feed: 'channel', text: 'Опрос', poll: { question: 'Да?', options: ['Да'] } });
    expect(single.status).toBe(400);
    expect(await postsIn(ctx, f.school.id)).toBe(0);
    expect(await pollsBy(f.admin.id)).toEqual([]);
  });

  it('deleting the post deletes its poll: voting answers 404', async () => {
    const f = await freshSchool(ctx);
    const created = (await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Опрос', poll })).body.data;
    expect((await as(ctx, f.cookies.admin).del(`/news/${created.id}`)).status).toBe(200);
    const vote = await as(ctx, f.cookies.student).post(`/polls/${created.poll.id}/votes`, { optionIds: [created.poll.options[0].id] });
    expect(vote.status).toBe(404);
    expect(await pollsBy(f.admin.id)).toEqual([]);
  });
});
