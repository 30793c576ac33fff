import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { homeworkAssignments, homeworkMarks, homeworkReminders, homeworkSeen, homeworkSubmissions } from '../../db/homeworkSchema.js';
import { classTeachers, parentLinks } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { assignedTo, teachesIn } from './policy.js';

/**
 * The badge on «Задания», everything since I last opened «Задания» (the last two weeks before I ever did): for a
 * student, assignments given to me and marks given me; for a parent, marks given to my linked children; for anyone,
 * «Срок сдачи завтра» reminders sent to me; for a teacher, work handed in in the classes I teach.
 */
export async function getHomeworkBadge(deps: Pick<AppDeps, 'db' | 'clock'>, actor: Actor | null): Promise<number> {
  if (!actor) throw new AppError('unauthenticated');
  const classIds = actor.memberships.filter((m) => m.role === 'student' && m.classId).map((m) => m.classId as string);
  const isParent = actor.memberships.some((m) => m.role === 'parent');
  const teaches = actor.memberships.some((m) => m.role === 'teacher');
  if (classIds.length === 0 && !isParent && !teaches) return 0;
  const [seen] = await deps.db.select({ at: homeworkSeen.seenAt }).from(homeworkSeen).where(eq(homeworkSeen.userId, actor.userId));
  const since = seen?.at ?? new Date(deps.clock.now().getTime() - 14 * 86_400_000);
  const counts = await Promise.all([
    classIds.length === 0 ? 0 : count(deps.db.select({ n: sql<number>`count(*)::int` }).from(homeworkAssignments).where(and(
      inArray(homeworkAssignments.classId, classIds),
      gt(homeworkAssignments.createdAt, since),
      assignedTo(actor.userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`),
    ))),
    // My marks, and (a parent) my children's: the student's own and each linked child's.
    classIds.length === 0 && !isParent ? 0 : count(deps.db.select({ n: sql<number>`count(*)::int` }).from(homeworkMarks).where(and(
      gt(homeworkMarks.updatedAt, since),
      or(
        eq(homeworkMarks.studentId, actor.userId),
        isParent ? sql`${homeworkMarks.studentId} in (select ${parentLinks.childId} from ${parentLinks} where ${parentLinks.parentId} = ${actor.userId})` : undefined,
      ),
    ))),
    count(deps.db.select({ n: sql<number>`count(*)::int` }).from(homeworkReminders).where(and(
      eq(homeworkReminders.userId, actor.userId), gt(homeworkReminders.sentAt, since),
    ))),
    !teaches ? 0 : count(deps.db.select({ n: sql<number>`count(*)::int` }).from(homeworkSubmissions)
      .innerJoin(homeworkAssignments, eq(homeworkAssignments.id, homeworkSubmissions.assignmentId))
      .where(and(
        inArray(homeworkAssignments.classId, deps.db.select({ id: classTeachers.classId }).from(classTeachers).where(eq(classTeachers.userId, actor.userId))),
        gt(homeworkSubmissions.submittedAt, since),
        teachesIn(actor.userId, sql`${homeworkAssignments.classId}`),
      ))),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

async function count(q: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await q;
  return Number(row?.n ?? 0);
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
