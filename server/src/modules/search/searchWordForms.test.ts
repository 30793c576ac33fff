import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/chatSchema.js';
import { articles, documents, newsPosts } from '../../db/contentSchema.js';
import { freshSchool, type SchoolFixture } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat } from '../chats/testHelpers.js';

type Piece = { text: string; hit: boolean };
type Hit = { id: string; snippet?: Piece[]; title?: Piece[] };
type Body = { data: Record<'messages' | 'documents' | 'articles' | 'news', Hit[]> };
const hits = (pieces: Piece[]) => pieces.filter((p) => p.hit).map((p) => p.text);

/*
 * What a person types and a text that holds another form of the word, with the word marked in the
 * result. The Snowball stemmer alone cuts «альбом» to «альб» and «альбомы» to «альбом», so before
 * the fix «альбомы», «альбома», «альбомов», «дипломы», «журналы», «объём» found nothing here.
 */
const forms: [typed: string, text: string, marked: string][] = [
  ['альбом', 'Выпускные альбомы привезут в пятницу', 'альбомы'],
  ['альбомы', 'Выпускной альбом готов', 'альбом'],
  ['альбома', 'Выпускной альбом готов', 'альбом'],
  ['альбомов', 'Выпускной альбом готов', 'альбом'],
  ['альбом', 'Оплата альбомов до среды', 'альбомов'],
  ['выпускной', 'Репетиция выпускного вечера', 'выпускного'],
  ['выпускного', 'Выпускной пройдёт в актовом зале', 'Выпускной'],
  ['урок', 'Расписание уроков на завтра', 'уроков'],
  ['уроки', 'Открытый урок по физике', 'урок'],
  ['уроков', 'Уроки начнутся в девять', 'Уроки'],
  ['учитель', 'День учителей отметим в пятницу', 'учителей'],
  ['учителя', 'Классный руководитель и учитель физики', 'учитель'],
  ['учителей', 'Спросите учителя', 'учителя'],
  ['фотография', 'Фотографии с экскурсии', 'Фотографии'],
  ['фотографии', 'Общая фотография класса', 'фотография'],
  ['диплом', 'Дипломы победителей олимпиады', 'Дипломы'],
  ['дипломы', 'Диплом за первое место', 'Диплом'],
  ['журналы', 'Электронный журнал обновлён', 'журнал'],
  ['журнал', 'Оценки в журналы выставлены', 'журналы'],
  ['объём', 'Объёма работы хватит на неделю', 'Объёма'],
  ['Альбомы', 'ВЫПУСКНОЙ АЛЬБОМ', 'АЛЬБОМ'],
];

/** Unrelated words that share a short prefix (or a Snowball stem's beginning) must not match. */
const unrelated: [typed: string, text: string][] = [
  ['альбом', 'Альпинисты поднялись на вершину'],
  ['альбомы', 'Альба течёт через город'],
  ['урок', 'Урожай яблок в школьном саду'],
  ['фото', 'Фотосинтез у растений'],
  ['класс', 'Классика русской литературы'],
  ['учитель', 'Учёные из университета'],
  ['кот', 'Котлеты на обед'],
  ['дом', 'Домино в кабинете'],
];

describe('search finds the word forms a person types (SRCH-1)', () => {
  let ctx: TestContext;
  let f: SchoolFixture;
  let chatId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    f = await freshSchool(ctx);
    chatId = await classChat(ctx, f);
  });
  afterAll(() => ctx.close());

  const search = async (q: string): Promise<Body> => {
    const res = await as(ctx, f.cookies.student).get(`/search?q=${encodeURIComponent(q)}&limit=50`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Body;
  };

  /** The text as a message, a document's title, an article and a news post; their ids. */
  const store = async (text: string) => {
    const said = await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: randomUUID(), text });
    expect(said.status).toBe(201);
    const db = ctx.deps.db;
    const [file] = await db
      .insert(files)
      .values({ ownerId: f.admin.id, storageKey: randomUUID(), name: 'file.pdf', size: 1000, mime: 'application/pdf' })
      .returning({ id: files.id });
    const [doc] = await db
      .insert(documents)
      .values({ schoolId: f.school.id, kind: 'document', fileId: file!.id, title: text, uploadedBy: f.admin.id })
      .returning({ id: documents.id });
    const [article] = await db
      .insert(articles)
      .values({ schoolId: f.school.id, authorId: f.teacher.id, title: 'Объявление', bodyText: text, bodyHtml: `<p>${text}</p>`, status: 'published', publishedAt: new Date() })
      .returning({ id: articles.id });
    const [post] = await db
      .insert(newsPosts)
      .values({ schoolId: f.school.id, feed: 'channel', authorId: f.admin.id, text })
      .returning({ id: newsPosts.id });
    return { messages: said.body.data.id as string, documents: doc!.id, articles: article!.id, news: post!.id };
  };

  it('each form typed finds, in messages, documents, articles and news, the text that holds another form, and marks it there', async () => {
    const stored = [];
    for (const [typed, text, marked] of forms) stored.push({ typed, text, marked, ids: await store(text) });
    for (const { typed, text, marked, ids } of stored) {
      const res = await search(typed);
      for (const kind of ['messages', 'documents', 'articles', 'news'] as const) {
        expect(res.data[kind].map((h) => h.id), `«${typed}» → «${text}» in ${kind}`).toContain(ids[kind]);
      }
      const message = res.data.messages.find((h) => h.id === ids.messages)!;
      expect(hits(message.snippet!), `«${typed}» marks in «${text}»`).toEqual([marked]);
      const document = res.data.documents.find((h) => h.id === ids.documents)!;
      expect(hits(document.title!), `«${typed}» marks in the title «${text}»`).toEqual([marked]);
    }
  }, 60_000); // 84 texts stored and 21 searches

  it('a word does not find an unrelated word that only shares its beginning', async () => {
    for (const [typed, text] of unrelated) {
      const ids = await store(text);
      const res = await search(typed);
      const found = JSON.stringify(res.data);
      for (const id of Object.values(ids)) expect(found, `«${typed}» must not find «${text}»`).not.toContain(id);
    }
  });

  it('a phrase in quotes finds other forms of its words, in that order only', async () => {
    const ids = await store('Фотографии для выпускного альбома сдать до пятницы');
    const reversed = await store('Альбом выпускной — это другой порядок слов');
    const res = await search('"выпускной альбом"');
    expect(res.data.messages.map((h) => h.id)).toContain(ids.messages);
    expect(res.data.messages.map((h) => h.id)).not.toContain(reversed.messages);
    expect(hits(res.data.messages.find((h) => h.id === ids.messages)!.snippet!)).toEqual(['выпускного', 'альбома']);
    // «-альбомы» leaves out every form of the word.
    const without = await search('фотографии -альбомы');
    expect(without.data.messages.map((h) => h.id)).not.toContain(ids.messages);
  });
});
