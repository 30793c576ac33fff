import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessonParticipants } from '../../db/lessonSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishToLesson } from './events.js';
import { authorizeLesson, canLesson } from './policy.js';
import { findLesson, isPresent, lessonFacts } from './queries.js';

/**
 * VID-4 (2) «Поднять руку»: a person in the call raises or lowers their own hand; the host (or an administrator)
 * lowers anyone's. Raising again keeps the first time, so the host's list stays in the order hands went up.
 */
export async function setHand(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  actor: Actor | null,
  lessonId: string,
  userId: string,
  raised: boolean,
): Promise<void> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  const facts = await lessonFacts(deps.db, lesson, actor.userId);
  authorizeLesson(actor, 'view', lesson, facts);
  if (lesson.endedAt) throw new AppError('lesson_ended');
  const self = userId === actor.userId;
  if (!self && (raised || !canLesson(actor, 'manage', lesson, facts))) throw new AppError('forbidden');
  if (self && !(await isPresent(deps.db, lessonId, actor.userId))) throw new AppError('forbidden');
  const where = and(eq(lessonParticipants.lessonId, lessonId), eq(lessonParticipants.userId, userId));
  const rows = raised
    ? await deps.db.update(lessonParticipants).set({ handRaisedAt: deps.clock.now() })
        .where(and(where, isNull(lessonParticipants.handRaisedAt))).returning({ id: lessonParticipants.userId })
    : await deps.db.update(lessonParticipants).set({ handRaisedAt: null }).where(where).returning({ id: lessonParticipants.userId });
  if (rows.length > 0) await publishToLesson(deps.events, lessonId, { type: 'lesson.changed' });
}
