import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polls } from '../../db/chatSchema.js';
import { articleFiles } from '../../db/contentSchema.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { articleCount, draft, published, storedArticle, upload } from './testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const ids = (body: { data: { id: string }[] }) => body.data.map((a) => a.id);
const pollBody = { question: 'Понравилась статья?', options: ['Да', 'Нет'] };

async function person(role: 'teacher' | 'leader' | 'parent', f: Awaited<ReturnType<typeof freshSchool>>) {
  const user = await createUser(ctx);
  await addMember(ctx, f.school, user, role);
  return { user, cookie: await signedInCookie(ctx, user) };
}

describe('drafts and publishing (ART-3)', () => {
  it('a teacher\'s draft is seen by the teacher and the administration only; «Опубликовать» shows it to everyone and tells the school', async () => {
    const f = await freshSchool(ctx);
    const leader = await person('leader', f);
    const otherTeacher = await person('teacher', f);
    const a = await draft(ctx, f.cookies.teacher, f.school.id);
    expect(a.status).toBe('draft');

    const list = (cookie: string, drafts = false) => as(ctx, cookie).get(`/schools/${f.school.id}/articles${drafts ? '?drafts=true' : ''}`);
    expect(ids((await list(f.cookies.student)).body)).toEqual([]);
    expect(ids((await list(f.cookies.student, true)).body)).toEqual([]);
    expect(ids((await list(otherTeacher.cookie, true)).body)).toEqual([]);
    for (const cookie of [f.cookies.teacher, f.cookies.admin, leader.cookie]) {
      expect(ids((await list(cookie, true)).body)).toEqual([a.id]);
      expect((await as(ctx, cookie).get(`/articles/${a.id}`)).status).toBe(200);
    }
    expect((await as(ctx, f.cookies.student).get(`/articles/${a.id}`)).status).toBe(404);
    expect((await as(ctx, otherTeacher.cookie).get(`/articles/${a.id}`)).status).toBe(404);

    // Refused publishing: the student and the other teacher cannot even see the draft.
    const bus = recordEvents(ctx);
    expect((await as(ctx, f.cookies.student).post(`/articles/${a.id}/publish`)).status).toBe(404);
    expect((await as(ctx, otherTeacher.cookie).post(`/articles/${a.id}/publish`)).status).toBe(404);
    expect((await as(ctx, '').post(`/articles/${a.id}/publish`)).status).toBe(401);
    expect((await storedArticle(ctx, a.id))?.status).toBe('draft');
    expect(bus.seen).toEqual([]);

    const pub = await as(ctx, f.cookies.teacher).post(`/articles/${a.id}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body.data.status).toBe('published');
    expect(pub.body.data.publishedAt).not.toBeNull();
    expect(bus.seen).toEqual([{ room: `school:${f.school.id}`, event: { type: 'article.published', articleId: a.id } }]);
    // Publishing again changes nothing and tells no one.
    expect((await as(ctx, f.cookies.teacher).post(`/articles/${a.id}/publish`)).status).toBe(200);
    expect(bus.seen).toHaveLength(1);
    bus.stop();

    const seen = await list(f.cookies.student);
    expect(ids(seen.body)).toEqual([a.id]);
    expect(seen.body.can).toEqual({ create: false });
    expect(seen.body.data[0]).toMatchObject({
      title: 'Как готовиться к ОГЭ по математике',
      excerpt: 'Разбираем типовые задания и уроки прошлых лет.',
      author: { id: f.teacher.id, firstName: f.teacher.firstName, lastName: f.teacher.lastName },
      can: { edit: false, delete: false, publish: false },
    });
    const read = await as(ctx, f.cookies.student).get(`/articles/${a.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data.bodyHtml).toBe('<p>Разбираем <strong>типовые задания</strong> и уроки прошлых лет.</p>');
    expect((await as(ctx, f.cookies.student).post(`/articles/${a.id}/publish`)).status).toBe(403);
  });

  it('another school\'s members and anonymous see neither the list nor the article', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const id = await published(ctx, f.cookies.teacher, f.school.id);
    for (const cookie of [other.cookies.admin, other.cookies.teacher, other.cookies.student]) {
      expect((await as(ctx, cookie).get(`/schools/${f.school.id}/articles`)).status).toBe(404);
      expect((await as(ctx, cookie).get(`/articles/${id}`)).status).toBe(404);
    }
    expect((await as(ctx, '').get(`/schools/${f.school.id}/articles`)).status).toBe(401);
    expect((await as(ctx, '').get(`/articles/${id}`)).status).toBe(401);
    expect((await as(ctx, f.cookies.student).get(`/articles/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('who may write (ART-1)', () => {
  it('administration and teachers write; students and parents get 403, strangers 404, anonymous 401 — nothing is written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const leader = await person('leader', f);
    const parent = await person('parent', f);
    for (const cookie of [f.cookies.admin, leader.cookie, f.cookies.teacher]) await draft(ctx, cookie, f.school.id);
    expect((await as(ctx, f.cookies.teacher).get(`/schools/${f.school.id}/articles`)).body.can).toEqual({ create: true });
    const refused: [string, string, number][] = [
      ['student', f.cookies.student, 403],
      ['parent', parent.cookie, 403],
      ['another school', other.cookies.admin, 404],
      ['anonymous', '', 401],
    ];
    for (const [who, cookie, status] of refused) {
      const res = await as(ctx, cookie).post(`/schools/${f.school.id}/articles`, { title: 'Взлом', bodyHtml: '<p>x</p>' });
      expect(res.status, who).toBe(status);
    }
    expect(await articleCount(ctx, f.school.id)).toBe(3);
  });

  it('bad input is refused before anything is written', async () => {
    const f = await freshSchool(ctx);
    const c = as(ctx, f.cookies.teacher);
    expect((await c.post(`/schools/${f.school.id}/articles`, { title: '   ' })).status).toBe(400);
    expect((await c.post(`/schools/${f.school.id}/articles`, { title: '\u0000\u200b' })).status).toBe(400);
    expect((await c.post(`/schools/${f.school.id}/articles`, { title: 'x'.repeat(201) })).status).toBe(400);
    expect((await c.post(`/schools/${f.school.id}/articles`, { title: 'Ок', bodyHtml: 'x'.repeat(200_001) })).status).toBe(400);
    expect(await articleCount(ctx, f.school.id)).toBe(0);
  });
});

describe('editing and deleting', () => {
  it('the author and the administration edit; students 403 (published) or 404 (draft); another school 404 — nothing changes', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const otherTeacher = await person('teacher', f);
    const id = await published(ctx, f.cookies.teacher, f.school.id);
    const bus = recordEvents(ctx);
    const edited = await as(ctx, f.cookies.teacher).patch(`/articles/${id}`, { title: 'ОГЭ: разбор заданий' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.title).toBe('ОГЭ: разбор заданий');
    expect(edited.body.data.bodyHtml).toContain('типовые задания');
    expect(bus.seen).toEqual([{ room: `school:${f.school.id}`, event: { type: 'article.updated', articleId: id } }]);
    const byAdmin = await as(ctx, f.cookies.admin).patch(`/articles/${id}`, { bodyHtml: '<h2>План</h2><ul><li>Алгебра</li></ul>' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data.bodyHtml).toBe('<h2>План</h2><ul><li>Алгебра</li></ul>');

    for (const [who, cookie, status] of [
      ['student', f.cookies.student, 403],
      ['another teacher', otherTeacher.cookie, 403],
      ['another school', other.cookies.admin, 404],
      ['anonymous', '', 401],
    ] as const) {
      expect((await as(ctx, cookie).patch(`/articles/${id}`, { title: 'Чужое' })).status, who).toBe(status);
      expect((await as(ctx, cookie).del(`/articles/${id}`)).status, who).toBe(status);
      expect((await as(ctx, cookie).post(`/articles/${id}/polls`, pollBody)).status, who).toBe(status);
    }
    expect((await storedArticle(ctx, id))?.title).toBe('ОГЭ: разбор заданий');
    expect((await as(ctx, f.cookies.student).get(`/articles/${id}`)).body.data.polls).toEqual([]);

    const d = await draft(ctx, f.cookies.teacher, f.school.id);
    expect((await as(ctx, f.cookies.student).patch(`/articles/${d.id}`, { title: 'Чужое' })).status).toBe(404);
    expect((await as(ctx, f.cookies.student).del(`/articles/${d.id}`)).status).toBe(404);
    expect((await as(ctx, f.cookies.student).post(`/articles/${d.id}/polls`, pollBody)).status).toBe(404);
    bus.stop();
  });

  it('deleting removes the article and its polls; the author or the administration may', async () => {
    const f = await freshSchool(ctx);
    const id = await published(ctx, f.cookies.teacher, f.school.id);
    const withPoll = await as(ctx, f.cookies.teacher).post(`/articles/${id}/polls`, pollBody);
    const pollId = withPoll.body.data.polls[0].id as string;
    const bus = recordEvents(ctx);
    expect((await as(ctx, f.cookies.admin).del(`/articles/${id}`)).status).toBe(200);
    expect(bus.seen).toEqual([{ room: `school:${f.school.id}`, event: { type: 'article.deleted', articleId: id } }]);
    bus.stop();
    expect((await as(ctx, f.cookies.teacher).get(`/articles/${id}`)).status).toBe(404);
    expect(await ctx.deps.db.select({ id: polls.id }).from(polls).where(eq(polls.id, pollId))).toEqual([]);
    expect((await as(ctx, f.cookies.student).get(`/polls/${pollId}`)).status).toBe(404);
    const mine = await draft(ctx, f.cookies.teacher, f.school.id);
    expect((await as(ctx, f.cookies.teacher).del(`/articles/${mine.id}`)).status).toBe(200);
    expect(await articleCount(ctx, f.school.id)).toBe(0);
  });
});

describe('polls in articles (ART-4)', () => {
  it('the author attaches a poll; readers vote once it is published; the poll lives in the article', async () => {
    const f = await freshSchool(ctx);
    const d = await draft(ctx, f.cookies.teacher, f.school.id);
    const attached = await as(ctx, f.cookies.teacher).post(`/articles/${d.id}/polls`, { ...pollBody, anonymous: true });
    expect(attached.status).toBe(201);
    expect(attached.body.data.polls).toHaveLength(1);
    const poll = attached.body.data.polls[0];
    expect(poll).toMatchObject({ question: 'Понравилась статья?', anonymous: true, totalVoters: 0 });
    expect((await as(ctx, f.cookies.student).post(`/polls/${poll.id}/votes`, { optionIds: [poll.options[0].id] })).status).toBe(404);
    await as(ctx, f.cookies.teacher).post(`/articles/${d.id}/publish`);
    const vote = await as(ctx, f.cookies.student).post(`/polls/${poll.id}/votes`, { optionIds: [poll.options[0].id] });
    expect(vote.status).toBe(200);
    expect(vote.body.data.container).toEqual({ kind: 'article', articleId: d.id, schoolId: f.school.id });
    const read = await as(ctx, f.cookies.student).get(`/articles/${d.id}`);
    expect(read.body.data.polls[0].options.map((o: { votes: number }) => o.votes)).toEqual([1, 0]);
  });

  it('a bad poll or a sixth poll is refused and writes nothing', async () => {
    const f = await freshSchool(ctx);
    const d = await draft(ctx, f.cookies.teacher, f.school.id);
    const c = as(ctx, f.cookies.teacher);
    expect((await c.post(`/articles/${d.id}/polls`, { question: 'Один вариант?', options: ['Да'] })).status).toBe(400);
    expect((await c.post(`/articles/${d.id}/polls`, { ...pollBody, deadline: new Date(ctx.deps.clock.now().getTime() - 1000).toISOString() })).status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await c.post(`/articles/${d.id}/polls`, pollBody)).status).toBe(201);
    expect((await c.post(`/articles/${d.id}/polls`, pollBody)).status).toBe(400);
    expect((await c.get(`/articles/${d.id}`)).body.data.polls).toHaveLength(5);
    expect(await ctx.deps.db.select({ id: polls.id }).from(polls).where(eq(polls.authorId, f.teacher.id))).toHaveLength(5);
  });
});

describe('cover, pictures and attachments (ART-2, ART-4)', () => {
  it('my own uploads become the cover, pictures in the text and attachments; readers may fetch them once published', async () => {
    const f = await freshSchool(ctx);
    const cover = await upload(ctx, f.cookies.teacher);
    const picture = await upload(ctx, f.cookies.teacher, 'доска.png');
    const video = await upload(ctx, f.cookies.teacher, 'урок.mp4', Buffer.from('\0\0\0\x18ftypmp42rest-of-the-video'), 'video/mp4');
    const d = await draft(ctx, f.cookies.teacher, f.school.id, {
      coverFileId: cover,
      bodyHtml: `<p>Доска:</p><img src="/api/files/${picture}/preview" alt="доска">`,
      fileIds: [video],
    });
    const got = (await as(ctx, f.cookies.teacher).get(`/articles/${d.id}`)).body.data;
    expect(got.cover).toMatchObject({ id: cover, kind: 'image' });
    expect(got.bodyHtml).toBe(`<p>Доска:</p><img src="/api/files/${picture}/preview" alt="доска" />`);
    expect(got.attachments.map((a: { id: string }) => a.id)).toEqual([video]);

    const fetchAs = (cookie: string, fileId: string, preview = false) =>
      ctx.app.inject({ method: 'GET', url: `/api/files/${fileId}${preview ? '/preview' : ''}`, headers: { cookie } });
    for (const fileId of [cover, picture, video]) expect((await fetchAs(f.cookies.student, fileId)).statusCode).toBe(404);
    await as(ctx, f.cookies.teacher).post(`/articles/${d.id}/publish`);
    expect((await fetchAs(f.cookies.student, cover, true)).statusCode).toBe(200);
    expect((await fetchAs(f.cookies.student, picture, true)).statusCode).toBe(200);
    expect((await fetchAs(f.cookies.student, video)).statusCode).toBe(200);

    // The administration edits the text without re-uploading the author's pictures; removing the cover works too.
    const edited = await as(ctx, f.cookies.admin).patch(`/articles/${d.id}`, { bodyHtml: `${got.bodyHtml}<p>Дополнено</p>`, coverFileId: null });
    expect(edited.status).toBe(200);
    expect(edited.body.data.cover).toBeNull();
    expect(edited.body.data.attachments.map((a: { id: string }) => a.id)).toEqual([video]);
  });

  it('someone else\'s file, a non-image cover or a document as attachment is refused; nothing is written', async () => {
    const f = await freshSchool(ctx);
    const studentsPhoto = await upload(ctx, f.cookies.student, 'личное.png');
    const doc = await upload(ctx, f.cookies.teacher, 'план.txt', 'план урока', 'text/plain');
    const c = as(ctx, f.cookies.teacher);
    const attempts = [
      { title: 'Чужая обложка', coverFileId: studentsPhoto },
      { title: 'Чужая картинка', bodyHtml: `<img src="/api/files/${studentsPhoto}/preview">` },
      { title: 'Чужое вложение', fileIds: [studentsPhoto] },
      { title: 'Обложка-текст', coverFileId: doc },
      { title: 'Вложение-документ', fileIds: [doc] },
      { title: 'Нет такого файла', fileIds: [crypto.randomUUID()] },
    ];
    for (const body of attempts) {
      const res = await c.post(`/schools/${f.school.id}/articles`, body);
      expect(res.status, body.title).toBe(400);
    }
    expect(await articleCount(ctx, f.school.id)).toBe(0);
    expect(await ctx.deps.db.select().from(articleFiles).where(eq(articleFiles.fileId, studentsPhoto))).toEqual([]);

    const d = await draft(ctx, f.cookies.teacher, f.school.id);
    expect((await c.patch(`/articles/${d.id}`, { coverFileId: studentsPhoto })).status).toBe(400);
    expect((await storedArticle(ctx, d.id))?.coverFileId).toBeNull();
  });
});

describe('search (ART-5)', () => {
  it('finds word forms in titles and text, only published articles of the school', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const a = await published(ctx, f.cookies.teacher, f.school.id, { title: 'Открытые уроки в марте', bodyHtml: '<p>Приходите на уроки.</p>' });
    // The test clock stands still: a minute later, so «newest first» has an order to show.
    ctx.deps.clock.advance(60_000);
    const b = await published(ctx, f.cookies.admin, f.school.id, { title: 'Выпускной альбом', bodyHtml: '<p>Фотографии выпускников и учителей.</p>' });
    await draft(ctx, f.cookies.teacher, f.school.id, { title: 'Черновик про урок' });
    await published(ctx, other.cookies.teacher, other.school.id, { title: 'Урок в другой школе' });
    const search = async (cookie: string, q: string) =>
      ids((await as(ctx, cookie).get(`/schools/${f.school.id}/articles?q=${encodeURIComponent(q)}`)).body);
    expect(await search(f.cookies.student, 'урок')).toEqual([a]);
    expect(await search(f.cookies.student, 'уроком')).toEqual([a]);
    expect(await search(f.cookies.student, 'учитель')).toEqual([b]);
    // Snowball stems «альбом» to «альб» but «альбомы» to «альбом»: every form still finds it.
    for (const q of ['альбомы', 'альбома', 'альбомов']) expect(await search(f.cookies.student, q), q).toEqual([b]);
    expect(await search(f.cookies.student, 'выпускной -альбом')).toEqual([]);
    expect(await search(f.cookies.student, 'выпускной -альбомы')).toEqual([]);
    expect(await search(f.cookies.student, '" OR 1=1 --')).toEqual([]);
    expect((await as(ctx, f.cookies.student).get(`/schools/${f.school.id}/articles`)).body.data.map((x: { id: string }) => x.id)).toEqual([b, a]);
    const drafts = ids((await as(ctx, f.cookies.teacher).get(`/schools/${f.school.id}/articles?drafts=true&q=урок`)).body);
    expect(drafts).toHaveLength(1);
  });
});
