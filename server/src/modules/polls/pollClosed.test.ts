import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, polls } from '../../db/chatSchema.js';
import { FakeClock, systemClock } from '../../lib/clock.js';
import type { AppEvent } from '../../platform/events/bus.js';
import { freshSchool } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { as, classChat, recordEvents } from '../chats/testHelpers.js';
import { announceClosedPolls } from './announceClosedPolls.js';
import { PollDeadlines } from './pollDeadlines.js';
import { pollOutsideChats, postPoll } from './testHelpers.js';

/**
 * POLL-2 «Срок окончания»: when a poll's deadline passes, its audience hears `poll.closed` once — from whichever server
 * node claims it first in the database — so open screens stop voting without working it out from their own clock.
 * Two app instances here share one database (two nodes), each with its own bus and clock.
 */
let a: TestContext;
let b: TestContext;
beforeAll(async () => {
  a = await createTestContext();
  b = await createTestContext();
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const HOUR = 3600_000;
const closedOf = (seen: { room: string; event: AppEvent }[], match: (e: AppEvent) => boolean) =>
  seen.filter(({ event }) => {
    const inner = (event.type === 'chat.event' ? (event.event as AppEvent) : event) as AppEvent;
    return inner.type === 'poll.closed' && match(inner);
  });

describe('poll.closed when the deadline passes', () => {
  it('reaches the chat once, though two nodes sweep at the same moment; not before the deadline; voting is refused after', async () => {
    const f = await freshSchool(a);
    const chatId = await classChat(a, f);
    const deadline = new Date(a.deps.clock.now().getTime() + HOUR).toISOString();
    const { pollId, message } = await postPoll(a, f.cookies.teacher, chatId, { deadline });
    const options = (await as(a, f.cookies.student).get(`/polls/${pollId}`)).body.data.options as { id: string }[];
    expect((await as(a, f.cookies.student).post(`/polls/${pollId}/votes`, { optionIds: [options[1]!.id] })).status).toBe(200);
    const onA = recordEvents(a);
    const onB = recordEvents(b);
    const isMine = (e: AppEvent) => e.messageId === message.id;

    // A minute before the deadline nobody announces anything.
    for (const c of [a, b]) c.deps.clock.advance(HOUR - 60_000);
    await Promise.all([announceClosedPolls(a.deps), announceClosedPolls(b.deps)]);
    expect(closedOf([...onA.seen, ...onB.seen], isMine)).toHaveLength(0);

    // The deadline passes: both nodes sweep at once; exactly one claims it.
    for (const c of [a, b]) c.deps.clock.advance(61_000);
    const [byA, byB] = await Promise.all([announceClosedPolls(a.deps), announceClosedPolls(b.deps)]);
    expect([...byA, ...byB].filter((id) => id === pollId)).toHaveLength(1);
    const heard = closedOf([...onA.seen, ...onB.seen], isMine);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.room).toBe(`chat:${chatId}`);
    const event = heard[0]!.event as unknown as { event: { poll: { closed: boolean; options: { votes: number }[] } } };
    expect(event.event.poll.closed).toBe(true);
    expect(event.event.poll.options.map((o) => o.votes)).toEqual([0, 1, 0]);
    // Counts only, as every poll event: the voter is not named.
    expect(JSON.stringify(heard)).not.toContain(f.student.id);

    // It is in the chat's log, so a tab that reconnects later resumes it like any chat event.
    const log = await a.deps.db
      .select()
      .from(chatEvents)
      .where(and(eq(chatEvents.chatId, chatId), eq(chatEvents.type, 'poll.closed')));
    expect(log).toHaveLength(1);

    // Later sweeps, on either node, say nothing more.
    for (const c of [a, b]) c.deps.clock.advance(HOUR);
    await Promise.all([announceClosedPolls(a.deps), announceClosedPolls(b.deps), announceClosedPolls(a.deps)]);
    expect(closedOf([...onA.seen, ...onB.seen], isMine)).toHaveLength(1);

    // After the deadline no vote is taken, nor taken back.
    const late = await as(a, f.cookies.teacher).post(`/polls/${pollId}/votes`, { optionIds: [options[0]!.id] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('poll_closed');
    expect((await as(a, f.cookies.student).del(`/polls/${pollId}/votes`)).body.error.code).toBe('poll_closed');
    expect((await as(a, f.cookies.student).get(`/polls/${pollId}`)).body.data.closed).toBe(true);
    onA.stop();
    onB.stop();
  });

  it('an article’s and a news post’s poll: one poll.closed in the school’s room', async () => {
    const f = await freshSchool(a);
    const onA = recordEvents(a);
    const onB = recordEvents(b);
    const deadline = new Date(Date.now() + HOUR).toISOString();
    const article = await pollOutsideChats(a, f, { article: 'published' }, { deadline });
    const news = await pollOutsideChats(a, f, { news: 'channel' }, { deadline });
    const later = new Date(Date.now() + 2 * HOUR);
    const nodeA = { ...a.deps, clock: new FakeClock(later) };
    const nodeB = { ...b.deps, clock: new FakeClock(later) };
    await Promise.all([announceClosedPolls(nodeA), announceClosedPolls(nodeB)]);
    for (const pollId of [article.pollId, news.pollId]) {
      const heard = closedOf([...onA.seen, ...onB.seen], (e) => e.pollId === pollId);
      expect(heard.map((h) => h.room)).toEqual([`school:${f.school.id}`]);
      expect((heard[0]!.event as unknown as { poll: { closed: boolean } }).poll.closed).toBe(true);
    }
    onA.stop();
    onB.stop();
  });

  it('a node that starts after the deadline passed (a restart) announces it on start', async () => {
    const f = await freshSchool(a);
    const chatId = await classChat(a, f);
    const deadline = new Date(a.deps.clock.now().getTime() + HOUR);
    const { message } = await postPoll(a, f.cookies.teacher, chatId, { deadline: deadline.toISOString() });
    // No node ran while the deadline passed; a node comes up two hours later.
    const onB = recordEvents(b);
    const node = new PollDeadlines({ ...b.deps, clock: new FakeClock(new Date(deadline.getTime() + HOUR)) }, { error: () => undefined }, 60_000);
    await node.start();
    await node.stop();
    expect(closedOf(onB.seen, (e) => e.messageId === message.id)).toHaveLength(1);
    onB.stop();
  });

  it('a running node announces at the nearest deadline, without waiting for its periodic sweep', async () => {
    const f = await freshSchool(a);
    const chatId = await classChat(a, f);
    const { pollId, message } = await postPoll(a, f.cookies.teacher, chatId, { deadline: new Date(a.deps.clock.now().getTime() + HOUR).toISOString() });
    // Real time here: the node's timer waits for the deadline on the wall clock.
    const deadline = new Date(Date.now() + 700);
    await a.deps.db.update(polls).set({ deadline }).where(eq(polls.id, pollId));
    const onB = recordEvents(b);
    const node = new PollDeadlines({ ...b.deps, clock: systemClock }, { error: () => undefined }, 10 * 60_000);
    await node.start();
    expect(closedOf(onB.seen, (e) => e.messageId === message.id)).toHaveLength(0);
    await expect.poll(() => closedOf(onB.seen, (e) => e.messageId === message.id).length, { timeout: 5000 }).toBe(1);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline.getTime());
    await node.stop();
    onB.stop();
  });

  it('the app sweeps on start when POLL_SWEEP_MS is set', async () => {
    const f = await freshSchool(a);
    const chatId = await classChat(a, f);
    const { pollId } = await postPoll(a, f.cookies.teacher, chatId, { deadline: new Date(a.deps.clock.now().getTime() + HOUR).toISOString() });
    await a.deps.db.update(polls).set({ deadline: new Date(Date.now() - 1000) }).where(eq(polls.id, pollId));
    const c = await createTestContext({ POLL_SWEEP_MS: '60000' });
    try {
      await expect
        .poll(async () => (await c.deps.db.select({ at: polls.closedAnnouncedAt }).from(polls).where(eq(polls.id, pollId)))[0]?.at ?? null, {
          timeout: 5000,
        })
        .not.toBeNull();
    } finally {
      await c.close();
    }
  });
});
