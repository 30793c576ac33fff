import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatMembers, chats, classParentChats } from '../../db/chatSchema.js';
import { parentLinks } from '../../db/schema.js';
import type { ChatChanges } from '../chats/classChats.js';
import { recordMembershipChange } from '../chats/membershipEvents.js';
import { className } from '../schools/people.js';
import { parentsChatPeople } from './queries.js';

export interface ParentsChatClass {
  id: string;
  schoolId: string;
  grade: number;
  letter: string;
  classTeacherId: string | null;
}

/**
 * Keeps «Родители 7А» in step, inside the caller's transaction: made with the class's first linked parent, then
 * everyone linked or teaching there is in it. `unlinked` is a parent whose link just went: they leave unless still
 * linked to another child of the class. Only linked parents and teachers ever enter — never a student, and parents
 * never enter the students' class chats (those are kind 'class'; this one is a group chat of its own).
 */
export async function syncParentsChat(
  tx: DbOrTx,
  cls: ParentsChatClass,
  by: string | null,
  into: ChatChanges,
  unlinked?: string,
): Promise<void> {
  const people = await parentsChatPeople(tx, cls.id, cls.classTeacherId);
  const [existing] = await tx.select({ chatId: classParentChats.chatId }).from(classParentChats).where(eq(classParentChats.classId, cls.id));
  let chatId = existing?.chatId;
  if (!chatId) {
    // No parent yet: no chat of teachers alone.
    if (unlinked !== undefined || !(await hasParent(tx, cls.id))) return;
    const [row] = await tx
      .insert(chats)
      .values({ kind: 'group', schoolId: cls.schoolId, classId: null, name: `Родители ${className(cls.grade, cls.letter)}`, createdBy: by })
      .returning({ id: chats.id });
    if (!row) throw new Error('parents chat insert returned nothing');
    chatId = row.id;
    await tx.insert(classParentChats).values({ classId: cls.id, chatId });
  }
  const current = new Set(
    (await tx.select({ userId: chatMembers.userId }).from(chatMembers).where(eq(chatMembers.chatId, chatId))).map((r) => r.userId),
  );
  const added = [...people].filter((id) => !current.has(id));
  if (added.length > 0) {
    await tx
      .insert(chatMembers)
      .values(added.map((userId) => ({ chatId: chatId!, userId, role: userId === cls.classTeacherId ? ('owner' as const) : ('member' as const) })))
      .onConflictDoNothing();
  }
  const removed = unlinked !== undefined && current.has(unlinked) && !people.has(unlinked) ? [unlinked] : [];
  if (removed.length > 0) {
    await tx.delete(chatMembers).where(and(eq(chatMembers.chatId, chatId), inArray(chatMembers.userId, removed)));
  }
  if (added.length === 0 && removed.length === 0) return;
  into.stored.push(...(await recordMembershipChange(tx, chatId, { added, removed })));
  for (const id of [...added, ...removed]) into.people.add(id);
}

async function hasParent(tx: DbOrTx, classId: string): Promise<boolean> {
  const [row] = await tx.select({ id: parentLinks.id }).from(parentLinks).where(eq(parentLinks.classId, classId)).limit(1);
  return row !== undefined;
}
