import type { Attachment, Mark, MarkValue, PersonSummary, Submission } from '@parta/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import {
  homeworkAssignees, homeworkAssignmentFiles, homeworkAssignments, homeworkMarkChanges, homeworkMarks,
  homeworkSubmissionFiles, homeworkSubmissions,
} from '../../db/homeworkSchema.js';
import { classes, classTeachers, memberships, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { attachmentColumns, toAttachment } from '../files/queries.js';
import { type AssignmentFacts, assignedTo, childrenAssigned, teachesIn } from './policy.js';

export type AssignmentRow = typeof homeworkAssignments.$inferSelect;

export const className = (c: { grade: number; letter: string }) => `${c.grade}${c.letter}`;
export const personColumns = { id: users.id, firstName: users.firstName, lastName: users.lastName, middleName: users.middleName };
export const iso = (d: Date) => d.toISOString();

/** The assignment with its class's name and what the actor is to it; null when there is no such assignment. */
export async function loadAssignment(db: DbOrTx, actor: Actor, assignmentId: string) {
  const [row] = await db
    .select({
      a: homeworkAssignments,
      grade: classes.grade,
      letter: classes.letter,
      teaches: sql<boolean>`${teachesIn(actor.userId, sql`${homeworkAssignments.classId}`)}`,
      assignee: sql<boolean>`${assignedTo(actor.userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`)}`,
      // JSON rather than uuid[]: both drivers hand it back as an array.
      children: sql<string[]>`array_to_json(${childrenAssigned(actor.userId, sql`${homeworkAssignments.id}`, sql`${homeworkAssignments.classId}`, sql`${homeworkAssignments.wholeClass}`)})`,
    })
    .from(homeworkAssignments)
    .innerJoin(classes, eq(classes.id, homeworkAssignments.classId))
    .where(eq(homeworkAssignments.id, assignmentId))
    .limit(1);
  if (!row) return null;
  const children = Array.isArray(row.children) ? row.children : [];
  const facts: AssignmentFacts = { schoolId: row.a.schoolId, teaches: !!row.teaches, assignee: !!row.assignee, children };
  return { row: row.a, className: className(row), facts };
}

/** The class with whether the actor teaches there, and their subjects in it. */
export async function loadClassForTeacher(db: DbOrTx, actor: Actor, classId: string) {
  const [cls] = await db.select().from(classes).where(eq(classes.id, classId)).limit(1);
  if (!cls) return null;
  const teaches = actor.memberships.some((m) => m.schoolId === cls.schoolId && m.role === 'teacher');
  const subjects = teaches
    ? (await db.select({ subject: classTeachers.subject }).from(classTeachers)
        .where(and(eq(classTeachers.classId, classId), eq(classTeachers.userId, actor.userId)))).map((r) => r.subject)
    : [];
  return { cls, name: className(cls), teaches: subjects.length > 0, subjects };
}

/** Students of a class, by surname. */
export async function classStudents(db: DbOrTx, classId: string): Promise<PersonSummary[]> {
  return db
    .select(personColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.classId, classId), eq(memberships.role, 'student')))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id));
}

/** The students an assignment is given to: the class now, or those named (still in the class). */
export async function assigneesOf(db: DbOrTx, a: Pick<AssignmentRow, 'id' | 'classId' | 'wholeClass'>): Promise<PersonSummary[]> {
  const students = await classStudents(db, a.classId);
  if (a.wholeClass) return students;
  const named = new Set(
    (await db.select({ id: homeworkAssignees.studentId }).from(homeworkAssignees).where(eq(homeworkAssignees.assignmentId, a.id))).map((r) => r.id),
  );
  return students.filter((s) => named.has(s.id));
}

export async function assignmentFiles(db: DbOrTx, assignmentId: string): Promise<Attachment[]> {
  const rows = await db
    .select(attachmentColumns)
    .from(homeworkAssignmentFiles)
    .innerJoin(files, eq(files.id, homeworkAssignmentFiles.fileId))
    .where(and(eq(homeworkAssignmentFiles.assignmentId, assignmentId), eq(homeworkAssignmentFiles.inText, false)))
    .orderBy(asc(homeworkAssignmentFiles.position));
  return rows.map(toAttachment);
}

/** Submissions of an assignment by student id (only those asked for). */
export async function submissionsOf(db: DbOrTx, assignmentId: string, studentIds: string[]): Promise<Map<string, Submission>> {
  const out = new Map<string, Submission>();
  if (studentIds.length === 0) return out;
  const subs = await db
    .select()
    .from(homeworkSubmissions)
    .where(and(eq(homeworkSubmissions.assignmentId, assignmentId), inArray(homeworkSubmissions.studentId, studentIds)));
  if (subs.length === 0) return out;
  const fileRows = await db
    .select({ submissionId: homeworkSubmissionFiles.submissionId, ...attachmentColumns })
    .from(homeworkSubmissionFiles)
    .innerJoin(files, eq(files.id, homeworkSubmissionFiles.fileId))
    .where(inArray(homeworkSubmissionFiles.submissionId, subs.map((s) => s.id)))
    .orderBy(asc(homeworkSubmissionFiles.position));
  for (const s of subs) {
    out.set(s.studentId, {
      text: s.text,
      files: fileRows.filter((f) => f.submissionId === s.id).map(toAttachment),
      submittedAt: iso(s.submittedAt),
      late: s.late,
    });
  }
  return out;
}

/** Marks of an assignment by student id, each with its changes (oldest first) and who made them. */
export async function marksOf(db: DbOrTx, assignmentId: string, studentIds: string[]): Promise<Map<string, Mark>> {
  const out = new Map<string, Mark>();
  if (studentIds.length === 0) return out;
  const rows = await db
    .select()
    .from(homeworkMarks)
    .where(and(eq(homeworkMarks.assignmentId, assignmentId), inArray(homeworkMarks.studentId, studentIds)));
  if (rows.length === 0) return out;
  const changes = await db
    .select()
    .from(homeworkMarkChanges)
    .where(and(eq(homeworkMarkChanges.assignmentId, assignmentId), inArray(homeworkMarkChanges.studentId, studentIds)))
    .orderBy(asc(homeworkMarkChanges.changedAt), asc(homeworkMarkChanges.id));
  const peopleIds = [...new Set([...rows.map((r) => r.givenBy), ...changes.map((c) => c.changedBy)].filter((x): x is string => !!x))];
  const people = new Map(
    (peopleIds.length ? await db.select(personColumns).from(users).where(inArray(users.id, peopleIds)) : []).map((p) => [p.id, p]),
  );
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  for (const r of rows) {
    out.set(r.studentId, {
      value: r.value as MarkValue,
      comment: r.comment,
      givenBy: person(r.givenBy),
      givenAt: iso(r.givenAt),
      updatedAt: iso(r.updatedAt),
      changes: changes
        .filter((c) => c.studentId === r.studentId)
        .map((c) => ({
          by: person(c.changedBy),
          at: iso(c.changedAt),
          from: c.fromValue as MarkValue,
          to: c.toValue as MarkValue,
          fromComment: c.fromComment,
          toComment: c.toComment,
        })),
    });
  }
  return out;
}

/** The subset of fileIds that `userId` uploaded, in the order given; anything else is refused by the caller. */
export async function ownFileIds(db: DbOrTx, userId: string, fileIds: string[]): Promise<string[]> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return [];
  const rows = await db.select({ id: files.id }).from(files).where(and(eq(files.ownerId, userId), inArray(files.id, unique)));
  const mine = new Set(rows.map((r) => r.id));
  return unique.filter((id) => mine.has(id));
}
