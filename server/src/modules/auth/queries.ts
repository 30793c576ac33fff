import type { Me, MyClass } from '@parta/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../policy/actor.js';
import { canCreateChat } from '../../policy/authorize.js';
import { classes, classTeachers, memberships, schools, users } from '../../db/schema.js';

/** What sign-in needs to know of an account. */
export interface AccountRow {
  id: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
}

export async function findAccountByPhone(db: DbOrTx, phone: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(eq(users.phone, phone))
    .limit(1);
  return row;
}

export interface NewUser {
  phone: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  middleName: string | null;
  gender: 'female' | 'male';
  birthDate: string;
  termsAcceptedAt: Date;
  createdAt: Date;
}

/** PostgreSQL's unique_violation, whichever driver (and wrapping by drizzle) carried it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export async function insertUser(db: DbOrTx, values: NewUser): Promise<string> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('user not inserted');
  return row.id;
}

export interface ProfilePatch {
  firstName?: string;
  lastName?: string;
  middleName?: string | null;
  gender?: 'female' | 'male';
  birthDate?: string;
  locale?: 'ru' | 'en';
}

export async function updateUser(db: DbOrTx, userId: string, patch: ProfilePatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.update(users).set(patch).where(eq(users.id, userId));
}

export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** The signed-in person with their schools, roles and classes (the left menu). Two queries. */
export async function loadMe(db: DbOrTx, userId: string): Promise<Me | null> {
  const [u] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u) return null;
  const ms = await db
    .select({
      schoolId: memberships.schoolId,
      schoolName: schools.name,
      role: memberships.role,
      classId: memberships.classId,
      grade: classes.grade,
      letter: classes.letter,
    })
    .from(memberships)
    .innerJoin(schools, eq(schools.id, memberships.schoolId))
    .leftJoin(classes, eq(classes.id, memberships.classId))
    .where(eq(memberships.userId, userId))
    // Roles sort in the enum's order (admin, leader, teacher, student, parent): the weightiest first.
    .orderBy(asc(schools.name), asc(memberships.schoolId), asc(memberships.role));
  // The same rule POST /chats applies, asked per school of mine.
  const actor: Actor = { userId: u.id, isOperator: u.isOperator, memberships: ms.map((m) => ({ schoolId: m.schoolId, role: m.role, classId: m.classId })) };
  const schoolIds = [...new Set(ms.map((m) => m.schoolId))];
  const classList = await myClasses(db, userId);
  return {
    id: u.id,
    phone: u.phone,
    firstName: u.firstName,
    lastName: u.lastName,
    middleName: u.middleName,
    gender: u.gender,
    birthDate: u.birthDate,
    locale: u.locale === 'en' ? 'en' : 'ru',
    isOperator: u.isOperator,
    memberships: ms.map((m) => ({
      schoolId: m.schoolId,
      schoolName: m.schoolName,
      role: m.role,
      classId: m.classId,
      // «7А»: the class name the guide shows everywhere.
      className: m.grade !== null && m.letter !== null ? `${m.grade}${m.letter}` : null,
    })),
    can: { createGroupChatIn: schoolIds.filter((schoolId) => canCreateChat(actor, 'group', { schoolId })) },
    classes: classList,
  };
}

/**
 * The classes a person teaches (with their subjects there) and the class they learn in, one query: «Мои классы»
 * and «Главная» need no request per school and class.
 */
async function myClasses(db: DbOrTx, userId: string): Promise<MyClass[]> {
  const rows = await db
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      schoolName: schools.name,
      grade: classes.grade,
      letter: classes.letter,
      profile: classes.profile,
      subject: classTeachers.subject,
      studentOf: memberships.id,
    })
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .leftJoin(classTeachers, and(eq(classTeachers.classId, classes.id), eq(classTeachers.userId, userId)))
    .leftJoin(memberships, and(eq(memberships.classId, classes.id), eq(memberships.userId, userId), eq(memberships.role, 'student')))
    .where(sql`${classTeachers.userId} is not null or ${memberships.id} is not null`)
    .orderBy(asc(schools.name), asc(classes.schoolId), asc(classes.grade), asc(classes.letter), asc(classTeachers.subject));
  const byKey = new Map<string, MyClass>();
  for (const r of rows) {
    const base = { id: r.id, schoolId: r.schoolId, schoolName: r.schoolName, name: `${r.grade}${r.letter}`, profile: r.profile };
    if (r.subject !== null) {
      const key = `${r.id}|teacher`;
      const entry = byKey.get(key) ?? { ...base, role: 'teacher' as const, subjects: [] };
      if (!entry.subjects.includes(r.subject)) entry.subjects.push(r.subject);
      byKey.set(key, entry);
    }
    if (r.studentOf !== null && !byKey.has(`${r.id}|student`)) byKey.set(`${r.id}|student`, { ...base, role: 'student', subjects: [] });
  }
  return [...byKey.values()];
}
