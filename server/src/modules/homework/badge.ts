import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { homeworkAssignments, homeworkMarks, homeworkSeen } from '../../db/homeworkSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { assignedTo } from './policy.js';

/**
 * The badge on «Задания»: assignments given to me and marks given me since I last opened «Задания» (everything of
 * the last two weeks before I ever did).
 */
export async function getHomeworkBadge(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null): Promise<number> {
  if (!actor) throw new AppError('unauthenticated');
  const classIds = actor.memberships.filter((m) => m.role === 'student' && m.classId).map((m) => m.classId as string);
  if (classIds.length === 0) return 0;
  const [seen] = await deps.db.select({ at: homeworkSeen.seenAt }).from(homeworkSeen).where(eq(homeworkSeen.userId, actor.userId));
  const since = seen?.at ?? new Date(deps.clock.now().getTime() - 14 * 86_400_000);
  const [tasks] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(homeworkAssignments)
    .where(and(
      inArray(homeworkAssignments.classId, classIds),
      gt(homeworkAssignments.createdAt, since),
      assignedTo(actor.userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`),
    ));
  const [marks] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(homeworkMarks)
    .where(and(eq(homeworkMarks.studentId, actor.userId), gt(homeworkMarks.updatedAt, since)));
  return Number(tasks?.n ?? 0) + Number(marks?.n ?? 0);
}

/** Opening «Задания» clears the badge (on every tab of mine: they hear `homework.changed`). */
export async function markHomeworkSeen(deps: Pick<AppDeps, 'db' | 'clock' | 'events'>, actor: Actor | null): Promise<void> {
  if (!actor) throw new AppError('unauthenticated');
  const now = deps.clock.now();
  await deps.db
    .insert(homeworkSeen)
    .values({ userId: actor.userId, seenAt: now })
    .onConflictDoUpdate({ target: homeworkSeen.userId, set: { seenAt: now } });
  await deps.events.publish(`user:${actor.userId}`, { type: 'homework.seen' });
}
