import type { AssignmentSummary, ChildHomework, MarkValue } from '@parta/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { homeworkAssignees, homeworkAssignments, homeworkMarks, homeworkSubmissions } from '../../db/homeworkSchema.js';
import { classes, classTeachers, memberships, parentLinks, users } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { assignedTo, teachesIn } from './policy.js';
import { className, iso, personColumns } from './queries.js';

/** At most this many of each list: a school year's homework of a class fits. */
const LIMIT = 300;

/**
 * «Задания»: what is given to me as a student (with my state and mark), and, for a teacher, the assignments of the
 * classes I teach with how many handed in. Each list is filtered by the same rules as one assignment's view.
 */
export async function listHomework(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor | null,
): Promise<{ mine: AssignmentSummary[]; teaching: AssignmentSummary[]; family: ChildHomework[] }> {
  if (!actor) throw new AppError('unauthenticated');
  const base = {
    a: homeworkAssignments,
    grade: classes.grade,
    letter: classes.letter,
  };
  const studentClassIds = actor.memberships.filter((m) => m.role === 'student' && m.classId).map((m) => m.classId as string);
  const mineRows = studentClassIds.length
    ? await deps.db
        .select({ ...base, sub: homeworkSubmissions, markValue: homeworkMarks.value })
        .from(homeworkAssignments)
        .innerJoin(classes, eq(classes.id, homeworkAssignments.classId))
        .leftJoin(homeworkSubmissions, and(eq(homeworkSubmissions.assignmentId, homeworkAssignments.id), eq(homeworkSubmissions.studentId, actor.userId)))
        .leftJoin(homeworkMarks, and(eq(homeworkMarks.assignmentId, homeworkAssignments.id), eq(homeworkMarks.studentId, actor.userId)))
        .where(and(
          inArray(homeworkAssignments.classId, studentClassIds),
          assignedTo(actor.userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`),
        ))
        .orderBy(asc(homeworkAssignments.dueAt))
        .limit(LIMIT)
    : [];
  const mine: AssignmentSummary[] = mineRows.map((r) => ({
    ...summary(r),
    status: r.markValue ? 'marked' : r.sub ? 'submitted' : 'todo',
    late: r.sub?.late ?? false,
    markValue: (r.markValue as MarkValue | null) ?? null,
    handedIn: null,
    assignees: null,
  }));

  // The classes I teach first (an index look-up), so the list never scans other schools' assignments.
  const taught = actor.memberships.some((m) => m.role === 'teacher')
    ? (await deps.db.selectDistinct({ id: classTeachers.classId }).from(classTeachers).where(eq(classTeachers.userId, actor.userId))).map((r) => r.id)
    : [];
  const teachingRows = taught.length
    ? await deps.db
        .select({
          ...base,
          handedIn: sql<number>`(select count(*)::int from ${homeworkSubmissions} where ${homeworkSubmissions.assignmentId} = ${homeworkAssignments.id})`,
          // The students it is given to now, as assigneesOf counts them, in the same query (no query per row).
          assignees: sql<number>`(case when ${homeworkAssignments.wholeClass}
            then (select count(*)::int from ${memberships} m where m.class_id = ${homeworkAssignments.classId} and m.role = 'student')
            else (select count(*)::int from ${homeworkAssignees} x
              join ${memberships} m on m.user_id = x.student_id and m.class_id = ${homeworkAssignments.classId} and m.role = 'student'
              where x.assignment_id = ${homeworkAssignments.id}) end)`,
        })
        .from(homeworkAssignments)
        .innerJoin(classes, eq(classes.id, homeworkAssignments.classId))
        .where(and(inArray(homeworkAssignments.classId, taught), teachesIn(actor.userId, sql`${homeworkAssignments.classId}`)))
        .orderBy(desc(homeworkAssignments.dueAt))
        .limit(LIMIT)
    : [];
  const teaching: AssignmentSummary[] = teachingRows.map((r) => ({
    ...summary(r),
    status: null,
    late: false,
    markValue: null,
    handedIn: Number(r.handedIn),
    assignees: Number(r.assignees),
  }));
  return { mine, teaching, family: await familyHomework(deps, actor) };
}

/**
 * PAR-1: each linked child's assignments with the child's state and mark, for their parent — one query however many
 * children (the links drive it, so a person with no links pays one index look-up).
 */
async function familyHomework(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<ChildHomework[]> {
  if (!actor.memberships.some((m) => m.role === 'parent')) return [];
  const rows = await deps.db
    .select({ child: personColumns, a: homeworkAssignments, grade: classes.grade, letter: classes.letter, sub: homeworkSubmissions, markValue: homeworkMarks.value })
    .from(parentLinks)
    .innerJoin(users, eq(users.id, parentLinks.childId))
    .innerJoin(homeworkAssignments, eq(homeworkAssignments.classId, parentLinks.classId))
    .innerJoin(classes, eq(classes.id, homeworkAssignments.classId))
    .leftJoin(homeworkSubmissions, and(eq(homeworkSubmissions.assignmentId, homeworkAssignments.id), eq(homeworkSubmissions.studentId, parentLinks.childId)))
    .leftJoin(homeworkMarks, and(eq(homeworkMarks.assignmentId, homeworkAssignments.id), eq(homeworkMarks.studentId, parentLinks.childId)))
    .where(and(
      eq(parentLinks.parentId, actor.userId),
      assignedTo(sql`${parentLinks.childId}`, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`),
    ))
    .orderBy(asc(homeworkAssignments.dueAt))
    .limit(LIMIT * 4);
  const byChild = new Map<string, ChildHomework>();
  for (const r of rows) {
    const entry = byChild.get(r.child.id) ?? { child: r.child, assignments: [] };
    byChild.set(r.child.id, entry);
    entry.assignments.push({
      ...summary(r),
      status: r.markValue ? 'marked' : r.sub ? 'submitted' : 'todo',
      late: r.sub?.late ?? false,
      markValue: (r.markValue as MarkValue | null) ?? null,
      handedIn: null,
      assignees: null,
    });
  }
  return [...byChild.values()];
}

function summary(r: { a: typeof homeworkAssignments.$inferSelect; grade: number; letter: string }) {
  return {
    id: r.a.id,
    classId: r.a.classId,
    className: className(r),
    subject: r.a.subject,
    title: r.a.title,
    dueAt: iso(r.a.dueAt),
    grading: r.a.grading,
    createdAt: iso(r.a.createdAt),
  };
}
