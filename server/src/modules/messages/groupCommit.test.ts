import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatEvents, messages } from '../../db/chatSchema.js';
import type { Actor } from '../../policy/actor.js';
import { createUser, freshSchool, type SchoolFixture } from '../../test/factories.js';
import { createTestContext, type TestContext } from '../../test/testApp.js';
import { classChat, recordEvents } from '../chats/testHelpers.js';
import { GroupCommitWriter } from './groupCommit.js';
import { sendMessage } from './sendMessage.js';

const actorOf = (f: SchoolFixture, who: 'teacher' | 'student'): Actor => ({
  userId: f[who].id,
  isOperator: false,
  memberships: [{ schoolId: f.school.id, role: who, classId: who === 'student' ? f.classA.id : null }],
});

describe('the group-commit writer (docs/CHATS.md «Sending a message»)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('200 concurrent sends to one chat: distinct consecutive seqs, all stored, each ack its own message, few commits', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const events = recordEvents(ctx);
    const teacher = actorOf(f, 'teacher');
    const student = actorOf(f, 'student');
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        sendMessage(ctx.deps, i % 2 ? student : teacher, { chatId, clientId: `k${i}`, text: `Сообщение ${i}` }),
      ),
    );
    acks.forEach((m, i) => {
      expect(m.clientId).toBe(`k${i}`);
      expect(m.text).toBe(`Сообщение ${i}`);
      expect(m.author.id).toBe(i % 2 ? f.student.id : f.teacher.id);
    });
    const seqs = acks.map((m) => m.seq).sort((a, b) => a - b);
    const first = seqs[0]!;
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => first + i));

    const rows = await ctx.deps.db.select({ seq: messages.seq, createdAt: messages.createdAt }).from(messages).where(eq(messages.chatId, chatId));
    expect(rows).toHaveLength(200);
    // Every message of one transaction carries that transaction's time: far fewer commits than messages.
    const commits = new Set(rows.map((r) => r.createdAt.getTime())).size;
    expect(commits).toBeLessThan(20);
    // Published after commit, once each, in seq order.
    const published = events.inRoom(`chat:${chatId}`).filter((e) => (e.event as { type: string }).type === 'message.created');
    expect(published.map((e) => e.seq)).toEqual(seqs);
    events.stop();
  });

  it('a resend with the same clientId returns the stored message, in the same batch or later; one row only', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const student = actorOf(f, 'student');
    const [a, b] = await Promise.all([
      sendMessage(ctx.deps, student, { chatId, clientId: 'same', text: 'Привет' }),
      sendMessage(ctx.deps, student, { chatId, clientId: 'same', text: 'Привет' }),
    ]);
    expect(b).toEqual(a);
    const later = await sendMessage(ctx.deps, student, { chatId, clientId: 'same', text: 'Привет' });
    expect(later).toEqual(a);
    // The same key from another person is another message.
    const fromTeacher = await sendMessage(ctx.deps, actorOf(f, 'teacher'), { chatId, clientId: 'same', text: 'Привет' });
    expect(fromTeacher.id).not.toBe(a.id);
    const [n] = await ctx.deps.db.select({ n: count() }).from(messages).where(eq(messages.chatId, chatId));
    expect(n?.n).toBe(2);
    const [e] = await ctx.deps.db.select({ n: count() }).from(chatEvents).where(eq(chatEvents.chatId, chatId));
    // Two member.added events from creation, two message.created.
    expect(e?.n).toBe(4);
  });

  it('one refused send does not sink the others of its batch', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const outsider = await createUser(ctx);
    const outsiderActor: Actor = { userId: outsider.id, isOperator: false, memberships: [] };
    const results = await Promise.allSettled([
      sendMessage(ctx.deps, actorOf(f, 'teacher'), { chatId, clientId: 'ok1', text: 'один' }),
      sendMessage(ctx.deps, outsiderActor, { chatId, clientId: 'bad', text: 'чужой' }),
      sendMessage(ctx.deps, actorOf(f, 'student'), { chatId, clientId: 'ok2', text: 'два' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'not_found' });
    const seqs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.seq] : []));
    expect(seqs[1]).toBe(seqs[0]! + 1);
    await expect(sendMessage(ctx.deps, null, { chatId, clientId: 'anon', text: 'x' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('two writers over one database (two server nodes)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('racing resends of one clientId through two nodes store one message; both acks return it; seqs stay consecutive', async () => {
    const f = await freshSchool(ctx);
    const chatId = await classChat(ctx, f);
    const nodeA = new GroupCommitWriter(ctx.deps.db);
    const nodeB = new GroupCommitWriter(ctx.deps.db);
    const student = actorOf(f, 'student');
    const draft = (clientId: string) => ({ chatId, authorId: f.student.id, clientId, text: `текст ${clientId}`, replyToId: null, fileIds: [], pollId: null });
    const sends = Array.from({ length: 20 }, (_, i) => [
      nodeA.submit(student, draft(`k${i}`), ctx.deps.events),
      nodeB.submit(student, draft(`k${i}`), ctx.deps.events),
    ]).flat();
    const acks = await Promise.all(sends);
    for (let i = 0; i < 20; i += 1) expect(acks[2 * i + 1]!.id).toBe(acks[2 * i]!.id);
    const rows = await ctx.deps.db.select({ seq: messages.seq }).from(messages).where(eq(messages.chatId, chatId)).orderBy(messages.seq);
    expect(rows).toHaveLength(20);
    const events = await ctx.deps.db.select({ seq: chatEvents.seq }).from(chatEvents).where(eq(chatEvents.chatId, chatId)).orderBy(chatEvents.seq);
    // No gaps in the chat's log: creation's two member.added, then the twenty messages.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });
});
