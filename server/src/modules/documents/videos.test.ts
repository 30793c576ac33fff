import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { fileRowsOf } from '../files/testHelpers.js';
import { drawnPoster, wrapTitle } from './poster.js';
import { documentRowsOf, fetchRaw, MP4, PDF, uploadAs, WEBM } from './testHelpers.js';

let ctx: TestContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-videos-'));
  ctx = await createTestContext({ DATA_DIR: dataDir, FILE_MAX_BYTES: String(256 * 1024) });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function shareVideo(cookie: string, schoolId: string, filename: string, content: Buffer, extra: object = {}) {
  const fileId = await uploadAs(ctx, cookie, filename, content);
  return as(ctx, cookie).post(`/schools/${schoolId}/documents`, { fileId, kind: 'video', ...extra });
}

describe('«Видео школы» (DOC-3)', () => {
  it('an MP4 is shared with a drawn poster; a student lists it under videos (not documents) and seeks in it with byte ranges', async () => {
    const f = await freshSchool(ctx);
    const res = await shareVideo(f.cookies.teacher, f.school.id, 'Урок физики.mp4', MP4, { title: 'Урок физики: маятник' });
    expect(res.status).toBe(201);
    const video = res.body.data;
    expect(video).toMatchObject({ kind: 'video', title: 'Урок физики: маятник', file: { mime: 'video/mp4' } });
    expect(video.posterFileId).toEqual(expect.any(String));

    const s = as(ctx, f.cookies.student);
    expect((await s.get(`/schools/${f.school.id}/documents?kind=video`)).body.data.map((d: { id: string }) => d.id)).toEqual([video.id]);
    expect((await s.get(`/schools/${f.school.id}/documents`)).body.data).toEqual([]);

    // The player asks for a range: 206 with the right Content-Range and exactly those bytes.
    const part = await fetchRaw(ctx, `/api/files/${video.file.id}`, f.cookies.student, { range: 'bytes=100-1099' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${MP4.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.headers['content-type']).toBe('video/mp4');
    expect(part.rawPayload.equals(MP4.subarray(100, 1100))).toBe(true);
    const tail = await fetchRaw(ctx, `/api/files/${video.file.id}`, f.cookies.student, { range: 'bytes=2000-' });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes 2000-${MP4.length - 1}/${MP4.length}`);
    const beyond = await fetchRaw(ctx, `/api/files/${video.file.id}`, f.cookies.student, { range: `bytes=${MP4.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${MP4.length}`);

    // The poster: a 640×360 JPEG the student may see, an outsider may not.
    const poster = await fetchRaw(ctx, `/api/files/${video.posterFileId}/preview`, f.cookies.student);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(poster.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 360]);
    const other = await freshSchool(ctx);
    expect((await fetchRaw(ctx, `/api/files/${video.posterFileId}/preview`, other.cookies.student)).statusCode).toBe(404);
    expect((await fetchRaw(ctx, `/api/files/${video.file.id}`, other.cookies.student, { range: 'bytes=0-9' })).statusCode).toBe(404);
  });

  it('a WebM is accepted; the poster the uploader chose is cropped to 16:9 and re-encoded without its metadata', async () => {
    const f = await freshSchool(ctx);
    const picture = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#cc3322' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Секрет', Artist: 'Иванова' } })
      .toBuffer();
    expect((await sharp(picture).metadata()).exif).toBeDefined();
    const posterFileId = await uploadAs(ctx, f.cookies.teacher, 'обложка.jpg', picture);
    const res = await shareVideo(f.cookies.teacher, f.school.id, 'опыт.webm', WEBM, { posterFileId });
    expect(res.status).toBe(201);
    expect(res.body.data.posterFileId).not.toBe(posterFileId);
    const poster = await fetchRaw(ctx, `/api/files/${res.body.data.posterFileId}/preview`, f.cookies.student);
    const meta = await sharp(poster.rawPayload).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([640, 360, undefined]);
    expect(poster.rawPayload.includes(Buffer.from('Иванова'))).toBe(false);
  });

  it('the picture chosen as a poster is not left in «Мои документы» under its upload name; one shared elsewhere stays', async () => {
    const f = await freshSchool(ctx);
    const picture = await sharp({ create: { width: 320, height: 180, channels: 3, background: '#2255aa' } }).jpeg().toBuffer();
    const frameId = await uploadAs(ctx, f.cookies.teacher, 'poster.jpg', picture);
    expect((await shareVideo(f.cookies.teacher, f.school.id, 'урок.webm', WEBM, { posterFileId: frameId })).status).toBe(201);
    const mine = await as(ctx, f.cookies.teacher).get('/me/files');
    const names = mine.body.data.map((m: { file: { name: string } }) => m.file.name);
    expect(names).toEqual(['урок.webm']);
    expect((await fetchRaw(ctx, `/api/files/${frameId}/preview`, f.cookies.teacher)).statusCode).toBe(404);

    // A picture that is also a school document is the uploader's document: it stays.
    const sharedId = await uploadAs(ctx, f.cookies.teacher, 'обложка.jpg', picture);
    expect((await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/documents`, { fileId: sharedId, kind: 'document' })).status).toBe(201);
    expect((await shareVideo(f.cookies.teacher, f.school.id, 'опыт.webm', WEBM, { posterFileId: sharedId })).status).toBe(201);
    const after = await as(ctx, f.cookies.teacher).get('/me/files');
    expect(after.body.data.map((m: { file: { name: string } }) => m.file.name)).toContain('обложка.jpg');
  });

  it('refuses what is not an MP4 or WebM by its bytes, whatever its name, and a poster that is not a picture; nothing written', async () => {
    const f = await freshSchool(ctx);
    const fake = await shareVideo(f.cookies.teacher, f.school.id, 'урок.mp4', PDF);
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('video_type_unsupported');
    const notPicture = await uploadAs(ctx, f.cookies.teacher, 'обложка.png', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const bad = await shareVideo(f.cookies.teacher, f.school.id, 'урок.mp4', MP4, { posterFileId: notPicture });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('image_invalid');
    expect(await documentRowsOf(ctx, f.school.id)).toEqual([]);
    // Only the three uploads themselves: no poster was stored for the refused videos.
    expect(await fileRowsOf(ctx, f.teacher.id)).toHaveLength(3);
    const student = await shareVideo(f.cookies.student, f.school.id, 'моё.mp4', MP4);
    expect(student.status).toBe(403);
  });

  it('deleting a video removes its poster too', async () => {
    const f = await freshSchool(ctx);
    const video = (await shareVideo(f.cookies.teacher, f.school.id, 'a.mp4', MP4)).body.data;
    expect((await as(ctx, f.cookies.admin).del(`/documents/${video.id}`)).status).toBe(200);
    const rows = await fileRowsOf(ctx, f.teacher.id);
    expect(rows.map((r) => r.id)).toEqual([video.file.id]);
  });

  it('draws a poster from any title, long or full of markup, as text', async () => {
    expect(wrapTitle('Очень длинное название видеоурока по физике для седьмого класса гимназии номер один')).toHaveLength(3);
    expect(wrapTitle('Очень длинное название видеоурока по физике для седьмого класса гимназии номер один')[2]).toMatch(/…$/);
    const jpeg = await drawnPoster('<script>alert("x")</script> & «кавычки»');
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 360]);
  });
});
