import type { QuestionDetail, QuestionState, QuestionSummary, Role } from '@parta/contracts';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { files } from '../../db/chatSchema.js';
import type { DbOrTx } from '../../db/client.js';
import { schools, users } from '../../db/schema.js';
import { supportMessages, supportQuestionFiles, supportQuestions } from '../../db/supportSchema.js';
import type { Actor } from '../../policy/actor.js';
import { attachmentColumns, toAttachment } from '../files/queries.js';
import { glance } from '../push/payloads.js';
import { canQuestion } from './policy.js';

export type QuestionRow = typeof supportQuestions.$inferSelect;

export async function loadQuestion(db: DbOrTx, questionId: string): Promise<QuestionRow | null> {
  const [row] = await db.select().from(supportQuestions).where(eq(supportQuestions.id, questionId)).limit(1);
  return row ?? null;
}

/** The platform's operators: they hear of every question. */
export async function operatorIds(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: users.id }).from(users).where(eq(users.isOperator, true))).map((r) => r.id);
}

const summaryColumns = {
  q: supportQuestions,
  schoolName: schools.name,
  firstName: users.firstName,
  lastName: users.lastName,
  middleName: users.middleName,
};
type SummaryRow = { q: QuestionRow; schoolName: string | null; firstName: string; lastName: string; middleName: string | null };

function toSummary(r: SummaryRow, forDesk: boolean): QuestionSummary {
  return {
    id: r.q.id,
    section: r.q.section,
    excerpt: glance(r.q.text, 140),
    state: r.q.state as QuestionState,
    createdAt: r.q.createdAt.toISOString(),
    updatedAt: r.q.updatedAt.toISOString(),
    asker: forDesk ? { id: r.q.askerId, firstName: r.firstName, lastName: r.lastName, middleName: r.middleName } : null,
    schoolName: forDesk ? r.schoolName : null,
    role: forDesk ? ((r.q.role as Role | null) ?? null) : null,
  };
}

/** Questions with their asker and school, newest change first. */
export async function questionSummaries(db: DbOrTx, where: SQL | undefined, forDesk: boolean, limit = 200): Promise<QuestionSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(supportQuestions)
    .innerJoin(users, eq(users.id, supportQuestions.askerId))
    .leftJoin(schools, eq(schools.id, supportQuestions.schoolId))
    .where(where)
    .orderBy(desc(supportQuestions.updatedAt))
    .limit(limit);
  return rows.map((r) => toSummary(r, forDesk));
}

/** One question as this viewer sees it: the desk sees who asked from where; the asker sees their own words. */
export async function questionDetail(db: DbOrTx, actor: Actor, questionId: string): Promise<QuestionDetail> {
  const [row] = await db
    .select(summaryColumns)
    .from(supportQuestions)
    .innerJoin(users, eq(users.id, supportQuestions.askerId))
    .leftJoin(schools, eq(schools.id, supportQuestions.schoolId))
    .where(eq(supportQuestions.id, questionId));
  if (!row) throw new Error('question vanished');
  const [attached, messages] = await Promise.all([
    db
      .select(attachmentColumns)
      .from(supportQuestionFiles)
      .innerJoin(files, eq(files.id, supportQuestionFiles.fileId))
      .where(eq(supportQuestionFiles.questionId, questionId))
      .orderBy(asc(supportQuestionFiles.position)),
    db
      .select()
      .from(supportMessages)
      .where(eq(supportMessages.questionId, questionId))
      .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id)),
  ]);
  const facts = { askerId: row.q.askerId, state: row.q.state };
  return {
    ...toSummary(row, actor.isOperator),
    text: row.q.text,
    files: attached.map(toAttachment),
    messages: messages.map((m) => ({ id: m.id, fromSupport: m.fromSupport, text: m.text, createdAt: m.createdAt.toISOString() })),
    device: { userAgent: row.q.userAgent, screen: row.q.screen, appVersion: row.q.appVersion },
    can: { reply: canQuestion(actor, 'reply', facts), answer: canQuestion(actor, 'answer', facts), close: canQuestion(actor, 'close', facts) },
  };
}

/** The desk's filter. */
export function deskWhere(filter: { state?: QuestionState; schoolId?: string }): SQL | undefined {
  return and(
    filter.state ? eq(supportQuestions.state, filter.state) : undefined,
    filter.schoolId ? eq(supportQuestions.schoolId, filter.schoolId) : undefined,
  );
}

/** The asker's own questions. */
export const askedBy = (userId: string): SQL => eq(supportQuestions.askerId, userId);

/** Of these file ids, those `userId` uploaded. */
export async function ownFileIdsOf(db: DbOrTx, userId: string, fileIds: string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  return (await db.select({ id: files.id }).from(files).where(and(eq(files.ownerId, userId), inArray(files.id, fileIds)))).map((r) => r.id);
}
