import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessonParticipants } from '../../db/lessonSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { schoolMembersAmong } from '../chats/queries.js';
import { publishToLesson, publishToUsers } from './events.js';
import { authorizeLesson } from './policy.js';
import { findLesson, lessonFacts, lessonSummaries } from './queries.js';

/**
 * VID-4 (4) «Пригласить»: the host calls more people of the school (a removed participant invited again may come
 * back). They are rung like at the start.
 */
export async function inviteToLesson(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  lessonId: string,
  userIds: string[],
): Promise<void> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  authorizeLesson(actor, 'manage', lesson, await lessonFacts(deps.db, lesson, actor.userId));
  if (lesson.endedAt) throw new AppError('lesson_ended');
  const ids = [...new Set(userIds)].filter((id) => id !== actor.userId);
  const inSchool = await schoolMembersAmong(deps.db, lesson.schoolId, ids);
  if (!ids.every((id) => inSchool.has(id))) {
    throw new AppError('invalid_input', { fields: [{ path: 'userIds', message: 'not_in_school' }] });
  }
  if (ids.length === 0) return;
  await deps.db
    .insert(lessonParticipants)
    .values(ids.map((userId) => ({ lessonId, userId, called: true })))
    .onConflictDoUpdate({
      target: [lessonParticipants.lessonId, lessonParticipants.userId],
      set: { called: true, removedAt: sql`null` },
    });
  const [summary] = await lessonSummaries(deps.db, [lessonId]);
  if (summary) await publishToUsers(deps.events, ids, { type: 'lesson.calling', lesson: summary });
  await publishToUsers(deps.events, ids, { type: 'lessons.changed' });
  await publishToLesson(deps.events, lessonId, { type: 'lesson.changed' });
}
