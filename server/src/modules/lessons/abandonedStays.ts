import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { lessonPresence, lessons } from '../../db/lessonSchema.js';
import { announceEnd, markEnded } from './endLesson.js';
import { publishControl, publishToLesson } from './events.js';
import { findLesson } from './queries.js';

/** A stay's last sign of life: the last heartbeat of the node holding its socket, or its join. */
const lastSeen = sql<Date>`coalesce(${lessonPresence.seenAt}, ${lessonPresence.joinedAt})`;

/**
 * Every node vouches for the people whose sockets it holds in a lesson (`touchStays`, every few seconds). A node that
 * crashed vouches for nobody: its stays would stay open and its lessons look "going on" forever. Any live node closes
 * such stays at the last moment they were vouched for (attendance stays honest: the stay ends when the person was
 * last seen, not when the sweep ran), and ends a lesson nobody is left in. Idempotent: several nodes may sweep at once.
 *
 * `staleBefore` must leave room for a node's heartbeat and a dropped tab's grace period (the live side closes those
 * stays itself while its node runs).
 */
export async function closeAbandonedStays(deps: Pick<AppDeps, 'db' | 'events' | 'clock'>, staleBefore: Date): Promise<{ closed: number; ended: string[] }> {
  const closed = await deps.db
    .update(lessonPresence)
    .set({ leftAt: lastSeen })
    .where(and(isNull(lessonPresence.leftAt), lt(lastSeen, staleBefore)))
    .returning({ lessonId: lessonPresence.lessonId, userId: lessonPresence.userId });
  for (const { lessonId, userId } of closed) await publishControl(deps.events, lessonId, { type: 'lesson.drop', userId, reason: 'left' });

  // Lessons with nobody in the call: those just emptied, and those whose host started them and never came in.
  const empty = await deps.db
    .select({ id: lessons.id })
    .from(lessons)
    .where(
      and(
        isNull(lessons.endedAt),
        lt(lessons.startedAt, staleBefore),
        sql`not exists (select 1 from ${lessonPresence} where ${lessonPresence.lessonId} = ${lessons.id} and ${lessonPresence.leftAt} is null)`,
      ),
    );
  const ended: string[] = [];
  for (const { id } of empty) {
    const done = await deps.db.transaction(async (tx) => {
      const lesson = await findLesson(tx, id, { forUpdate: true });
      if (!lesson || lesson.endedAt) return false;
      const [open] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(lessonPresence)
        .where(and(eq(lessonPresence.lessonId, id), isNull(lessonPresence.leftAt)));
      if ((open?.n ?? 0) > 0) return false;
      const [last] = await tx
        .select({ at: sql<Date | string | null>`max(${lessonPresence.leftAt})` })
        .from(lessonPresence)
        .where(eq(lessonPresence.lessonId, id));
      const at = last?.at ? new Date(last.at) : lesson.startedAt;
      await markEnded(tx, id, new Date(Math.max(at.getTime(), lesson.startedAt.getTime())));
      return true;
    });
    if (done) ended.push(id);
  }
  for (const id of ended) await announceEnd(deps, id);
  const stillGoing = new Set(closed.map((c) => c.lessonId).filter((id) => !ended.includes(id)));
  for (const id of stillGoing) await publishToLesson(deps.events, id, { type: 'lesson.changed' });
  return { closed: closed.length, ended };
}

/** The node's heartbeat for the people whose sockets it holds in lessons: their open stays were seen `at`. */
export async function touchStays(deps: Pick<AppDeps, 'db'>, stays: { lessonId: string; userId: string }[], at: Date): Promise<void> {
  if (stays.length === 0) return;
  const lessonIds = stays.map((s) => s.lessonId);
  const userIds = stays.map((s) => s.userId);
  await deps.db
    .update(lessonPresence)
    .set({ seenAt: at })
    .where(
      and(
        isNull(lessonPresence.leftAt),
        sql`(${lessonPresence.lessonId}, ${lessonPresence.userId}) in (select * from unnest(${sql.param(lessonIds)}::uuid[], ${sql.param(userIds)}::uuid[]))`,
      ),
    );
}
