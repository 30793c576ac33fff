import { LESSON_CAPACITY, type LessonDetails } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessonParticipants, lessonPresence } from '../../db/lessonSchema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { announceEnd, markEnded } from './endLesson.js';
import { publishControl, publishToLesson } from './events.js';
import { presentLesson } from './getLesson.js';
import { authorizeLesson } from './policy.js';
import { closePresence, findLesson, isPresent, lessonFacts, presentUserIds } from './queries.js';

/**
 * VID-3: comes into the call (opens a stay for attendance). The class's or chat's people and anyone called or
 * invited may; a removed participant may not (`lesson_removed`); while the lesson is locked only those called or
 * already in it may (`lesson_locked`); the 101st person is refused (`lesson_full`). Coming back while still in it
 * (a page reload) keeps the open stay. The lesson row is locked for the count, so two joins cannot both take the
 * last place.
 */
export async function joinLesson(deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'config'>, actor: Actor | null, lessonId: string): Promise<LessonDetails> {
  requireActor(actor);
  const joined = await deps.db.transaction(async (tx) => {
    const lesson = await findLesson(tx, lessonId, { forUpdate: true });
    if (!lesson) throw notFound();
    const facts = await lessonFacts(tx, lesson, actor.userId);
    authorizeLesson(actor, 'join', lesson, facts);
    if (lesson.endedAt) throw new AppError('lesson_ended');
    const host = lesson.hostId === actor.userId;
    if (await isPresent(tx, lesson.id, actor.userId)) return { lesson, facts, changed: false };
    if (lesson.locked && !host && !facts.participant) throw new AppError('lesson_locked');
    const present = await presentUserIds(tx, lesson.id);
    if (present.length >= LESSON_CAPACITY) throw new AppError('lesson_full', { capacity: LESSON_CAPACITY });
    await tx.insert(lessonPresence).values({ lessonId: lesson.id, userId: actor.userId, joinedAt: deps.clock.now() });
    if (!facts.participant) await tx.insert(lessonParticipants).values({ lessonId: lesson.id, userId: actor.userId, called: false });
    return { lesson, facts: { ...facts, participant: true }, changed: true };
  });
  if (joined.changed) await publishToLesson(deps.events, lessonId, { type: 'lesson.changed' });
  return presentLesson(deps, actor, joined.lesson, joined.facts);
}

/** Leaves the call (closes my stay, lowers my hand). The last one out ends the lesson. */
export async function leaveLesson(deps: Pick<AppDeps, 'db' | 'events' | 'clock'>, actor: Actor | null, lessonId: string): Promise<void> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  const facts = await lessonFacts(deps.db, lesson, actor.userId);
  authorizeLesson(actor, 'view', lesson, facts);
  await leaveAsUser(deps, lessonId, actor.userId);
}

/**
 * Closes a person's stay: their leave, or their socket gone for good (the live side calls this after a grace
 * period). When nobody is left the lesson ends.
 */
export async function leaveAsUser(deps: Pick<AppDeps, 'db' | 'events' | 'clock'>, lessonId: string, userId: string): Promise<void> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const lesson = await findLesson(tx, lessonId, { forUpdate: true });
    if (!lesson || lesson.endedAt) return 'none' as const;
    const closed = await closePresence(tx, lessonId, userId, now);
    await tx
      .update(lessonParticipants)
      .set({ handRaisedAt: null })
      .where(and(eq(lessonParticipants.lessonId, lessonId), eq(lessonParticipants.userId, userId)));
    if (closed === 0) return 'none' as const;
    if ((await presentUserIds(tx, lessonId)).length > 0) return 'left' as const;
    await markEnded(tx, lessonId, now);
    return 'ended' as const;
  });
  if (outcome !== 'none') await publishControl(deps.events, lessonId, { type: 'lesson.drop', userId, reason: 'left' });
  if (outcome === 'left') await publishToLesson(deps.events, lessonId, { type: 'lesson.changed' });
  if (outcome === 'ended') await announceEnd(deps, lessonId);
}
