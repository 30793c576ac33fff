import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type FakeS3, startFakeS3 } from '../../platform/storage/fakeS3Server.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { fileRowsOf, multipartFile } from './testHelpers.js';

let ctx: TestContext;
let fake: FakeS3;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeS3();
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-files-s3-'));
  ctx = await createTestContext({
    DATA_DIR: dataDir,
    FILE_MAX_BYTES: '4096',
    S3_ENDPOINT: fake.endpoint,
    S3_BUCKET: fake.bucket,
    S3_ACCESS_KEY_ID: fake.accessKeyId,
    S3_SECRET_ACCESS_KEY: fake.secretAccessKey,
  });
});
afterAll(async () => {
  await ctx.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('files on S3 (S3_* set; a fake S3 on 127.0.0.1)', () => {
  it('uploads go to the bucket, signed; downloads and ranges come back from it; nothing lands in DATA_DIR/files', async () => {
    const s = await freshSchool(ctx);
    const { payload, headers } = multipartFile('расписание.txt', '0123456789');
    const up = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie: s.cookies.teacher }, payload });
    expect(up.statusCode).toBe(201);
    const [row] = await fileRowsOf(ctx, s.teacher.id);
    expect(fake.objects.get(row!.storageKey)?.body.toString()).toBe('0123456789');
    const down = await ctx.app.inject({ method: 'GET', url: `/api/files/${up.json().data.id}`, headers: { cookie: s.cookies.teacher } });
    expect(down.body).toBe('0123456789');
    const part = await ctx.app.inject({
      method: 'GET', url: `/api/files/${up.json().data.id}`, headers: { cookie: s.cookies.teacher, range: 'bytes=3-4' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('34');
    expect(fake.rejected).toBe(0);
    await expect(readdir(path.join(dataDir, 'files'))).rejects.toThrow();
  });

  it('a refused upload never reaches the bucket and leaves no spool file', async () => {
    const s = await freshSchool(ctx);
    const puts = () => fake.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    for (const [name, body] of [['big.bin', Buffer.alloc(5000, 1)], ['prog.pdf', Buffer.from('\x7fELF....')]] as const) {
      const { payload, headers } = multipartFile(name, body);
      const res = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie: s.cookies.teacher }, payload });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(puts()).toBe(before);
    expect(await fileRowsOf(ctx, s.teacher.id)).toEqual([]);
    expect(await readdir(path.join(dataDir, 'tmp'))).toEqual([]);
  });
});

describe('storage config', () => {
  it('defaults to 50 MB and local files; half an S3 setup refuses to start', () => {
    const c = loadConfig({});
    expect(c.files.maxBytes).toBe(50 * 1024 * 1024);
    expect(c.files.s3).toBeNull();
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'b' })).toThrow(/S3_ACCESS_KEY_ID/);
    const full = loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(full.files.s3).toMatchObject({ region: 'us-east-1', bucket: 'b' });
  });
});
