import { and, eq, ne } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { chatMembers } from '../../db/chatSchema.js';
import { chatRestrictions } from '../../db/safetySchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { findChatForUser } from '../chats/queries.js';

/** The personal chat and its other person, for one of its two people; anything else 404 (a group chat: 403). */
async function otherPerson(deps: Pick<AppDeps, 'db'>, actor: Actor, chatId: string): Promise<string> {
  const chat = await findChatForUser(deps.db, chatId, actor.userId);
  if (!chat || chat.myRole === null) throw notFound();
  if (chat.kind !== 'personal') throw new AppError('forbidden');
  const [other] = await deps.db
    .select({ userId: chatMembers.userId })
    .from(chatMembers)
    .where(and(eq(chatMembers.chatId, chatId), ne(chatMembers.userId, actor.userId)))
    .limit(1);
  if (!other) throw notFound();
  return other.userId;
}

/** Whether I blocked the other person of this personal chat. */
export async function getBlock(deps: Pick<AppDeps, 'db'>, actor: Actor | null, chatId: string): Promise<{ blocked: boolean }> {
  requireActor(actor);
  const other = await otherPerson(deps, actor, chatId);
  const [row] = await deps.db
    .select({ id: chatRestrictions.id })
    .from(chatRestrictions)
    .where(and(eq(chatRestrictions.chatId, chatId), eq(chatRestrictions.userId, other), eq(chatRestrictions.kind, 'block')))
    .limit(1);
  return { blocked: row !== undefined };
}

/**
 * SAFE-1 «Заблокировать»: either person of a personal chat (a student above all) stops the other from writing to
 * them there; «Разблокировать» lets them again. The blocked person's send is refused with `chat_blocked`.
 */
export async function setBlock(deps: Pick<AppDeps, 'db'>, actor: Actor | null, chatId: string, blocked: boolean): Promise<{ blocked: boolean }> {
  requireActor(actor);
  const other = await otherPerson(deps, actor, chatId);
  const where = and(eq(chatRestrictions.chatId, chatId), eq(chatRestrictions.userId, other), eq(chatRestrictions.kind, 'block'));
  if (blocked) {
    await deps.db.insert(chatRestrictions).values({ chatId, userId: other, kind: 'block', until: null, createdBy: actor.userId }).onConflictDoNothing();
  } else {
    await deps.db.delete(chatRestrictions).where(where);
  }
  return { blocked };
}
