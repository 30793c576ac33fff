import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { chatWithAttachment, multipartFile } from '../files/testHelpers.js';
import { MP4, PDF, uploadAs } from './testHelpers.js';

let ctx: TestContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-myfiles-'));
  ctx = await createTestContext({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('GET /api/me/files (DOC-2 «Мои документы»)', () => {
  it('lists my own uploads newest first — sent in chats, shared with the school, or just kept — with where each is used', async () => {
    const f = await freshSchool(ctx);
    const kept = await uploadAs(ctx, f.cookies.teacher, 'Черновик.docx', 'черновик');
    const inChat = await uploadAs(ctx, f.cookies.teacher, 'Домашнее задание.pdf', PDF);
    const { chatId } = await chatWithAttachment(ctx, { schoolId: f.school.id, memberIds: [f.teacher.id, f.student.id], authorId: f.teacher.id, fileIds: [inChat] });
    const shared = await uploadAs(ctx, f.cookies.teacher, 'Урок.mp4', MP4);
    const video = await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/documents`, { fileId: shared, kind: 'video' });
    expect(video.status).toBe(201);
    // Someone else's file never shows, even one shared in the same chat.
    const theirs = await uploadAs(ctx, f.cookies.student, 'ответ.pdf', PDF);
    await chatWithAttachment(ctx, { schoolId: f.school.id, memberIds: [f.teacher.id, f.student.id], authorId: f.student.id, fileIds: [theirs] });
    // A profile photo is a picture of me, not a document.
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#123456' } }).png().toBuffer();
    const { payload, headers } = multipartFile('me.png', png);
    expect((await ctx.app.inject({ method: 'PUT', url: '/api/me/photo', headers: { ...headers, cookie: f.cookies.teacher }, payload })).statusCode).toBe(200);

    const res = await as(ctx, f.cookies.teacher).get('/me/files');
    expect(res.status).toBe(200);
    expect(res.body.data.map((m: { file: { id: string } }) => m.file.id)).toEqual([shared, inChat, kept]);
    expect(res.body.data[0].usedIn).toEqual([{ kind: 'document', schoolId: f.school.id, schoolName: f.school.name, documentKind: 'video' }]);
    expect(res.body.data[1]).toMatchObject({ viewable: true, usedIn: [{ kind: 'chat', chatId, chatName: 'Экскурсия' }] });
    expect(res.body.data[2]).toMatchObject({ viewable: false, usedIn: [], file: { name: 'Черновик.docx' } });
    expect(res.body.nextBefore).toBeNull();
  });

  it('pages with `before`; the anonymous are asked to sign in', async () => {
    const f = await freshSchool(ctx);
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await uploadAs(ctx, f.cookies.student, `${n}.txt`, `файл ${n}`));
    const first = await as(ctx, f.cookies.student).get('/me/files?limit=2');
    expect(first.body.data.map((m: { file: { id: string } }) => m.file.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextBefore).toEqual(expect.any(String));
    const second = await as(ctx, f.cookies.student).get(`/me/files?limit=2&before=${encodeURIComponent(first.body.nextBefore)}`);
    expect(second.body.data.map((m: { file: { id: string } }) => m.file.id)).toEqual([ids[0]]);
    expect(second.body.nextBefore).toBeNull();
    expect((await as(ctx, '').get('/me/files')).status).toBe(401);
  });
});
