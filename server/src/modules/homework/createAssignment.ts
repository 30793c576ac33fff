import type { AssignmentDetail, createAssignmentRequest } from '@parta/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { homeworkAssignees, homeworkAssignmentFiles, homeworkAssignments } from '../../db/homeworkSchema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { cleanTitle, sanitizeArticle } from '../articles/sanitize.js';
import { publishHomeworkChanged, pushNewAssignment } from './events.js';
import { getAssignment } from './getAssignment.js';
import { assigneesOf, classStudents, loadClassForTeacher, ownFileIds } from './queries.js';
import { parentIdsOf } from './teachers.js';

type Deps = Pick<AppDeps, 'db' | 'events' | 'clock'>;
const invalid = (path: string, message: string) => new AppError('invalid_input', { fields: [{ path, message }] });

/**
 * HW-1: a teacher of the class gives an assignment in one of their subjects there, to the whole class or to chosen
 * students of it, with text (the articles' allow-list keeps the editor's formatting and nothing more) and files they
 * uploaded themselves. Everything is checked before anything is written; the students hear of it after commit.
 */
export async function createAssignment(
  deps: Deps,
  actor: Actor | null,
  classId: string,
  input: z.infer<typeof createAssignmentRequest>,
): Promise<AssignmentDetail> {
  if (!actor) throw new AppError('unauthenticated');
  const cls = await loadClassForTeacher(deps.db, actor, classId);
  // Not a teacher of this class (or no such class): nothing to see here.
  if (!cls?.teaches) throw new AppError('not_found');
  if (!cls.subjects.includes(input.subject)) throw new AppError('homework_subject');
  const title = cleanTitle(input.title);
  if (!title) throw invalid('title', 'required');
  const body = sanitizeArticle(input.bodyHtml);
  const fileIds = [...new Set(input.fileIds)];
  const mine = await ownFileIds(deps.db, actor.userId, [...fileIds, ...body.imageFileIds]);
  // A file id seen elsewhere must not be re-shared with a class: only one's own uploads.
  if (mine.length !== new Set([...fileIds, ...body.imageFileIds]).size) throw invalid('fileIds', 'not_your_file');
  let studentIds: string[] | null = null;
  if (input.studentIds) {
    studentIds = [...new Set(input.studentIds)];
    const inClass = new Set((await classStudents(deps.db, classId)).map((s) => s.id));
    if (studentIds.some((id) => !inClass.has(id))) throw invalid('studentIds', 'not_in_class');
  }
  const dueAt = new Date(input.dueAt);

  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(homeworkAssignments)
      .values({
        schoolId: cls.cls.schoolId,
        classId,
        teacherId: actor.userId,
        subject: input.subject,
        title,
        bodyHtml: body.html,
        bodyText: body.text,
        grading: input.grading,
        dueAt,
        wholeClass: studentIds === null,
        // The app's clock, as the badge's «seen» mark is: both are compared.
        createdAt: deps.clock.now(),
      })
      .returning({ id: homeworkAssignments.id });
    if (!row) throw new Error('assignment not inserted');
    if (studentIds) await tx.insert(homeworkAssignees).values(studentIds.map((studentId) => ({ assignmentId: row.id, studentId })));
    const attached = [
      ...fileIds.map((fileId, position) => ({ assignmentId: row.id, fileId, position, inText: false })),
      ...body.imageFileIds.filter((f) => !fileIds.includes(f)).map((fileId, i) => ({ assignmentId: row.id, fileId, position: fileIds.length + i, inText: true })),
    ];
    if (attached.length > 0) await tx.insert(homeworkAssignmentFiles).values(attached);
    return row.id;
  });

  const students = (await assigneesOf(deps.db, { id, classId, wholeClass: studentIds === null })).map((s) => s.id);
  await publishHomeworkChanged(deps, [...students, ...(await parentIdsOf(deps.db, students)), actor.userId], id);
  await pushNewAssignment(deps, students, { id, subject: input.subject, title });
  return getAssignment(deps, actor, id);
}
