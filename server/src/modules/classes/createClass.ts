import type { z } from 'zod';
import type { createClassRequest, SchoolClass } from '@parta/contracts';
import type { AppDeps } from '../../deps.js';
import { classes } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeSchool } from '../../policy/authorize.js';
import { publishAfterCommit, schoolRoom } from '../schools/events.js';
import { className } from '../schools/people.js';

/** CLS-1: an administrator opens a class, «11А» with an optional profile; one of each name per school. */
export async function createClass(
  deps: Pick<AppDeps, 'db' | 'events'>,
  actor: Actor | null,
  schoolId: string,
  input: z.infer<typeof createClassRequest>,
): Promise<SchoolClass> {
  authorizeSchool(actor, 'createClass', { id: schoolId });
  // The unique index decides, so two administrators pressing at once still get one class.
  const [row] = await deps.db
    .insert(classes)
    .values({ schoolId, grade: input.grade, letter: input.letter, profile: input.profile || null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('class_exists');
  await publishAfterCommit(deps.events, [[schoolRoom(schoolId), { type: 'class.created', schoolId, classId: row.id }]]);
  return {
    id: row.id,
    schoolId,
    name: className(row.grade, row.letter),
    grade: row.grade,
    letter: row.letter,
    profile: row.profile,
    studentCount: 0,
    teacherCount: 0,
  };
}
