import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, classTeachers, memberships, parentLinks } from '../../db/schema.js';

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

/**
 * PAR-1: the linked parents of these students — who hears of their children's homework. Read at publish time, so a
 * link removed a moment ago is no longer told anything.
 */
export async function parentIdsOf(db: DbOrTx, childIds: string[]): Promise<string[]> {
  if (childIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: parentLinks.parentId }).from(parentLinks).where(inArray(parentLinks.childId, childIds));
  return rows.map((r) => r.id);
}
