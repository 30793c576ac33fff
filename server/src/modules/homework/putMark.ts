import type { Mark, putMarkRequest } from '@parta/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { homeworkMarkChanges, homeworkMarks } from '../../db/homeworkSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { pushMark, publishHomeworkChanged } from './events.js';
import { canMark, runsSchool } from './policy.js';
import { assigneesOf, loadAssignment, marksOf } from './queries.js';
import { classTeacherIds, parentIdsOf } from './teachers.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;

const scales = { five: ['1', '2', '3', '4', '5'], pass: ['pass', 'fail'] } as const;

/**
 * Gives or changes a student's mark for an assignment, with a comment. The first mark: a teacher of the class; a
 * change: the teacher who gave it or the school's administration — and every change is kept (who, when, from what
 * to what). The student and their linked parents see it at once (their `user:` rooms) and get a push.
 */
export async function putMark(
  deps: Deps,
  actor: Actor | null,
  assignmentId: string,
  studentId: string,
  input: z.infer<typeof putMarkRequest>,
): Promise<Mark> {
  if (!actor) throw new AppError('unauthenticated');
  const found = await loadAssignment(deps.db, actor, assignmentId);
  // The administration may reach a mark to correct it; everyone else who does not teach the class sees nothing.
  if (!found || !(found.facts.teaches || runsSchool(actor, found.row.schoolId))) throw new AppError('not_found');
  const student = (await assigneesOf(deps.db, found.row)).find((s) => s.id === studentId);
  if (!student) throw new AppError('not_found');
  if (!(scales[found.row.grading] as readonly string[]).includes(input.value)) throw new AppError('mark_scale');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const comment = input.comment.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  const now = deps.clock.now();

  await deps.db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(homeworkMarks)
      .where(and(eq(homeworkMarks.assignmentId, assignmentId), eq(homeworkMarks.studentId, studentId)))
      .for('update');
    if (!canMark(actor, { schoolId: found.row.schoolId, teaches: found.facts.teaches, givenBy: old?.givenBy, exists: !!old })) {
      throw new AppError('forbidden');
    }
    if (!old) {
      await tx.insert(homeworkMarks).values({ assignmentId, studentId, value: input.value, comment, givenBy: actor.userId, givenAt: now, updatedAt: now });
      return;
    }
    if (old.value === input.value && old.comment === comment) return;
    await tx
      .update(homeworkMarks)
      .set({ value: input.value, comment, updatedAt: now })
      .where(and(eq(homeworkMarks.assignmentId, assignmentId), eq(homeworkMarks.studentId, studentId)));
    await tx.insert(homeworkMarkChanges).values({
      assignmentId, studentId, changedBy: actor.userId, changedAt: now,
      fromValue: old.value, toValue: input.value, fromComment: old.comment, toComment: comment,
    });
  });

  const parents = await parentIdsOf(deps.db, [studentId]);
  await publishHomeworkChanged(deps, [studentId, ...parents, ...(await classTeacherIds(deps.db, found.row.classId))], assignmentId);
  await pushMark(deps, [studentId, ...parents], found.row, input.value);
  const mark = (await marksOf(deps.db, assignmentId, [studentId])).get(studentId);
  if (!mark) throw new Error('mark missing after write');
  return mark;
}
