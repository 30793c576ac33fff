import type { Role } from '@parta/contracts';
import { and, asc, countDistinct, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, classTeachers, joinRequests, memberships, schools, teacherSubjects, users } from '../../db/schema.js';
import { className, personColumns } from './people.js';

export type SchoolRow = typeof schools.$inferSelect;

export async function findSchool(db: DbOrTx, schoolId: string): Promise<SchoolRow | null> {
  const [row] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

/** Distinct people: a teacher who is also an administrator counts once. */
export async function participantCount(db: DbOrTx, schoolId: string): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(memberships.userId) })
    .from(memberships)
    .where(eq(memberships.schoolId, schoolId));
  return row?.n ?? 0;
}

export async function pendingRequestCount(db: DbOrTx, schoolId: string, scope?: SQL): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(joinRequests)
    .where(and(eq(joinRequests.schoolId, schoolId), eq(joinRequests.status, 'pending'), scope));
  return row?.n ?? 0;
}

/** People holding a role in a school, alphabetically. */
export async function peopleWithRole(db: DbOrTx, schoolId: string, role: Role) {
  return db
    .select(personColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.schoolId, schoolId), eq(memberships.role, role)))
    .orderBy(asc(users.lastName), asc(users.firstName));
}

export interface MembershipRow {
  userId: string;
  firstName: string;
  lastName: string;
  middleName: string | null;
  role: Role;
  title: string | null;
  className: string | null;
}

/**
 * Every membership of a school, optionally only of people whose full name contains every word of
 * `q` in any order («Мария Иванова» finds Иванова Мария Петровна). ILIKE folds Cyrillic case on
 * both PGlite and PostgreSQL with a UTF-8 locale.
 */
export async function schoolMemberships(db: DbOrTx, schoolId: string, q?: string): Promise<MembershipRow[]> {
  const fullName = sql`${users.lastName} || ' ' || ${users.firstName} || ' ' || coalesce(${users.middleName}, '')`;
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  const byName = words.map((w) => ilike(fullName, `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const rows = await db
    .select({
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      middleName: users.middleName,
      role: memberships.role,
      title: memberships.title,
      grade: classes.grade,
      letter: classes.letter,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(classes, eq(classes.id, memberships.classId))
    .where(and(eq(memberships.schoolId, schoolId), ...byName))
    .orderBy(asc(users.lastName), asc(users.firstName));
  return rows.map(({ grade, letter, ...r }) => ({
    ...r,
    className: grade !== null && letter !== null ? className(grade, letter) : null,
  }));
}

/** Each teacher's subjects in a school: those named at join and those taught in its classes. */
export async function subjectsByTeacher(db: DbOrTx, schoolId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, Set<string>>();
  if (userIds.length === 0) return new Map();
  const named = await db
    .select({ userId: teacherSubjects.userId, subject: teacherSubjects.subject })
    .from(teacherSubjects)
    .where(and(eq(teacherSubjects.schoolId, schoolId), inArray(teacherSubjects.userId, userIds)));
  const taught = await db
    .select({ userId: classTeachers.userId, subject: classTeachers.subject })
    .from(classTeachers)
    .innerJoin(classes, eq(classes.id, classTeachers.classId))
    .where(and(eq(classes.schoolId, schoolId), inArray(classTeachers.userId, userIds)));
  for (const { userId, subject } of [...named, ...taught]) {
    const set = result.get(userId) ?? new Set<string>();
    set.add(subject);
    result.set(userId, set);
  }
  return new Map([...result].map(([k, v]) => [k, [...v].sort((a, b) => a.localeCompare(b, 'ru'))]));
}
