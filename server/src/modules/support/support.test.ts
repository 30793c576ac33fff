import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, recordEvents } from '../chats/testHelpers.js';
import { uploadAs } from '../news/testHelpers.js';
import { fileStatus } from '../homework/testHelpers.js';

let ctx: TestContext;
let operator: { id: string; cookie: string };
beforeAll(async () => {
  ctx = await createTestContext();
  const user = await createUser(ctx, { isOperator: true });
  operator = { id: user.id, cookie: await signedInCookie(ctx, user) };
});
afterAll(() => ctx.close());

const ask = (cookie: string, body: Record<string, unknown> = {}) =>
  as(ctx, cookie).post('/support/questions', { section: 'chats', text: 'Не открывается чат класса', screen: '390×844', appVersion: '1.2.3', ...body });

describe('questions to support (SUP-1)', () => {
  it('a student asks with a screenshot; the desk sees school, role, device and version; the answer reaches the student live and as a push', async () => {
    const f = await freshSchool(ctx);
    const fileId = await uploadAs(ctx, f.cookies.student, 'экран.png');
    const bus = recordEvents(ctx);
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/support/questions',
      headers: { cookie: f.cookies.student, 'user-agent': 'Mozilla/5.0 (Тест)' },
      payload: { section: 'chats', text: 'Не открывается чат класса', fileIds: [fileId], screen: '390×844', appVersion: '1.2.3' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const q = asked.json().data;
    expect(q).toMatchObject({ state: 'new', files: [{ id: fileId }], can: { reply: true, answer: false, close: true } });
    expect(bus.inRoom(`user:${operator.id}`)).toContainEqual({ type: 'support.changed', questionId: q.id });

    const desk = await as(ctx, operator.cookie).get(`/operator/support/questions?schoolId=${f.school.id}`);
    expect(desk.status).toBe(200);
    expect(desk.body.data).toEqual([expect.objectContaining({ id: q.id, schoolName: f.school.name, role: 'student', state: 'new' })]);
    const seen = await as(ctx, operator.cookie).get(`/support/questions/${q.id}`);
    expect(seen.body.data).toMatchObject({
      device: { userAgent: 'Mozilla/5.0 (Тест)', screen: '390×844', appVersion: '1.2.3' },
      asker: { id: f.student.id },
      can: { answer: true },
    });
    expect(await fileStatus(ctx, operator.cookie, fileId)).toBe(200);
    expect((await as(ctx, operator.cookie).get('/operator/support/badge')).body.data.unanswered).toBeGreaterThanOrEqual(1);

    bus.clear();
    const answer = await as(ctx, operator.cookie).post(`/support/questions/${q.id}/messages`, { text: '<b>Обновите</b> страницу' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.state).toBe('answered');
    expect(bus.inRoom(`user:${f.student.id}`)).toContainEqual({ type: 'support.changed', questionId: q.id });
    const push = bus.inRoom('push').find((e) => e.type === 'push.notify') as unknown as { userIds: string[]; payload: { title: string; url: string } };
    expect(push).toMatchObject({ userIds: [f.student.id], payload: { title: 'Ответ поддержки', url: `/help/questions/${q.id}` } });

    const mine = await as(ctx, f.cookies.student).get(`/support/questions/${q.id}`);
    // Stored and given back as typed: the web app shows it as text, never as HTML.
    expect(mine.body.data.messages).toEqual([expect.objectContaining({ fromSupport: true, text: '<b>Обновите</b> страницу' })]);
    expect(mine.body.data.asker).toBeNull();
    expect((await as(ctx, f.cookies.student).get('/support/questions')).body.data).toEqual([expect.objectContaining({ id: q.id, state: 'answered' })]);

    // Asking back, the asker's reply, closing.
    expect((await as(ctx, operator.cookie).post(`/support/questions/${q.id}/messages`, { text: 'Какой браузер?', askBack: true })).body.data.state).toBe('clarify');
    expect((await as(ctx, f.cookies.student).post(`/support/questions/${q.id}/messages`, { text: 'Хромиум' })).body.data.state).toBe('new');
    expect((await as(ctx, operator.cookie).post(`/support/questions/${q.id}/close`)).body.data.state).toBe('closed');
    expect((await as(ctx, operator.cookie).get('/operator/support/questions?state=closed')).body.data.map((x: { id: string }) => x.id)).toContain(q.id);
  });

  it('refuses others: another person and the school’s admin get 404, non-operators no desk, anonymous 401', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const fileId = await uploadAs(ctx, f.cookies.student, 'экран.png');
    const q = (await ask(f.cookies.student, { fileIds: [fileId] })).body.data;
    for (const cookie of [f.cookies.admin, f.cookies.teacher, other.cookies.student]) {
      expect((await as(ctx, cookie).get(`/support/questions/${q.id}`)).status).toBe(404);
      expect((await as(ctx, cookie).post(`/support/questions/${q.id}/messages`, { text: 'чужой' })).status).toBe(404);
      expect((await as(ctx, cookie).post(`/support/questions/${q.id}/close`)).status).toBe(404);
      expect(await fileStatus(ctx, cookie, fileId)).toBe(404);
      expect((await as(ctx, cookie).get('/operator/support/questions')).status).toBe(404);
      expect((await as(ctx, cookie).get('/operator/support/badge')).status).toBe(404);
      expect((await as(ctx, cookie).get('/operator/support/feedback')).status).toBe(404);
      expect((await as(ctx, cookie).get('/support/questions')).body.data).toEqual([]);
    }
    // The asker closes their own question; writing again opens it anew.
    expect((await as(ctx, f.cookies.student).post(`/support/questions/${q.id}/close`)).body.data).toMatchObject({ state: 'closed', can: { close: false } });
    expect((await as(ctx, f.cookies.student).post(`/support/questions/${q.id}/close`)).status).toBe(403);
    // The asker cannot answer as support: their line is a reply.
    expect((await as(ctx, f.cookies.student).post(`/support/questions/${q.id}/messages`, { text: 'ещё', askBack: true })).body.data.state).toBe('new');
    for (const call of [
      () => as(ctx, '').get('/support/questions'),
      () => ask(''),
      () => as(ctx, '').get(`/support/questions/${q.id}`),
      () => as(ctx, '').post('/support/feedback', { text: 'x' }),
      () => as(ctx, '').get('/operator/support/questions'),
    ]) expect((await call()).status).toBe(401);
  });

  it('refuses a screenshot that is not the asker’s, more than 5, a school not theirs and an empty text', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const theirs = await uploadAs(ctx, f.cookies.teacher, 'чужой.png');
    expect((await ask(f.cookies.student, { fileIds: [theirs] })).status).toBe(400);
    const six = await Promise.all(Array.from({ length: 6 }, () => uploadAs(ctx, f.cookies.student, 'экран.png')));
    expect((await ask(f.cookies.student, { fileIds: six })).status).toBe(400);
    expect((await ask(f.cookies.student, { schoolId: other.school.id })).status).toBe(400);
    expect((await ask(f.cookies.student, { text: '   ' })).status).toBe(400);
    // A person of no school asks too (their school and role are empty).
    const loner = await createUser(ctx);
    expect((await ask(await signedInCookie(ctx, loner))).body.data).toMatchObject({ state: 'new' });
  });
});

describe('feedback (SUP-2)', () => {
  it('anyone signed in sends it; the desk counts and lists it; others may not read it', async () => {
    const f = await freshSchool(ctx);
    const before = (await as(ctx, operator.cookie).get('/operator/support/badge')).body.data.feedback;
    const bus = recordEvents(ctx);
    const sent = await as(ctx, f.cookies.teacher).post('/support/feedback', { text: 'Не хватает электронного журнала' });
    expect(sent.status).toBe(201);
    expect(bus.inRoom(`user:${operator.id}`)).toContainEqual({ type: 'support.feedback' });
    expect((await as(ctx, operator.cookie).get('/operator/support/badge')).body.data.feedback).toBe(before + 1);
    const list = await as(ctx, operator.cookie).get('/operator/support/feedback');
    expect(list.body.data.total).toBe(before + 1);
    expect(list.body.data.items[0]).toMatchObject({ text: 'Не хватает электронного журнала', role: 'teacher', schoolName: f.school.name });
    expect((await as(ctx, f.cookies.teacher).post('/support/feedback', { text: '' })).status).toBe(400);
  });
});
