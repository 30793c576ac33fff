import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/chatSchema.js';
import { articles, documents, newsPosts } from '../../db/contentSchema.js';
import {
  addMember, createUser, freshSchool, type SchoolFixture, signedInCookie, type UserRow,
} from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat } from '../chats/testHelpers.js';

type Piece = { text: string; hit: boolean };
const plain = (pieces: Piece[]) => pieces.map((p) => p.text).join('');
const hits = (pieces: Piece[]) => pieces.filter((p) => p.hit).map((p) => p.text);

describe('search (SRCH-1)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const search = async (cookie: string, q: string, extra = '') => {
    const res = await as(ctx, cookie).get(`/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      data: { messages: { id: string; chatId: string; chatName: string; chatKind: string; author: { id: string }; snippet: Piece[] }[];
        documents: { id: string; kind: string; schoolId: string; schoolName: string; title: Piece[] }[];
        articles: { id: string; status: string; title: Piece[]; excerpt: Piece[] }[];
        news: { id: string; feed: string; snippet: Piece[]; author: { id: string } | null }[] };
      more: Record<string, boolean>;
    };
  };
  const say = async (cookie: string, chatId: string, text: string) => {
    const res = await as(ctx, cookie).post(`/chats/${chatId}/messages`, { clientId: randomUUID(), text });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  };
  const addDocument = async (f: SchoolFixture, title: string, kind: 'document' | 'video' = 'document') => {
    const [file] = await ctx.deps.db
      .insert(files)
      .values({ ownerId: f.admin.id, storageKey: randomUUID(), name: `${title}.pdf`, size: 1000, mime: 'application/pdf' })
      .returning({ id: files.id });
    const [doc] = await ctx.deps.db
      .insert(documents)
      .values({ schoolId: f.school.id, kind, fileId: file!.id, title, uploadedBy: f.admin.id })
      .returning({ id: documents.id });
    return doc!.id;
  };
  const addArticle = async (f: SchoolFixture, author: UserRow, title: string, bodyText: string, status: 'draft' | 'published' = 'published') => {
    const [row] = await ctx.deps.db
      .insert(articles)
      .values({ schoolId: f.school.id, authorId: author.id, title, bodyText, bodyHtml: `<p>${bodyText}</p>`, status, publishedAt: status === 'published' ? new Date() : null })
      .returning({ id: articles.id });
    return row!.id;
  };
  const addNews = async (f: SchoolFixture, text: string, deleted = false) => {
    const [row] = await ctx.deps.db
      .insert(newsPosts)
      .values({ schoolId: f.school.id, feed: 'channel', authorId: f.admin.id, text, ...(deleted ? { deletedAt: new Date(), deletedBy: f.admin.id } : {}) })
      .returning({ id: newsPosts.id });
    return row!.id;
  };

  it('finds word forms with Russian morphology: «урок» finds «уроки», «уроком», «урока», and marks the matched words', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const a = await say(f.cookies.teacher, chatId, 'Завтра уроки начнутся на час позже');
    const b = await say(f.cookies.teacher, chatId, 'Встретимся перед уроком физики у кабинета 204');
    await say(f.cookies.teacher, chatId, 'Спасибо всем, до встречи');
    const doc = await addDocument(f, 'Расписание уроков на вторую четверть');
    const art = await addArticle(f, f.teacher, 'Открытые уроки для родителей', 'Приходите на открытые занятия.');
    const post = await addNews(f, 'С понедельника изменяется начало первого урока.');

    const res = await search(f.cookies.student, 'урок');
    expect(res.data.messages.map((m) => m.id).sort()).toEqual([a, b].sort());
    const byId = new Map(res.data.messages.map((m) => [m.id, m]));
    expect(plain(byId.get(a)!.snippet)).toBe('Завтра уроки начнутся на час позже');
    expect(hits(byId.get(a)!.snippet)).toEqual(['уроки']);
    expect(hits(byId.get(b)!.snippet)).toEqual(['уроком']);
    expect(byId.get(b)).toMatchObject({ chatId, chatKind: 'class', chatName: '7А — Математика', author: { id: f.teacher.id } });
    expect(res.data.documents.map((d) => d.id)).toEqual([doc]);
    expect(res.data.documents[0]).toMatchObject({ kind: 'document', schoolId: f.school.id, schoolName: f.school.name });
    expect(plain(res.data.documents[0]!.title)).toBe('Расписание уроков на вторую четверть');
    expect(hits(res.data.documents[0]!.title)).toEqual(['уроков']);
    expect(res.data.articles.map((x) => x.id)).toEqual([art]);
    expect(res.data.news.map((x) => x.id)).toEqual([post]);
    expect(hits(res.data.news[0]!.snippet)).toEqual(['урока']);

    // Other forms of the query find the same; a phrase in quotes; a word that is not there finds nothing.
    expect((await search(f.cookies.student, 'уроками')).data.messages).toHaveLength(2);
    expect((await search(f.cookies.student, '"уроком физики"')).data.messages.map((m) => m.id)).toEqual([b]);
    const none = await search(f.cookies.student, 'фотосинтез');
    expect(none.data).toEqual({ messages: [], documents: [], articles: [], news: [] });
  });

  it('ranks a title match above a body match, and one kind at a time with `type`, `limit` and `more`', async () => {
    const f = await freshSchool(ctx);
    const inBody = await addArticle(f, f.teacher, 'Новости недели', 'На этой неделе прошёл урок мужества. Урок провели ветераны. После урока была экскурсия.');
    const inTitle = await addArticle(f, f.teacher, 'Урок мужества', 'Ветераны встретились с учениками седьмых классов.');
    const res = await search(f.cookies.student, 'урок', '&type=articles');
    expect(res.data.articles.map((x) => x.id)).toEqual([inTitle, inBody]);
    expect(hits(res.data.articles[0]!.title)).toEqual(['Урок']);
    expect(hits(res.data.articles[1]!.excerpt)).toEqual(['урок', 'Урок', 'урока']);
    expect(res.more).toEqual({ messages: false, documents: false, articles: false, news: false });
    expect(res.data.messages).toEqual([]);

    const one = await search(f.cookies.student, 'урок', '&type=articles&limit=1');
    expect(one.data.articles.map((x) => x.id)).toEqual([inTitle]);
    expect(one.more.articles).toBe(true);

    const video = await addDocument(f, 'Видеоурок: урок мужества', 'video');
    const docs = await search(f.cookies.student, 'мужество', '&type=documents');
    expect(docs.data.documents).toEqual([expect.objectContaining({ id: video, kind: 'video' })]);
    expect(docs.data.articles).toEqual([]);
  });

  it('never shows another school\'s documents, articles and news, a chat I left or was never in, a deleted message or post', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const word = 'олимпиада';
    // Another school: found by its own student, never by ours.
    const theirDoc = await addDocument(other, 'Задания олимпиады по физике');
    const theirArticle = await addArticle(other, other.teacher, 'Итоги олимпиады', 'Поздравляем победителей.');
    const theirNews = await addNews(other, 'Олимпиада по химии пройдёт в субботу.');
    const theirChat = await classChat(ctx, other);
    await say(other.cookies.teacher, theirChat, 'Кто идёт на олимпиаду?');
    const theirs = await search(other.cookies.student, word);
    expect(theirs.data.documents.map((d) => d.id)).toEqual([theirDoc]);
    expect(theirs.data.articles.map((d) => d.id)).toEqual([theirArticle]);
    expect(theirs.data.news.map((d) => d.id)).toEqual([theirNews]);
    expect(theirs.data.messages).toHaveLength(1);

    // Our school: a class chat the student will leave, a chat the student was never in, a deleted message and post.
    const left = await classChat(ctx, f, '7А — Физика');
    const leftMessage = await say(f.cookies.teacher, left, 'Олимпиада по физике в четверг');
    const group = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'group', schoolId: f.school.id, name: 'Учителя 7А', memberIds: [f.admin.id] });
    expect(group.status).toBe(201);
    const staffMessage = await say(f.cookies.teacher, group.body.data.id, 'Списки на олимпиаду сдать завучу');
    const stays = await classChat(ctx, f, '7А — Классный чат');
    const deleted = await say(f.cookies.teacher, stays, 'Олимпиада отменяется');
    const kept = await say(f.cookies.teacher, stays, 'Олимпиада состоится, как и планировали');
    expect((await as(ctx, f.cookies.teacher).del(`/messages/${deleted}`)).status).toBe(200);
    const deletedPost = await addNews(f, 'Олимпиада отменяется', true);
    const post = await addNews(f, 'Олимпиада состоится в субботу');

    const before = await search(f.cookies.student, word);
    expect(before.data.messages.map((m) => m.id).sort()).toEqual([leftMessage, kept].sort());
    expect((await as(ctx, f.cookies.student).post(`/chats/${left}/leave`)).status).toBe(200);
    const after = await search(f.cookies.student, word);
    expect(after.data.messages.map((m) => m.id)).toEqual([kept]);
    expect(after.data.documents).toEqual([]);
    expect(after.data.articles).toEqual([]);
    expect(after.data.news.map((n) => n.id)).toEqual([post]);
    const everything = JSON.stringify(after);
    for (const hidden of [theirDoc, theirArticle, theirNews, theirChat, staffMessage, deleted, deletedPost, leftMessage]) {
      expect(everything).not.toContain(hidden);
    }
    // The teacher is in the staff chat and finds it there.
    expect((await search(f.cookies.teacher, word)).data.messages.map((m) => m.id)).toContain(staffMessage);

    // Someone in no school finds nothing at all.
    const outsider = await createUser(ctx);
    const nothing = await search(await signedInCookie(ctx, outsider), word);
    expect(nothing.data).toEqual({ messages: [], documents: [], articles: [], news: [] });
  });

  it('shows a draft to its author and the school\'s administration (admin, leader) only', async () => {
    const f = await freshSchool(ctx);
    const draft = await addArticle(f, f.teacher, 'Черновик: экскурсия в планетарий', 'План поездки', 'draft');
    const published = await addArticle(f, f.admin, 'Экскурсия в музей', 'Фотографии поездки', 'published');
    const leader = await createUser(ctx);
    await addMember(ctx, f.school, leader, 'leader');
    const parent = await createUser(ctx);
    await addMember(ctx, f.school, parent, 'parent');
    const colleague = await createUser(ctx);
    await addMember(ctx, f.school, colleague, 'teacher');
    const otherAdmin = (await freshSchool(ctx)).cookies.admin;

    const found = async (cookie: string) => (await search(cookie, 'экскурсия', '&type=articles')).data.articles.map((a) => a.id).sort();
    expect(await found(f.cookies.teacher)).toEqual([draft, published].sort());
    expect(await found(f.cookies.admin)).toEqual([draft, published].sort());
    expect(await found(await signedInCookie(ctx, leader))).toEqual([draft, published].sort());
    expect(await found(f.cookies.student)).toEqual([published]);
    expect(await found(await signedInCookie(ctx, parent))).toEqual([published]);
    expect(await found(await signedInCookie(ctx, colleague))).toEqual([published]);
    expect(await found(otherAdmin)).toEqual([]);
    const forAuthor = await search(f.cookies.teacher, 'экскурсия', '&type=articles');
    expect(forAuthor.data.articles.find((a) => a.id === draft)?.status).toBe('draft');
  });

  it('shows markup in a message as text: ts_headline neither drops nor passes it as HTML', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const xss = '<img src=x onerror="alert(1)"> домашнее задание <script>alert(2)</script> & \uE000ещё';
    await say(f.cookies.teacher, chatId, xss);
    const res = await search(f.cookies.student, 'задание');
    const snippet = res.data.messages[0]!.snippet;
    expect(plain(snippet)).toBe('<img src=x onerror="alert(1)"> домашнее задание <script>alert(2)</script> & ещё');
    expect(hits(snippet)).toEqual(['задание']);

    // A long text comes as the words around the match, not whole.
    const filler = 'Сегодня в школе был обычный день, ребята писали, читали и решали примеры. '.repeat(6);
    await say(f.cookies.teacher, chatId, `${filler}Не забудьте про лабораторную работу по физике. ${filler}`);
    const long = (await search(f.cookies.student, 'лабораторная')).data.messages[0]!.snippet;
    expect(hits(long)).toEqual(['лабораторную']);
    expect(plain(long)).toContain('Не забудьте про лабораторную работу по физике');
    expect(plain(long).length).toBeLessThan(300);
  });

  it('names a personal chat by the other person', async () => {
    const f = await freshSchool(ctx);
    const chat = await as(ctx, f.cookies.teacher).post('/chats', { kind: 'personal', userId: f.student.id });
    expect(chat.status).toBe(201);
    await say(f.cookies.teacher, chat.body.data.id, 'Принеси, пожалуйста, дневник');
    const forStudent = await search(f.cookies.student, 'дневник');
    expect(forStudent.data.messages[0]).toMatchObject({ chatKind: 'personal', chatName: `${f.teacher.firstName} ${f.teacher.lastName}` });
    const forTeacher = await search(f.cookies.teacher, 'дневник');
    expect(forTeacher.data.messages[0]).toMatchObject({ chatName: `${f.student.firstName} ${f.student.lastName}` });
  });

  it('answers 400 invalid_input to an empty, blank or too long query and a bad type or limit; nothing for stop words or only «-word»', async () => {
    const f = await freshSchool(ctx);
    const student = as(ctx, f.cookies.student);
    for (const url of ['/search', '/search?q=', '/search?q=%20%20', `/search?q=${'а'.repeat(201)}`, '/search?q=урок&type=chats', '/search?q=урок&limit=0', '/search?q=урок&limit=51']) {
      const res = await student.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('invalid_input');
    }
    expect((await student.get(`/search?q=${encodeURIComponent('урок '.repeat(40))}`)).status).toBe(200);
    const chatId = await classChat(ctx, f);
    await say(f.cookies.teacher, chatId, 'И так далее, и на уроке тоже');
    for (const q of ['и', 'и на', '-урок', '!!! ???']) {
      const res = await search(f.cookies.student, q);
      expect(res.data, q).toEqual({ messages: [], documents: [], articles: [], news: [] });
    }
  });

  it('answers 401 to an anonymous request', async () => {
    const res = await as(ctx, '').get('/search?q=урок');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});
