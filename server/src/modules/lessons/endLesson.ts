import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import type { DbOrTx } from '../../db/client.js';
import { lessonParticipants, lessons } from '../../db/lessonSchema.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { requireActor } from '../../policy/authorize.js';
import { publishControl, publishToLesson, publishToUsers } from './events.js';
import { authorizeLesson } from './policy.js';
import { audienceOf, closePresence, findLesson, lessonFacts } from './queries.js';

/** VID-4 (7) «Завершить для всех»: the host or an administrator ends the lesson; every stay closes now. */
export async function endLesson(deps: Pick<AppDeps, 'db' | 'events' | 'clock'>, actor: Actor | null, lessonId: string): Promise<void> {
  requireActor(actor);
  const lesson = await findLesson(deps.db, lessonId);
  if (!lesson) throw notFound();
  authorizeLesson(actor, 'manage', lesson, await lessonFacts(deps.db, lesson, actor.userId));
  const ended = await deps.db.transaction(async (tx) => {
    const row = await findLesson(tx, lessonId, { forUpdate: true });
    if (!row || row.endedAt) return false;
    await markEnded(tx, lessonId, deps.clock.now());
    return true;
  });
  if (ended) await announceEnd(deps, lessonId);
}

/** Inside a transaction: the lesson ends at `at`, open stays close then, hands go down. */
export async function markEnded(tx: DbOrTx, lessonId: string, at: Date): Promise<void> {
  await tx.update(lessons).set({ endedAt: at }).where(eq(lessons.id, lessonId));
  await closePresence(tx, lessonId, null, at);
  await tx.update(lessonParticipants).set({ handRaisedAt: null }).where(eq(lessonParticipants.lessonId, lessonId));
}

/** After commit: the call hears it ended, the media room closes, lists drop it. */
export async function announceEnd(deps: Pick<AppDeps, 'db' | 'events'>, lessonId: string): Promise<void> {
  await publishToLesson(deps.events, lessonId, { type: 'lesson.ended' });
  await publishControl(deps.events, lessonId, { type: 'lesson.closed' });
  const lesson = await findLesson(deps.db, lessonId);
  if (lesson) await publishToUsers(deps.events, [...(await audienceOf(deps.db, lesson)), lesson.hostId], { type: 'lessons.changed' });
}
