import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessonParticipants } from '../../db/lessonSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishControl, publishToLesson, publishToUsers } from './events.js';
import { authorizeLesson } from './policy.js';
import { closePresence, findLesson, isPresent, lessonFacts, type LessonRow } from './queries.js';

async function loadManaged(deps: Pick<AppDeps, 'db'>, actor: Actor | null, lessonId: string, userId: string): Promise<LessonRow> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  authorizeLesson(actor, 'manage', lesson, await lessonFacts(deps.db, lesson, actor.userId));
  if (lesson.endedAt) throw new AppError('lesson_ended');
  // The host is not removed or silenced from their own lesson.
  if (userId === lesson.hostId) throw new AppError('forbidden');
  return lesson;
}

/** VID-4 (9): the host turns a participant's camera or microphone off; their page obeys at once. */
export async function turnOffParticipantMedia(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  lessonId: string,
  userId: string,
  what: { camera?: false | undefined; microphone?: false | undefined },
): Promise<void> {
  await loadManaged(deps, actor, lessonId, userId);
  if (!(await isPresent(deps.db, lessonId, userId))) throw notFound();
  await publishToUsers(deps.events, [userId], {
    type: 'lesson.media',
    lessonId,
    ...(what.camera === false ? { camera: false } : {}),
    ...(what.microphone === false ? { microphone: false } : {}),
  });
}

/**
 * VID-4 (9): the host removes a participant: their stay closes, their streams stop, and they may not come back
 * unless invited again.
 */
export async function removeParticipant(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  lessonId: string,
  userId: string,
): Promise<void> {
  await loadManaged(deps, actor, lessonId, userId);
  const now = deps.clock.now();
  const changed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(lessonParticipants)
      .set({ removedAt: now, handRaisedAt: null })
      .where(and(eq(lessonParticipants.lessonId, lessonId), eq(lessonParticipants.userId, userId)))
      .returning({ id: lessonParticipants.userId });
    if (rows.length === 0) await tx.insert(lessonParticipants).values({ lessonId, userId, removedAt: now });
    await closePresence(tx, lessonId, userId, now);
    return true;
  });
  if (!changed) return;
  await publishControl(deps.events, lessonId, { type: 'lesson.drop', userId, reason: 'removed' });
  await publishToUsers(deps.events, [userId], { type: 'lesson.removed', lessonId });
  await publishToLesson(deps.events, lessonId, { type: 'lesson.changed' });
}
