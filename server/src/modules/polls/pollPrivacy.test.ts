import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, messages } from '../../db/chatSchema.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from '../chats/testHelpers.js';
import { groupChat, moreStudents, pollOutsideChats, postPoll } from './testHelpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const optionIds = async (cookie: string, pollId: string): Promise<string[]> =>
  (await as(ctx, cookie).get(`/polls/${pollId}`)).body.data.options.map((o: { id: string }) => o.id);

describe('anonymous polls never name a voter', () => {
  it('not through the poll, its voters endpoint, the chat history, the event log or the bus', async () => {
    const f = await freshSchool(ctx);
    const voters = await moreStudents(ctx, f, 2);
    const chatId = await classChat(ctx, f);
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId, { anonymous: true, multiple: true });
    const ids = await optionIds(f.cookies.teacher, pollId);
    const bus = recordEvents(ctx);
    const votes = [
      await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] }),
      await as(ctx, voters[0]!.cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[0], ids[1]] }),
      await as(ctx, voters[1]!.cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[2]] }),
      await as(ctx, voters[1]!.cookie).del(`/polls/${pollId}/votes`),
    ];
    expect(votes.map((v) => v.status)).toEqual([200, 200, 200, 200]);
    const voterIds = [f.student.id, voters[0]!.user.id, voters[1]!.user.id];
    const voterNames = [f.student.lastName, voters[0]!.user.lastName, voters[1]!.user.lastName].filter(
      // The author's surname may coincide with a voter's; only names that are voters' alone prove a leak.
      (n) => n !== f.teacher.lastName,
    );
    const leaks = (text: string) => voterIds.filter((id) => text.includes(id));

    // The author (teacher) and the school's administrator see counts, never names.
    for (const cookie of [f.cookies.teacher, f.cookies.admin]) {
      const view = await as(ctx, cookie).get(`/polls/${pollId}`);
      expect(view.status).toBe(200);
      expect(view.body.data.options.map((o: { votes: number }) => o.votes)).toEqual([2, 1, 0]);
      expect(view.body.data.totalVoters).toBe(2);
      expect(leaks(JSON.stringify(view.body))).toEqual([]);
      const list = await as(ctx, cookie).get(`/polls/${pollId}/voters`);
      expect(list.status).toBe(403);
      expect(leaks(JSON.stringify(list.body))).toEqual([]);
      for (const name of voterNames) expect(JSON.stringify(list.body)).not.toContain(name);
    }
    // The administrator oversees the class chat without being in it: may look, may not vote.
    const adminVote = await as(ctx, f.cookies.admin).post(`/polls/${pollId}/votes`, { optionIds: [ids[2]] });
    expect(adminVote.status).toBe(403);
    // Each voter sees only their own choice, per poll and for the whole chat.
    const mine = await as(ctx, voters[0]!.cookie).get(`/polls/${pollId}`);
    expect(mine.body.data.myVotes.sort()).toEqual([ids[0], ids[1]].sort());
    expect(leaks(JSON.stringify(mine.body)).filter((id) => id !== voters[0]!.user.id)).toEqual([]);
    const inChat = await as(ctx, voters[0]!.cookie).get(`/chats/${chatId}/poll-votes`);
    expect(Object.keys(inChat.body.data)).toEqual([pollId]);
    expect(inChat.body.data[pollId].sort()).toEqual([ids[0], ids[1]].sort());
    expect((await as(ctx, f.cookies.teacher).get(`/chats/${chatId}/poll-votes`)).body.data).toEqual({});

    const history = await as(ctx, f.cookies.teacher).get(`/chats/${chatId}/messages`);
    expect(history.status).toBe(200);
    expect(leaks(JSON.stringify(history.body))).toEqual([]);

    const log = await ctx.deps.db.select().from(chatEvents).where(eq(chatEvents.chatId, chatId));
    const pollEvents = log.filter((e) => e.type === 'poll.updated');
    expect(pollEvents).toHaveLength(4);
    // (member.added events of the chat's creation name members, as they should; the poll's events name no one.)
    const pollLog = log.filter((e) => e.type === 'poll.updated' || e.type === 'message.created');
    expect(leaks(JSON.stringify(pollLog.map((e) => e.payload)))).toEqual([]);
    expect(bus.seen).toHaveLength(4);
    expect(leaks(JSON.stringify(bus.seen))).toEqual([]);
    bus.stop();
  });

  it('a named poll lists its voters per option, in voting order, to members of the chat', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId);
    const ids = await optionIds(f.cookies.teacher, pollId);
    await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] });
    await as(ctx, f.cookies.teacher).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] });
    const res = await as(ctx, f.cookies.student).get(`/polls/${pollId}/voters`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { optionId: ids[0], voters: [] },
      {
        optionId: ids[1],
        voters: [
          { id: f.student.id, firstName: f.student.firstName, lastName: f.student.lastName, middleName: null },
          { id: f.teacher.id, firstName: f.teacher.firstName, lastName: f.teacher.lastName, middleName: null },
        ],
      },
      { optionId: ids[2], voters: [] },
    ]);
    // Even for a named poll the live event carries counts only.
    const log = await ctx.deps.db.select().from(chatEvents).where(eq(chatEvents.chatId, chatId));
    expect(JSON.stringify(log.filter((e) => e.type === 'poll.updated').map((e) => e.payload))).not.toContain(f.student.id);
  });
});

describe('anonymous polls outside chats never name a voter', () => {
  for (const where of [{ article: 'published' }, { news: 'channel' }, { news: 'community' }] as const) {
    it(`${JSON.stringify(where)}: not through the poll, its voters endpoint or the school-room events`, async () => {
      const f = await freshSchool(ctx);
      const voters = await moreStudents(ctx, f, 2);
      const { pollId } = await pollOutsideChats(ctx, f, where, { anonymous: true });
      const ids = await optionIds(f.cookies.student, pollId);
      const bus = recordEvents(ctx);
      const votes = [
        await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] }),
        await as(ctx, voters[0]!.cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] }),
        await as(ctx, voters[1]!.cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[1]] }),
        await as(ctx, voters[1]!.cookie).del(`/polls/${pollId}/votes`),
      ];
      expect(votes.map((v) => v.status)).toEqual([200, 200, 200, 200]);
      const voterIds = [f.student.id, voters[0]!.user.id, voters[1]!.user.id];
      const voterNames = [f.student.lastName, voters[0]!.user.lastName, voters[1]!.user.lastName].filter(
        (n) => n !== f.teacher.lastName && n !== f.admin.lastName,
      );
      const leaks = (text: string) => [...voterIds.filter((id) => text.includes(id)), ...voterNames.filter((n) => text.includes(n))];
      for (const cookie of [f.cookies.teacher, f.cookies.admin]) {
        const view = await as(ctx, cookie).get(`/polls/${pollId}`);
        expect(view.status).toBe(200);
        expect(view.body.data.options.map((o: { votes: number }) => o.votes)).toEqual([1, 1, 0]);
        expect(view.body.can.seeVoters).toBe(false);
        expect(leaks(JSON.stringify(view.body))).toEqual([]);
        const list = await as(ctx, cookie).get(`/polls/${pollId}/voters`);
        expect(list.status).toBe(403);
        expect(leaks(JSON.stringify(list.body))).toEqual([]);
      }
      expect(bus.seen).toHaveLength(4);
      expect(bus.seen.every((s) => s.room === `school:${f.school.id}` && s.event.type === 'poll.updated')).toBe(true);
      expect(leaks(JSON.stringify(bus.seen))).toEqual([]);
      bus.stop();
    });
  }
});

describe('who may see and vote', () => {
  it('a student of another class, another school, a removed member and anonymous get 404/401 on every poll endpoint; nothing changes', async () => {
    const f = await freshSchool(ctx);
    const other = await freshSchool(ctx);
    const [member, outsider] = await moreStudents(ctx, f, 2);
    const chatId = await groupChat(ctx, f, [f.student.id, member!.user.id]);
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId);
    const ids = await optionIds(f.cookies.teacher, pollId);
    const removed = await as(ctx, f.cookies.teacher).del(`/chats/${chatId}/members/${member!.user.id}`);
    expect(removed.status).toBe(200);
    const bus = recordEvents(ctx);

    const refused: [string, string, number][] = [
      ['a student not in the chat', outsider!.cookie, 404],
      ['another school', other.cookies.admin, 404],
      ['a removed member', member!.cookie, 404],
      ['anonymous', '', 401],
    ];
    for (const [who, cookie, status] of refused) {
      const c = as(ctx, cookie);
      expect((await c.get(`/polls/${pollId}`)).status, who).toBe(status);
      expect((await c.get(`/polls/${pollId}/voters`)).status, who).toBe(status);
      expect((await c.post(`/polls/${pollId}/votes`, { optionIds: [ids[0]] })).status, who).toBe(status);
      expect((await c.del(`/polls/${pollId}/votes`)).status, who).toBe(status);
      expect((await c.get(`/chats/${chatId}/poll-votes`)).status, who).toBe(status);
    }
    expect((await as(ctx, f.cookies.teacher).get(`/polls/${pollId}`)).body.data.totalVoters).toBe(0);
    expect(bus.seen).toEqual([]);
    bus.stop();
  });

  it('a poll whose message was deleted for everyone is gone: 404 to all', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const { pollId, message } = await postPoll(ctx, f.cookies.teacher, chatId);
    await ctx.deps.db.update(messages).set({ deletedAt: new Date() }).where(eq(messages.id, message.id));
    const ids = [crypto.randomUUID()];
    expect((await as(ctx, f.cookies.teacher).get(`/polls/${pollId}`)).status).toBe(404);
    expect((await as(ctx, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: ids })).status).toBe(404);
  });
});

describe('concurrent votes', () => {
  it('twelve people voting at once are all counted, and the last poll.updated holds the final counts', async () => {
    const f = await freshSchool(ctx);
    const students = await moreStudents(ctx, f, 12);
    const chatId = await groupChat(ctx, f, students.map((s) => s.user.id));
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId);
    const ids = await optionIds(f.cookies.teacher, pollId);
    const bus = recordEvents(ctx);
    const results = await Promise.all(
      students.map((s, i) => as(ctx, s.cookie).post(`/polls/${pollId}/votes`, { optionIds: [ids[i % 3]] })),
    );
    expect(results.map((r) => r.status)).toEqual(students.map(() => 200));
    const view = (await as(ctx, f.cookies.teacher).get(`/polls/${pollId}`)).body.data;
    expect(view.options.map((o: { votes: number }) => o.votes)).toEqual([4, 4, 4]);
    expect(view.totalVoters).toBe(12);
    const updates = bus.inRoom(`chat:${chatId}`) as unknown as { seq: number; event: { poll: { totalVoters: number } } }[];
    expect(updates).toHaveLength(12);
    const bySeq = [...updates].sort((a, b) => a.seq - b.seq);
    expect(bySeq.map((u) => u.event.poll.totalVoters)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    bus.stop();
  });

  it('one person tapping different options at once ends with exactly one vote', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const { pollId } = await postPoll(ctx, f.cookies.teacher, chatId);
    const ids = await optionIds(f.cookies.teacher, pollId);
    const s = as(ctx, f.cookies.student);
    await Promise.all([0, 1, 2, 0, 1, 2].map((i) => s.post(`/polls/${pollId}/votes`, { optionIds: [ids[i]] })));
    const view = (await s.get(`/polls/${pollId}`)).body.data;
    expect(view.totalVoters).toBe(1);
    expect(view.myVotes).toHaveLength(1);
    expect(view.options.reduce((n: number, o: { votes: number }) => n + o.votes, 0)).toBe(1);
  });
});
