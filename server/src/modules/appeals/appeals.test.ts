import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { fileStatus } from '../homework/testHelpers.js';
import { parentAndLeader, uploadAs } from '../news/testHelpers.js';

let ctx: TestContext;
/** A real picture: an anonymous appeal's photos are decoded and re-encoded (the fixture PNG is a header only). */
let picture: Buffer;
beforeAll(async () => {
  ctx = await createTestContext();
  picture = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#36c' } }).png().toBuffer();
});
afterAll(() => ctx.close());

const write = (cookie: string, schoolId: string, body: Record<string, unknown> = {}) =>
  as(ctx, cookie).post(`/schools/${schoolId}/appeals`, { topic: 'food', text: 'В столовой холодный суп', ...body });

describe('appeals to the school (ORG-9)', () => {
  it('a parent writes; the administration sees it with a badge, takes it into work, answers, closes; the parent sees each step live', async () => {
    const f = await freshSchool(ctx);
    const { parent, leader, cookies } = await parentAndLeader(ctx, f);
    const fileId = await uploadAs(ctx, cookies.parent, 'меню.png');
    const bus = recordEvents(ctx);
    const created = await write(cookies.parent, f.school.id, { fileIds: [fileId] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const appeal = created.body.data;
    expect(appeal).toMatchObject({ state: 'new', topic: 'food', mine: true, author: { id: parent.id }, authorRole: 'parent' });
    for (const id of [f.admin.id, leader.id, parent.id]) {
      expect(bus.inRoom(`user:${id}`)).toContainEqual({ type: 'appeal.changed', appealId: appeal.id, schoolId: f.school.id });
    }
    const push = bus.inRoom('push').find((e) => e.type === 'push.notify') as unknown as { userIds: string[]; payload: { title: string } };
    expect(push.userIds.sort()).toEqual([f.admin.id, leader.id].sort());
    expect(push.payload.title).toBe('Новое обращение: Питание');

    expect((await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/appeals/badge`)).body.data.count).toBe(1);
    expect((await as(ctx, cookies.parent).get(`/schools/${f.school.id}/appeals/badge`)).body.data.count).toBe(0);
    const inbox = await as(ctx, cookies.leader).get(`/schools/${f.school.id}/appeals`);
    expect(inbox.body.can).toMatchObject({ manage: true });
    expect(inbox.body.data.inbox).toEqual([expect.objectContaining({ id: appeal.id, author: expect.objectContaining({ id: parent.id }) })]);
    expect(await fileStatus(ctx, f.cookies.admin, fileId)).toBe(200);

    expect((await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/appeals?state=in_work`)).body.data.inbox).toEqual([]);
    const taken = await as(ctx, f.cookies.admin).post(`/appeals/${appeal.id}/take`);
    expect((await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/appeals?state=in_work`)).body.data.inbox).toEqual([expect.objectContaining({ id: appeal.id })]);
    expect((await as(ctx, f.cookies.admin).post(`/appeals/${appeal.id}/take`)).status).toBe(403);
    expect(taken.body.data).toMatchObject({ state: 'in_work', can: { take: false, answer: true } });
    expect((await as(ctx, f.cookies.admin).get(`/schools/${f.school.id}/appeals/badge`)).body.data.count).toBe(0);
    bus.clear();
    const answered = await as(ctx, cookies.leader).post(`/appeals/${appeal.id}/messages`, { text: 'Разберёмся с поваром завтра' });
    expect(answered.body.data.state).toBe('answered');
    expect(bus.inRoom(`user:${parent.id}`)).toContainEqual({ type: 'appeal.changed', appealId: appeal.id, schoolId: f.school.id });
    const mine = await as(ctx, cookies.parent).get(`/appeals/${appeal.id}`);
    expect(mine.body.data.messages).toEqual([expect.objectContaining({ fromSchool: true, text: 'Разберёмся с поваром завтра', by: expect.objectContaining({ id: leader.id }) })]);
    expect((await as(ctx, cookies.parent).get(`/schools/${f.school.id}/appeals`)).body.data).toMatchObject({ mine: [{ id: appeal.id, state: 'answered' }], inbox: null });
    // The parent writes back (the appeal is worked on again), then closes it; a closed appeal takes no more words.
    expect((await as(ctx, cookies.parent).post(`/appeals/${appeal.id}/messages`, { text: 'Спасибо' })).body.data.state).toBe('in_work');
    expect((await as(ctx, cookies.parent).post(`/appeals/${appeal.id}/close`)).body.data.state).toBe('closed');
    expect((await as(ctx, f.cookies.admin).post(`/appeals/${appeal.id}/messages`, { text: 'ещё' })).status).toBe(403);
  });

  it('an anonymous appeal of a student: the school never learns the author — not in any answer, file name or event; the operator does', async () => {
    const f = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const op = await createUser(ctx, { isOperator: true });
    const fileId = await uploadAs(ctx, f.cookies.student, `${f.student.lastName}-скрин.png`, picture);
    const bus = recordEvents(ctx);
    const created = await write(f.cookies.student, f.school.id, { topic: 'safety', text: 'Старшеклассники отбирают деньги', anonymous: true, fileIds: [fileId] });
    expect(created.status).toBe(201);
    const appeal = created.body.data;
    expect(appeal).toMatchObject({ anonymous: true, mine: true, author: { id: f.student.id } });
    await as(ctx, f.cookies.admin).post(`/appeals/${appeal.id}/take`);
    await as(ctx, f.cookies.admin).post(`/appeals/${appeal.id}/messages`, { text: 'Спасибо, что написали. Примем меры' });
    await as(ctx, f.cookies.student).post(`/appeals/${appeal.id}/messages`, { text: 'Это было вчера' });

    const leaks = (what: unknown) => {
      const text = JSON.stringify(what);
      return [f.student.id, `${f.student.firstName} ${f.student.lastName}`, f.student.lastName].filter((s) => text.includes(s));
    };
    for (const cookie of [f.cookies.admin, cookies.leader]) {
      const list = await as(ctx, cookie).get(`/schools/${f.school.id}/appeals`);
      const one = await as(ctx, cookie).get(`/appeals/${appeal.id}`);
      expect(one.status).toBe(200);
      expect(one.body.data).toMatchObject({ author: null, authorRole: null, anonymous: true, mine: false });
      expect(one.body.data.files[0].name).toBe('Вложение 1.png');
      const download = await ctx.app.inject({ method: 'GET', url: `/api/files/${fileId}`, headers: { cookie } });
      expect(download.statusCode).toBe(200);
      expect(leaks([list.body, one.body, download.headers['content-disposition']])).toEqual([]);
    }
    // Every event the school's administration could hear.
    const toSchool = bus.seen.filter(
      (s) => s.room !== `user:${f.student.id}` && !(s.room === 'push' && (s.event.userIds as string[]).includes(f.student.id)),
    );
    expect(toSchool.length).toBeGreaterThan(0);
    expect(leaks(toSchool)).toEqual([]);

    // A photo's metadata (EXIF: whose camera, whose name) does not reach the school either.
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'Volkov Maksim', Copyright: 'Volkov' } } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const photoId = await uploadAs(ctx, f.cookies.student, 'IMG_2041.jpg', jpeg, 'image/jpeg');
    const withPhoto = await write(f.cookies.student, f.school.id, { topic: 'safety', text: 'Фото', anonymous: true, fileIds: [photoId] });
    expect(withPhoto.status).toBe(201);
    const photo = await ctx.app.inject({ method: 'GET', url: `/api/files/${photoId}`, headers: { cookie: f.cookies.admin } });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-disposition']).not.toContain('IMG_2041');
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    expect(photo.rawPayload.includes('Volkov')).toBe(false);

    // The platform's operator can see who wrote, for abuse.
    const seen = await as(ctx, await signedInCookie(ctx, op)).get(`/appeals/${appeal.id}`);
    expect(seen.body.data.author).toMatchObject({ id: f.student.id });
  });

  it('refuses others: another student, another school’s administration get 404; only students write anonymously; admins do not write to themselves', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const { cookies } = await parentAndLeader(ctx, f);
    const student2 = await createUser(ctx);
    await addMember(ctx, f.school, student2, 'student', { classId: f.classA.id });
    const s2 = await signedInCookie(ctx, student2);
    const fileId = await uploadAs(ctx, f.cookies.student, 'фото.png', picture);
    const appeal = (await write(f.cookies.student, f.school.id, { anonymous: true, fileIds: [fileId] })).body.data;

    for (const cookie of [s2, f.cookies.teacher, cookies.parent, other.cookies.admin]) {
      expect((await as(ctx, cookie).get(`/appeals/${appeal.id}`)).status).toBe(404);
      expect((await as(ctx, cookie).post(`/appeals/${appeal.id}/take`)).status).toBe(404);
      expect((await as(ctx, cookie).post(`/appeals/${appeal.id}/messages`, { text: 'чужое' })).status).toBe(404);
      expect((await as(ctx, cookie).post(`/appeals/${appeal.id}/close`)).status).toBe(404);
      expect(await fileStatus(ctx, cookie, fileId)).toBe(404);
    }
    expect((await as(ctx, other.cookies.admin).get(`/schools/${f.school.id}/appeals`)).status).toBe(404);
    expect((await as(ctx, other.cookies.admin).get(`/schools/${f.school.id}/appeals/badge`)).status).toBe(404);
    expect((await write(other.cookies.student, f.school.id)).status).toBe(404);
    expect((await as(ctx, s2).get(`/schools/${f.school.id}/appeals`)).body.data).toEqual({ mine: [], inbox: null });
    // The author may not take their own appeal into work.
    expect((await as(ctx, f.cookies.student).post(`/appeals/${appeal.id}/take`)).status).toBe(403);
    expect((await write(cookies.parent, f.school.id, { anonymous: true })).status).toBe(400);
    expect((await write(f.cookies.teacher, f.school.id, { anonymous: true })).status).toBe(400);
    expect((await write(f.cookies.admin, f.school.id)).status).toBe(403);
    const theirs = await uploadAs(ctx, f.cookies.teacher, 'чужой.png');
    expect((await write(f.cookies.student, f.school.id, { fileIds: [theirs] })).status).toBe(400);
    expect((await write(f.cookies.student, f.school.id, { topic: 'weather' })).status).toBe(400);
    // A «picture» that cannot be decoded cannot be stripped of its metadata: refused rather than sent as it is.
    const broken = await uploadAs(ctx, f.cookies.student, 'битое.png');
    expect((await write(f.cookies.student, f.school.id, { anonymous: true, fileIds: [broken] })).body.error.code).toBe('image_invalid');
    for (const call of [
      () => write('', f.school.id),
      () => as(ctx, '').get(`/schools/${f.school.id}/appeals`),
      () => as(ctx, '').get(`/appeals/${appeal.id}`),
    ]) expect((await call()).status).toBe(401);
  });
});
