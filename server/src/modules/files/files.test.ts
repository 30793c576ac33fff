import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMembers, messages } from '../../db/chatSchema.js';
import { createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { ownFiles } from './ownFiles.js';
import { chatWithAttachment, fileRowsOf, multipartFile, storedObjects, tmpLeftovers } from './testHelpers.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(48, 7),
]);
const LIMIT = 64 * 1024;
const noPixels = { width: null, height: null, thumbnailUrl: null, largeThumbnailUrl: null };

let ctx: TestContext;
let dataDir: string;
let filesDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'parta-files-'));
  filesDir = path.join(dataDir, 'files');
  ctx = await createTestContext({ DATA_DIR: dataDir, FILE_MAX_BYTES: String(LIMIT) });
});
afterAll(async () => {
  await ctx.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function upload(cookie: string, filename: string, content: Buffer | string, type?: string) {
  const { payload, headers } = multipartFile(filename, content, type);
  return ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie }, payload });
}

async function uploaded(cookie: string, filename: string, content: Buffer | string, type?: string) {
  const res = await upload(cookie, filename, content, type);
  expect(res.statusCode).toBe(201);
  return res.json().data as { id: string; name: string; size: number; mime: string; kind: 'image' | 'file' };
}

const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url, headers: cookie ? { ...headers, cookie } : headers });

describe('GET /api/files/limits', () => {
  it('shows the size limit and the forbidden types to a signed-in person; anonymous is asked to sign in', async () => {
    const s = await freshSchool(ctx);
    const res = await get('/api/files/limits', s.cookies.student);
    expect(res.statusCode).toBe(200);
    const { data } = res.json();
    expect(data.maxBytes).toBe(LIMIT);
    expect(data.forbiddenExtensions).toEqual(expect.arrayContaining(['exe', 'msi', 'bat', 'cmd', 'com', 'scr', 'js', 'vbs', 'ps1', 'sh', 'jar', 'apk', 'dll']));
    expect(data.forbiddenExtensions).toEqual(expect.arrayContaining(['iso', 'vhd', 'msix', 'appx', 'chm', 'url', 'docm', 'xlsm', 'scf', 'xll', 'one', 'mjs']));
    expect(data.previewTypes).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
    expect((await get('/api/files/limits')).statusCode).toBe(401);
  });
});

describe('POST /api/files and GET /api/files/:id', () => {
  it('round trip: the owner uploads a document and downloads the same bytes as a safe attachment', async () => {
    const s = await freshSchool(ctx);
    const content = 'Контрольная работа №3, вариант 1';
    const file = await uploaded(s.cookies.teacher, 'Контрольная работа.pdf', content, 'text/html');
    expect(file).toMatchObject({ name: 'Контрольная работа.pdf', size: Buffer.byteLength(content), mime: 'application/pdf', kind: 'file' });
    const rows = await fileRowsOf(ctx, s.teacher.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.storageKey).not.toContain('Контрольная');

    const res = await get(`/api/files/${file.id}`, s.cookies.teacher);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(content);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(content)));
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="___________ ______.pdf"; filename*=UTF-8''${encodeURIComponent('Контрольная работа.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['accept-ranges']).toBe('bytes');
  });

  it('an image whose bytes are PNG gets a preview, served inline with its type; the download stays an attachment', async () => {
    const s = await freshSchool(ctx);
    const file = await uploaded(s.cookies.student, 'фото доски.png', PNG, 'image/png');
    expect(file).toMatchObject({ kind: 'image', mime: 'image/png', size: PNG.length });
    const preview = await get(`/api/files/${file.id}/preview`, s.cookies.student);
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.equals(PNG)).toBe(true);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.headers['content-disposition']).toMatch(/^inline; /);
    expect(preview.headers['x-content-type-options']).toBe('nosniff');
    const download = await get(`/api/files/${file.id}`, s.cookies.student);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('a «.png» whose bytes are not an image is a plain file with no preview', async () => {
    const s = await freshSchool(ctx);
    const file = await uploaded(s.cookies.student, 'not-really.png', '<html><script>alert(1)</script></html>', 'image/png');
    expect(file.kind).toBe('file');
    expect((await get(`/api/files/${file.id}/preview`, s.cookies.student)).statusCode).toBe(404);
  });

  it('uploaded HTML and SVG are never served inline or as themselves: octet-stream attachments, no preview', async () => {
    const s = await freshSchool(ctx);
    const html = await uploaded(s.cookies.student, 'page.html', '<html><script>alert(document.cookie)</script></html>', 'text/html');
    const svg = await uploaded(
      s.cookies.student,
      'pic.svg',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      'image/svg+xml',
    );
    for (const f of [html, svg]) {
      expect(f.kind).toBe('file');
      const res = await get(`/api/files/${f.id}`, s.cookies.student);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
      expect((await get(`/api/files/${f.id}/preview`, s.cookies.student)).statusCode).toBe(404);
    }
  });

  it('a file name cannot carry directories or right-to-left tricks', async () => {
    const s = await freshSchool(ctx);
    const f = await uploaded(s.cookies.student, '..\\..\\secret/фото\u202Egnp.txt', 'hello');
    expect(f.name).toBe('фотоgnp.txt');
  });

  it('answers Range requests with 206 and the asked bytes; an impossible range gets 416', async () => {
    const s = await freshSchool(ctx);
    const f = await uploaded(s.cookies.teacher, 'digits.txt', '0123456789');
    const cases: [string, string, string][] = [
      ['bytes=2-5', '2345', 'bytes 2-5/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
    ];
    for (const [range, body, contentRange] of cases) {
      const res = await get(`/api/files/${f.id}`, s.cookies.teacher, { range });
      expect(res.statusCode, range).toBe(206);
      expect(res.body).toBe(body);
      expect(res.headers['content-range']).toBe(contentRange);
      expect(res.headers['content-length']).toBe(String(body.length));
    }
    const bad = await get(`/api/files/${f.id}`, s.cookies.teacher, { range: 'bytes=10-' });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe('bytes */10');
    const whole = await get(`/api/files/${f.id}`, s.cookies.teacher, { range: 'bytes=0-1,4-5' });
    expect(whole.statusCode).toBe(200);
    expect(whole.body).toBe('0123456789');
  });
});

describe('refused uploads', () => {
  it('refuses executable types by extension, stores nothing and writes no row', async () => {
    const s = await freshSchool(ctx);
    const before = await storedObjects(filesDir);
    for (const name of [
      'setup.exe', 'RUN.BAT', 'script.js', 'install.sh', 'game.apk', 'lib.dll', 'trick.exe.', 'x.ps1', 'a.vbs', 'p.jar',
      // Disk images, app packages, shortcuts, help files and macro documents (the probe, OWASP's upload advice).
      'Учебник.iso', 'disk.IMG', 'vm.vhdx', 'app.msixbundle', 'App.appx', 'help.chm', 'school.url', 'Оценки.xlsm',
      'report.docm', 'slides.pptm', 'desktop.scf', 'update.cab', 'addin.xll', 'notes.one', 'tool.application',
      'module.mjs', 'module.cjs',
    ]) {
      const res = await upload(s.cookies.student, name, 'harmless text');
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code).toBe('file_type_forbidden');
    }
    expect(await storedObjects(filesDir)).toEqual(before);
    expect(await fileRowsOf(ctx, s.student.id)).toEqual([]);
  });

  it('refuses programs by their first bytes whatever their name, stores nothing and writes no row', async () => {
    const s = await freshSchool(ctx);
    const before = await storedObjects(filesDir);
    const programs: [string, Buffer][] = [
      ['homework.pdf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(4000)])],
      ['photo.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)])],
      ['notes.txt', Buffer.from('#!/bin/sh\nrm -rf ~\n')],
      ['tiny', Buffer.from('MZ')],
    ];
    for (const [name, bytes] of programs) {
      const res = await upload(s.cookies.student, name, bytes);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.code).toBe('file_type_forbidden');
    }
    expect(await storedObjects(filesDir)).toEqual(before);
    expect(await tmpLeftovers(filesDir)).toEqual([]);
    expect(await fileRowsOf(ctx, s.student.id)).toEqual([]);
  });

  it('takes a file of exactly the limit; one byte more is 413 file_too_large, leaving no bytes and no row', async () => {
    const s = await freshSchool(ctx);
    expect((await upload(s.cookies.teacher, 'exact.bin', Buffer.alloc(LIMIT, 1))).statusCode).toBe(201);
    const before = await storedObjects(filesDir);
    const res = await upload(s.cookies.teacher, 'big.zip', Buffer.alloc(LIMIT + 1, 1));
    expect(res.statusCode).toBe(413);
    // The message says the limit as the web app writes sizes (contracts' formatSize): 64 KB.
    expect(res.json().error).toMatchObject({ code: 'file_too_large', maxBytes: LIMIT, message: 'Файл слишком большой: можно не больше 64 КБ' });
    const far = await upload(s.cookies.teacher, 'huge.mp4', Buffer.alloc(LIMIT * 4, 1));
    expect(far.statusCode).toBe(413);
    expect(await storedObjects(filesDir)).toEqual(before);
    expect(await tmpLeftovers(filesDir)).toEqual([]);
    expect((await fileRowsOf(ctx, s.teacher.id)).map((r) => r.name)).toEqual(['exact.bin']);
  });

  it('anonymous uploads are refused; a request without a file part is invalid', async () => {
    const { payload, headers } = multipartFile('a.txt', 'x');
    const anon = await ctx.app.inject({ method: 'POST', url: '/api/files', headers, payload });
    expect(anon.statusCode).toBe(401);
    const s = await freshSchool(ctx);
    const json = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: s.cookies.student }, payload: { a: 1 } });
    expect(json.statusCode).toBe(400);
    expect(await fileRowsOf(ctx, s.student.id)).toEqual([]);
  });
});

describe('who may download', () => {
  it('the owner, members of a chat where a message carries the file and its school\'s administrators; nobody else, and all others get the same 404', async () => {
    const s = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const classmate = await createUser(ctx);
    const classmateCookie = await signedInCookie(ctx, classmate);
    const file = await uploaded(s.cookies.teacher, 'задание.docx', 'Прочитать параграф 12');
    const unsent = await uploaded(s.cookies.teacher, 'черновик.txt', 'ещё не отправлен');
    await chatWithAttachment(ctx, { schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [file.id] });

    expect((await get(`/api/files/${file.id}`, s.cookies.teacher)).statusCode).toBe(200);
    const member = await get(`/api/files/${file.id}`, s.cookies.student);
    expect(member.statusCode).toBe(200);
    expect(member.body).toBe('Прочитать параграф 12');

    // An administrator may view every non-personal chat of the school, so also what was posted in it.
    expect((await get(`/api/files/${file.id}`, s.cookies.admin)).statusCode).toBe(200);

    const refusals = [
      ['another school', other.cookies.admin],
      ['someone with no school', classmateCookie],
      ['anonymous', undefined],
    ] as const;
    for (const [who, cookie] of refusals) {
      const res = await get(`/api/files/${file.id}`, cookie);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.body).not.toContain('параграф');
      expect((await get(`/api/files/${file.id}/preview`, cookie)).statusCode, who).toBe(404);
    }
    // A file not sent anywhere is its owner's alone.
    expect((await get(`/api/files/${unsent.id}`, s.cookies.student)).statusCode).toBe(404);
    expect((await get(`/api/files/${unsent.id}`, s.cookies.teacher)).statusCode).toBe(200);
    expect((await get(`/api/files/${randomUUID()}`, s.cookies.teacher)).statusCode).toBe(404);
  });

  it('an administrator of the school sees a class chat\'s photo and downloads its attachment; a stranger and another school\'s administrator get 404', async () => {
    const s = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const stranger = await signedInCookie(ctx, await createUser(ctx));
    const photo = await uploaded(s.cookies.teacher, 'доска.png', PNG);
    const doc = await uploaded(s.cookies.teacher, 'задание.txt', 'Упражнение 5');
    await chatWithAttachment(ctx, {
      kind: 'class', schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [photo.id, doc.id],
    });
    const preview = await get(`/api/files/${photo.id}/preview`, s.cookies.admin);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    const download = await get(`/api/files/${doc.id}`, s.cookies.admin);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Упражнение 5');
    for (const [who, cookie] of [['another school\'s admin', other.cookies.admin], ['a stranger', stranger], ['a teacher of another school', other.cookies.teacher]] as const) {
      expect((await get(`/api/files/${photo.id}/preview`, cookie)).statusCode, who).toBe(404);
      expect((await get(`/api/files/${doc.id}`, cookie)).statusCode, who).toBe(404);
    }
  });

  it('a personal chat\'s files stay its two people\'s: the school\'s administrator gets 404', async () => {
    const s = await freshSchool(ctx);
    const file = await uploaded(s.cookies.teacher, 'личное.txt', 'только для двоих');
    await chatWithAttachment(ctx, {
      kind: 'personal', schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [file.id],
    });
    expect((await get(`/api/files/${file.id}`, s.cookies.student)).statusCode).toBe(200);
    const byAdmin = await get(`/api/files/${file.id}`, s.cookies.admin);
    expect(byAdmin.statusCode).toBe(404);
    expect(byAdmin.body).not.toContain('только для двоих');
  });

  it('once the message is deleted its files are no longer shared; the owner keeps them', async () => {
    const s = await freshSchool(ctx);
    const file = await uploaded(s.cookies.teacher, 'photo.png', PNG);
    const { messageId } = await chatWithAttachment(ctx, {
      schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [file.id],
    });
    expect((await get(`/api/files/${file.id}/preview`, s.cookies.student)).statusCode).toBe(200);
    await ctx.deps.db.update(messages).set({ deletedAt: new Date(), text: '' }).where(eq(messages.id, messageId));
    expect((await get(`/api/files/${file.id}`, s.cookies.student)).statusCode).toBe(404);
    expect((await get(`/api/files/${file.id}/preview`, s.cookies.student)).statusCode).toBe(404);
    expect((await get(`/api/files/${file.id}`, s.cookies.teacher)).statusCode).toBe(200);
  });

  it('a member removed from the chat can no longer fetch its files', async () => {
    const s = await freshSchool(ctx);
    const file = await uploaded(s.cookies.teacher, 'план.txt', 'план урока');
    const { chatId } = await chatWithAttachment(ctx, {
      schoolId: s.school.id, memberIds: [s.teacher.id, s.student.id], authorId: s.teacher.id, fileIds: [file.id],
    });
    expect((await get(`/api/files/${file.id}`, s.cookies.student)).statusCode).toBe(200);
    await ctx.deps.db.delete(chatMembers).where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, s.student.id)));
    expect((await get(`/api/files/${file.id}`, s.cookies.student)).statusCode).toBe(404);
  });
});

describe('ownFiles', () => {
  it('returns only the files the person owns, as attachments, in the order asked', async () => {
    const s = await freshSchool(ctx);
    const a = await uploaded(s.cookies.teacher, 'a.txt', 'a');
    const b = await uploaded(s.cookies.teacher, 'b.png', PNG);
    const theirs = await uploaded(s.cookies.student, 'c.txt', 'c');
    const got = await ownFiles(ctx.deps.db, s.teacher.id, [b.id, theirs.id, a.id, randomUUID(), b.id]);
    expect(got).toEqual([
      // Bytes that only start like a PNG: an image still, with no size or thumbnail read from them.
      { id: b.id, name: 'b.png', size: PNG.length, mime: 'image/png', kind: 'image', ...noPixels },
      { id: a.id, name: 'a.txt', size: 1, mime: 'text/plain', kind: 'file', ...noPixels },
    ]);
    expect(await ownFiles(ctx.deps.db, s.teacher.id, [])).toEqual([]);
  });
});
