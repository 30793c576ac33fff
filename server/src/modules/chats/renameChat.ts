import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chats } from '../../db/chatSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from './chatEvents.js';
import { type ChatDetailsResponse, presentChat } from './getChat.js';
import { findChatForUser } from './queries.js';

/** Renames a chat (those who run it; personal chats have no name of their own); the chat hears chat.updated. */
export async function renameChat(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  name: string,
): Promise<ChatDetailsResponse> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'manageMembers', chat);
  let stored: StoredChatEvent[] = [];
  await deps.db.transaction(async (tx) => {
    await tx.update(chats).set({ name }).where(eq(chats.id, chatId));
    stored = await appendChatEvents(tx, chatId, [{ type: 'chat.updated', name }]);
  });
  await publishChatEvents(deps.events, stored);
  const fresh = await findChatForUser(deps.db, chatId, actor.userId);
  if (!fresh) throw notFound();
  return presentChat(deps.db, actor, fresh);
}
