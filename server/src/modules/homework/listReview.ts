import type { ReviewRow } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeAssignment, canMark, canSeeStudentWork } from './policy.js';
import { assigneesOf, loadAssignment, marksOf, submissionsOf } from './queries.js';

/** The teacher's table of an assignment: every student it is given to — handed in when, late, not yet — and marks. */
export async function listReview(deps: Pick<AppDeps, 'db'>, actor: Actor | null, assignmentId: string): Promise<ReviewRow[]> {
  const found = actor ? await loadAssignment(deps.db, actor, assignmentId) : null;
  authorizeAssignment(actor, 'review', found?.facts ?? null);
  if (!found) throw new Error('unreachable');
  const students = (await assigneesOf(deps.db, found.row)).filter((s) =>
    canSeeStudentWork(actor, { studentId: s.id, teaches: found.facts.teaches }),
  );
  const ids = students.map((s) => s.id);
  const [subs, marks] = await Promise.all([submissionsOf(deps.db, assignmentId, ids), marksOf(deps.db, assignmentId, ids)]);
  return students.map((student) => {
    const mark = marks.get(student.id) ?? null;
    return {
      student,
      submission: subs.get(student.id) ?? null,
      mark,
      canMark: canMark(actor, { schoolId: found.row.schoolId, teaches: found.facts.teaches, givenBy: mark?.givenBy?.id ?? null, exists: !!mark }),
    };
  });
}
