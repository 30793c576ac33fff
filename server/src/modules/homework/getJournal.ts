import type { Journal, MarkValue } from '@parta/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { homeworkAssignments, homeworkMarks } from '../../db/homeworkSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { canSeeJournal } from './policy.js';
import { classStudents, iso, loadClassForTeacher } from './queries.js';

/**
 * «Журнал»: a class's students × its assignments in one subject, with marks and each student's average of the
 * five-point marks («зачёт/незачёт» are shown, not averaged). For the class's teachers and the administration.
 */
export async function getJournal(deps: Pick<AppDeps, 'db'>, actor: Actor | null, classId: string, subject: string | undefined): Promise<Journal> {
  if (!actor) throw new AppError('unauthenticated');
  const cls = await loadClassForTeacher(deps.db, actor, classId);
  if (!cls || !canSeeJournal(actor, { schoolId: cls.cls.schoolId, teaches: cls.teaches })) throw new AppError('not_found');
  const subjects = (
    await deps.db.selectDistinct({ s: homeworkAssignments.subject }).from(homeworkAssignments).where(eq(homeworkAssignments.classId, classId))
  ).map((r) => r.s).sort((a, b) => a.localeCompare(b, 'ru'));
  const shown = subject && subjects.includes(subject) ? subject : (cls.subjects.find((s) => subjects.includes(s)) ?? subjects[0] ?? null);
  const assignments = shown
    ? await deps.db
        .select({ id: homeworkAssignments.id, title: homeworkAssignments.title, dueAt: homeworkAssignments.dueAt, grading: homeworkAssignments.grading })
        .from(homeworkAssignments)
        .where(and(eq(homeworkAssignments.classId, classId), eq(homeworkAssignments.subject, shown)))
        .orderBy(asc(homeworkAssignments.dueAt), asc(homeworkAssignments.createdAt))
    : [];
  const students = await classStudents(deps.db, classId);
  const marks = assignments.length
    ? await deps.db
        .select({ a: homeworkMarks.assignmentId, s: homeworkMarks.studentId, v: homeworkMarks.value })
        .from(homeworkMarks)
        .where(inArray(homeworkMarks.assignmentId, assignments.map((a) => a.id)))
    : [];
  const rows = students.map((student) => {
    const own = marks.filter((m) => m.s === student.id);
    const numbers = own.map((m) => Number(m.v)).filter((n) => Number.isInteger(n));
    const average = numbers.length ? Math.round((numbers.reduce((x, y) => x + y, 0) / numbers.length) * 100) / 100 : null;
    return { student, marks: Object.fromEntries(own.map((m) => [m.a, m.v as MarkValue])), average };
  });
  return {
    classId,
    className: cls.name,
    subjects,
    subject: shown,
    assignments: assignments.map((a) => ({ id: a.id, title: a.title, dueAt: iso(a.dueAt), grading: a.grading })),
    rows,
  };
}
