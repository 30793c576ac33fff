import type { AssignmentDetail, submitRequest } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { homeworkMarks, homeworkSubmissionFiles, homeworkSubmissions } from '../../db/homeworkSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { publishHomeworkChanged } from './events.js';
import { getAssignment } from './getAssignment.js';
import { authorizeAssignment } from './policy.js';
import { loadAssignment, ownFileIds } from './queries.js';
import { classTeacherIds, parentIdsOf } from './teachers.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;
const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/**
 * A student hands in text and files (their own uploads). Before the due time it is on time; after, it is still
 * taken and marked late. Handing in again replaces the earlier work, until the teacher has marked it.
 */
export async function submitWork(
  deps: Deps,
  actor: Actor | null,
  assignmentId: string,
  input: z.infer<typeof submitRequest>,
): Promise<AssignmentDetail> {
  const found = actor ? await loadAssignment(deps.db, actor, assignmentId) : null;
  authorizeAssignment(actor, 'submit', found?.facts ?? null);
  if (!found) throw new Error('unreachable');
  // Control characters other than line breaks have no place in a typed answer (and NUL is refused by PostgreSQL).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const text = input.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  const fileIds = [...new Set(input.fileIds)];
  if (!text && fileIds.length === 0) throw invalid('text', 'empty');
  if ((await ownFileIds(deps.db, actor.userId, fileIds)).length !== fileIds.length) throw invalid('fileIds', 'not_your_file');
  const now = deps.clock.now();

  await deps.db.transaction(async (tx) => {
    const [marked] = await tx
      .select({ v: homeworkMarks.value })
      .from(homeworkMarks)
      .where(and(eq(homeworkMarks.assignmentId, assignmentId), eq(homeworkMarks.studentId, actor.userId)))
      .for('update');
    if (marked) throw new AppError('homework_marked');
    await tx.delete(homeworkSubmissions).where(and(eq(homeworkSubmissions.assignmentId, assignmentId), eq(homeworkSubmissions.studentId, actor.userId)));
    const [row] = await tx
      .insert(homeworkSubmissions)
      .values({ assignmentId, studentId: actor.userId, text, submittedAt: now, late: now.getTime() > found.row.dueAt.getTime() })
      .returning({ id: homeworkSubmissions.id });
    if (!row) throw new Error('submission not inserted');
    if (fileIds.length > 0) {
      await tx.insert(homeworkSubmissionFiles).values(fileIds.map((fileId, position) => ({ submissionId: row.id, fileId, position })));
    }
  });
  await publishHomeworkChanged(deps, await concerned(deps, actor.userId, found.row.classId), assignmentId);
  return getAssignment(deps, actor, assignmentId);
}

/** A student takes their submission back (to hand in again), while it is not marked. */
export async function withdrawWork(deps: Deps, actor: Actor | null, assignmentId: string): Promise<AssignmentDetail> {
  const found = actor ? await loadAssignment(deps.db, actor, assignmentId) : null;
  authorizeAssignment(actor, 'submit', found?.facts ?? null);
  if (!found) throw new Error('unreachable');
  const removed = await deps.db.transaction(async (tx) => {
    const [marked] = await tx
      .select({ v: homeworkMarks.value })
      .from(homeworkMarks)
      .where(and(eq(homeworkMarks.assignmentId, assignmentId), eq(homeworkMarks.studentId, actor.userId)))
      .for('update');
    if (marked) throw new AppError('homework_marked');
    return tx
      .delete(homeworkSubmissions)
      .where(and(eq(homeworkSubmissions.assignmentId, assignmentId), eq(homeworkSubmissions.studentId, actor.userId)))
      .returning({ id: homeworkSubmissions.id });
  });
  if (removed.length === 0) throw new AppError('not_found');
  await publishHomeworkChanged(deps, await concerned(deps, actor.userId, found.row.classId), assignmentId);
  return getAssignment(deps, actor, assignmentId);
}

/** Who hears of a student's work: the student, their linked parents and the class's teachers (their badge too). */
async function concerned(deps: Deps, studentId: string, classId: string): Promise<string[]> {
  const [parents, teachers] = await Promise.all([parentIdsOf(deps.db, [studentId]), classTeacherIds(deps.db, classId)]);
  return [studentId, ...parents, ...teachers];
}
