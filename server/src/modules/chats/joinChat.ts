import type { AppDeps } from '../../deps.js';
import { chatMembers } from '../../db/chatSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import type { StoredChatEvent } from './chatEvents.js';
import { type ChatDetailsResponse, presentChat } from './getChat.js';
import { publishMembershipChange, recordMembershipChange } from './membershipEvents.js';
import { findChatForUser } from './queries.js';

/** CHT-5: a member of the school joins one of its public chats. Joining twice changes nothing. */
export async function joinChat(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
): Promise<ChatDetailsResponse> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  if (actor && chat.myRole !== null) return presentChat(deps.db, actor, chat);
  authorizeChat(actor, 'join', chat);
  let stored: StoredChatEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(chatMembers)
      .values({ chatId, userId: actor.userId, role: 'member' })
      .onConflictDoNothing()
      .returning({ userId: chatMembers.userId });
    if (rows.length > 0) stored = await recordMembershipChange(tx, chatId, { added: [actor.userId] });
  });
  await publishMembershipChange(deps.events, stored, stored.length > 0 ? [actor.userId] : []);
  const fresh = await findChatForUser(deps.db, chatId, actor.userId);
  if (!fresh) throw notFound();
  return presentChat(deps.db, actor, fresh);
}
