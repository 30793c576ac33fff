import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, classTeachers, memberships } from '../../db/schema.js';

/** The teachers of a class (still teachers of its school): who hears of its submissions. */
export async function classTeacherIds(db: DbOrTx, classId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: classTeachers.userId })
    .from(classTeachers)
    .innerJoin(classes, eq(classes.id, classTeachers.classId))
    .innerJoin(memberships, and(eq(memberships.userId, classTeachers.userId), eq(memberships.schoolId, classes.schoolId), eq(memberships.role, 'teacher')))
    .where(eq(classTeachers.classId, classId));
  return rows.map((r) => r.id);
}
