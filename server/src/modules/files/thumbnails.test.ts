import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { chatWithAttachment, fileRowsOf, multipartFile, storedObjects } from './testHelpers.js';

/**
 * Issue 12, item 5: an image carries its size, and a chat shows a real thumbnail made at upload, never
 * the original; broken, huge or animated pictures and non-pictures upload without a thumbnail and break nothing.
 */
let ctx: TestContext;
let dataDir: string;
let filesDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-thumbs-'));
  filesDir = path.join(dataDir, 'files');
  ctx = await createTestContext({ DATA_DIR: dataDir, FILE_MAX_BYTES: String(8 * 1024 * 1024) });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Sent {
  id: string;
  kind: 'image' | 'file';
  width: number | null;
  height: number | null;
  thumbnailUrl: string | null;
  largeThumbnailUrl: string | null;
}

async function upload(cookie: string, filename: string, content: Buffer, type: string): Promise<Sent> {
  const { payload, headers } = multipartFile(filename, content, type);
  const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as Sent;
}

const get = (url: string, cookie: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

/** A photo-like JPEG: noise does not compress, so the original is as heavy as a camera's. */
function photo(width: number, height: number, orientation?: number): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
  return (orientation ? img.withMetadata({ orientation }) : img).jpeg({ quality: 92 }).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crcInput = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(crcInput) >>> 0);
  return Buffer.concat([len, crcInput, crc]);
}
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

/**
 * A decompression bomb as it reaches the server: a valid PNG header claiming 50 000 × 50 000 pixels
 * (2.5 gigapixels, 7.5 GB decoded) with a few kB of zeros compressed behind it.
 */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(4 * 1024 * 1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// Decoding and encoding a camera-sized photo takes seconds on a busy two-core machine.
describe('image sizes and thumbnails', { timeout: 90_000 }, () => {
  it('a camera photo: its size is read, and the 640 and 1280 thumbnails are WebP of the right size, far smaller, served as safely as files', async () => {
    const s = await freshSchool(ctx);
    const original = await photo(3000, 2000);
    const sent = await upload(s.cookies.teacher, 'экскурсия.jpg', original, 'image/jpeg');
    expect(sent).toMatchObject({ kind: 'image', width: 3000, height: 2000 });
    expect(sent.thumbnailUrl).toBe(`/api/files/${sent.id}/thumb/640`);
    expect(sent.largeThumbnailUrl).toBe(`/api/files/${sent.id}/thumb/1280`);

    const small = await get(sent.thumbnailUrl!, s.cookies.teacher);
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-type']).toBe('image/webp');
    expect(small.headers['x-content-type-options']).toBe('nosniff');
    expect(small.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(small.headers['content-disposition']).toMatch(/^inline; filename=".*\.webp"/);
    const smallMeta = await sharp(small.rawPayload).metadata();
    expect(smallMeta).toMatchObject({ format: 'webp', width: 640, height: 427 });
    expect(small.rawPayload.length).toBeLessThan(original.length / 5);

    const large = await get(sent.largeThumbnailUrl!, s.cookies.teacher);
    expect(await sharp(large.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 1280, height: 853 });
    expect(large.rawPayload.length).toBeLessThan(original.length);

    // The original is still there, byte for byte, to download.
    const down = await get(`/api/files/${sent.id}`, s.cookies.teacher);
    expect(down.rawPayload.equals(original)).toBe(true);
    // Original and two thumbnails, all in the one storage.
    const [row] = await fileRowsOf(ctx, s.teacher.id);
    const objects = await storedObjects(filesDir);
    for (const key of [row!.storageKey, row!.thumbKey, row!.thumbLargeKey]) expect(objects).toContain(key);
  });

  it('a phone photo taken sideways (EXIF orientation 6) is measured and thumbnailed upright', async () => {
    const s = await freshSchool(ctx);
    const sent = await upload(s.cookies.student, 'IMG_2041.jpg', await photo(600, 400, 6), 'image/jpeg');
    expect(sent).toMatchObject({ width: 400, height: 600, largeThumbnailUrl: null });
    const thumb = await get(sent.thumbnailUrl!, s.cookies.student);
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ width: 400, height: 600 });
  });

  it('a small picture is never enlarged: one thumbnail, and asking for 1280 gives it', async () => {
    const s = await freshSchool(ctx);
    const png = await sharp({ create: { width: 24, height: 16, channels: 4, background: '#d00000' } }).png().toBuffer();
    const sent = await upload(s.cookies.teacher, 'doska.png', png, 'image/png');
    expect(sent).toMatchObject({ kind: 'image', width: 24, height: 16, largeThumbnailUrl: null });
    const big = await get(`/api/files/${sent.id}/thumb/1280`, s.cookies.teacher);
    expect(big.statusCode).toBe(200);
    expect(await sharp(big.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 24, height: 16 });
  });

  it('a decompression bomb is refused from its header in moments: stored as a file, never shown inline, no thumbnail', async () => {
    const s = await freshSchool(ctx);
    const started = Date.now();
    const sent = await upload(s.cookies.student, 'bomb.png', bombPng(), 'image/png');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sent).toMatchObject({ kind: 'file', width: null, height: null, thumbnailUrl: null, largeThumbnailUrl: null });
    expect((await get(`/api/files/${sent.id}/thumb/640`, s.cookies.student)).statusCode).toBe(404);
    expect((await get(`/api/files/${sent.id}/preview`, s.cookies.student)).statusCode).toBe(404);
    // It still downloads, as an attachment.
    const down = await get(`/api/files/${sent.id}`, s.cookies.student);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-disposition']).toMatch(/^attachment/);
    const [row] = await fileRowsOf(ctx, s.student.id);
    expect(row).toMatchObject({ isImage: false, thumbKey: null, thumbLargeKey: null });
  });

  it('bytes that only start like a PNG, and a text file, upload without size or thumbnail', async () => {
    const s = await freshSchool(ctx);
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    const b = await upload(s.cookies.teacher, 'битая.png', broken, 'image/png');
    expect(b).toMatchObject({ kind: 'image', width: null, height: null, thumbnailUrl: null, largeThumbnailUrl: null });
    expect((await get(`/api/files/${b.id}/thumb/640`, s.cookies.teacher)).statusCode).toBe(404);

    const t = await upload(s.cookies.teacher, 'задание.txt', Buffer.from('Решить № 15, 16'), 'text/plain');
    expect(t).toMatchObject({ kind: 'file', width: null, height: null, thumbnailUrl: null, largeThumbnailUrl: null });
    expect((await get(`/api/files/${t.id}/thumb/640`, s.cookies.teacher)).statusCode).toBe(404);
    // Only the two originals were stored: no thumbnail objects.
    const rows = await fileRowsOf(ctx, s.teacher.id);
    expect(rows.map((r) => r.thumbKey)).toEqual([null, null]);
  });

  it('an animated GIF keeps its animation: its frame size is known and the original is what shows', async () => {
    const s = await freshSchool(ctx);
    // Three frames of 40 × 30: light, middle, dark.
    const frames = Buffer.concat([Buffer.alloc(40 * 30 * 3, 200), Buffer.alloc(40 * 30 * 3, 100), Buffer.alloc(40 * 30 * 3, 20)]);
    const gif = await sharp(frames, { raw: { width: 40, height: 90, channels: 3, pageHeight: 30 } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const sent = await upload(s.cookies.teacher, 'привет.gif', gif, 'image/gif');
    expect(sent).toMatchObject({ kind: 'image', width: 40, height: 30, thumbnailUrl: null });
    const preview = await get(`/api/files/${sent.id}/preview`, s.cookies.teacher);
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.equals(gif)).toBe(true);
  });

  it('a thumbnail is read under the file rule: members of the chat that carries it, no one else (404)', async () => {
    const s = await freshSchool(ctx);
    const sent = await upload(s.cookies.teacher, 'класс.jpg', await photo(800, 600), 'image/jpeg');
    expect((await get(sent.thumbnailUrl!, s.cookies.student)).statusCode).toBe(404);
    await chatWithAttachment(ctx, { schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [sent.id] });
    expect((await get(sent.thumbnailUrl!, s.cookies.student)).statusCode).toBe(200);
    expect((await get(sent.largeThumbnailUrl!, s.cookies.student)).statusCode).toBe(200);
    const elsewhere = await freshSchool(ctx);
    expect((await get(sent.thumbnailUrl!, elsewhere.cookies.teacher)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: sent.thumbnailUrl! })).statusCode).toBe(404);
    expect((await get(`/api/files/${sent.id}/thumb/99`, s.cookies.teacher)).statusCode).toBe(400);
  });

  it('the chat history carries the sizes and thumbnails of a message’s pictures', async () => {
    const s = await freshSchool(ctx);
    const sent = await upload(s.cookies.teacher, 'доска.jpg', await photo(1000, 750), 'image/jpeg');
    const { chatId } = await chatWithAttachment(ctx, { schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [sent.id] });
    const res = await get(`/api/chats/${chatId}/messages`, s.cookies.student);
    expect(res.statusCode).toBe(200);
    expect(res.json().data[0].attachments[0]).toEqual({
      id: sent.id, name: 'доска.jpg', size: expect.any(Number), mime: 'image/jpeg', kind: 'image',
      width: 1000, height: 750, thumbnailUrl: `/api/files/${sent.id}/thumb/640`, largeThumbnailUrl: `/api/files/${sent.id}/thumb/1280`,
    });
  });
});
