import { randomInt } from 'node:crypto';
import type { Role } from '@parta/contracts';
import { classes, joinRequests, schools, users } from '../db/schema.js';
import { createSession } from '../modules/auth/sessions.js';
import { insertInviteLink } from '../modules/invites/inviteLink.js';
import { grantRole } from '../modules/schools/grantRole.js';
import type { TestContext } from './testApp.js';

/** The password of every factory user. */
export const TEST_PASSWORD = 'parta-test-password';
/**
 * argon2id of TEST_PASSWORD, computed once: hashing costs ~50 ms of CPU, and a matrix test makes
 * dozens of users.
 */
const TEST_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$z2YkjsmSyxKeAv07f26GbA$jKZi0rV3rPs1x71Z/17nsdBQp3KRYV46yOHCUtU8iQg';

export type UserRow = typeof users.$inferSelect;
export type SchoolRow = typeof schools.$inferSelect;
export type ClassRow = typeof classes.$inferSelect;

const firstNames = ['Анна', 'Иван', 'Мария', 'Пётр', 'Ольга', 'Сергей', 'Елена', 'Дмитрий'];
const lastNames = ['Иванова', 'Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Новикова', 'Морозов'];

let sequence = 0;
/** A phone no other test in this process (or a parallel one, by the random part) will have. */
function uniquePhone(): string {
  sequence += 1;
  return `+7999${String(randomInt(0, 10_000)).padStart(4, '0')}${String(sequence % 1000).padStart(3, '0')}`;
}

export async function createUser(ctx: TestContext, overrides: Partial<typeof users.$inferInsert> = {}): Promise<UserRow> {
  const [row] = await ctx.deps.db
    .insert(users)
    .values({
      phone: uniquePhone(),
      passwordHash: TEST_PASSWORD_HASH,
      firstName: firstNames[sequence % firstNames.length]!,
      lastName: lastNames[sequence % lastNames.length]!,
      middleName: null,
      gender: 'female',
      birthDate: '1990-05-17',
      termsAcceptedAt: new Date(),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('createUser: nothing inserted');
  return row;
}

export async function createSchool(ctx: TestContext, overrides: Partial<typeof schools.$inferInsert> = {}): Promise<SchoolRow> {
  const [row] = await ctx.deps.db
    .insert(schools)
    .values({ name: `Школа №${randomInt(1, 100_000)}`, country: 'Россия', city: 'Москва', ...overrides })
    .returning();
  if (!row) throw new Error('createSchool: nothing inserted');
  return row;
}

export async function createClass(
  ctx: TestContext,
  school: SchoolRow,
  cls: { grade?: number; letter?: string; profile?: string | null } = {},
): Promise<ClassRow> {
  const [row] = await ctx.deps.db
    .insert(classes)
    .values({ schoolId: school.id, grade: cls.grade ?? 7, letter: cls.letter ?? 'А', profile: cls.profile ?? null })
    .returning();
  if (!row) throw new Error('createClass: nothing inserted');
  return row;
}

/** Gives a role the way the app does (grantRole), so a teacher gets subjects and classes too. */
export async function addMember(
  ctx: TestContext,
  school: SchoolRow,
  user: UserRow,
  role: Role,
  opts: { classId?: string; classIds?: string[]; subjects?: string[]; title?: string } = {},
): Promise<void> {
  await grantRole(ctx.deps.db, {
    schoolId: school.id,
    userId: user.id,
    role,
    classId: opts.classId ?? null,
    classIds: opts.classIds ?? (role === 'teacher' && opts.classId ? [opts.classId] : []),
    subjects: opts.subjects ?? (role === 'teacher' ? ['Математика'] : []),
    title: opts.title ?? null,
  });
}

/** A Cookie header value for a signed-in session of this user. */
export async function signedInCookie(ctx: TestContext, user: UserRow): Promise<string> {
  const token = await createSession({ db: ctx.deps.db, clock: ctx.deps.clock, secret: ctx.deps.secret }, user.id, 'vitest');
  return `parta_session=${token}`;
}

export interface SchoolFixture {
  school: SchoolRow;
  /** 7А */
  classA: ClassRow;
  admin: UserRow;
  teacher: UserRow;
  student: UserRow;
  cookies: { admin: string; teacher: string; student: string };
}

/**
 * A fresh school per test: its own administrator, a mathematics teacher and a student of 7А.
 * Tests that make their own school never see each other's data, so they need no cleanup.
 */
export async function freshSchool(ctx: TestContext, overrides: Partial<typeof schools.$inferInsert> = {}): Promise<SchoolFixture> {
  const school = await createSchool(ctx, overrides);
  const classA = await createClass(ctx, school, { grade: 7, letter: 'А' });
  const [admin, teacher, student] = await Promise.all([createUser(ctx), createUser(ctx), createUser(ctx)]);
  await addMember(ctx, school, admin, 'admin');
  await addMember(ctx, school, teacher, 'teacher', { classId: classA.id, subjects: ['Математика'] });
  await addMember(ctx, school, student, 'student', { classId: classA.id });
  const [a, t, s] = await Promise.all([signedInCookie(ctx, admin), signedInCookie(ctx, teacher), signedInCookie(ctx, student)]);
  return { school, classA, admin, teacher, student, cookies: { admin: a, teacher: t, student: s } };
}

/** An invitation link straight in the database; returns its raw token and id. */
export async function createInviteToken(
  ctx: TestContext,
  schoolId: string,
  createdBy: string | null,
  role: Role,
  classId: string | null,
  opts: { maxUses?: number | null; expiresInDays?: number | null } = {},
): Promise<{ token: string; inviteId: string }> {
  const { row, token } = await insertInviteLink(ctx.deps.db, ctx.deps.secret, ctx.deps.clock.now(), {
    schoolId,
    role,
    classId,
    expiresInDays: opts.expiresInDays ?? null,
    maxUses: opts.maxUses ?? null,
    createdBy,
  });
  return { token, inviteId: row.id };
}

/** A pending student's request from a new person; returns its id. */
export async function createJoinRequestRow(ctx: TestContext, schoolId: string, classId: string): Promise<string> {
  const applicant = await createUser(ctx);
  const [row] = await ctx.deps.db
    .insert(joinRequests)
    .values({ schoolId, userId: applicant.id, role: 'student', classIds: [classId] })
    .returning({ id: joinRequests.id });
  if (!row) throw new Error('join request not inserted');
  return row.id;
}
