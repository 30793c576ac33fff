import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, messageAttachments } from '../../db/chatSchema.js';
import { articleFiles, articles, profilePhotos } from '../../db/contentSchema.js';
import { freshSchool } from '../../test/factories.js';
import { listeningTestApp, type TestContext } from '../../test/testApp.js';
import { PNG, published, upload } from '../articles/testHelpers.js';
import { as, classChat } from '../chats/testHelpers.js';
import { tusClient } from '../uploads/testHelpers.js';
import { createStorage } from '../../platform/storage/index.js';
import { storedObjects } from './testHelpers.js';
import { sweepOrphanFiles } from './sweepOrphanFiles.js';

const HOUR = 60 * 60 * 1000;
const MB = 1024 * 1024;

let ctx: TestContext;
let dataDir: string;
let port: number;
beforeAll(async () => {
  ({ ctx, dataDir, port } = await listeningTestApp('storage'));
});
afterAll(() => ctx.close());

const filesDir = () => path.join(dataDir, 'files');
const keyOf = async (id: string) => (await ctx.deps.db.select({ key: files.storageKey }).from(files).where(eq(files.id, id)))[0]?.key;

describe('«Место для файлов»: a per-person storage quota, a school setting', () => {
  it('shows «занято N из M» before an upload and refuses one past the quota with a clear 413', async () => {
    const f = await freshSchool(ctx);
    // The administration sets the school's quota to 10 MB (the default is 1 GB).
    const page = await as(ctx, f.cookies.admin).patch(`/schools/${f.school.id}`, { storageQuotaBytes: 10 * MB });
    expect(page.status).toBe(200);
    expect(page.body.data.storageQuotaBytes).toBe(10 * MB);
    expect((await as(ctx, f.cookies.student).patch(`/schools/${f.school.id}`, { storageQuotaBytes: 100 * MB })).status).toBe(403);

    const limits = async () => (await as(ctx, f.cookies.student).get('/files/limits')).body.data.storage;
    expect(await limits()).toEqual({ usedBytes: 0, limitBytes: 10 * MB });
    await upload(ctx, f.cookies.student, 'конспект.txt', 'x'.repeat(1000), 'text/plain');
    expect(await limits()).toEqual({ usedBytes: 1000, limitBytes: 10 * MB });

    // Nearly full: a file recorded as 10 MB less 500 bytes (its bytes need not exist for the count).
    await ctx.deps.db.insert(files).values({ ownerId: f.student.id, storageKey: `zz/${randomBytes(16).toString('hex')}`, name: 'видео.mp4', size: 10 * MB - 1500, mime: 'video/mp4' });
    expect(await limits()).toEqual({ usedBytes: 10 * MB - 500, limitBytes: 10 * MB });

    // 400 bytes fit; 800 more do not, and leave nothing stored.
    await upload(ctx, f.cookies.student, 'мало.txt', 'y'.repeat(400), 'text/plain');
    const before = await storedObjects(filesDir());
    const { payload, headers } = (await import('./testHelpers.js')).multipartFile('много.txt', 'z'.repeat(800), 'text/plain');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie: f.cookies.student, 'accept-language': 'ru' }, payload });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('storage_quota_exceeded');
    expect(res.json().error.message).toBe('Превышена квота хранилища: занято 10 МБ из 10 МБ. Удалите ненужные файлы');
    expect(await storedObjects(filesDir())).toEqual(before);

    // A resumable upload is refused at its start, from the length it declares.
    const tus = await tusClient(`http://127.0.0.1:${port}`, f.cookies.student).create(5000, { filename: 'лекция.mp4' });
    expect(tus.status).toBe(413);
    expect((await tus.json()).error.code).toBe('storage_quota_exceeded');

    // The teacher of the same school has a quota of their own.
    expect((await as(ctx, f.cookies.teacher).get('/files/limits')).body.data.storage).toEqual({ usedBytes: 0, limitBytes: 10 * MB });
  });
});

describe('uploads never attached anywhere', () => {
  it('are removed with their bytes once a day old; attached files never are', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const sent = await upload(ctx, f.cookies.teacher, 'задание.txt', 'Решить № 12', 'text/plain');
    expect((await as(ctx, f.cookies.teacher).post(`/chats/${chatId}/messages`, { clientId: 's1', text: 'Задание', fileIds: [sent] })).status).toBe(201);
    const cover = await upload(ctx, f.cookies.teacher, 'обложка.png', PNG, 'image/png');
    const articleId = await published(ctx, f.cookies.teacher, f.school.id, { coverFileId: cover });
    const attachedToArticle = await upload(ctx, f.cookies.teacher, 'план.txt', 'План', 'text/plain');
    await ctx.deps.db.insert(articleFiles).values({ articleId, fileId: attachedToArticle, position: 0 });
    const avatar = await upload(ctx, f.cookies.student, 'я.png', PNG, 'image/png');
    await ctx.deps.db.insert(profilePhotos).values({ ownerKind: 'user', ownerId: f.student.id, fileId: avatar });
    const abandoned = await upload(ctx, f.cookies.student, 'черновик.txt', 'не отправлено', 'text/plain');
    const abandonedKey = await keyOf(abandoned);
    const storage = createStorage(ctx.deps.config);
    const sweep = () => sweepOrphanFiles({ db: ctx.deps.db, clock: ctx.deps.clock, storage });

    ctx.deps.clock.advance(23 * HOUR);
    await sweep();
    expect(await keyOf(abandoned)).toBe(abandonedKey);

    ctx.deps.clock.advance(2 * HOUR);
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    expect(await keyOf(abandoned)).toBeUndefined();
    expect(await storedObjects(filesDir())).not.toContain(abandonedKey);
    const kept = await ctx.deps.db.select({ id: files.id }).from(files).where(inArray(files.id, [sent, cover, attachedToArticle, avatar]));
    expect(kept).toHaveLength(4);
    for (const id of [sent, cover, attachedToArticle, avatar]) expect(await storage.get((await keyOf(id)) as string)).not.toBeNull();
    expect(await ctx.deps.db.select().from(messageAttachments).where(eq(messageAttachments.fileId, sent))).toHaveLength(1);
    expect((await ctx.deps.db.select({ cover: articles.coverFileId }).from(articles).where(eq(articles.id, articleId)))[0]?.cover).toBe(cover);
  });

  it('knows every table that refers to files from the database itself', async () => {
    const { rowsOf } = await import('../../backup/tables.js');
    const { sql } = await import('drizzle-orm');
    const refs = await rowsOf<{ t: string }>(
      ctx.deps.db,
      sql`select distinct conrelid::regclass::text as t from pg_constraint where contype = 'f' and confrelid = 'files'::regclass order by 1`,
    );
    expect(refs.map((r) => r.t)).toEqual([
      'appeal_files', 'article_files', 'articles', 'documents', 'homework_assignment_files', 'homework_submission_files',
      'message_attachments', 'news_post_files', 'profile_photos', 'support_question_files', 'uploads',
    ]);
  });
});
