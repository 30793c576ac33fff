import type { z } from 'zod';
import type { joinClassRequest } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeClass } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom, userRoom } from '../schools/events.js';
import { grantRole } from '../schools/grantRole.js';
import { type ClassPage, getClassPage } from './getClassPage.js';
import { findClass } from './queries.js';

/**
 * CLS-2 / ORG-5 «Добавить учителя»: a teacher of the school adds themself to a class with the
 * subjects they teach there. Adding a subject they already teach there changes nothing.
 */
export async function joinClass(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  classId: string,
  input: z.infer<typeof joinClassRequest>,
): Promise<ClassPage> {
  const cls = await findClass(deps.db, classId);
  if (!cls) throw notFound();
  authorizeClass(actor, 'joinAsTeacher', cls);
  const userId = actor!.userId;
  await deps.db.transaction(async (tx) => {
    await grantRole(tx, { schoolId: cls.schoolId, userId, role: 'teacher', classIds: [cls.id], subjects: input.subjects });
  });
  const event = { type: 'class.teacherJoined' as const, schoolId: cls.schoolId, classId: cls.id, userId };
  // In the teacher's own room it moves their open sockets into the class's room.
  await publishAfterCommit(deps.events, [[schoolRoom(cls.schoolId), event], [userRoom(userId), event]]);
  return getClassPage(deps.db, actor, classId);
}
