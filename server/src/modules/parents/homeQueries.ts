import type { AssignmentSummary, MarkValue } from '@parta/contracts';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { homeworkAssignments, homeworkMarks, homeworkSubmissions } from '../../db/homeworkSchema.js';
import { lessonPresence, lessons } from '../../db/lessonSchema.js';
import { newsPosts } from '../../db/contentSchema.js';
import { classes, classTeachers, memberships, parentLinks, schools, users } from '../../db/schema.js';
import { assignedTo } from '../homework/policy.js';
import { className, iso, personColumns } from '../homework/queries.js';

/*
 * The parent's «Главная» in a fixed number of queries: each one reads every child at once (driven by the parent's
 * own parent_links rows), so neither more children nor a year of assignments adds a query.
 */

const DAY = 86_400_000;

/** The parent's links: child, class, school. */
export async function linksOfParent(db: DbOrTx, parentId: string) {
  return db
    .select({
      child: personColumns,
      classId: parentLinks.classId,
      schoolId: parentLinks.schoolId,
      schoolName: schools.name,
      grade: classes.grade,
      letter: classes.letter,
      classTeacherId: classes.classTeacherId,
    })
    .from(parentLinks)
    .innerJoin(users, eq(users.id, parentLinks.childId))
    .innerJoin(classes, eq(classes.id, parentLinks.classId))
    .innerJoin(schools, eq(schools.id, parentLinks.schoolId))
    .where(eq(parentLinks.parentId, parentId))
    .orderBy(asc(users.firstName), asc(users.id), asc(classes.grade));
}

/** What each child has still to hand in: overdue (30 days back at most) and due within a week, soonest first. */
export async function dueOfChildren(db: DbOrTx, parentId: string, now: Date) {
  const rows = await db
    .select({ childId: parentLinks.childId, a: homeworkAssignments, grade: classes.grade, letter: classes.letter })
    .from(parentLinks)
    .innerJoin(homeworkAssignments, eq(homeworkAssignments.classId, parentLinks.classId))
    .innerJoin(classes, eq(classes.id, homeworkAssignments.classId))
    .leftJoin(homeworkSubmissions, and(eq(homeworkSubmissions.assignmentId, homeworkAssignments.id), eq(homeworkSubmissions.studentId, parentLinks.childId)))
    .leftJoin(homeworkMarks, and(eq(homeworkMarks.assignmentId, homeworkAssignments.id), eq(homeworkMarks.studentId, parentLinks.childId)))
    .where(and(
      eq(parentLinks.parentId, parentId),
      gt(homeworkAssignments.dueAt, new Date(now.getTime() - 30 * DAY)),
      lt(homeworkAssignments.dueAt, new Date(now.getTime() + 7 * DAY)),
      isNull(homeworkSubmissions.id),
      isNull(homeworkMarks.value),
      assignedTo(sql`${parentLinks.childId}`, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`),
    ))
    .orderBy(asc(homeworkAssignments.dueAt))
    .limit(200);
  return rows.map((r) => ({
    childId: r.childId,
    summary: {
      id: r.a.id,
      classId: r.a.classId,
      className: className(r),
      subject: r.a.subject,
      title: r.a.title,
      dueAt: iso(r.a.dueAt),
      grading: r.a.grading,
      createdAt: iso(r.a.createdAt),
      status: 'todo',
      late: false,
      markValue: null,
      handedIn: null,
      assignees: null,
    } satisfies AssignmentSummary,
  }));
}

/** The children's marks given or changed in the last 7 days, newest first. */
export async function recentMarksOfChildren(db: DbOrTx, childIds: string[], now: Date) {
  if (childIds.length === 0) return [];
  const rows = await db
    .select({
      childId: homeworkMarks.studentId,
      assignmentId: homeworkAssignments.id,
      subject: homeworkAssignments.subject,
      title: homeworkAssignments.title,
      value: homeworkMarks.value,
      at: homeworkMarks.updatedAt,
    })
    .from(homeworkMarks)
    .innerJoin(homeworkAssignments, eq(homeworkAssignments.id, homeworkMarks.assignmentId))
    .where(and(inArray(homeworkMarks.studentId, childIds), gt(homeworkMarks.updatedAt, new Date(now.getTime() - 7 * DAY))))
    .orderBy(desc(homeworkMarks.updatedAt))
    .limit(200);
  return rows.map((r) => ({ ...r, value: r.value as MarkValue, at: iso(r.at) }));
}

/** Lessons of the children's classes in the last 14 days, ended, that the child never joined (ATT-1's absent). */
export async function missedLessonsOfChildren(db: DbOrTx, parentId: string, now: Date) {
  const rows = await db
    .select({ childId: parentLinks.childId, classId: lessons.classId, lessonId: lessons.id, title: lessons.title, startedAt: lessons.startedAt })
    .from(parentLinks)
    .innerJoin(lessons, and(eq(lessons.classId, parentLinks.classId), isNull(lessons.chatId)))
    .where(and(
      eq(parentLinks.parentId, parentId),
      gt(lessons.startedAt, new Date(now.getTime() - 14 * DAY)),
      isNotNull(lessons.endedAt),
      sql`not exists (select 1 from ${lessonPresence} p where p.lesson_id = ${lessons.id} and p.user_id = ${parentLinks.childId})`,
      // Not a lesson given by the child (a student never hosts a class lesson, but say so rather than assume).
      sql`${lessons.hostId} <> ${parentLinks.childId}`,
    ))
    .orderBy(desc(lessons.startedAt))
    .limit(200);
  return rows.map((r) => ({ ...r, startedAt: iso(r.startedAt) }));
}

/** The teachers (still teachers of the school) of these classes with their subjects, and the classes' class teachers. */
export async function teachersOfClasses(db: DbOrTx, classIds: string[], classTeacherIds: string[]) {
  if (classIds.length === 0) return { subjects: [], people: [] };
  const subjects = await db
    .select({ classId: classTeachers.classId, subject: classTeachers.subject, person: personColumns })
    .from(classTeachers)
    .innerJoin(classes, eq(classes.id, classTeachers.classId))
    .innerJoin(memberships, and(eq(memberships.userId, classTeachers.userId), eq(memberships.schoolId, classes.schoolId), eq(memberships.role, 'teacher')))
    .innerJoin(users, eq(users.id, classTeachers.userId))
    .where(inArray(classTeachers.classId, classIds))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(classTeachers.subject));
  const people = classTeacherIds.length ? await db.select(personColumns).from(users).where(inArray(users.id, classTeacherIds)) : [];
  return { subjects, people };
}

/** The latest posts of the channels of these schools, newest first. */
export async function channelNews(db: DbOrTx, schoolIds: string[], limit: number) {
  if (schoolIds.length === 0) return [];
  return db
    .select({ id: newsPosts.id, schoolId: newsPosts.schoolId, schoolName: schools.name, text: newsPosts.text, createdAt: newsPosts.createdAt })
    .from(newsPosts)
    .innerJoin(schools, eq(schools.id, newsPosts.schoolId))
    .where(and(inArray(newsPosts.schoolId, schoolIds), eq(newsPosts.feed, 'channel'), isNull(newsPosts.deletedAt)))
    .orderBy(desc(newsPosts.createdAt))
    .limit(limit);
}
