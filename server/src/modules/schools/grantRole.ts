import type { Role } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { classTeachers, memberships, teacherSubjects } from '../../db/schema.js';
import { type ChatChanges, joinFollowingClassChats, noChatChanges } from '../chats/classChats.js';

export interface RoleGrant {
  schoolId: string;
  userId: string;
  role: Role;
  /** A student's class. */
  classId?: string | null;
  /** A teacher's classes: they teach each of `subjects` there. */
  classIds?: string[];
  /** A teacher's subjects. */
  subjects?: string[];
  /** A leader's position. */
  title?: string | null;
}

/**
 * Gives a person a role in a school, the one way invitations, approved requests and the operator
 * all do it, so a teacher always arrives with their subjects and classes. Returns false when they
 * already held the role (the membership is left as it was; a teacher's new subjects and classes
 * are still added). Run it inside the caller's transaction.
 * A new student also joins the class chats that follow her class, in this transaction; `chatChanges` collects
 * what the caller publishes after commit (publishChatChanges), so her list and sockets change at once.
 */
export async function grantRole(tx: DbOrTx, grant: RoleGrant, chatChanges: ChatChanges = noChatChanges()): Promise<boolean> {
  const inserted = await tx
    .insert(memberships)
    .values({
      schoolId: grant.schoolId,
      userId: grant.userId,
      role: grant.role,
      classId: grant.role === 'student' ? (grant.classId ?? null) : null,
      title: grant.role === 'leader' ? (grant.title ?? null) : null,
    })
    .onConflictDoNothing()
    .returning({ id: memberships.id });
  if (inserted.length > 0 && grant.role === 'student' && grant.classId) {
    await joinFollowingClassChats(tx, grant.classId, grant.userId, chatChanges);
  }
  if (grant.role === 'teacher') {
    const subjects = [...new Set(grant.subjects ?? [])];
    if (subjects.length > 0) {
      await tx
        .insert(teacherSubjects)
        .values(subjects.map((subject) => ({ schoolId: grant.schoolId, userId: grant.userId, subject })))
        .onConflictDoNothing();
      const pairs = (grant.classIds ?? []).flatMap((classId) => subjects.map((subject) => ({ classId, userId: grant.userId, subject })));
      if (pairs.length > 0) await tx.insert(classTeachers).values(pairs).onConflictDoNothing();
    }
  }
  return inserted.length > 0;
}
