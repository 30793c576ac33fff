import type { z } from 'zod';
import type { classPageResponse } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeClass, canClass, canCreateChat } from '../../policy/authorize.js';
import { findSchool } from '../schools/queries.js';
import { classesWithCounts, classStudents, classTeachersWithSubjects, findClass } from './queries.js';

export type ClassPage = z.infer<typeof classPageResponse>;

/** CLS-1..3: a class with its profile, teachers and their subjects, and students. */
export async function getClassPage(db: DbOrTx, actor: Actor | null, classId: string): Promise<ClassPage> {
  const cls = await findClass(db, classId);
  if (!cls) throw notFound();
  authorizeClass(actor, 'view', cls);
  const [[summary], school, teachers, students] = await Promise.all([
    classesWithCounts(db, cls.schoolId, cls.id),
    findSchool(db, cls.schoolId),
    classTeachersWithSubjects(db, cls.id),
    classStudents(db, cls.id),
  ]);
  if (!summary || !school) throw notFound();
  return {
    data: { ...summary, schoolName: school.name, teachers, students },
    can: {
      joinAsTeacher: canClass(actor, 'joinAsTeacher', cls),
      manage: canClass(actor, 'manage', cls),
      createChat: canCreateChat(actor, 'class', { schoolId: cls.schoolId, teachesClass: teachers.some((t) => t.id === actor?.userId) }),
      addTeacher: canClass(actor, 'addTeacher', cls),
    },
  };
}
