import type { z } from 'zod';
import type { joinClassRequest } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { memberships } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeClass } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { grantRole } from '../schools/grantRole.js';
import { type ClassPage, getClassPage } from './getClassPage.js';
import { findClass } from './queries.js';

/**
 * CLS-2 / ORG-5 «Добавить учителя»: a teacher of the school adds themself to a class with the subjects they teach
 * there; an administrator adds any teacher of the school («выберите в списке» the school's teachers). Only someone
 * who already is a teacher of the school can be added (anyone else: 404, as for a person who is not there), so this
 * never makes a student or a parent a teacher. Adding a subject they already teach there changes nothing.
 */
export async function joinClass(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  classId: string,
  input: z.infer<typeof joinClassRequest>,
): Promise<ClassPage> {
  const cls = await findClass(deps.db, classId);
  if (!cls) throw notFound();
  const userId = input.userId ?? actor?.userId;
  authorizeClass(actor, userId === actor?.userId ? 'joinAsTeacher' : 'addTeacher', cls);
  if (!userId) throw notFound();
  await deps.db.transaction(async (tx) => {
    const [teacher] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.schoolId, cls.schoolId), eq(memberships.userId, userId), eq(memberships.role, 'teacher')))
      .limit(1);
    if (!teacher) throw notFound();
    await grantRole(tx, { schoolId: cls.schoolId, userId, role: 'teacher', classIds: [cls.id], subjects: input.subjects });
  });
  const event = { type: 'class.teacherJoined' as const, schoolId: cls.schoolId, classId: cls.id, userId };
  // The teacher's own room too: their «Мои классы» and left menu follow, whoever added them, and their open
  // sockets move into the class's room.
  await publishAfterCommit(deps.events, [[schoolRoom(cls.schoolId), event], [userRoom(userId), event]]);
  return getClassPage(deps.db, actor, classId);
}
