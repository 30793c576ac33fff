import type { JoinRequest } from '@parta/contracts';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { classes, joinRequests, schools, users } from '../../db/schema.js';
import { className } from '../schools/people.js';

export type JoinRequestRow = typeof joinRequests.$inferSelect;

/** Join requests as people see them: with the school's name, the applicant and class names. */
export async function loadJoinRequests(db: DbOrTx, where: SQL | undefined): Promise<JoinRequest[]> {
  const rows = await db
    .select({
      r: joinRequests,
      schoolName: schools.name,
      firstName: users.firstName,
      lastName: users.lastName,
      middleName: users.middleName,
    })
    .from(joinRequests)
    .innerJoin(schools, eq(schools.id, joinRequests.schoolId))
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(where)
    .orderBy(desc(joinRequests.createdAt), asc(joinRequests.id));
  const classIds = [...new Set(rows.flatMap((x) => x.r.classIds))];
  const childIds = [...new Set(rows.flatMap((x) => x.r.childIds))];
  const kids = new Map<string, JoinRequest['children'][number]>();
  if (childIds.length > 0) {
    const found = await db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, gender: users.gender })
      .from(users)
      .where(inArray(users.id, childIds));
    for (const k of found) kids.set(k.id, k);
  }
  const names = new Map<string, string>();
  if (classIds.length > 0) {
    const cls = await db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes).where(inArray(classes.id, classIds));
    for (const c of cls) names.set(c.id, className(c.grade, c.letter));
  }
  return rows.map(({ r, schoolName, firstName, lastName, middleName }) => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName,
    applicant: { id: r.userId, firstName, lastName, middleName },
    // The table's role column is the school role enum; createJoinRequest lets in only request roles.
    role: r.role as JoinRequest['role'],
    // A class deleted since the request was made drops out of the list.
    classes: r.classIds.flatMap((id) => {
      const name = names.get(id);
      return name ? [{ id, name }] : [];
    }),
    subjects: r.subjects,
    children: r.childIds.flatMap((id) => {
      const kid = kids.get(id);
      return kid ? [kid] : [];
    }),
    comment: r.comment,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    rejectReason: r.status === 'rejected' ? r.rejectReason : null,
  }));
}

export async function loadJoinRequest(db: DbOrTx, requestId: string): Promise<JoinRequest | null> {
  const [row] = await loadJoinRequests(db, eq(joinRequests.id, requestId));
  return row ?? null;
}

export async function findJoinRequestRow(db: DbOrTx, requestId: string): Promise<JoinRequestRow | null> {
  const [row] = await db.select().from(joinRequests).where(eq(joinRequests.id, requestId)).limit(1);
  return row ?? null;
}

export function pendingOf(schoolId: string, userId: string): SQL | undefined {
  return and(eq(joinRequests.schoolId, schoolId), eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending'));
}
