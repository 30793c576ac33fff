import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { memberships } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeClass } from '../../policy/authorize.js';
import { leaveClassChats, noChatChanges, publishChatChanges } from '../chats/classChats.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { findClass } from './queries.js';
import { recordAudit } from '../audit/recordAudit.js';

/**
 * An administrator takes a student out of a class (she moved school, or was put in the wrong class): her
 * student role for this class goes, and with it every chat of the class, in one transaction. Her sockets
 * leave the chats' rooms after commit, and the class's and school's rooms as her memberships are re-read. Someone who is not a student of the class is not found.
 */
export async function removeClassStudent(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  classId: string,
  userId: string,
): Promise<void> {
  const cls = await findClass(deps.db, classId);
  if (!cls) throw notFound();
  authorizeClass(actor, 'manage', cls);
  const changes = noChatChanges();
  const removed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(memberships)
      .where(and(eq(memberships.classId, classId), eq(memberships.userId, userId), eq(memberships.role, 'student')))
      .returning({ id: memberships.id });
    if (rows.length === 0) return false;
    await leaveClassChats(tx, classId, userId, changes);
    await recordAudit(tx, actor, {
      schoolId: cls.schoolId, kind: 'member.removed', targetType: 'user', targetId: userId,
      details: { subjectId: userId, role: 'student', classId },
    });
    return true;
  });
  if (!removed) throw notFound();
  await publishChatChanges(deps.events, changes);
  // Her own room: her sockets leave the class's and (if it was her last role there) the school's rooms, her
  // «Мои классы» follows; the school's: open class pages drop her from the list.
  await publishAfterCommit(deps.events, [
    [userRoom(userId), { type: 'memberships.changed' as const, schoolId: cls.schoolId }],
    [schoolRoom(cls.schoolId), { type: 'memberships.changed' as const, schoolId: cls.schoolId }],
  ]);
}
