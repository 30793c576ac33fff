import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatMembers } from '../../db/chatSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { findChatForUser } from '../chats/queries.js';

/**
 * «Без звука» / «Включить звук» in a chat I am in: its messages send me no pushes (they still count as unread). Only a
 * member has the setting, so anyone else gets the same 404 as for a chat that is not there. My other tabs hear
 * `chat.muted` and redraw the bell.
 */
export async function setChatMuted(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  muted: boolean,
): Promise<{ muted: boolean }> {
  requireActor(actor);
  const chat = await findChatForUser(deps.db, chatId, actor.userId);
  if (!chat || chat.myRole === null) throw notFound();
  const [row] = await deps.db
    .update(chatMembers)
    .set({ muted })
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, actor.userId)))
    .returning({ muted: chatMembers.muted });
  // Left the chat between the two statements.
  if (!row) throw notFound();
  await deps.events.publish(`user:${actor.userId}`, { type: 'chat.muted', chatId, muted: row.muted });
  return { muted: row.muted };
}
