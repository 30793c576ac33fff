import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../policy/actor.js';
import { addMember, createUser, freshSchool, signedInCookie } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { listChats } from './listChats.js';
import { as, classChat, countingDb } from './testHelpers.js';

describe('the chat list under «Сообщения» (CHT-2, DASH-3)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('orders by last message, counts unread by others, previews the last message, searches and filters', async () => {
    const f = await freshSchool(ctx);
    const teacher = as(ctx, f.cookies.teacher);
    const student = as(ctx, f.cookies.student);
    const math = await classChat(ctx, f, '7А — Математика');
    const trip = (await teacher.post('/chats', { kind: 'group', schoolId: f.school.id, name: 'Экскурсия в музей', memberIds: [f.student.id] })).body.data.id;
    const personal = (await student.post('/chats', { kind: 'personal', userId: f.teacher.id })).body.data.id;

    await teacher.post(`/chats/${math}/messages`, { clientId: 'm1', text: 'Домашнее задание: №12' });
    await teacher.post(`/chats/${math}/messages`, { clientId: 'm2', text: 'И №13' });
    await student.post(`/chats/${math}/messages`, { clientId: 'm3', text: 'Спасибо!' });
    await teacher.post(`/chats/${personal}/messages`, { clientId: 'p1', text: 'Зайди после урока' });
    ctx.deps.clock.advance(1000);
    await teacher.post(`/chats/${trip}/messages`, { clientId: 't1', text: 'Сбор в 9:00' });

    const list = await student.get('/chats');
    expect(list.status).toBe(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([trip, personal, math]);
    const byId = Object.fromEntries(list.body.data.map((c: { id: string }) => [c.id, c]));
    // My own message does not count as unread.
    expect(byId[math]).toMatchObject({ unread: 2, memberCount: 2, kind: 'class', lastReadSeq: 0 });
    expect(byId[math].lastMessage).toMatchObject({ text: 'Спасибо!', authorName: `${f.student.firstName} ${f.student.lastName}` });
    expect(byId[personal]).toMatchObject({ kind: 'personal', name: `${f.teacher.firstName} ${f.teacher.lastName}`, unread: 1 });
    expect(byId[trip]).toMatchObject({ unread: 1, lastMessage: expect.objectContaining({ text: 'Сбор в 9:00' }) });
    expect(list.body.totalUnread).toBe(4);
    expect((await student.get('/chats/unread')).body.data).toEqual({ totalUnread: 4, chatsWithUnread: 3 });

    expect((await student.get('/chats?q=музей')).body.data.map((c: { id: string }) => c.id)).toEqual([trip]);
    expect((await student.get(`/chats?q=${encodeURIComponent(f.teacher.lastName)}`)).body.data.map((c: { id: string }) => c.id)).toEqual([personal]);
    expect((await student.get('/chats?q=%25')).body.data).toEqual([]);
    expect((await student.get('/chats?kind=class')).body.data.map((c: { id: string }) => c.id)).toEqual([math]);
    expect((await student.get(`/chats?schoolId=${f.school.id}`)).body.data).toHaveLength(3);
    const other = await freshSchool(ctx);
    expect((await student.get(`/chats?schoolId=${other.school.id}`)).body.data).toEqual([]);
    // Filters narrow the list, not the badge.
    expect((await student.get('/chats?kind=class')).body.totalUnread).toBe(4);

    // A deleted message is neither unread nor previewed.
    const history = await student.get(`/chats/${trip}/messages`);
    await teacher.del(`/messages/${history.body.data[0].id}`);
    const after = await student.get('/chats?kind=group');
    expect(after.body.data[0]).toMatchObject({ unread: 0, lastMessage: null });

    expect((await as(ctx, '').get('/chats')).status).toBe(401);
    expect((await as(ctx, '').get('/chats/unread')).status).toBe(401);
    expect((await as(ctx, other.cookies.student).get('/chats')).body.data).toEqual([]);
  });

  it('mark read: moves forward only, never past the last message; unread follows; other tabs hear chat.read', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const teacher = as(ctx, f.cookies.teacher);
    const student = as(ctx, f.cookies.student);
    const seqs: number[] = [];
    for (let i = 0; i < 4; i += 1) seqs.push((await teacher.post(`/chats/${chatId}/messages`, { clientId: `r${i}`, text: `№${i}` })).body.data.seq);

    const heard: unknown[] = [];
    const stop = ctx.deps.events.subscribe((room, event) => room === `user:${f.student.id}` && heard.push(event));
    const r1 = await student.post(`/chats/${chatId}/read`, { seq: seqs[1] });
    expect(r1).toEqual({ status: 200, body: { data: { lastReadSeq: seqs[1], unread: 2 } } });
    expect(heard).toEqual([{ type: 'chat.read', chatId, lastReadSeq: seqs[1], unread: 2 }]);
    const back = await student.post(`/chats/${chatId}/read`, { seq: seqs[0] });
    expect(back.body.data).toEqual({ lastReadSeq: seqs[1], unread: 2 });
    const far = await student.post(`/chats/${chatId}/read`, { seq: 1_000_000 });
    expect(far.body.data).toEqual({ lastReadSeq: seqs[3], unread: 0 });
    stop();
    expect((await student.get('/chats')).body.data[0]).toMatchObject({ unread: 0, lastReadSeq: seqs[3] });
    expect((await student.get(`/chats/${chatId}`)).body.data.lastReadSeq).toBe(seqs[3]);

    const other = await freshSchool(ctx);
    expect((await as(ctx, other.cookies.student).post(`/chats/${chatId}/read`, { seq: 1 })).status).toBe(404);
    expect((await as(ctx, '').post(`/chats/${chatId}/read`, { seq: 1 })).status).toBe(401);
    expect((await student.post(`/chats/${chatId}/read`, { seq: -1 })).status).toBe(400);
  });

  it('costs the same number of queries for 2 chats as for 12 (no N+1)', async () => {
    const f = await freshSchool(ctx);
    const actor: Actor = { userId: f.student.id, isOperator: false, memberships: [{ schoolId: f.school.id, role: 'student', classId: f.classA.id }] };
    const counting = countingDb(ctx);
    const measure = async () => {
      counting.reset();
      await listChats(counting.db, actor, {});
      return counting.count();
    };
    await classChat(ctx, f, 'Первый');
    await classChat(ctx, f, 'Второй');
    const few = await measure();
    const teacher = as(ctx, f.cookies.teacher);
    for (let i = 0; i < 10; i += 1) {
      const id = await classChat(ctx, f, `Чат ${i}`);
      await teacher.post(`/chats/${id}/messages`, { clientId: `n${i}`, text: 'Привет' });
    }
    const peer = await createUser(ctx);
    await addMember(ctx, f.school, peer, 'student', { classId: f.classA.id });
    await as(ctx, await signedInCookie(ctx, peer)).post('/chats', { kind: 'personal', userId: f.student.id });
    const many = await measure();
    expect((await listChats(ctx.deps.db, actor, {})).data).toHaveLength(13);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(2);
  });
});
