import type { SchoolClass } from '@parta/contracts';
import { and, asc, countDistinct, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, classTeachers, memberships, users } from '../../db/schema.js';
import { className, personColumns } from '../schools/people.js';

export type ClassRow = typeof classes.$inferSelect;

export async function findClass(db: DbOrTx, classId: string): Promise<ClassRow | null> {
  const [row] = await db.select().from(classes).where(eq(classes.id, classId)).limit(1);
  return row ?? null;
}

/** A school's classes in school order (1А … 11Б) with how many students and teachers each has. */
export async function classesWithCounts(db: DbOrTx, schoolId: string, classId?: string): Promise<SchoolClass[]> {
  const students = db
    .select({ classId: memberships.classId, n: sql<number>`count(*)::int`.as('n') })
    .from(memberships)
    .where(and(eq(memberships.schoolId, schoolId), eq(memberships.role, 'student')))
    .groupBy(memberships.classId)
    .as('students');
  const teachers = db
    .select({ classId: classTeachers.classId, n: countDistinct(classTeachers.userId).as('tn') })
    .from(classTeachers)
    .groupBy(classTeachers.classId)
    .as('teachers');
  const rows = await db
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      grade: classes.grade,
      letter: classes.letter,
      profile: classes.profile,
      studentCount: sql<number>`coalesce(${students.n}, 0)::int`,
      teacherCount: sql<number>`coalesce(${teachers.n}, 0)::int`,
    })
    .from(classes)
    .leftJoin(students, eq(students.classId, classes.id))
    .leftJoin(teachers, eq(teachers.classId, classes.id))
    .where(and(eq(classes.schoolId, schoolId), classId ? eq(classes.id, classId) : undefined))
    .orderBy(asc(classes.grade), asc(classes.letter));
  return rows.map((r) => ({ ...r, name: className(r.grade, r.letter) }));
}

export async function classTeachersWithSubjects(db: DbOrTx, classId: string) {
  const rows = await db
    .select({ ...personColumns, subject: classTeachers.subject })
    .from(classTeachers)
    .innerJoin(users, eq(users.id, classTeachers.userId))
    .where(eq(classTeachers.classId, classId))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(classTeachers.subject));
  const byId = new Map<string, { id: string; firstName: string; lastName: string; middleName: string | null; subjects: string[] }>();
  for (const { subject, ...person } of rows) {
    const t = byId.get(person.id) ?? { ...person, subjects: [] };
    t.subjects.push(subject);
    byId.set(person.id, t);
  }
  return [...byId.values()];
}

export async function classStudents(db: DbOrTx, classId: string) {
  return db
    .select(personColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.classId, classId), eq(memberships.role, 'student')))
    .orderBy(asc(users.lastName), asc(users.firstName));
}
