import type { AppDeps } from '../../deps.js';
import { chatMembers } from '../../db/chatSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeChat } from '../../policy/authorize.js';
import type { StoredChatEvent } from './chatEvents.js';
import { type ChatDetailsResponse, presentChat } from './getChat.js';
import { publishMembershipChange, recordMembershipChange } from './membershipEvents.js';
import { classPeople, findChatForUser, schoolMembersAmong } from './queries.js';
import { parentsChatEligible } from '../parents/parentsChatEligible.js';

/**
 * Adds people to a chat (its owner or moderators, or an administrator of its school). A class chat takes
 * students and teachers of its class; other chats take members of the school. People already in are skipped.
 */
export async function addChatMembers(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  chatId: string,
  userIds: string[],
): Promise<ChatDetailsResponse> {
  const chat = await findChatForUser(deps.db, chatId, actor?.userId ?? null);
  if (!chat) throw notFound();
  authorizeChat(actor, 'manageMembers', chat);
  const ids = [...new Set(userIds)];
  // «Родители 7А» takes only the class's linked parents and its teachers (PAR-1), never a student.
  const eligible = (await parentsChatEligible(deps.db, chatId)) ?? (await eligiblePeople(deps, chat.row.classId, chat.schoolId, ids));
  if (!ids.every((id) => eligible.has(id))) {
    throw new AppError('invalid_input', { fields: [{ path: 'userIds', message: chat.row.classId ? 'not_in_class' : 'not_in_school' }] });
  }
  let stored: StoredChatEvent[] = [];
  let added: string[] = [];
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(chatMembers)
      .values(ids.map((userId) => ({ chatId, userId, role: 'member' as const })))
      .onConflictDoNothing()
      .returning({ userId: chatMembers.userId });
    added = rows.map((r) => r.userId);
    stored = await recordMembershipChange(tx, chatId, { added });
  });
  await publishMembershipChange(deps.events, stored, added);
  const fresh = await findChatForUser(deps.db, chatId, actor.userId);
  if (!fresh) throw notFound();
  return presentChat(deps.db, actor, fresh);
}

async function eligiblePeople(deps: Pick<AppDeps, 'db'>, classId: string | null, schoolId: string | null, ids: string[]): Promise<Set<string>> {
  if (classId) {
    const people = await classPeople(deps.db, classId);
    return new Set([...people.students, ...people.teachers]);
  }
  if (!schoolId) return new Set();
  return schoolMembersAmong(deps.db, schoolId, ids);
}

