import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../platform/storage/fakeS3Server.js';
import { freshSchool } from '../../test/factories.js';
import { listeningTestApp, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { MP4 } from '../documents/testHelpers.js';
import { fileRowsOf } from '../files/testHelpers.js';
import { MAX_UNFINISHED_UPLOADS } from './policy.js';
import { sweepUploads } from './sweepUploads.js';
import { createUploadStore } from './store.js';
import { tusClient } from './testHelpers.js';

const FILE_MAX = 64 * 1024;
/** A video bigger than FILE_MAX_BYTES: an MP4 header and filler. */
const BIG_VIDEO = Buffer.concat([MP4, Buffer.alloc(200 * 1024, 7)]);

type Setup = { ctx: TestContext; base: string; dataDir: string; fake: FakeS3 | null };

async function setUp(s3: boolean): Promise<Setup> {
  const fake = s3 ? await startFakeS3() : null;
  const env: Record<string, string> = { FILE_MAX_BYTES: String(FILE_MAX) };
  if (fake) Object.assign(env, { S3_ENDPOINT: fake.endpoint, S3_BUCKET: fake.bucket, S3_ACCESS_KEY_ID: fake.accessKeyId, S3_SECRET_ACCESS_KEY: fake.secretAccessKey });
  const { ctx, dataDir, port } = await listeningTestApp(s3 ? 'uploads-s3' : 'uploads', env);
  return { ctx, base: `http://127.0.0.1:${port}`, dataDir, fake };
}

describe.each([
  ['the local file store', false],
  ['the S3 store (fake S3 with SigV4)', true],
] as const)('resumable uploads (tus) on %s', (_name, s3) => {
  let t: Setup;
  beforeAll(async () => {
    t = await setUp(s3);
  });
  afterAll(async () => {
    await t.ctx.close();
    await t.fake?.close();
  });

  it('a teacher uploads a school video in pieces, resuming at the offset HEAD reports; it becomes her file and a video in «Видео школы»', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.teacher);
    const created = await tus.create(BIG_VIDEO.length, { filename: 'Урок физики.mp4', purpose: 'school-video', schoolId: f.school.id });
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/uploads\/[a-z0-9]{2}\/[a-z0-9]+$/);
    expect(created.headers.get('upload-expires')).toBeTruthy();

    const first = await tus.patch(location, 0, BIG_VIDEO.subarray(0, 1000));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('1000');
    // The connection dropped: the client asks where it stands and goes on from there.
    const head = await tus.head(location);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('1000');
    expect(head.headers.get('upload-length')).toBe(String(BIG_VIDEO.length));
    // A PATCH at the wrong offset changes nothing: 409.
    expect((await tus.patch(location, 500, BIG_VIDEO.subarray(500, 700))).status).toBe(409);
    expect((await tus.head(location)).headers.get('upload-offset')).toBe('1000');

    const last = await tus.patch(location, 1000, BIG_VIDEO.subarray(1000));
    expect(last.status).toBe(204);
    const fileId = last.headers.get('parta-file-id') ?? '';
    expect(fileId).toMatch(/^[0-9a-f-]{36}$/);
    // A client that lost that answer learns the file from HEAD.
    const after = await tus.head(location);
    expect([after.status, after.headers.get('upload-offset'), after.headers.get('parta-file-id')]).toEqual([200, String(BIG_VIDEO.length), fileId]);

    const [row] = await fileRowsOf(t.ctx, f.teacher.id);
    expect(row).toMatchObject({ id: fileId, name: 'Урок физики.mp4', size: BIG_VIDEO.length, mime: 'video/mp4', isImage: false });
    const mine = await as(t.ctx, f.cookies.teacher).get('/me/files');
    expect(mine.body.data.map((x: { file: { id: string } }) => x.file.id)).toContain(fileId);

    const doc = await as(t.ctx, f.cookies.teacher).post(`/schools/${f.school.id}/documents`, { fileId, kind: 'video', title: 'Урок физики' });
    expect(doc.status).toBe(201);
    expect(doc.body.data.file).toMatchObject({ id: fileId, size: BIG_VIDEO.length });
    const down = await fetch(`${t.base}/api/files/${fileId}`, { headers: { cookie: f.cookies.student } });
    expect(Buffer.from(await down.arrayBuffer()).equals(BIG_VIDEO)).toBe(true);
    if (t.fake) {
      expect(t.fake.objects.get(row!.storageKey)?.body.equals(BIG_VIDEO)).toBe(true);
      expect(t.fake.objects.has(`${row!.storageKey}.info`)).toBe(false);
      expect(t.fake.rejected).toBe(0);
      const ops = t.fake.requests.map((r) => `${r.method} ${r.query.replace(/=[^&]*/g, '').replace(/&?x-id/, '')}`);
      expect(ops).toEqual(expect.arrayContaining(['POST uploads', 'POST uploadId']));
    } else {
      expect(await readdir(path.join(t.dataDir, 'uploads', row!.storageKey.slice(0, 2)))).toEqual([]);
    }
  });

  it('an 11 MiB video sent in 4 MiB PATCHes arrives whole (on S3: 5 MiB parts listed and completed in order)', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.admin);
    const video = Buffer.concat([MP4, Buffer.alloc(11 * 1024 * 1024 - MP4.length, 3)]);
    video.writeUInt32BE(0xdeadbeef, video.length - 4);
    const location = (await tus.create(video.length, { filename: 'big.mp4', purpose: 'school-video', schoolId: f.school.id })).headers.get('location') ?? '';
    const step = 4 * 1024 * 1024;
    let fileId: string | null = null;
    for (let offset = 0; offset < video.length; offset += step) {
      const res = await tus.patch(location, offset, video.subarray(offset, offset + step));
      expect(res.status).toBe(204);
      expect((await tus.head(location)).headers.get('upload-offset')).toBe(String(Math.min(offset + step, video.length)));
      fileId = res.headers.get('parta-file-id');
    }
    const down = await fetch(`${t.base}/api/files/${fileId}`, { headers: { cookie: f.cookies.admin } });
    expect(Buffer.from(await down.arrayBuffer()).equals(video)).toBe(true);
    if (t.fake) {
      const parts = t.fake.requests.filter((r) => r.method === 'PUT' && /partNumber=/.test(r.query));
      expect(parts.length).toBeGreaterThanOrEqual(2);
      expect(t.fake.multipart.size).toBe(0);
      expect(t.fake.rejected).toBe(0);
    }
  });

  it('over the limit is refused at creation with 413 and the limit, before a byte is stored: FILE_MAX_BYTES, or the school video limit', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.teacher);
    const plain = await tus.create(FILE_MAX + 1, { filename: 'big.pdf' });
    expect(plain.status).toBe(413);
    expect((await plain.json()).error).toMatchObject({ code: 'file_too_large', maxBytes: FILE_MAX });
    // The same size as a school video is fine (2 GB by default) …
    expect((await tus.create(FILE_MAX + 1, { filename: 'v.mp4', purpose: 'school-video', schoolId: f.school.id })).status).toBe(201);
    // … until the administration lowers the school's limit.
    expect((await as(t.ctx, f.cookies.admin).patch(`/schools/${f.school.id}`, { videoMaxBytes: 1024 * 1024 })).status).toBe(200);
    const over = await tus.create(1024 * 1024 + 1, { filename: 'v.mp4', purpose: 'school-video', schoolId: f.school.id });
    expect(over.status).toBe(413);
    expect((await over.json()).error).toMatchObject({ code: 'file_too_large', maxBytes: 1024 * 1024, message: 'Файл слишком большой: можно не больше 1 МБ' });
    expect(await fileRowsOf(t.ctx, f.teacher.id)).toEqual([]);
  });

  it('a school video may be started only by those who add videos there: a student 403, an outsider 404; anonymous 401', async () => {
    const f = await freshSchool(t.ctx);
    const other = await freshSchool(t.ctx);
    const meta = { filename: 'v.mp4', purpose: 'school-video', schoolId: f.school.id };
    expect((await tusClient(t.base, f.cookies.student).create(10, meta)).status).toBe(403);
    expect((await tusClient(t.base, other.cookies.admin).create(10, meta)).status).toBe(404);
    expect((await tusClient(t.base, '').create(10, { filename: 'a.txt' })).status).toBe(401);
    expect((await tusClient(t.base, f.cookies.admin).create(10, { filename: 'setup.exe' })).status).toBe(400);
  });

  it("someone else's upload answers 404 to HEAD, PATCH and DELETE, and is left as it was", async () => {
    const f = await freshSchool(t.ctx);
    const mine = tusClient(t.base, f.cookies.teacher);
    const location = (await mine.create(100, { filename: 'a.txt' })).headers.get('location') ?? '';
    const theirs = tusClient(t.base, f.cookies.admin);
    expect((await theirs.head(location)).status).toBe(404);
    expect((await theirs.patch(location, 0, Buffer.alloc(100, 1))).status).toBe(404);
    expect((await theirs.del(location)).status).toBe(404);
    expect((await tusClient(t.base, '').head(location)).status).toBe(401);
    expect((await mine.head(location)).headers.get('upload-offset')).toBe('0');
  });

  it('a PATCH from another site is refused by the Origin check', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.teacher);
    const location = (await tus.create(10, { filename: 'a.txt' })).headers.get('location') ?? '';
    expect((await tus.patch(location, 0, Buffer.alloc(10, 1), { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await tus.create(10, { filename: 'a.txt' }, { Origin: 'https://evil.example' })).status).toBe(403);
  });

  it(`at most ${MAX_UNFINISHED_UPLOADS} unfinished uploads per person (429); terminating one frees a place`, async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.student);
    const locations: string[] = [];
    for (let i = 0; i < MAX_UNFINISHED_UPLOADS; i++) {
      const res = await tus.create(10, { filename: `${i}.txt` });
      expect(res.status).toBe(201);
      locations.push(res.headers.get('location') ?? '');
    }
    const refused = await tus.create(10, { filename: 'more.txt' });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('uploads_too_many');
    expect((await tus.del(locations[0]!)).status).toBe(204);
    expect((await tus.head(locations[0]!)).status).toBe(404);
    expect((await tus.create(10, { filename: 'more.txt' })).status).toBe(201);
  });

  it('a finished upload that is a program by its bytes is refused and leaves no file; a school video that is not a video likewise', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.teacher);
    const exe = Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0\x04\0\0\0', 'latin1'), Buffer.alloc(100)]);
    const a = (await tus.create(exe.length, { filename: 'notes.pdf' })).headers.get('location') ?? '';
    const refused = await tus.patch(a, 0, exe);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('file_type_forbidden');
    const notVideo = Buffer.alloc(300, 1);
    const b = (await tus.create(notVideo.length, { filename: 'v.mp4', purpose: 'school-video', schoolId: f.school.id })).headers.get('location') ?? '';
    const refusedVideo = await tus.patch(b, 0, notVideo);
    expect((await refusedVideo.json()).error.code).toBe('video_type_unsupported');
    expect(await fileRowsOf(t.ctx, f.teacher.id)).toEqual([]);
    expect((await tus.head(a)).status).toBe(404);
  });

  it('a picture finished through tus gets its size and WebP thumbnails, stored beside it (on S3: in the bucket)', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.teacher);
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3a6ea5' } }).jpeg().toBuffer();
    expect(photo.length).toBeLessThan(FILE_MAX);
    const location = (await tus.create(photo.length, { filename: 'класс.jpg' })).headers.get('location') ?? '';
    const done = await tus.patch(location, 0, photo);
    expect(done.status).toBe(204);
    const [row] = await fileRowsOf(t.ctx, f.teacher.id);
    expect(row).toMatchObject({ isImage: true, width: 900, height: 600 });
    expect(row?.thumbKey).toBeTruthy();
    expect(row?.thumbLargeKey).toBeTruthy();
    const thumb = await fetch(`${t.base}/api/files/${row!.id}/thumb/640`, { headers: { cookie: f.cookies.teacher } });
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ width: 640, height: 427 });
    if (t.fake) {
      expect(t.fake.objects.has(row!.thumbKey!)).toBe(true);
      expect(t.fake.objects.has(row!.thumbLargeKey!)).toBe(true);
    }
  });

  it('an unfinished upload expires after 24 hours: the sweep removes its bytes and its address answers 404', async () => {
    const f = await freshSchool(t.ctx);
    const tus = tusClient(t.base, f.cookies.teacher);
    const location = (await tus.create(100, { filename: 'a.txt' })).headers.get('location') ?? '';
    expect((await tus.patch(location, 0, Buffer.alloc(40, 1))).status).toBe(204);
    const store = createUploadStore(t.ctx.deps.config);
    const id = location.replace('/api/uploads/', '');
    t.ctx.deps.clock.advance(23 * 3600 * 1000);
    await sweepUploads({ db: t.ctx.deps.db, clock: t.ctx.deps.clock, uploads: store });
    expect((await tus.head(location)).headers.get('upload-offset')).toBe('40');
    t.ctx.deps.clock.advance(2 * 3600 * 1000);
    expect(await sweepUploads({ db: t.ctx.deps.db, clock: t.ctx.deps.clock, uploads: store })).toBeGreaterThanOrEqual(1);
    expect((await tus.head(location)).status).toBe(404);
    if (t.fake) {
      expect([...t.fake.objects.keys()].filter((k) => k.startsWith(id))).toEqual([]);
      expect([...t.fake.multipart.values()].filter((m) => m.key === id)).toEqual([]);
    } else {
      expect((await readdir(path.join(t.dataDir, 'uploads', id.slice(0, 2)))).filter((n) => n.startsWith(id.slice(3)))).toEqual([]);
    }
  });
});

describe('«Максимальный размер видео» (a school setting)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = (await listeningTestApp('video-limit')).ctx;
  });
  afterAll(() => ctx.close());

  it('is 2 GB by default and shown to members; only the administration changes it, within 1 MB…50 GB', async () => {
    const f = await freshSchool(ctx);
    const page = await as(ctx, f.cookies.teacher).get(`/schools/${f.school.id}`);
    expect(page.body.data.videoMaxBytes).toBe(2 * 1024 ** 3);
    expect((await as(ctx, f.cookies.teacher).patch(`/schools/${f.school.id}`, { videoMaxBytes: 1024 ** 3 })).status).toBe(403);
    expect((await as(ctx, f.cookies.admin).patch(`/schools/${f.school.id}`, { videoMaxBytes: 1000 })).status).toBe(400);
    expect((await as(ctx, f.cookies.admin).patch(`/schools/${f.school.id}`, { videoMaxBytes: 51 * 1024 ** 3 })).status).toBe(400);
    const set = await as(ctx, f.cookies.admin).patch(`/schools/${f.school.id}`, { videoMaxBytes: 5 * 1024 ** 3 });
    expect([set.status, set.body.data.videoMaxBytes]).toEqual([200, 5 * 1024 ** 3]);
    expect((await as(ctx, f.cookies.student).get(`/schools/${f.school.id}`)).body.data.videoMaxBytes).toBe(5 * 1024 ** 3);
  });
});
