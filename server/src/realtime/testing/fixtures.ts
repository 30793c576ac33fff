import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatMembers, chats } from '../../db/chatSchema.js';
import { memberships } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';

/**
 * A group chat straight in the database (the chats module's createChat is tested by its owner;
 * here only the socket is under test). The first person owns it.
 */
export async function insertChat(db: DbOrTx, schoolId: string, memberIds: string[], name = 'Кружок'): Promise<string> {
  const [row] = await db.insert(chats).values({ kind: 'group', schoolId, name, createdBy: memberIds[0] ?? null }).returning({ id: chats.id });
  if (!row) throw new Error('chat not inserted');
  if (memberIds.length > 0) {
    await db.insert(chatMembers).values(memberIds.map((userId, i) => ({ chatId: row.id, userId, role: i === 0 ? ('owner' as const) : ('member' as const) })));
  }
  return row.id;
}

/** The actor a use-case gets for this user, as the session loader builds it. */
export async function actorOf(db: DbOrTx, userId: string): Promise<Actor> {
  const ms = await db
    .select({ schoolId: memberships.schoolId, role: memberships.role, classId: memberships.classId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return { userId, isOperator: false, memberships: ms };
}
