import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatMembers, messages } from '../../db/chatSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { userRoom } from '../schools/events.js';
import { findChatForUser } from './queries.js';

/**
 * Moves my read mark in a chat forward to `seq` (never backwards, never past the chat's last seq) and tells my
 * other tabs (`chat.read` to my user room) so their badges follow. Returns the mark and what is still unread.
 */
export async function markChatRead(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  seq: number,
): Promise<{ lastReadSeq: number; unread: number }> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  // Reading is for members: 'post' is exactly "is a member" (an administrator looking in has no mark).
  authorizeChat(actor, 'post', chat);
  const [row] = await deps.db
    .update(chatMembers)
    .set({
      lastReadSeq: sql`greatest(${chatMembers.lastReadSeq}, least(${seq}::bigint, (select c.last_seq from chats c where c.id = ${chatId})))`,
    })
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, actor.userId)))
    .returning({ lastReadSeq: chatMembers.lastReadSeq });
  if (!row) throw notFound();
  const [count] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        sql`${messages.seq} > ${row.lastReadSeq}`,
        sql`${messages.authorId} <> ${actor.userId}`,
        sql`${messages.deletedAt} is null`,
      ),
    );
  const unread = count?.n ?? 0;
  if (row.lastReadSeq > chat.lastReadSeq) {
    await deps.events.publish(userRoom(actor.userId), { type: 'chat.read', chatId, lastReadSeq: row.lastReadSeq, unread });
  }
  return { lastReadSeq: row.lastReadSeq, unread };
}
