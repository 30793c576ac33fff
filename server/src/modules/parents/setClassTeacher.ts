import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { classes, memberships } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { canClass } from '../../policy/authorize.js';
import { noChatChanges, publishChatChanges } from '../chats/classChats.js';
import { findClass } from '../classes/queries.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { syncParentsChat } from './parentsChat.js';
import { maySetClassTeacher } from './policy.js';
import { recordAudit } from '../audit/recordAudit.js';

/**
 * PAR-1 «Классный руководитель»: the administration sets one of the school's teachers (or clears it with null). A
 * class has at most one, so setting replaces. The new class teacher joins «Родители 7А» if the class has it.
 */
export async function setClassTeacher(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  classId: string,
  userId: string | null,
): Promise<void> {
  requireActor(actor);
  const cls = await findClass(deps.db, classId);
  if (!cls || !canClass(actor, 'view', cls)) throw notFound();
  if (!maySetClassTeacher(actor, cls.schoolId)) throw new AppError('forbidden');
  const changes = noChatChanges();
  const previous = cls.classTeacherId;
  await deps.db.transaction(async (tx) => {
    if (userId !== null) {
      const [teacher] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.schoolId, cls.schoolId), eq(memberships.userId, userId), eq(memberships.role, 'teacher')))
        .limit(1);
      if (!teacher) throw new AppError('not_a_teacher');
    }
    await tx.update(classes).set({ classTeacherId: userId }).where(eq(classes.id, classId));
    const whom = userId ?? previous;
    await recordAudit(tx, actor, {
      schoolId: cls.schoolId, kind: userId ? 'role.granted' : 'role.revoked', targetType: 'user', targetId: whom,
      details: { subjectId: whom, role: 'classTeacher', classId },
    });
    await syncParentsChat(tx, { ...cls, classTeacherId: userId }, actor.userId, changes);
  });
  await publishChatChanges(deps.events, changes);
  // Open class pages refetch; the old and the new class teacher re-read what they may do («Заявки»).
  const items: Parameters<typeof publishAfterCommit>[1] = [];
  if (userId) items.push([schoolRoom(cls.schoolId), { type: 'class.teacherJoined', schoolId: cls.schoolId, classId, userId }]);
  for (const id of new Set([previous, userId])) {
    if (id) items.push([userRoom(id), { type: 'memberships.changed', schoolId: cls.schoolId }]);
  }
  if (!userId) items.push([schoolRoom(cls.schoolId), { type: 'memberships.changed', schoolId: cls.schoolId }]);
  await publishAfterCommit(deps.events, items);
}
