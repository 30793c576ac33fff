import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilePhotos } from '../../db/contentSchema.js';
import { createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { listeningTestApp, type TestContext } from '../../test/testApp.js';
import { as } from '../chats/testHelpers.js';
import { fileRowsOf, multipartFile, storedObjects } from '../files/testHelpers.js';
import { fetchRaw, lyingUpload } from '../documents/testHelpers.js';

const LIMIT = 256 * 1024;
let ctx: TestContext;
let dataDir: string;
let port: number;

beforeAll(async () => {
  ({ ctx, dataDir, port } = await listeningTestApp('photos', { FILE_MAX_BYTES: String(LIMIT) }));
});
afterAll(() => ctx.close());

/** A phone photo: 1200×800 JPEG with GPS coordinates and a camera in its EXIF. */
async function phonePhoto(color = '#3366aa') {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: color } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PartaPhone', Model: 'Секретная модель' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 0/1' },
    })
    .toBuffer();
}

function put(url: string, cookie: string, filename: string, content: Buffer | string) {
  const { payload, headers } = multipartFile(filename, content);
  return ctx.app.inject({ method: 'PUT', url, headers: cookie ? { ...headers, cookie } : headers, payload });
}

const photoRow = (kind: 'user' | 'school', ownerId: string) =>
  ctx.deps.db.select().from(profilePhotos).where(and(eq(profilePhotos.ownerKind, kind), eq(profilePhotos.ownerId, ownerId)));

describe('PUT /api/me/photo', () => {
  it('keeps only pixels: a 256×256 JPEG without EXIF or GPS; classmates see it, people of other schools do not', async () => {
    const f = await freshSchool(ctx);
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await put('/api/me/photo', f.cookies.student, 'IMG_0001.jpg', original);
    expect(res.statusCode).toBe(200);
    const url = res.json().data.url as string;
    expect(url).toMatch(/^\/api\/files\/[0-9a-f-]+\/preview$/);

    const seen = await fetchRaw(ctx, url, f.cookies.teacher);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(seen.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.iptc]).toEqual(['jpeg', 256, 256, undefined, undefined, undefined]);
    expect(seen.rawPayload.includes(Buffer.from('PartaPhone'))).toBe(false);

    const lookup = await as(ctx, f.cookies.teacher).get(`/photos?users=${f.student.id},${f.admin.id}`);
    expect(lookup.body.data).toEqual({ users: { [f.student.id]: url }, schools: {} });
    expect((await as(ctx, f.cookies.student).get(`/photos?users=${f.student.id}`)).body.data.users).toEqual({ [f.student.id]: url });

    const other = await freshSchool(ctx);
    expect((await as(ctx, other.cookies.admin).get(`/photos?users=${f.student.id}`)).body.data.users).toEqual({});
    expect((await fetchRaw(ctx, url, other.cookies.admin)).statusCode).toBe(404);
    expect((await fetchRaw(ctx, url, '')).statusCode).toBe(404);
    expect((await as(ctx, '').get(`/photos?users=${f.student.id}`)).status).toBe(401);
  });

  it('a new photo replaces the old one, whose file and bytes are removed; DELETE removes it', async () => {
    const f = await freshSchool(ctx);
    const first = (await put('/api/me/photo', f.cookies.teacher, 'a.jpg', await phonePhoto('#aa0000'))).json().data.url;
    const second = (await put('/api/me/photo', f.cookies.teacher, 'b.png', await sharp({ create: { width: 300, height: 500, channels: 4, background: '#00aa0088' } }).png().toBuffer())).json().data.url;
    expect(second).not.toBe(first);
    expect(await fileRowsOf(ctx, f.teacher.id)).toHaveLength(1);
    expect((await fetchRaw(ctx, first, f.cookies.student)).statusCode).toBe(404);
    expect((await fetchRaw(ctx, second, f.cookies.student)).statusCode).toBe(200);
    const objects = await storedObjects(path.join(dataDir, 'files'));
    expect((await as(ctx, f.cookies.teacher).del('/me/photo')).status).toBe(200);
    expect(await photoRow('user', f.teacher.id)).toEqual([]);
    expect(await fileRowsOf(ctx, f.teacher.id)).toEqual([]);
    expect((await storedObjects(path.join(dataDir, 'files'))).length).toBe(objects.length - 1);
    expect((await as(ctx, f.cookies.teacher).del('/me/photo')).status).toBe(200);
    expect((await as(ctx, '').del('/me/photo')).status).toBe(401);
  });

  it('refuses what is not a raster picture by its bytes (SVG, HTML named .jpg), and the anonymous; nothing written', async () => {
    const f = await freshSchool(ctx);
    const svg = await put('/api/me/photo', f.cookies.student, 'me.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.code).toBe('image_invalid');
    const html = await put('/api/me/photo', f.cookies.student, 'me.jpg', '<html><script>alert(1)</script></html>');
    expect(html.json().error.code).toBe('image_invalid');
    // JPEG's first bytes with garbage after them: sharp refuses it.
    const broken = await put('/api/me/photo', f.cookies.student, 'me.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]));
    expect(broken.json().error.code).toBe('image_invalid');
    expect((await put('/api/me/photo', '', 'me.jpg', await phonePhoto())).statusCode).toBe(401);
    expect(await photoRow('user', f.student.id)).toEqual([]);
    expect(await fileRowsOf(ctx, f.student.id)).toEqual([]);
  });

  it('the size limit holds when the client lies about the length', async () => {
    const f = await freshSchool(ctx);
    const before = await storedObjects(path.join(dataDir, 'files'));
    const res = await lyingUpload(port, { method: 'PUT', path: '/api/me/photo', cookie: f.cookies.student, size: 4 * LIMIT, filename: 'me.jpg' });
    if (!res.reset) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('file_too_large');
    }
    expect(await photoRow('user', f.student.id)).toEqual([]);
    expect(await fileRowsOf(ctx, f.student.id)).toEqual([]);
    expect(await storedObjects(path.join(dataDir, 'files'))).toEqual(before);
  });
});

describe('PUT /api/schools/:schoolId/logo', () => {
  it('the administrator sets the logo; anyone signed in sees it; a teacher gets 403, another school 404, the anonymous 401', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const url = `/api/schools/${f.school.id}/logo`;
    expect((await put(url, f.cookies.teacher, 'logo.png', await phonePhoto())).statusCode).toBe(403);
    expect((await put(url, other.cookies.admin, 'logo.png', await phonePhoto())).statusCode).toBe(404);
    expect((await put(url, '', 'logo.png', await phonePhoto())).statusCode).toBe(401);
    expect(await photoRow('school', f.school.id)).toEqual([]);

    const res = await put(url, f.cookies.admin, 'logo.jpg', await phonePhoto());
    expect(res.statusCode).toBe(200);
    const logo = res.json().data.url as string;
    const outsider = await signedInCookie(ctx, await createUser(ctx));
    expect((await as(ctx, outsider).get(`/photos?schools=${f.school.id}`)).body.data.schools).toEqual({ [f.school.id]: logo });
    expect((await fetchRaw(ctx, logo, outsider)).statusCode).toBe(200);

    expect((await as(ctx, f.cookies.teacher).del(`/schools/${f.school.id}/logo`)).status).toBe(403);
    expect((await as(ctx, other.cookies.admin).del(`/schools/${f.school.id}/logo`)).status).toBe(404);
    expect(await photoRow('school', f.school.id)).toHaveLength(1);
    expect((await as(ctx, f.cookies.admin).del(`/schools/${f.school.id}/logo`)).status).toBe(200);
    expect(await photoRow('school', f.school.id)).toEqual([]);
  });

  it('refuses a malformed id list', async () => {
    const f = await freshSchool(ctx);
    expect((await as(ctx, f.cookies.admin).get('/photos?users=not-an-id')).status).toBe(400);
  });
});
