import type { z } from 'zod';
import type { createJoinRequestRequest, JoinRequest } from '@parta/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { classes, joinRequests } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import { type Actor, rolesIn } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishAfterCommit, schoolAdminRoom, userRoom } from '../schools/events.js';
import { findSchool } from '../schools/queries.js';
import { loadJoinRequest, pendingOf } from './queries.js';

/**
 * ORG-4, step 5 «Отправить заявку»: a signed-in person asks a school to take them as a teacher
 * (with subjects and classes), a student (with their one class) or a parent. One pending request
 * per school and person; the administration hears of it at once (their «Заявки» badge).
 */
export async function createJoinRequest(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  input: z.infer<typeof createJoinRequestRequest>,
): Promise<JoinRequest> {
  requireActor(actor);
  const school = await findSchool(deps.db, input.schoolId);
  if (!school) throw notFound();
  const classIds = input.role === 'parent' ? [] : [...new Set(input.classIds)];
  const subjects = input.role === 'teacher' ? [...new Set(input.subjects)] : [];
  if (input.role === 'student' && classIds.length === 0) throw new AppError('class_required');
  if (input.role === 'student' && classIds.length > 1) throw new AppError('invalid_input');
  if (input.role === 'teacher' && subjects.length === 0) throw new AppError('subject_required');
  if (classIds.length > 0) {
    const found = await deps.db
      .select({ id: classes.id })
      .from(classes)
      .where(and(eq(classes.schoolId, school.id), inArray(classes.id, classIds)));
    if (found.length !== classIds.length) throw notFound();
  }
  if (rolesIn(actor, school.id).includes(input.role)) throw new AppError('already_member');

  const [pending] = await deps.db.select({ id: joinRequests.id }).from(joinRequests).where(pendingOf(school.id, actor.userId)).limit(1);
  if (pending) throw new AppError('request_pending');
  // The partial unique index settles a double click: the second insert does nothing.
  const [row] = await deps.db
    .insert(joinRequests)
    .values({ schoolId: school.id, userId: actor.userId, role: input.role, classIds, subjects, comment: input.comment || null })
    .onConflictDoNothing()
    .returning({ id: joinRequests.id });
  if (!row) throw new AppError('request_pending');

  await publishAfterCommit(deps.events, [
    // The «Заявки» badge of this school's administration; other members and schools hear nothing.
    [schoolAdminRoom(school.id), { type: 'joinRequest.created', schoolId: school.id, requestId: row.id }],
    [userRoom(actor.userId), { type: 'joinRequest.created', schoolId: school.id, requestId: row.id }],
  ]);
  const created = await loadJoinRequest(deps.db, row.id);
  if (!created) throw notFound();
  return created;
}

