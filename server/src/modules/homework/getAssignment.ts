import type { AssignmentDetail } from '@parta/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeAssignment, canSeeStudentWork } from './policy.js';
import { assignmentFiles, iso, loadAssignment, marksOf, personColumns, submissionsOf } from './queries.js';

/**
 * An assignment as its students and the class's teachers see it. A student gets their own submission and mark
 * (nobody else's); a teacher gets `can.review` and reads the class's work through listReview; a linked parent gets
 * their children's work and marks in `family`, read-only.
 */
export async function getAssignment(deps: Pick<AppDeps, 'db'>, actor: Actor | null, assignmentId: string): Promise<AssignmentDetail> {
  const found = actor ? await loadAssignment(deps.db, actor, assignmentId) : null;
  authorizeAssignment(actor, 'view', found?.facts ?? null);
  if (!found) throw new Error('unreachable: authorized without an assignment');
  const { row, facts } = found;
  const [teacher] = row.teacherId ? await deps.db.select(personColumns).from(users).where(eq(users.id, row.teacherId)).limit(1) : [];
  let mine: AssignmentDetail['mine'] = null;
  if (facts.assignee && canSeeStudentWork(actor, { studentId: actor.userId, teaches: facts.teaches })) {
    const submission = (await submissionsOf(deps.db, row.id, [actor.userId])).get(actor.userId) ?? null;
    const mark = (await marksOf(deps.db, row.id, [actor.userId])).get(actor.userId) ?? null;
    mine = { submission, mark };
  }
  // PAR-1: a parent reads each of their children's work, nobody else's (the same rule as the files grant).
  const childIds = facts.children.filter((id) => canSeeStudentWork(actor, { studentId: id, teaches: false, children: facts.children }));
  let family: AssignmentDetail['family'] = [];
  if (childIds.length > 0) {
    const [people, subs, marks] = await Promise.all([
      deps.db.select(personColumns).from(users).where(inArray(users.id, childIds)),
      submissionsOf(deps.db, row.id, childIds),
      marksOf(deps.db, row.id, childIds),
    ]);
    family = people
      .sort((x, y) => x.firstName.localeCompare(y.firstName, 'ru'))
      .map((child) => ({ child, submission: subs.get(child.id) ?? null, mark: marks.get(child.id) ?? null }));
  }
  return {
    id: row.id,
    classId: row.classId,
    className: found.className,
    subject: row.subject,
    title: row.title,
    bodyHtml: row.bodyHtml,
    files: await assignmentFiles(deps.db, row.id),
    dueAt: iso(row.dueAt),
    grading: row.grading,
    wholeClass: row.wholeClass,
    teacher: teacher ?? null,
    createdAt: iso(row.createdAt),
    mine,
    family,
    can: {
      submit: facts.assignee && !mine?.mark,
      withdraw: facts.assignee && !!mine?.submission && !mine.mark,
      review: facts.teaches,
    },
  };
}
