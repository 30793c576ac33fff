import type { z } from 'zod';
import type { classPageResponse } from '@parta/contracts';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { authorizeClass, canClass, canCreateChat } from '../../policy/authorize.js';
import { findSchool } from '../schools/queries.js';
import { classesWithCounts, classStudents, classTeachersWithSubjects, findClass } from './queries.js';
import { managesParentsOf, maySetClassTeacher } from '../parents/policy.js';
import { mayParentSeeClass } from '../parents/classVisibility.js';
import { personById } from '../parents/queries.js';

export type ClassPage = z.infer<typeof classPageResponse>;

/** CLS-1..3: a class with its profile, teachers and their subjects, and students. */
export async function getClassPage(db: DbOrTx, actor: Actor | null, classId: string): Promise<ClassPage> {
  const cls = await findClass(db, classId);
  if (!cls) throw notFound();
  authorizeClass(actor, 'view', cls);
  // A parent sees only the classes of their own children (PAR-1).
  if (!(await mayParentSeeClass(db, actor, cls))) throw notFound();
  const [[summary], school, teachers, students, classTeacher] = await Promise.all([
    classesWithCounts(db, cls.schoolId, cls.id),
    findSchool(db, cls.schoolId),
    classTeachersWithSubjects(db, cls.id),
    classStudents(db, cls.id),
    cls.classTeacherId ? personById(db, cls.classTeacherId) : Promise.resolve(null),
  ]);
  if (!summary || !school) throw notFound();
  return {
    data: { ...summary, schoolName: school.name, teachers, students, classTeacher },
    can: {
      joinAsTeacher: canClass(actor, 'joinAsTeacher', cls),
      manage: canClass(actor, 'manage', cls),
      createChat: canCreateChat(actor, 'class', { schoolId: cls.schoolId, teachesClass: teachers.some((t) => t.id === actor?.userId) }),
      addTeacher: canClass(actor, 'addTeacher', cls),
      setClassTeacher: maySetClassTeacher(actor, cls.schoolId),
      parents: managesParentsOf(actor, cls),
    },
  };
}
