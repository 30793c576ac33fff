import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploads } from '../../db/uploadSchema.js';
import { freshSchool, type SchoolFixture } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { cleanFileName } from './fileTypes.js';

/**
 * A file name is typed by whoever named the file, or by nobody (a Blob has none): any of them is stored
 * as a clean name or refused with a 4xx, never a 500.
 */
let ctx: TestContext;
let dataDir: string;
let school: SchoolFixture;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-names-'));
  ctx = await createTestContext({ DATA_DIR: dataDir });
  school = await freshSchool(ctx);
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A multipart upload whose file part carries exactly this Content-Disposition tail and type. */
async function uploadWith(disposition: string, contentType = 'application/octet-stream') {
  const b = 'partaNames';
  const payload = `--${b}\r\nContent-Disposition: form-data; name="file"${disposition}\r\nContent-Type: ${contentType}\r\n\r\nhello\r\n--${b}--\r\n`;
  return ctx.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { 'content-type': `multipart/form-data; boundary=${b}`, cookie: school.cookies.teacher },
    payload,
  });
}

const odd: Array<[string, string, string]> = [
  ['empty', '', 'file'],
  ['only NUL', '\u0000', 'file'],
  ['NUL before the extension', '\u0000\u0000.txt', '.txt'],
  ['only dots', '...', 'file'],
  ['dots and spaces', '. . .', 'file'],
  ['only spaces', '   ', 'file'],
  ['only directories', '..\\..\\', 'file'],
  ['300 letters', 'a'.repeat(300), 'a'.repeat(200)],
  ['250 emoji', `${'😀'.repeat(250)}.txt`, `${'😀'.repeat(196)}.txt`],
  ['a family emoji and Cyrillic', '👩‍👩‍👧 отчёт.pdf', '👩‍👩‍👧 отчёт.pdf'],
  ['a right-to-left mark', '\u200fسلام.txt', 'سلام.txt'],
  ['an unpaired high surrogate', '\ud800.txt', '\ufffd.txt'],
  ['an unpaired low surrogate', 'x\udfff', 'x\ufffd'],
];

describe('file names', () => {
  it.each(odd)('a name of %s is cleaned to one a disk and a page can show', (_label, raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('a file part without any filename (a Blob sent as application/octet-stream) is stored as «file», not a 500', async () => {
    const res = await uploadWith('');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.name).toBe('file');
  });

  it('names of only NUL, dots or spaces, an encoded unpaired surrogate, 300 characters: stored cleaned', async () => {
    const sent: Array<[string, string]> = [
      ['; filename=""', 'file'],
      ['; filename="..."', 'file'],
      ['; filename="   "', 'file'],
      ["; filename*=UTF-8''%00", 'file'],
      ["; filename*=UTF-8''%ED%A0%80.txt", '\ufffd\ufffd\ufffd.txt'],
      [`; filename="${'я'.repeat(300)}.txt"`, `${'я'.repeat(196)}.txt`],
      ["; filename*=UTF-8''%E2%80%AEtxt.pdf", 'txt.pdf'],
    ];
    for (const [disposition, name] of sent) {
      const res = await uploadWith(disposition);
      expect(res.statusCode, `${disposition} → ${res.body}`).toBe(201);
      expect(res.json().data.name).toBe(name);
    }
  });

  it('a tus upload whose Upload-Metadata filename is empty, NUL, dots or absent is recorded as «file»', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    for (const metadata of ['filename', `filename ${b64('\u0000')}`, `filename ${b64('..')}`, 'filetype']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { cookie: school.cookies.teacher, 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': metadata },
      });
      expect(res.statusCode, `${metadata} → ${res.body}`).toBe(201);
      const location = String(res.headers.location);
      const [row] = await ctx.deps.db.select({ name: uploads.name }).from(uploads).where(eq(uploads.id, location.replace('/api/uploads/', '')));
      expect(row?.name).toBe('file');
      await ctx.app.inject({ method: 'DELETE', url: location, headers: { cookie: school.cookies.teacher, 'tus-resumable': '1.0.0' } });
    }
  });

  it('a tus upload with unparsable Upload-Metadata is refused with a 400, not a 500', async () => {
    // (A raw NUL in a header never gets this far: Node's parser answers 400 itself.)
    for (const metadata of ['', ' ', 'filename a b c', 'filename !!!']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: { cookie: school.cookies.teacher, 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': metadata },
      });
      expect(res.statusCode, `${JSON.stringify(metadata)} → ${res.body}`).toBe(400);
    }
  });
});
