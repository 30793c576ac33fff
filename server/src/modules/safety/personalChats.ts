import { and, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, classTeachers, memberships, schools } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../policy/actor.js';
import { rolesIn } from '../../policy/actor.js';

/**
 * SAFE-1 «Ученики пишут лично только одноклассникам и учителям класса» (a school setting, on by default): a student
 * (with no adult role in the school) starts a personal chat only with a classmate or a teacher of their class (its
 * subject teachers and class teacher). Adults of the school may write to students. Allowed if any shared school
 * allows it; else 403 `personal_chat_restricted`.
 */
export async function authorizePersonalChat(db: DbOrTx, actor: Actor, otherId: string, sharedSchools: string[]): Promise<void> {
  for (const schoolId of sharedSchools) {
    const roles = rolesIn(actor, schoolId);
    if (roles.some((r) => r !== 'student')) return;
    const [school] = await db.select({ on: schools.studentsWriteWithinClass }).from(schools).where(eq(schools.id, schoolId));
    if (!school?.on) return;
    const myClasses = actor.memberships.filter((m) => m.schoolId === schoolId && m.role === 'student' && m.classId).map((m) => m.classId!);
    if (myClasses.length === 0) continue;
    const [classmate] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, otherId), eq(memberships.role, 'student'), inArray(memberships.classId, myClasses)))
      .limit(1);
    if (classmate) return;
    const [teacher] = await db
      .select({ id: classTeachers.classId })
      .from(classTeachers)
      .where(and(eq(classTeachers.userId, otherId), inArray(classTeachers.classId, myClasses)))
      .limit(1);
    if (teacher) return;
    const [classTeacher] = await db
      .select({ id: classes.id })
      .from(classes)
      .where(and(eq(classes.classTeacherId, otherId), or(...myClasses.map((c) => eq(classes.id, c)))))
      .limit(1);
    if (classTeacher) return;
  }
  throw new AppError('personal_chat_restricted');
}
