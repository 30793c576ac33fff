import type { z } from 'zod';
import type { invite } from '@parta/contracts';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { classes, invites, schools, users } from '../../db/schema.js';
import { className } from '../schools/people.js';

export type Invite = z.infer<typeof invite>;
export type InviteRow = typeof invites.$inferSelect;

/** A link works while it is not revoked, not expired and not used up. */
export function isActive(row: Pick<InviteRow, 'revokedAt' | 'expiresAt' | 'maxUses' | 'uses'>, now: Date): boolean {
  return !row.revokedAt && (!row.expiresAt || row.expiresAt > now) && (row.maxUses === null || row.uses < row.maxUses);
}

const creator = alias(users, 'creator');

/** A school's invitation links, newest first, as «Приглашения по ссылке» lists them. */
export async function schoolInvites(db: DbOrTx, schoolId: string, now: Date, inviteId?: string): Promise<Invite[]> {
  const rows = await db
    .select({
      row: invites,
      grade: classes.grade,
      letter: classes.letter,
      creatorFirst: creator.firstName,
      creatorLast: creator.lastName,
    })
    .from(invites)
    .leftJoin(classes, eq(classes.id, invites.classId))
    .leftJoin(creator, eq(creator.id, invites.createdBy))
    .where(and(eq(invites.schoolId, schoolId), inviteId ? eq(invites.id, inviteId) : undefined))
    .orderBy(desc(invites.createdAt));
  return rows.map(({ row, grade, letter, creatorFirst, creatorLast }) => ({
    id: row.id,
    role: row.role,
    classId: row.classId,
    className: grade !== null && letter !== null ? className(grade, letter) : null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    maxUses: row.maxUses,
    uses: row.uses,
    revoked: row.revokedAt !== null,
    active: isActive(row, now),
    createdAt: row.createdAt.toISOString(),
    // The operator's links for a first administrator have no author inside the school.
    createdBy: creatorFirst !== null && creatorLast !== null ? `${creatorFirst} ${creatorLast}` : 'Оператор платформы',
  }));
}

/** The link behind a raw token, with what its page shows. */
export async function findInviteByHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ row: invites, schoolName: schools.name, grade: classes.grade, letter: classes.letter })
    .from(invites)
    .innerJoin(schools, eq(schools.id, invites.schoolId))
    .leftJoin(classes, eq(classes.id, invites.classId))
    .where(eq(invites.tokenHash, tokenHash))
    .limit(1);
  if (!row) return null;
  return {
    ...row.row,
    schoolName: row.schoolName,
    className: row.grade !== null && row.letter !== null ? className(row.grade, row.letter) : null,
  };
}

/**
 * Counts one use of an active link, atomically: the WHERE makes two people racing for the last
 * use get one success and one nothing. Returns null when the link is no longer active.
 */
export async function spendInviteUse(db: DbOrTx, inviteId: string, now: Date): Promise<InviteRow | null> {
  const [row] = await db
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(
      and(
        eq(invites.id, inviteId),
        isNull(invites.revokedAt),
        or(isNull(invites.expiresAt), gt(invites.expiresAt, now)),
        or(isNull(invites.maxUses), lt(invites.uses, invites.maxUses)),
      ),
    )
    .returning();
  return row ?? null;
}
