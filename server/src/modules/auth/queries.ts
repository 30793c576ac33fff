import type { Me } from '@parta/contracts';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, memberships, schools, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { canCreateChat } from '../../policy/authorize.js';

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
  };
}
