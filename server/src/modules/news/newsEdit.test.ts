import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsComments, newsPosts } from '../../db/contentSchema.js';
import { addMember, createUser, freshSchool, type SchoolFixture, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { parentAndLeader, post, uploadAs } from './testHelpers.js';

let ctx: TestContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-news-edit-'));
  ctx = await createTestContext({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

const storedPost = async (id: string) => (await ctx.deps.db.select().from(newsPosts).where(eq(newsPosts.id, id)))[0];
const storedComment = async (id: string) => (await ctx.deps.db.select().from(newsComments).where(eq(newsComments.id, id)))[0];
const comment = async (cookie: string, postId: string, text: string) => {
  const res = await as(ctx, cookie).post(`/news/${postId}/comments`, { text });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as { id: string; text: string };
};

/** A second student of 7А, signed in. */
async function classmate(f: SchoolFixture) {
  const user = await createUser(ctx);
  await addMember(ctx, f.school, user, 'student', { classId: f.classA.id });
  return { user, cookie: await signedInCookie(ctx, user) };
}

describe('editing a post', () => {
  it('the author edits the text: everyone reads the new text marked edited, and the school hears news.updated only after commit', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Завтра идём в музей' });
    const first = await as(ctx, f.cookies.teacher).get(`/news/${p.id}`);
    expect(first.body.data).toMatchObject({ editedAt: null, can: { edit: false } });
    expect((await as(ctx, f.cookies.student).get(`/news/${p.id}`)).body.data.can.edit).toBe(true);

    // Counts the transactions still open when the event is heard: an event inside one could reach a
    // socket before the text it announces is there.
    const db = ctx.deps.db;
    const original = db.transaction.bind(db);
    let open = 0;
    db.transaction = (async (...args: Parameters<typeof original>) => {
      open += 1;
      try {
        return await original(...args);
      } finally {
        open -= 1;
      }
    }) as typeof db.transaction;
    const openAtEvent: number[] = [];
    const stopWatch = ctx.deps.events.subscribe(() => openAtEvent.push(open));
    const bus = recordEvents(ctx);
    ctx.deps.clock.advance(60_000);
    const res = await as(ctx, f.cookies.student).patch(`/news/${p.id}`, { text: '  Завтра идём в зоопарк, сбор в 9:00  ' });
    db.transaction = original;
    stopWatch();
    bus.stop();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ text: 'Завтра идём в зоопарк, сбор в 9:00', editedAt: ctx.deps.clock.now().toISOString() });
    expect(bus.seen).toEqual([{ room: `school:${f.school.id}`, event: { type: 'news.updated', feed: 'community', postId: p.id } }]);
    expect(openAtEvent).toEqual([0]);

    for (const cookie of [f.cookies.teacher, f.cookies.admin]) {
      const feed = await as(ctx, cookie).get(`/schools/${f.school.id}/news?feed=community`);
      expect(feed.body.data[0]).toMatchObject({ id: p.id, text: 'Завтра идём в зоопарк, сбор в 9:00', editedAt: expect.any(String) });
    }
    // The same text again is no edit: no new time, no event.
    const bus2 = recordEvents(ctx);
    ctx.deps.clock.advance(60_000);
    const again = await as(ctx, f.cookies.student).patch(`/news/${p.id}`, { text: 'Завтра идём в зоопарк, сбор в 9:00' });
    bus2.stop();
    expect(again.body.data.editedAt).toBe(res.body.data.editedAt);
    expect(bus2.seen).toEqual([]);
  });

  it('another member may not edit a post (403) and an outsider gets 404; nothing changes and nothing is heard', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const mate = await classmate(f);
    const p = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Моя запись' });
    const bus = recordEvents(ctx);
    for (const cookie of [mate.cookie, f.cookies.teacher, cookies.parent]) {
      const res = await as(ctx, cookie).patch(`/news/${p.id}`, { text: 'Чужая правка' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    for (const cookie of [other.cookies.admin, other.cookies.student]) {
      expect((await as(ctx, cookie).patch(`/news/${p.id}`, { text: 'Чужая правка' })).status).toBe(404);
    }
    expect((await as(ctx, '').patch(`/news/${p.id}`, { text: 'Чужая правка' })).status).toBe(401);
    expect((await as(ctx, f.cookies.student).patch('/news/00000000-0000-4000-8000-000000000000', { text: 'x' })).status).toBe(404);
    bus.stop();
    expect(bus.seen).toEqual([]);
    expect(await storedPost(p.id)).toMatchObject({ text: 'Моя запись', editedAt: null });
  });

  it('the administration (admin and leader) may correct any post of its school, as it may delete it; a teacher may not touch the channel', async () => {
    const f = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const byStudent = await post(ctx, f.cookies.student, f.school.id, { feed: 'community', text: 'Телефон Пети: +7 900 000-00-00' });
    const byAdmin = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Собрание в 18:00' });
    const fixed = await as(ctx, f.cookies.admin).patch(`/news/${byStudent.id}`, { text: 'Телефон удалён администрацией' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.data).toMatchObject({ author: { id: f.student.id }, text: 'Телефон удалён администрацией', can: { edit: true } });
    const byLeader = await as(ctx, cookies.leader).patch(`/news/${byAdmin.id}`, { text: 'Собрание в 18:30' });
    expect(byLeader.status).toBe(200);
    expect((await as(ctx, f.cookies.teacher).patch(`/news/${byAdmin.id}`, { text: 'Собрание отменено' })).status).toBe(403);
    expect((await storedPost(byAdmin.id))?.text).toBe('Собрание в 18:30');
    expect((await as(ctx, f.cookies.teacher).get(`/news/${byAdmin.id}`)).body.data.can.edit).toBe(false);
  });

  it('a deleted post cannot be edited: 404, and it stays blank', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Ошибочная новость' });
    expect((await as(ctx, f.cookies.admin).del(`/news/${p.id}`)).status).toBe(200);
    const res = await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: 'Воскрешённая' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await storedPost(p.id)).toMatchObject({ text: '', editedAt: null });
    expect((await as(ctx, f.cookies.admin).get(`/news/${p.id}`)).body.data).toMatchObject({ deleted: true, can: { edit: false, delete: false } });
  });

  it('an edit is checked as a post is: empty text alone and text over 4000 characters are refused with codes, nothing changes', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Каникулы с 28 октября' });
    const empty = await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: '  \n ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'empty' }] });
    const long = await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: 'я'.repeat(4001) });
    expect(long.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'too_long' }] });
    const noText = await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, {});
    expect(noText.status).toBe(400);
    expect(await storedPost(p.id)).toMatchObject({ text: 'Каникулы с 28 октября', editedAt: null });
    expect((await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: 'я'.repeat(4000) })).status).toBe(200);
  });

  it('files: the author keeps, reorders, removes and adds own uploads; a removed file is no longer shared; another’s file is refused', async () => {
    const f = await freshSchool(ctx);
    const [a, b, c] = [await uploadAs(ctx, f.cookies.teacher, 'a.png'), await uploadAs(ctx, f.cookies.teacher, 'b.png'), await uploadAs(ctx, f.cookies.teacher, 'c.png')];
    const studentsFile = await uploadAs(ctx, f.cookies.student, 'мой.png');
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Фото с урока', fileIds: [a, b] });
    const asStudent = (id: string) => ctx.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: { cookie: f.cookies.student } });
    expect((await asStudent(a)).statusCode).toBe(200);

    const refused = await as(ctx, f.cookies.teacher).patch(`/news/${p.id}`, { text: 'Фото с урока', fileIds: [a, studentsFile] });
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'fileIds', message: 'not_your_file' }] });
    const res = await as(ctx, f.cookies.teacher).patch(`/news/${p.id}`, { text: 'Фото с урока', fileIds: [c, b] });
    expect(res.status).toBe(200);
    expect(res.body.data.attachments.map((x: { id: string }) => x.id)).toEqual([c, b]);
    expect(res.body.data.editedAt).not.toBeNull();
    expect((await asStudent(a)).statusCode).toBe(404);
    expect((await asStudent(c)).statusCode).toBe(200);
    // Without fileIds the files stay; with files the text may go.
    const textOnly = await as(ctx, f.cookies.teacher).patch(`/news/${p.id}`, { text: '' });
    expect(textOnly.body.data).toMatchObject({ text: '', attachments: [{ id: c }, { id: b }] });
    // The administration correcting the post keeps the author's files without owning them.
    const byAdmin = await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: 'Фото с урока', fileIds: [b] });
    expect(byAdmin.body.data.attachments.map((x: { id: string }) => x.id)).toEqual([b]);
    const none = await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: '  ', fileIds: [] });
    expect(none.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'empty' }] });
  });

  it('the poll stays as it was, votes and all, when the text is edited; a post that is only a poll keeps empty text', async () => {
    const f = await freshSchool(ctx);
    const created = (
      await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/news`, { feed: 'channel', text: 'Опрос', poll: { question: 'Когда?', options: ['Утром', 'Вечером'] } })
    ).body.data;
    await as(ctx, f.cookies.student).post(`/polls/${created.poll.id}/votes`, { optionIds: [created.poll.options[0].id] });
    const res = await as(ctx, f.cookies.admin).patch(`/news/${created.id}`, { text: '' });
    expect(res.status).toBe(200);
    expect(res.body.data.poll).toMatchObject({ id: created.poll.id, question: 'Когда?', totalVoters: 1 });
  });

  it('search follows the edit: the new words find the post, the old ones no longer do', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.admin, f.school.id, { feed: 'channel', text: 'Экскурсия в планетарий переносится' });
    const found = async (q: string) =>
      (await as(ctx, f.cookies.student).get(`/search?type=news&q=${encodeURIComponent(q)}`)).body.data.news.map((n: { id: string }) => n.id);
    expect(await found('планетарий')).toEqual([p.id]);
    expect((await as(ctx, f.cookies.admin).patch(`/news/${p.id}`, { text: 'Экскурсия в зоопарк переносится' })).status).toBe(200);
    expect(await found('зоопарк')).toEqual([p.id]);
    expect(await found('планетарий')).toEqual([]);
  });
});

describe('editing a comment', () => {
  it('only its author edits a comment: members read it marked edited and the school hears news.commentUpdated; others get 403, outsiders 404', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const mate = await classmate(f);
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Куда поедем весной?' });
    const c = await comment(f.cookies.student, p.id, 'В Казан');
    expect((await as(ctx, f.cookies.student).get(`/news/${p.id}/comments`)).body.data[0].can).toEqual({ edit: true, delete: true });
    expect((await as(ctx, f.cookies.admin).get(`/news/${p.id}/comments`)).body.data[0].can).toEqual({ edit: false, delete: true });

    const bus = recordEvents(ctx);
    for (const cookie of [mate.cookie, f.cookies.teacher, f.cookies.admin, cookies.leader, cookies.parent]) {
      const res = await as(ctx, cookie).patch(`/news/comments/${c.id}`, { text: 'Чужие слова' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    for (const cookie of [other.cookies.admin, other.cookies.student]) {
      expect((await as(ctx, cookie).patch(`/news/comments/${c.id}`, { text: 'Чужие слова' })).status).toBe(404);
      expect((await as(ctx, cookie).get(`/news/comments/${c.id}`)).status).toBe(404);
    }
    expect(bus.seen).toEqual([]);
    expect(await storedComment(c.id)).toMatchObject({ text: 'В Казан', editedAt: null });

    ctx.deps.clock.advance(30_000);
    const res = await as(ctx, f.cookies.student).patch(`/news/comments/${c.id}`, { text: ' В Казань! ' });
    bus.stop();
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: c.id, text: 'В Казань!', editedAt: ctx.deps.clock.now().toISOString() });
    expect(bus.seen).toEqual([
      { room: `school:${f.school.id}`, event: { type: 'news.commentUpdated', feed: 'community', postId: p.id, commentId: c.id } },
    ]);
    for (const cookie of [mate.cookie, cookies.parent]) {
      expect((await as(ctx, cookie).get(`/news/${p.id}/comments`)).body.data[0]).toMatchObject({ text: 'В Казань!', editedAt: expect.any(String) });
      expect((await as(ctx, cookie).get(`/news/comments/${c.id}`)).body.data).toMatchObject({ text: 'В Казань!' });
    }
  });

  it('a comment edit is checked as a comment is (empty, over 2000: codes); a deleted comment or one under a deleted post is 404', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Вопрос' });
    const c = await comment(f.cookies.student, p.id, 'Ответ');
    const empty = await as(ctx, f.cookies.student).patch(`/news/comments/${c.id}`, { text: ' ' });
    expect(empty.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'empty' }] });
    const long = await as(ctx, f.cookies.student).patch(`/news/comments/${c.id}`, { text: 'ж'.repeat(2001) });
    expect(long.body.error).toMatchObject({ code: 'invalid_input', fields: [{ path: 'text', message: 'too_long' }] });
    expect((await storedComment(c.id))?.text).toBe('Ответ');

    const gone = await comment(f.cookies.student, p.id, 'Удалю');
    await as(ctx, f.cookies.student).del(`/news/comments/${gone.id}`);
    expect((await as(ctx, f.cookies.student).patch(`/news/comments/${gone.id}`, { text: 'Вернись' })).status).toBe(404);
    expect((await storedComment(gone.id))?.text).toBe('');
    await as(ctx, f.cookies.teacher).del(`/news/${p.id}`);
    expect((await as(ctx, f.cookies.student).patch(`/news/comments/${c.id}`, { text: 'Поздно' })).status).toBe(404);
    expect((await storedComment(c.id))?.text).toBe('Ответ');
  });
});

describe('comment pages', () => {
  type Page = { data: { id: string; text: string }[]; hasMore: boolean };
  const page = async (cookie: string, postId: string, query = ''): Promise<Page> => {
    const res = await as(ctx, cookie).get(`/news/${postId}/comments${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('45 comments are all reached page by page, in order, none twice, while new ones arrive in between', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Обсуждаем выпускной' });
    // 45 comments, five at each of nine moments in the past: the id breaks the ties.
    const base = Date.now() - 3_600_000;
    const rows = await ctx.deps.db
      .insert(newsComments)
      .values(Array.from({ length: 45 }, (_, i) => ({ postId: p.id, authorId: f.student.id, text: `Комментарий ${i}`, createdAt: new Date(base + Math.floor(i / 5) * 60_000) })))
      .returning({ id: newsComments.id, createdAt: newsComments.createdAt });
    const oldestFirst = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)).map((r) => r.id);

    const first = await page(f.cookies.student, p.id, '?limit=20');
    expect(first.hasMore).toBe(true);
    expect(first.data.map((c) => c.id)).toEqual(oldestFirst.slice(25));
    const arrived = [await comment(f.cookies.teacher, p.id, 'Новый 1'), await comment(f.cookies.student, p.id, 'Новый 2')];
    const second = await page(f.cookies.student, p.id, `?limit=20&before=${first.data[0]!.id}`);
    expect(second.hasMore).toBe(true);
    arrived.push(await comment(f.cookies.teacher, p.id, 'Новый 3'));
    const third = await page(f.cookies.student, p.id, `?limit=20&before=${second.data[0]!.id}`);
    expect(third.hasMore).toBe(false);
    const walked = [...third.data, ...second.data, ...first.data].map((c) => c.id);
    expect(walked).toEqual(oldestFirst);
    expect(new Set(walked).size).toBe(45);

    // What arrived while reading comes after the newest shown, in order, and nothing else.
    const newer = await page(f.cookies.student, p.id, `?after=${first.data.at(-1)!.id}&limit=2`);
    expect(newer).toMatchObject({ hasMore: true });
    const rest = await page(f.cookies.student, p.id, `?after=${newer.data.at(-1)!.id}&limit=2`);
    expect(rest.hasMore).toBe(false);
    expect([...newer.data, ...rest.data].map((c) => c.id)).toEqual(arrived.map((c) => c.id));
    // With no cursor: the newest 20, oldest first.
    expect((await page(f.cookies.student, p.id)).data.map((c) => c.text).slice(-3)).toEqual(['Новый 1', 'Новый 2', 'Новый 3']);
  });

  it('a cursor from another post selects nothing; both cursors or a page over 100 are refused', async () => {
    const f = await freshSchool(ctx);
    const p = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Первая' });
    const q = await post(ctx, f.cookies.teacher, f.school.id, { feed: 'community', text: 'Вторая' });
    await comment(f.cookies.student, p.id, 'Под первой');
    const elsewhere = await comment(f.cookies.student, q.id, 'Под второй');
    expect(await page(f.cookies.student, p.id, `?before=${elsewhere.id}`)).toMatchObject({ data: [], hasMore: false });
    expect(await page(f.cookies.student, p.id, `?after=${elsewhere.id}`)).toMatchObject({ data: [], hasMore: false });
    const both = await as(ctx, f.cookies.student).get(`/news/${p.id}/comments?before=${elsewhere.id}&after=${elsewhere.id}`);
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('invalid_input');
    expect((await as(ctx, f.cookies.student).get(`/news/${p.id}/comments?limit=101`)).status).toBe(400);
  });
});
