import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessons } from '../../db/lessonSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishControl, publishToLesson } from './events.js';
import { authorizeLesson } from './policy.js';
import { findLesson, lessonFacts } from './queries.js';

/**
 * VID-4 (9), the host's control panel: lock the lesson to newcomers; mute everyone and forbid unmuting until
 * allowed (the SFU stops forwarding their sound too, so a modified page cannot talk over the lesson).
 */
export async function updateLesson(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  lessonId: string,
  change: { locked?: boolean | undefined; mutedAll?: boolean | undefined },
): Promise<void> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  authorizeLesson(actor, 'manage', lesson, await lessonFacts(deps.db, lesson, actor.userId));
  if (lesson.endedAt) throw new AppError('lesson_ended');
  const set: { locked?: boolean; mutedAll?: boolean } = {};
  if (change.locked !== undefined) set.locked = change.locked;
  if (change.mutedAll !== undefined) set.mutedAll = change.mutedAll;
  await deps.db.update(lessons).set(set).where(eq(lessons.id, lessonId));
  if (change.mutedAll !== undefined) {
    await publishControl(deps.events, lessonId, { type: 'lesson.audio', mutedAll: change.mutedAll, hostId: lesson.hostId });
  }
  await publishToLesson(deps.events, lessonId, { type: 'lesson.changed' });
}
