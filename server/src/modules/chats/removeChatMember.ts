import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatMembers } from '../../db/chatSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat, requireActor, rolesInSchoolIncludeAdmin } from '../../policy/authorize.js';
import type { StoredChatEvent } from './chatEvents.js';
import { publishMembershipChange, recordMembershipChange } from './membershipEvents.js';
import { findChatForUser, memberRolesAmong } from './queries.js';
import { recordAudit } from '../audit/recordAudit.js';

/**
 * Takes someone out of a chat: themself («Покинуть чат», any kind but personal) or another member (the chat's
 * owner or moderators, or an administrator of its school). A moderator cannot remove the owner. The removed
 * person hears `chats.changed`, so their open sockets leave the chat's room at once.
 */
export async function removeChatMember(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  userId: string,
): Promise<void> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  const leaving = actor !== null && userId === actor.userId;
  authorizeChat(actor, leaving ? 'leave' : 'manageMembers', chat);
  if (!leaving) {
    const target = (await memberRolesAmong(deps.db, chatId, [userId])).get(userId);
    if (!target) throw notFound();
    const adminHere = chat.schoolId !== null && rolesInSchoolIncludeAdmin(actor, chat.schoolId);
    if (target === 'owner' && chat.myRole !== 'owner' && !adminHere) throw new AppError('forbidden');
  }
  let stored: StoredChatEvent[] = [];
  const removed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(chatMembers)
      .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.userId, userId)))
      .returning({ userId: chatMembers.userId });
    if (rows.length === 0) return false;
    stored = await recordMembershipChange(tx, chatId, { removed: [userId] });
    if (!leaving) {
      await recordAudit(tx, actor, {
        schoolId: chat.schoolId, kind: 'chat.memberRemoved', targetType: 'chat', targetId: chatId,
        details: { subjectId: userId, chatName: chat.row.name },
      });
    }
    return true;
  });
  if (!removed) throw notFound();
  await publishMembershipChange(deps.events, stored, [userId]);
}

/** «Покинуть чат»: removeChatMember of myself. */
export async function leaveChat(deps: Pick<AppDeps, 'db' | 'events'>, actor: Actor | null, chatId: string): Promise<void> {
  requireActor(actor);
  await removeChatMember(deps, actor, chatId, actor.userId);
}
