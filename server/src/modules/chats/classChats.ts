import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatMembers, chats } from '../../db/chatSchema.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { StoredChatEvent } from './chatEvents.js';
import { publishMembershipChange, recordMembershipChange } from './membershipEvents.js';
import { classPeople } from './queries.js';

/**
 * Membership changes made inside a transaction, to publish after it commits: the chats' events and the people
 * whose sockets must join or leave chat rooms. A use-case that puts a student in or out of a class passes one
 * to grantRole / removal and publishes it with publishChatChanges once committed.
 */
export interface ChatChanges {
  stored: StoredChatEvent[];
  people: Set<string>;
}

export const noChatChanges = (): ChatChanges => ({ stored: [], people: new Set() });

export async function publishChatChanges(bus: EventBus, changes: ChatChanges): Promise<void> {
  if (changes.stored.length === 0 && changes.people.size === 0) return;
  await publishMembershipChange(bus, changes.stored, [...changes.people]);
}

/** A student joined a class: she joins every chat of the class that follows it. Inside the caller's transaction. */
export async function joinFollowingClassChats(tx: DbOrTx, classId: string, userId: string, into: ChatChanges): Promise<void> {
  const following = await tx
    .select({ id: chats.id })
    .from(chats)
    .where(and(eq(chats.classId, classId), eq(chats.kind, 'class'), eq(chats.followsClass, true)));
  if (following.length === 0) return;
  const rows = await tx
    .insert(chatMembers)
    .values(following.map((c) => ({ chatId: c.id, userId, role: 'member' as const })))
    .onConflictDoNothing()
    .returning({ chatId: chatMembers.chatId });
  for (const { chatId } of rows) {
    into.stored.push(...(await recordMembershipChange(tx, chatId, { added: [userId] })));
    into.people.add(userId);
  }
}

/**
 * A student left a class (or the school): she leaves the class's chats — all of them, not only the following
 * ones, since a class chat holds only the students and teachers of its class. Inside the caller's transaction.
 */
export async function leaveClassChats(tx: DbOrTx, classId: string, userId: string, into: ChatChanges): Promise<void> {
  const ofClass = tx.select({ id: chats.id }).from(chats).where(and(eq(chats.classId, classId), eq(chats.kind, 'class')));
  const rows = await tx
    .delete(chatMembers)
    .where(and(eq(chatMembers.userId, userId), inArray(chatMembers.chatId, ofClass)))
    .returning({ chatId: chatMembers.chatId });
  for (const { chatId } of rows) {
    into.stored.push(...(await recordMembershipChange(tx, chatId, { removed: [userId] })));
    into.people.add(userId);
  }
}

/** «Добавлять новых учеников класса» ticked on an existing chat: the class's current students come in. */
export async function addClassStudents(tx: DbOrTx, chatId: string, classId: string, into: ChatChanges): Promise<void> {
  const { students } = await classPeople(tx, classId);
  if (students.size === 0) return;
  const rows = await tx
    .insert(chatMembers)
    .values([...students].map((userId) => ({ chatId, userId, role: 'member' as const })))
    .onConflictDoNothing()
    .returning({ userId: chatMembers.userId });
  const added = rows.map((r) => r.userId);
  into.stored.push(...(await recordMembershipChange(tx, chatId, { added })));
  for (const id of added) into.people.add(id);
}
