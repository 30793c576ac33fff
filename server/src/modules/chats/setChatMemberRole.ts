import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatMembers } from '../../db/chatSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import { appendChatEvents, publishChatEvents, type StoredChatEvent } from './chatEvents.js';
import { type ChatDetailsResponse, presentChat } from './getChat.js';
import { findChatForUser, memberRolesAmong } from './queries.js';

/**
 * «Сделать модератором» / «Снять модератора»: the chat's owner or an administrator of its school. The owner's own
 * role does not change (chat_owner_role); someone not in the chat is not found. The chat hears member.role.
 */
export async function setChatMemberRole(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  userId: string,
  role: 'moderator' | 'member',
): Promise<ChatDetailsResponse> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'appoint', chat);
  const current = (await memberRolesAmong(deps.db, chatId, [userId])).get(userId);
  if (!current) throw notFound();
  if (current === 'owner') throw new AppError('chat_owner_role');
  let stored: StoredChatEvent[] = [];
  if (current !== role) {
    await deps.db.transaction(async (tx) => {
      const rows = await tx
        .update(chatMembers)
        .set({ role })
        .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, userId)))
        .returning({ userId: chatMembers.userId });
      if (rows.length > 0) stored = await appendChatEvents(tx, chatId, [{ type: 'member.role', userId, role }]);
    });
  }
  await publishChatEvents(deps.events, stored);
  const fresh = await findChatForUser(deps.db, chatId, actor.userId);
  if (!fresh) throw notFound();
  return presentChat(deps.db, actor, fresh);
}
