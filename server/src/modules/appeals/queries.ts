import type { AppealDetail, AppealState, AppealSummary, AppealTopic, Role } from '@parta/contracts';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { appealFiles, appealMessages, appeals } from '../../db/appealsSchema.js';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { memberships, users } from '../../db/schema.js';
import type { Actor } from '../../policy/actor.js';
import { attachmentColumns, toAttachment } from '../files/queries.js';
import { glance } from '../push/payloads.js';
import { canAppeal, seesAuthor } from './policy.js';

export type AppealRow = typeof appeals.$inferSelect;

export async function loadAppeal(db: DbOrTx, appealId: string): Promise<AppealRow | null> {
  const [row] = await db.select().from(appeals).where(eq(appeals.id, appealId)).limit(1);
  return row ?? null;
}

/** The school's administration (admins and leaders): they hear of its appeals. */
export async function administrationOf(db: DbOrTx, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.schoolId, schoolId), inArray(memberships.role, ['admin', 'leader'])));
  return rows.map((r) => r.id);
}

type Named = { firstName: string; lastName: string; middleName: string | null };
const columns = { a: appeals, firstName: users.firstName, lastName: users.lastName, middleName: users.middleName };

/**
 * An appeal as this viewer may see it. The author of an anonymous appeal is left out here, at the one place every
 * answer about appeals is made: not their name, not their id, not their role.
 */
function toSummary(actor: Actor, r: { a: AppealRow } & Named): AppealSummary {
  const named = seesAuthor(actor, r.a);
  return {
    id: r.a.id,
    schoolId: r.a.schoolId,
    topic: r.a.topic as AppealTopic,
    state: r.a.state as AppealState,
    excerpt: glance(r.a.text, 140),
    anonymous: r.a.anonymous,
    author: named ? { id: r.a.authorId, firstName: r.firstName, lastName: r.lastName, middleName: r.middleName } : null,
    authorRole: named ? (r.a.authorRole as Role) : null,
    createdAt: r.a.createdAt.toISOString(),
    updatedAt: r.a.updatedAt.toISOString(),
  };
}

export async function appealSummaries(db: DbOrTx, actor: Actor, where: SQL | undefined): Promise<AppealSummary[]> {
  const rows = await db
    .select(columns)
    .from(appeals)
    .innerJoin(users, eq(users.id, appeals.authorId))
    .where(where)
    .orderBy(desc(appeals.updatedAt))
    .limit(300);
  return rows.map((r) => toSummary(actor, r));
}

export async function appealDetail(db: DbOrTx, actor: Actor, appealId: string): Promise<AppealDetail> {
  const [row] = await db.select(columns).from(appeals).innerJoin(users, eq(users.id, appeals.authorId)).where(eq(appeals.id, appealId));
  if (!row) throw new Error('appeal vanished');
  const [attached, messages] = await Promise.all([
    db
      .select(attachmentColumns)
      .from(appealFiles)
      .innerJoin(files, eq(files.id, appealFiles.fileId))
      .where(eq(appealFiles.appealId, appealId))
      .orderBy(asc(appealFiles.position)),
    db
      .select({ m: appealMessages, firstName: users.firstName, lastName: users.lastName, middleName: users.middleName })
      .from(appealMessages)
      .leftJoin(users, eq(users.id, appealMessages.authorId))
      .where(eq(appealMessages.appealId, appealId))
      .orderBy(asc(appealMessages.createdAt), asc(appealMessages.id)),
  ]);
  const facts = { schoolId: row.a.schoolId, authorId: row.a.authorId, state: row.a.state };
  return {
    ...toSummary(actor, row),
    text: row.a.text,
    files: attached.map(toAttachment),
    messages: messages.map(({ m, ...n }) => ({
      id: m.id,
      fromSchool: m.fromSchool,
      // The administration answers by name; the author's own lines never carry who they are.
      by: m.fromSchool && m.authorId && n.firstName !== null
        ? { id: m.authorId, firstName: n.firstName, lastName: n.lastName ?? '', middleName: n.middleName }
        : null,
      text: m.text,
      createdAt: m.createdAt.toISOString(),
    })),
    mine: row.a.authorId === actor.userId,
    can: {
      take: canAppeal(actor, 'take', facts),
      answer: canAppeal(actor, 'answer', facts),
      reply: canAppeal(actor, 'reply', facts),
      close: canAppeal(actor, 'close', facts),
    },
  };
}

/** Of these file ids, those `userId` uploaded. */
export async function ownFileIdsOf(db: DbOrTx, userId: string, fileIds: string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  return (await db.select({ id: files.id }).from(files).where(and(eq(files.ownerId, userId), inArray(files.id, fileIds)))).map((r) => r.id);
}
