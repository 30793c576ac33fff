import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, polls } from '../../db/chatSchema.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from '../chats/testHelpers.js';
import { groupChat, moreStudents, postPoll } from './testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const hour = 3600_000;
const pollRowsOf = (chatId: string) => ctx.deps.db.select().from(polls).where(eq(polls.chatId, chatId));

describe('POST /api/chats/:chatId/polls (POLL-1, POLL-2)', () => {
  it('the teacher posts a poll into the class chat: a message with the question, options in order, the chosen colour', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const bus = recordEvents(ctx);
    const { message, pollId } = await postPoll(ctx, f.cookies.teacher, chatId, { color: 'green' });
    expect(message).toMatchObject({ chatId, text: 'Куда поедем на экскурсию?', author: { id: f.teacher.id } });
    expect(message.poll).toMatchObject({ id: pollId, question: 'Куда поедем на экскурсию?', color: 'green', totalVoters: 0 });
    expect(message.poll.options.map((o: { text: string }) => o.text)).toEqual(['Музей', 'Театр', 'Зоопарк']);
    const res = await as(ctx, f.cookies.student).get(`/polls/${pollId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: pollId,
      chatId,
      messageId: message.id,
      question: 'Куда поедем на экскурсию?',
      color: 'green',
      anonymous: false,
      multiple: false,
      noRetract: false,
      deadline: null,
      closed: false,
      totalVoters: 0,
      myVotes: [],
    });
    expect(res.body.data.options.map((o: { text: string; votes: number }) => [o.text, o.votes])).toEqual([
      ['Музей', 0], ['Театр', 0], ['Зоопарк', 0],
    ]);
    expect(res.body.can).toEqual({ vote: true, retract: false, seeVoters: true });
    // Everyone in the chat hears of the new message at once.
    const created = bus.inRoom(`chat:${chatId}`);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ type: 'chat.event', event: { type: 'message.created', message: { id: message.id } } });
    bus.stop();
  });

  it('takes a custom #rrggbb colour (stored lower case) and a future deadline', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const deadline = new Date(ctx.deps.clock.now().getTime() + 2 * hour).toISOString();
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId, { color: '#A1B2C3', deadline, anonymous: true, multiple: true, noRetract: true });
    const { body } = await as(ctx, f.cookies.teacher).get(`/polls/${pollId}`);
    expect(body.data).toMatchObject({ color: '#a1b2c3', anonymous: true, multiple: true, noRetract: true, closed: false });
    expect(new Date(body.data.deadline).toISOString()).toBe(deadline);
    expect(body.can.seeVoters).toBe(false);
  });

  it('refuses bad polls before writing anything: 1 or 11 options, repeated or empty options, unknown colour, past deadline', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const t = as(ctx, f.cookies.teacher);
    const base = { question: 'Вопрос', options: ['Да', 'Нет'] };
    const bad: object[] = [
      { ...base, options: ['Только один'] },
      { ...base, options: Array.from({ length: 11 }, (_, i) => `Вариант ${i + 1}`) },
      { ...base, options: ['Да', ' да '] },
      { ...base, options: ['Да', '   '] },
      { ...base, question: '  ' },
      { ...base, color: 'chartreuse' },
      { ...base, color: '#12345' },
      { ...base, deadline: new Date(ctx.deps.clock.now().getTime() - 60_000).toISOString() },
      { ...base, deadline: ctx.deps.clock.now().toISOString() },
    ];
    for (const body of bad) {
      const res = await t.post(`/chats/${chatId}/polls`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect(await pollRowsOf(chatId)).toEqual([]);
    const ten = await t.post(`/chats/${chatId}/polls`, { ...base, options: Array.from({ length: 10 }, (_, i) => `Вариант ${i + 1}`) });
    expect(ten.status).toBe(201);
  });

  it('in a class chat only the adults may post polls; a student is refused (403) and nothing is written', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const res = await as(ctx, f.cookies.student).post(`/chats/${chatId}/polls`, { question: 'Кто хуже всех?', options: ['А', 'Б'] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await pollRowsOf(chatId)).toEqual([]);
    const events = await ctx.deps.db.select().from(chatEvents).where(eq(chatEvents.chatId, chatId));
    expect(events.filter((e) => e.type === 'message.created')).toEqual([]);
  });

  it('in a group chat any member may post a poll', async () => {
    const f = await freshSchool(ctx);
    const chatId = await groupChat(ctx, f, [f.student.id]);
    await postPoll(ctx, f.cookies.student, chatId, { question: 'Во сколько встречаемся?', options: ['В 9', 'В 10'] });
    expect(await pollRowsOf(chatId)).toHaveLength(1);
  });

  it('non-members and other schools get 404, anonymous 401; nothing is written', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const chatId = await groupChat(ctx, f, [f.student.id]);
    const [outsider] = await moreStudents(ctx, f, 1);
    const body = { question: 'Вопрос', options: ['Да', 'Нет'] };
    expect((await as(ctx, outsider!.cookie).post(`/chats/${chatId}/polls`, body)).status).toBe(404);
    expect((await as(ctx, other.cookies.teacher).post(`/chats/${chatId}/polls`, body)).status).toBe(404);
    expect((await as(ctx, '').post(`/chats/${chatId}/polls`, body)).status).toBe(401);
    expect(await pollRowsOf(chatId)).toEqual([]);
  });
});

describe('voting (POLL-2, POLL-3)', () => {
  it('single choice: a vote, a change of mind, a retraction — each counted and each a poll.updated event', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const { pollId, message } = await postPoll(ctx, f.cookies.teacher, chatId);
    const s = as(ctx, f.cookies.student);
    const [museum, theatre] = (await s.get(`/polls/${pollId}`)).body.data.options.map((o: { id: string }) => o.id);
    const bus = recordEvents(ctx);

    const first = await s.post(`/polls/${pollId}/votes`, { optionIds: [museum] });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ myVotes: [museum], totalVoters: 1 });
    expect(first.body.data.options.map((o: { votes: number }) => o.votes)).toEqual([1, 0, 0]);
    expect(first.body.can).toEqual({ vote: true, retract: true, seeVoters: true });

    const changed = await s.post(`/polls/${pollId}/votes`, { optionIds: [theatre] });
    expect(changed.body.data.options.map((o: { votes: number }) => o.votes)).toEqual([0, 1, 0]);
    expect(changed.body.data.totalVoters).toBe(1);

    const two = await s.post(`/polls/${pollId}/votes`, { optionIds: [museum, theatre] });
    expect(two.status).toBe(400);

    const retracted = await s.del(`/polls/${pollId}/votes`);
    expect(retracted.status).toBe(200);
    expect(retracted.body.data).toMatchObject({ myVotes: [], totalVoters: 0 });
    // Retracting nothing changes nothing and tells nobody.
    expect((await s.del(`/polls/${pollId}/votes`)).status).toBe(200);
    // Voting the same again is no change either.
    await s.post(`/polls/${pollId}/votes`, { optionIds: [museum] });
    await s.post(`/polls/${pollId}/votes`, { optionIds: [museum] });

    const updates = bus.inRoom(`chat:${chatId}`).map((e) => e.event as { type: string; messageId: string; poll: { options: { votes: number }[] } });
    expect(updates.map((u) => u.type)).toEqual(['poll.updated', 'poll.updated', 'poll.updated', 'poll.updated']);
    expect(updates.every((u) => u.messageId === message.id)).toBe(true);
    expect(updates.map((u) => u.poll.options.map((o) => o.votes))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 0], [1, 0, 0]]);
    // The same events, with the same seqs, are in the chat's log for clients that reconnect.
    const logged = await ctx.deps.db.select().from(chatEvents).where(eq(chatEvents.chatId, chatId)).orderBy(chatEvents.seq);
    const loggedSeqs = logged.filter((e) => e.type === 'poll.updated').map((e) => e.seq);
    expect(bus.inRoom(`chat:${chatId}`).map((e) => e.seq)).toEqual(loggedSeqs);
    bus.stop();
  });

  it('refuses an option of another poll', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const a = await postPoll(ctx, f.cookies.teacher, chatId);
    const b = await postPoll(ctx, f.cookies.teacher, chatId);
    const foreign = (await as(ctx, f.cookies.teacher).get(`/polls/${b.pollId}`)).body.data.options[0].id;
    const res = await as(ctx, f.cookies.student).post(`/polls/${a.pollId}/votes`, { optionIds: [foreign] });
    expect(res.status).toBe(400);
    expect((await as(ctx, f.cookies.student).get(`/polls/${b.pollId}`)).body.data.totalVoters).toBe(0);
  });

  it('multiple answers: one person may choose several; totalVoters counts people, not ticks', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId, { multiple: true });
    const ids = (await as(ctx, f.cookies.teacher).get(`/polls/${pollId}`)).body.data.options.map((o: { id: string }) => o.id);
    await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [ids[0], ids[2]] });
    const res = await as(ctx, f.cookies.teacher).post(`/polls/${pollId}/votes`, { optionIds: [ids[2]] });
    expect(res.body.data.options.map((o: { votes: number }) => o.votes)).toEqual([1, 0, 2]);
    expect(res.body.data.totalVoters).toBe(2);
  });

  it('no retracting: the first vote is final — changing or taking it back is poll_vote_final and counts stay', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId, { noRetract: true });
    const s = as(ctx, f.cookies.student);
    const ids = (await s.get(`/polls/${pollId}`)).body.data.options.map((o: { id: string }) => o.id);
    expect((await s.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status).toBe(200);
    const bus = recordEvents(ctx);
    const change = await s.post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe('poll_vote_final');
    const again = await s.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] });
    expect(again.body.error.code).toBe('poll_vote_final');
    const retract = await s.del(`/polls/${pollId}/votes`);
    expect(retract.status).toBe(409);
    expect(retract.body.error.code).toBe('poll_vote_final');
    const view = await s.get(`/polls/${pollId}`);
    expect(view.body.data).toMatchObject({ myVotes: [ids[0]], totalVoters: 1 });
    expect(view.body.can).toEqual({ vote: false, retract: false, seeVoters: true });
    expect(bus.seen).toEqual([]);
    bus.stop();
  });

  it('the deadline: votes count until it comes; after it (fake clock) poll_closed, and the poll shows closed', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const deadline = new Date(ctx.deps.clock.now().getTime() + hour).toISOString();
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId, { deadline });
    const s = as(ctx, f.cookies.student);
    const ids = (await s.get(`/polls/${pollId}`)).body.data.options.map((o: { id: string }) => o.id);
    ctx.deps.clock.advance(hour - 1000);
    expect((await s.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status).toBe(200);
    ctx.deps.clock.advance(1000);
    const late = await as(ctx, f.cookies.teacher).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('poll_closed');
    const retract = await s.del(`/polls/${pollId}/votes`);
    expect(retract.body.error.code).toBe('poll_closed');
    const view = await s.get(`/polls/${pollId}`);
    expect(view.body.data).toMatchObject({ closed: true, totalVoters: 1, myVotes: [ids[0]] });
    expect(view.body.can).toMatchObject({ vote: false, retract: false });
  });
});
