import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { listeningTestApp, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { fileRowsOf, storedObjects } from '../files/testHelpers.js';
import { documentRowsOf, EXE, fetchRaw, lyingUpload, PDF, uploadAs } from './testHelpers.js';

const LIMIT = 64 * 1024;
let ctx: TestContext;
let dataDir: string;
let port: number;

beforeAll(async () => {
  ({ ctx, dataDir, port } = await listeningTestApp('documents', { FILE_MAX_BYTES: String(LIMIT) }));
});
afterAll(() => ctx.close());

/** The teacher uploads a file and shares it with the school; the document's view. */
async function share(cookie: string, schoolId: string, filename: string, content: Buffer | string, extra: object = {}) {
  const fileId = await uploadAs(ctx, cookie, filename, content);
  const res = await as(ctx, cookie).post(`/schools/${schoolId}/documents`, { fileId, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

describe('POST /api/schools/:schoolId/documents and GET … (DOC-1)', () => {
  it('the teacher shares a PDF; a student of the school lists it, opens it in the browser and downloads it', async () => {
    const f = await freshSchool(ctx);
    const bus = recordEvents(ctx);
    const doc = await share(f.cookies.teacher, f.school.id, 'Расписание уроков.pdf', PDF, { tags: ['Расписание', 'расписание', ' 7А '] });
    expect(doc).toMatchObject({
      schoolId: f.school.id,
      kind: 'document',
      title: 'Расписание уроков.pdf',
      folder: null,
      tags: ['расписание', '7а'],
      file: { name: 'Расписание уроков.pdf', size: PDF.length, mime: 'application/pdf', kind: 'file' },
      viewable: true,
      posterFileId: null,
      uploadedBy: { id: f.teacher.id, firstName: f.teacher.firstName, lastName: f.teacher.lastName },
      can: { delete: true, edit: true },
    });
    expect(bus.inRoom(`school:${f.school.id}`)).toEqual([{ type: 'document.added', documentId: doc.id, kind: 'document' }]);
    bus.stop();

    const list = await as(ctx, f.cookies.student).get(`/schools/${f.school.id}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expect(list.body.data[0].can).toEqual({ delete: false, edit: false });
    expect(list.body.can).toEqual({ upload: false, createFolder: false });
    expect(list.body.tags).toEqual(['7а', 'расписание']);

    const view = await fetchRaw(ctx, `/api/files/${doc.file.id}/view`, f.cookies.student);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('application/pdf');
    expect(view.headers['content-disposition']).toMatch(/^inline; /);
    expect(view.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(view.rawPayload.equals(PDF)).toBe(true);
    const download = await fetchRaw(ctx, `/api/files/${doc.file.id}`, f.cookies.student);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it('lists newest first with name, size, uploader and date; the administration sees what it may do', async () => {
    const f = await freshSchool(ctx);
    const first = await share(f.cookies.teacher, f.school.id, 'Приказ №1.pdf', PDF);
    const second = await share(f.cookies.admin, f.school.id, 'Приказ №2.txt', 'Текст приказа', { title: 'Приказ о каникулах' });
    const res = await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/documents`);
    expect(res.body.data.map((d: { title: string }) => d.title)).toEqual(['Приказ о каникулах', 'Приказ №1.pdf']);
    expect(res.body.data[0]).toMatchObject({ id: second.id, viewable: false, file: { size: Buffer.byteLength('Текст приказа') } });
    expect(new Date(res.body.data[0].createdAt).getTime()).toBeGreaterThanOrEqual(new Date(first.createdAt).getTime());
    expect(res.body.data.map((d: { can: { delete: boolean } }) => d.can.delete)).toEqual([true, true]);
    expect(res.body.can).toEqual({ upload: true, createFolder: true });
  });

  it('refuses the anonymous (401) and people of another school (404) — to list, to share, to download', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const doc = await share(f.cookies.teacher, f.school.id, 'Экзамен.pdf', PDF);
    expect((await as(ctx, '').get(`/schools/${f.school.id}/documents`)).status).toBe(401);
    expect((await as(ctx, other.cookies.admin).get(`/schools/${f.school.id}/documents`)).status).toBe(404);
    const outsider = await createUser(ctx);
    expect((await as(ctx, await signedInCookie(ctx, outsider)).get(`/schools/${f.school.id}/documents`)).status).toBe(404);
    for (const url of [`/api/files/${doc.file.id}`, `/api/files/${doc.file.id}/view`]) {
      expect((await fetchRaw(ctx, url, other.cookies.student)).statusCode).toBe(404);
      expect((await fetchRaw(ctx, url, '')).statusCode).toBe(404);
    }
    const theirFile = await uploadAs(ctx, other.cookies.teacher, 'чужой.pdf', PDF);
    const before = await documentRowsOf(ctx, f.school.id);
    expect((await as(ctx, '').post(`/schools/${f.school.id}/documents`, { fileId: theirFile })).status).toBe(401);
    expect((await as(ctx, other.cookies.teacher).post(`/schools/${f.school.id}/documents`, { fileId: theirFile })).status).toBe(404);
    expect(await documentRowsOf(ctx, f.school.id)).toEqual(before);
  });

  it('a student may not share into the school library (403), and nobody may share a file that is not theirs (404); nothing is written', async () => {
    const f = await freshSchool(ctx);
    const studentFile = await uploadAs(ctx, f.cookies.student, 'реферат.pdf', PDF);
    const res = await as(ctx, f.cookies.student).post(`/schools/${f.school.id}/documents`, { fileId: studentFile });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    // The teacher tries to share the student's file: not hers, so it is as if it did not exist.
    const stolen = await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/documents`, { fileId: studentFile });
    expect(stolen.status).toBe(404);
    expect(await documentRowsOf(ctx, f.school.id)).toEqual([]);
    // …and the student's file stays private to the student.
    expect((await fetchRaw(ctx, `/api/files/${studentFile}`, f.cookies.teacher)).statusCode).toBe(404);
  });

  it('judges content by its bytes: a program renamed .pdf is refused at upload, an HTML file is never served inline', async () => {
    const f = await freshSchool(ctx);
    const { multipartFile } = await import('../files/testHelpers.js');
    const { payload, headers } = multipartFile('Расписание.pdf', EXE, 'application/pdf');
    const refused = await ctx.app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, cookie: f.cookies.teacher }, payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('file_type_forbidden');
    expect(await fileRowsOf(ctx, f.teacher.id)).toEqual([]);

    const html = '<html><body><script>alert(document.cookie)</script></body></html>';
    for (const name of ['Объявление.html', 'Объявление.pdf', 'Картинка.svg', 'Картинка.png']) {
      const body = name.endsWith('.svg') ? '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' : html;
      const doc = await share(f.cookies.teacher, f.school.id, name, body);
      const res = await fetchRaw(ctx, `/api/files/${doc.file.id}/view`, f.cookies.student);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition'], name).toMatch(/^attachment; /);
      expect(res.headers['content-type'], name).not.toMatch(/html|svg|xml/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    }
  });

  it('the size limit holds when the client lies about the length (chunked, a part header claiming 100 bytes)', async () => {
    const f = await freshSchool(ctx);
    const before = await storedObjects(path.join(dataDir, 'files'));
    const res = await lyingUpload(port, { method: 'POST', path: '/api/files', cookie: f.cookies.teacher, size: 4 * LIMIT, filename: 'план.pdf' });
    if (!res.reset) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('file_too_large');
    }
    expect(await fileRowsOf(ctx, f.teacher.id)).toEqual([]);
    expect(await storedObjects(path.join(dataDir, 'files'))).toEqual(before);
  });
});

describe('DELETE /api/documents/:id', () => {
  it('a student may not delete someone else\'s document (403), another school gets 404, the anonymous 401; it stays', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const doc = await share(f.cookies.teacher, f.school.id, 'Олимпиада.pdf', PDF);
    const res = await as(ctx, f.cookies.student).del(`/documents/${doc.id}`);
    expect(res.status).toBe(403);
    expect((await as(ctx, other.cookies.admin).del(`/documents/${doc.id}`)).status).toBe(404);
    expect((await as(ctx, '').del(`/documents/${doc.id}`)).status).toBe(401);
    expect((await documentRowsOf(ctx, f.school.id)).map((d) => d.id)).toEqual([doc.id]);
    expect((await as(ctx, f.cookies.student).del('/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('the uploader deletes their own; the administration (admin, leader) deletes anyone\'s; the file stays the uploader\'s', async () => {
    const f = await freshSchool(ctx);
    const leader = await createUser(ctx);
    await addMember(ctx, f.school, leader, 'leader');
    const leaderCookie = await signedInCookie(ctx, leader);
    const [a, b, c] = [
      await share(f.cookies.teacher, f.school.id, 'a.pdf', PDF),
      await share(f.cookies.teacher, f.school.id, 'b.pdf', PDF),
      await share(f.cookies.teacher, f.school.id, 'c.pdf', PDF),
    ];
    const bus = recordEvents(ctx);
    expect((await as(ctx, f.cookies.teacher).del(`/documents/${a.id}`)).status).toBe(200);
    expect((await as(ctx, f.cookies.admin).del(`/documents/${b.id}`)).status).toBe(200);
    expect((await as(ctx, leaderCookie).del(`/documents/${c.id}`)).status).toBe(200);
    expect(await documentRowsOf(ctx, f.school.id)).toEqual([]);
    expect(bus.inRoom(`school:${f.school.id}`).map((e) => e.type)).toEqual(['document.removed', 'document.removed', 'document.removed']);
    bus.stop();
    // No longer shared: the student cannot fetch it; the teacher still owns it.
    expect((await fetchRaw(ctx, `/api/files/${a.file.id}`, f.cookies.student)).statusCode).toBe(404);
    expect((await fetchRaw(ctx, `/api/files/${a.file.id}`, f.cookies.teacher)).statusCode).toBe(200);
  });
});

describe('folders and tags (DOC-1 methodical library)', () => {
  it('teachers and administration create folders; documents go into them and are filtered by folder and tag', async () => {
    const f = await freshSchool(ctx);
    const created = await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/document-folders`, { name: '  Расписания ' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'Расписания', documentCount: 0 });
    const orders = await as(ctx, f.cookies.admin).post(`/schools/${f.school.id}/document-folders`, { name: 'Приказы' });
    const schedules = created.body.data.id as string;

    const inFolder = await share(f.cookies.teacher, f.school.id, 'Расписание 7А.pdf', PDF, { folderId: schedules, tags: ['7А'] });
    expect(inFolder.folder).toEqual({ id: schedules, name: 'Расписания' });
    const loose = await share(f.cookies.teacher, f.school.id, 'ОГЭ.pdf', PDF, { tags: ['ОГЭ'] });

    const folders = await as(ctx, f.cookies.student).get(`/schools/${f.school.id}/document-folders`);
    expect(folders.status).toBe(200);
    expect(folders.body.data.map((x: { name: string; documentCount: number }) => [x.name, x.documentCount])).toEqual([
      ['Приказы', 0], ['Расписания', 1],
    ]);
    expect(folders.body.can).toEqual({ create: false });

    const s = as(ctx, f.cookies.student);
    const byFolder = await s.get(`/schools/${f.school.id}/documents?folderId=${schedules}`);
    expect(byFolder.body.data.map((d: { id: string }) => d.id)).toEqual([inFolder.id]);
    const byTag = await s.get(`/schools/${f.school.id}/documents?tag=${encodeURIComponent('огэ')}`);
    expect(byTag.body.data.map((d: { id: string }) => d.id)).toEqual([loose.id]);
    const emptyFolder = await s.get(`/schools/${f.school.id}/documents?folderId=${orders.body.data.id}`);
    expect(emptyFolder.body.data).toEqual([]);

    // PATCH: the uploader moves the loose document into «Приказы» and renames it.
    const moved = await as(ctx, f.cookies.teacher).patch(`/documents/${loose.id}`, { folderId: orders.body.data.id, title: 'ОГЭ — демоверсия' });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ title: 'ОГЭ — демоверсия', folder: { name: 'Приказы' }, tags: ['огэ'] });
  });

  it('refuses a student\'s folder (403), a repeated name in any case (409), another school (404), the anonymous (401); nothing written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const url = `/schools/${f.school.id}/document-folders`;
    expect((await as(ctx, f.cookies.teacher).post(url, { name: 'Экзамены' })).status).toBe(201);
    expect((await as(ctx, f.cookies.student).post(url, { name: 'Мои' })).status).toBe(403);
    const again = await as(ctx, f.cookies.admin).post(url, { name: 'ЭКЗАМЕНЫ' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('folder_exists');
    expect((await as(ctx, other.cookies.admin).post(url, { name: 'Чужая' })).status).toBe(404);
    expect((await as(ctx, other.cookies.admin).get(url)).status).toBe(404);
    expect((await as(ctx, '').post(url, { name: 'Аноним' })).status).toBe(401);
    expect((await as(ctx, f.cookies.admin).post(url, { name: '   ' })).status).toBe(400);
    const list = await as(ctx, f.cookies.admin).get(url);
    expect(list.body.data.map((x: { name: string }) => x.name)).toEqual(['Экзамены']);
  });

  it('a folder of another school cannot be used (404), and a student may not move a document (403)', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const theirs = await as(ctx, other.cookies.admin).post(`/schools/${other.school.id}/document-folders`, { name: 'Их папка' });
    const fileId = await uploadAs(ctx, f.cookies.teacher, 'план.pdf', PDF);
    const res = await as(ctx, f.cookies.teacher).post(`/schools/${f.school.id}/documents`, { fileId, folderId: theirs.body.data.id });
    expect(res.status).toBe(404);
    expect(await documentRowsOf(ctx, f.school.id)).toEqual([]);
    const doc = await share(f.cookies.teacher, f.school.id, 'план.pdf', PDF);
    expect((await as(ctx, f.cookies.teacher).patch(`/documents/${doc.id}`, { folderId: theirs.body.data.id })).status).toBe(404);
    const moved = await as(ctx, f.cookies.student).patch(`/documents/${doc.id}`, { title: 'Моё' });
    expect(moved.status).toBe(403);
    expect((await documentRowsOf(ctx, f.school.id))[0]?.title).toBe('план.pdf');
  });
});
